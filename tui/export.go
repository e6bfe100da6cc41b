package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data"
	"storydesk/model"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Export from the reader (ctrl+e): a menu in the status bar, keyboard-first
// like lazygit's, with the options the command line has — format (f/tab),
// destination (o to edit; a default under the corpus's .storydesk/exports,
// or beside the store for the sample corpus, stdin and a store opened on its
// own), only done (d), and, over a corpus, all articles (a: the corpus's
// articles not annotated yet too). The short help lists every key. Enter
// exports. The export runs in a tea.Cmd goroutine with data.Export, after
// the write queue has drained, and reports progress through a channel the
// update loop reads one message at a time, so a large corpus never blocks
// the screen. The choices are kept for the next ctrl+e.

// exportState is the menu and the running export.
type exportState struct {
	prompt  *exportPrompt
	last    *exportPrompt // the choices of the last export, to start from
	waiting *exportJob    // accepted, waiting for the write queue to drain
	running bool
	done    int
	total   int
	cancel  context.CancelFunc
}

// exportPrompt is the export menu. input holds the destination; it takes
// keys only while editing (o), but a paste lands in it at any time.
type exportPrompt struct {
	input    widgets.TextInput
	dir      string // where default names go
	format   string
	onlyDone bool
	all      bool
	canAll   bool   // the reader shows a corpus: --all-articles has a meaning
	editing  bool   // the destination field has the keys
	before   string // the destination when editing began, for esc
}

// exportJob is one accepted export.
type exportJob struct {
	format, out string
	onlyDone    bool
	corpus      *data.Corpus // set with all articles
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
	exportFormatKey = key.NewBinding(key.WithKeys("f", "tab"), key.WithHelp("f/F", "format"))
	exportFormatBk  = key.NewBinding(key.WithKeys("F", "shift+tab"), key.WithHelp("F", "format back"))
	exportEditKey   = key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "edit path"))
	exportDoneKey   = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "only done"))
	exportAllKey    = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "all articles"))
	exportAccept    = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "export what is saved"))
	exportCancel    = key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "cancel"))
	exportKeepPath  = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep path"))
	exportUndoPath  = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
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
	s, _ := m.sess.Store().(*data.SQLiteStore)
	return s
}

// exportCorpus is the corpus on screen, when it is one (not a store opened
// on its own, nor a test source): --all-articles reads its files.
func (m *Model) exportCorpus() *data.Corpus {
	if cs, ok := m.src.(*corpusSource); ok {
		return cs.c
	}
	return nil
}

// exportDir is where default export names go: the corpus root's
// .storydesk/exports, or the store's directory for the sample and stdin.
func (m *Model) exportDir(st *data.SQLiteStore) string {
	if c := m.exportCorpus(); c != nil && c.Root != "" && !c.Sample {
		return filepath.Join(c.Root, ".storydesk", "exports")
	}
	dir := filepath.Dir(st.Path())
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs // "--db x.db" names no folder: say which one
	}
	return dir
}

// openExport opens the export menu, with the last export's choices.
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
	p := &exportPrompt{dir: m.exportDir(st), format: data.FormatJSONL, canAll: m.exportCorpus() != nil}
	p.input = widgets.NewTextInput(m.c.Keys.Input, "Export to: ")
	p.input.SetWidth(max(1, m.c.Width-len(p.input.Prompt())-1))
	p.input.SetValue(filepath.Join(p.dir, exportDefaultName(p.format)))
	if l := m.exp.last; l != nil {
		p.format, p.onlyDone, p.all = l.format, l.onlyDone, l.all && p.canAll
		p.input.SetValue(l.input.Value())
	}
	m.exp.prompt = p
	return nil
}

// path is the destination as typed, "~/" expanded to the home directory.
func (p *exportPrompt) path() string {
	path := strings.TrimSpace(p.input.Value())
	if strings.HasPrefix(path, "~"+string(filepath.Separator)) {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, path[2:])
		}
	}
	return path
}

// cycle moves to the next (step 1) or previous (-1) format, swapping a
// default file name for the new format's; a name the user typed stays.
func (p *exportPrompt) cycle(step int) {
	n := len(data.ExportFormats)
	i := slices.Index(data.ExportFormats, p.format)
	next := data.ExportFormats[((i+step)%n+n)%n]
	typed := strings.TrimSpace(p.input.Value())
	switch {
	case typed == "":
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
	p.format = next
	p.input.SetValue(typed)
}

func (p *exportPrompt) ShortHelp() []key.Binding {
	if p.editing {
		return []key.Binding{exportKeepPath, exportUndoPath}
	}
	b := []key.Binding{exportAccept, exportFormatKey, exportEditKey, exportDoneKey}
	if p.canAll {
		b = append(b, exportAllKey)
	}
	return append(b, exportCancel)
}

// exportPromptKey runs the menu: its letters change the options, o edits
// the destination, enter starts the export.
func (m *Model) exportPromptKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.exp.prompt
	if p.editing {
		switch {
		case key.Matches(msg, exportKeepPath):
			p.editing = false
		case key.Matches(msg, exportUndoPath):
			p.editing = false
			p.input.SetValue(p.before)
		default:
			p.input.Update(msg)
		}
		return nil
	}
	switch {
	case key.Matches(msg, exportCancel):
		m.exp.prompt = nil
		m.message = "Export cancelled"
	case key.Matches(msg, exportFormatKey):
		p.cycle(1)
	case key.Matches(msg, exportFormatBk):
		p.cycle(-1)
	case key.Matches(msg, exportEditKey):
		p.editing, p.before = true, p.input.Value()
	case key.Matches(msg, exportDoneKey):
		p.onlyDone = !p.onlyDone
	case key.Matches(msg, exportAllKey):
		if !p.canAll {
			m.message = "Every article the store holds is exported: there are no others"
			return nil
		}
		p.all = !p.all
	case key.Matches(msg, exportAccept):
		path := p.path()
		if path == "" || path == "-" {
			m.message = "Give a path to export to (o edits it)"
			return nil
		}
		job := &exportJob{format: p.format, out: filepath.Clean(path), onlyDone: p.onlyDone}
		if p.all {
			job.corpus = m.exportCorpus()
		}
		m.exp.last, m.exp.prompt = p, nil
		m.exp.waiting = job
		m.exp.done, m.exp.total = 0, 0
		return m.syncExport()
	}
	return nil
}

// syncExport starts an accepted export once every queued write is saved:
// exports read the store, so what is still in the queue would be missing.
func (m *Model) syncExport() tea.Cmd {
	j := m.exp.waiting
	if j == nil || m.sess == nil || m.sess.Pending() || m.quitting {
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
		total := exportTotal(ctx, st, *j)
		if !data.ExportToDir(j.format) {
			// The exporter makes a format's directory but not a file's
			// parent; the default .storydesk/exports may not exist yet.
			if err := os.MkdirAll(filepath.Dir(j.out), 0o755); err != nil {
				ch <- exportDoneMsg{job: *j, err: err}
				return
			}
		}
		stats, err := data.Export(ctx, st, data.ExportOptions{
			Format: j.format, Out: j.out, OnlyDone: j.onlyDone,
			Corpus: j.corpus, AllArticles: j.corpus != nil,
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

// exportTotal is how many articles the export will write, for the bar: the
// stored ones (the done ones with only done), or the corpus's with all
// articles (an upper bound with only done too).
func exportTotal(ctx context.Context, st *data.SQLiteStore, j exportJob) int {
	if j.corpus != nil {
		return len(j.corpus.Items)
	}
	statuses, err := st.Statuses(ctx)
	if err != nil {
		return 0
	}
	if !j.onlyDone {
		return len(statuses)
	}
	n := 0
	for _, s := range statuses {
		if s == model.StatusDone {
			n++
		}
	}
	return n
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
			m.fail("Export failed: "+msg.err.Error(), msg.err)
			return nil, true
		}
		s := msg.stats
		out := msg.job.out
		if data.ExportToDir(msg.job.format) {
			out += string(filepath.Separator)
		}
		var which []string
		if msg.job.onlyDone {
			which = append(which, "done only")
		}
		if msg.job.corpus != nil {
			which = append(which, "unannotated too")
		}
		m.message = fmt.Sprintf("Exported %s article%s (%s span%s, %s quote%s) to %s",
			ui.Commas(s.Articles), ui.Plural(s.Articles), ui.Commas(s.Spans), ui.Plural(s.Spans), ui.Commas(s.Quotes), ui.Plural(s.Quotes), out)
		if len(which) > 0 {
			m.message += " — " + strings.Join(which, ", ")
		}
		if s.Skipped > 0 {
			m.message += fmt.Sprintf("; %s unreadable article%s skipped", ui.Commas(s.Skipped), ui.Plural(s.Skipped))
		}
		return nil, true
	}
	return nil, false
}

// exportStatus is the status bar's export segment: the bar and count while
// an export runs.
func (m *Model) exportStatus(info *widgets.StatusInfo) {
	switch {
	case m.exp.running:
		info.Export = "exporting"
		info.ExportDone, info.ExportTotal = m.exp.done, m.exp.total
	case m.exp.waiting != nil:
		info.Export = "saving, then exporting"
	}
}

// exportPromptView is the menu, drawn in place of the status bar: every
// option with its key, the current format highlighted among the others when
// there is room, the destination shortened from the left to fit.
func (m *Model) exportPromptView(w int) string {
	p := m.exp.prompt
	st := m.c.Styles
	if p.editing {
		hint := ""
		if m.helpH() == 0 { // no help row to say it
			hint = st.P.RowDim.Render("  enter keep · esc back")
		}
		return ui.Fit(p.input.View(st.FilterPrompt.Render)+hint, w)
	}
	k := st.P.FilterPrompt.Render
	val := st.P.StatusBar.Render
	dim := st.P.RowDim.Render
	check := func(on bool) string {
		if on {
			return "[x]"
		}
		return "[ ]"
	}
	var formats []string
	for _, f := range data.ExportFormats {
		if f == p.format {
			formats = append(formats, st.P.RowSelected.Render(" "+f+" "))
		} else {
			formats = append(formats, dim(" "+f+" "))
		}
	}
	head := k("Export") + "  " + k("f") + " "
	opts := "  " + k("d") + " " + val(check(p.onlyDone)+" only done")
	if p.canAll {
		opts += "  " + k("a") + " " + val(check(p.all)+" all articles")
	}
	pathLead := "  " + k("o") + " "
	dest := p.input.Value()
	if data.ExportToDir(p.format) && !strings.HasSuffix(dest, string(filepath.Separator)) {
		dest += string(filepath.Separator) // a directory: say so
	}
	// Every format when the destination keeps 24 cells; else the current one.
	fmts := strings.Join(formats, "")
	if w-ui.TextWidth(head+fmts+pathLead+opts) < 24 {
		fmts = st.P.RowSelected.Render(" " + p.format + " ")
	}
	room := w - ui.TextWidth(head+fmts+pathLead+opts)
	return ui.Fit(head+fmts+pathLead+val(ui.TruncLeft(dest, max(room, 8)))+opts, w)
}

// exportCursor puts the terminal cursor in the destination field while it
// is edited (the status bar row); the menu itself shows none.
func (m *Model) exportCursor() *tea.Cursor {
	if !m.exp.prompt.editing {
		return nil
	}
	x := m.exp.prompt.input.CursorX()
	if x >= m.c.Width {
		return nil
	}
	return tea.NewCursor(x, m.c.Height-m.helpH()-1)
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
