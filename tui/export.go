package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data"
)

// Export from the reader (ctrl+e): a one-line prompt "FORMAT PATH" in the
// status bar, prefilled with a default under the corpus's .storydesk/exports
// (or beside the store for the sample corpus and stdin). The export runs in a
// tea.Cmd goroutine with data.Export, after the write queue has drained, and
// reports progress through a channel the update loop reads one message at a
// time, so a large corpus never blocks the screen.

// exportState is the prompt and the running export.
type exportState struct {
	prompt  *exportPrompt
	waiting *exportJob // accepted, waiting for the write queue to drain
	running bool
	done    int
	total   int
	cancel  context.CancelFunc
}

type exportPrompt struct {
	input lineInput
	dir   string // where default names go
}

// exportJob is one accepted export.
type exportJob struct {
	format, out string
}

type (
	exportProgressMsg struct {
		done, total int
		ch          <-chan tea.Msg
	}
	exportDoneMsg struct {
		job   exportJob
		stats data.ExportStats
		err   error
	}
)

var (
	exportCycle  = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next format"))
	exportAccept = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "export what is saved"))
	exportCancel = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
)

// exportDefaultName is each format's file (or directory, with a slash) name.
func exportDefaultName(format string) string {
	switch format {
	case data.FormatJSONL:
		return "annotations.jsonl"
	case data.FormatCoNLL:
		return "annotations.conll"
	case data.FormatW3C:
		return "annotations.w3c.json"
	}
	return format + string(filepath.Separator) // brat/, csv/: directories
}

// exportStore is the SQLite store behind the session; exports need it.
func (m *Model) exportStore() *data.SQLiteStore {
	if m.sess == nil {
		return nil
	}
	s, _ := m.sess.st.(*data.SQLiteStore)
	return s
}

// exportDir is where default export names go: the corpus root's
// .storydesk/exports, or the store's directory for the sample and stdin.
func (m *Model) exportDir(st *data.SQLiteStore) string {
	if cs, ok := m.src.(*corpusSource); ok && cs.c.Root != "" && !cs.c.Sample {
		return filepath.Join(cs.c.Root, ".storydesk", "exports")
	}
	return filepath.Dir(st.Path())
}

// openExport opens the export prompt.
func (m *Model) openExport() tea.Cmd {
	if !m.needStore() {
		return nil
	}
	st := m.exportStore()
	if st == nil {
		m.message = "Export needs the annotation database"
		return nil
	}
	if m.exp.running || m.exp.waiting != nil {
		m.message = "An export is already running"
		return nil
	}
	p := &exportPrompt{dir: m.exportDir(st)}
	p.input = lineInput{keys: m.c.keys.Input, prompt: "Export: "}
	p.input.SetWidth(max(1, m.c.width-len(p.input.prompt)-1))
	p.input.SetValue(data.FormatJSONL + " " + filepath.Join(p.dir, exportDefaultName(data.FormatJSONL)))
	m.exp.prompt = p
	return nil
}

// parse splits the input into format and path ("~/" is the home directory).
func (p *exportPrompt) parse() (format, path string) {
	v := strings.TrimSpace(p.input.Value())
	format, path, _ = strings.Cut(v, " ")
	path = strings.TrimSpace(path)
	if strings.HasPrefix(path, "~"+string(filepath.Separator)) {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, path[2:])
		}
	}
	return strings.ToLower(format), path
}

// cycle moves to the next format, swapping a default file name for the new
// format's; a name the user typed stays.
func (p *exportPrompt) cycle() {
	format, path := p.parse()
	next := data.ExportFormats[0]
	for i, f := range data.ExportFormats {
		if f == format {
			next = data.ExportFormats[(i+1)%len(data.ExportFormats)]
		}
	}
	raw := strings.TrimSpace(p.input.Value())
	_, typed, _ := strings.Cut(raw, " ")
	typed = strings.TrimSpace(typed)
	switch {
	case path == "":
		typed = filepath.Join(p.dir, exportDefaultName(next))
	default:
		dir, base := filepath.Split(strings.TrimRight(typed, string(filepath.Separator)))
		for _, f := range data.ExportFormats {
			if base == strings.TrimRight(exportDefaultName(f), string(filepath.Separator)) {
				typed = dir + exportDefaultName(next)
				break
			}
		}
	}
	p.input.SetValue(next + " " + typed)
}

func (p *exportPrompt) ShortHelp() []key.Binding {
	return []key.Binding{exportCycle, exportAccept, exportCancel}
}

// exportPromptKey edits the prompt; enter starts the export.
func (m *Model) exportPromptKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.exp.prompt
	switch {
	case key.Matches(msg, exportCancel):
		m.exp.prompt = nil
		m.message = "Export cancelled"
		return nil
	case key.Matches(msg, exportCycle):
		p.cycle()
		return nil
	case key.Matches(msg, exportAccept):
		format, path := p.parse()
		known := false
		for _, f := range data.ExportFormats {
			known = known || f == format
		}
		switch {
		case !known:
			m.message = fmt.Sprintf("Unknown format %q: one of %s (tab cycles)", format, strings.Join(data.ExportFormats, ", "))
			return nil
		case path == "" || path == "-":
			m.message = "Give a path to export to"
			return nil
		}
		m.exp.prompt = nil
		m.exp.waiting = &exportJob{format: format, out: filepath.Clean(path)}
		m.exp.done, m.exp.total = 0, 0
		return m.syncExport()
	}
	p.input.Update(msg)
	return nil
}

// syncExport starts an accepted export once every queued write is saved:
// exports read the store, so what is still in the queue would be missing.
func (m *Model) syncExport() tea.Cmd {
	j := m.exp.waiting
	if j == nil || m.sess == nil || m.sess.pending() || m.quitting {
		return nil
	}
	m.exp.waiting = nil
	m.exp.running = true
	st := m.exportStore()
	ctx, cancel := context.WithCancel(context.Background())
	m.exp.cancel = cancel
	ch := make(chan tea.Msg, 1)
	go func() {
		defer close(ch)
		defer cancel()
		total := 0
		if s, err := st.Statuses(ctx); err == nil {
			total = len(s)
		}
		if !data.ExportToDir(j.format) {
			// The exporter makes a format's directory but not a file's
			// parent; the default .storydesk/exports may not exist yet.
			if err := os.MkdirAll(filepath.Dir(j.out), 0o755); err != nil {
				ch <- exportDoneMsg{job: *j, err: err}
				return
			}
		}
		stats, err := data.Export(ctx, st, data.ExportOptions{
			Format: j.format, Out: j.out,
			Progress: func(done int) {
				// Drop a count the screen has not taken yet: the next
				// one supersedes it.
				select {
				case ch <- exportProgressMsg{done: done, total: total}:
				default:
				}
			},
		})
		ch <- exportDoneMsg{job: *j, stats: stats, err: err}
	}()
	return waitExport(ch)
}

func waitExport(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		if p, ok := msg.(exportProgressMsg); ok {
			p.ch = ch
			return p
		}
		return msg
	}
}

// updateExport handles the export's messages.
func (m *Model) updateExport(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case exportProgressMsg:
		m.exp.done, m.exp.total = msg.done, max(msg.total, msg.done)
		return waitExport(msg.ch), true
	case exportDoneMsg:
		m.exp.running = false
		m.exp.cancel = nil
		if msg.err != nil {
			m.message = "Export failed: " + msg.err.Error()
			return nil, true
		}
		s := msg.stats
		out := msg.job.out
		if data.ExportToDir(msg.job.format) {
			out += string(filepath.Separator)
		}
		m.message = fmt.Sprintf("Exported %s article%s (%s span%s, %s quote%s) to %s",
			commas(s.Articles), plural(s.Articles), commas(s.Spans), plural(s.Spans), commas(s.Quotes), plural(s.Quotes), out)
		return nil, true
	}
	return nil, false
}

// exportStatus is the status bar's export segment: the bar and count while
// an export runs.
func (m *Model) exportStatus(info *statusInfo) {
	switch {
	case m.exp.running:
		info.export = "exporting"
		info.exportDone, info.exportTotal = m.exp.done, m.exp.total
	case m.exp.waiting != nil:
		info.export = "saving, then exporting"
	}
}

// exportPromptView is the prompt, drawn in place of the status bar.
func (m *Model) exportPromptView(w int) string {
	st := m.c.styles
	return fit(m.exp.prompt.input.View(st.FilterPrompt.Render)+st.p.rowDim.render("  tab: format"), w)
}

// exportCursor puts the terminal cursor in the prompt (the status bar row).
func (m *Model) exportCursor() *tea.Cursor {
	x := m.exp.prompt.input.cursorX()
	if x >= m.c.width {
		return nil
	}
	return tea.NewCursor(x, m.c.height-m.helpH()-1)
}

// stopExport drops an export waiting for the queue and cancels a running
// one (on quit): the exporter writes under temporary names, so a cancelled
// export leaves no partial file under the final name.
func (m *Model) stopExport() {
	m.exp.waiting = nil
	if m.exp.cancel != nil {
		m.exp.cancel()
	}
}
