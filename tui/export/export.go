package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	dataexport "storydesk/data/export"
	"storydesk/model"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Store is what an export reads: the annotation store (the root adapts
// its store to it: dataexport.Write reads any store.Store).
type Store interface {
	// Statuses is every stored article's status, for the bar's total.
	Statuses(ctx context.Context) (map[string]model.Status, error)
	// Export writes the store out as opts says (dataexport.Write).
	Export(ctx context.Context, opts dataexport.Options) (dataexport.Stats, error)
}

// Queue is the session's write queue: an export waits for it to drain.
type Queue interface{ Pending() bool }

// Deps is what the export needs from the rest of the reader.
type Deps struct {
	Ctx  *ui.Context
	Host ui.Host
	// Store is nil when the reader's store is not the annotation database
	// (ctrl+e then says so).
	Store Store
	Queue Queue
	// Corpus is the corpus on screen, nil when the reader shows something
	// else (a store opened on its own): all articles reads its files.
	Corpus *corpus.Corpus
	// Dir is where default names go.
	Dir string
}

// DefaultDir is where default export names go: the corpus root's
// .storydesk/exports, else the store's folder (the sample corpus, stdin, a
// store opened on its own), or the working directory for a store on a
// server (server), which names no folder. Absolute, to say which folder.
func DefaultDir(c *corpus.Corpus, storePath string, server bool) string {
	if c != nil && c.Root != "" && !c.Sample {
		return filepath.Join(c.Root, ".storydesk", "exports")
	}
	if server {
		if wd, err := os.Getwd(); err == nil {
			return wd
		}
		return "."
	}
	dir := filepath.Dir(storePath)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs // "--db x.db" names no folder: say which one
	}
	return dir
}

// Feature is the export menu and the running export.
type Feature struct {
	Deps
	last    *Menu // the choices of the last export, to start from
	waiting *job  // accepted, waiting for the write queue to drain
	running bool
	done    int
	total   int
	cancel  context.CancelFunc
	stopped bool // the reader is quitting: nothing more starts
}

// job is one accepted export.
type job struct {
	format, out string
	onlyDone    bool
	corpus      *corpus.Corpus // set with all articles
}

type (
	progressMsg struct {
		done, total int
		ch          <-chan tea.Msg
	}
	doneMsg struct {
		job   job
		stats dataexport.Stats
		err   error
	}
)

// New builds the export feature.
func New(d Deps) *Feature { return &Feature{Deps: d} }

// GlobalKey opens the menu (ctrl+e) from any screen that leaves the key
// unhandled, with the last export's choices.
func (f *Feature) GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !key.Matches(msg, f.Ctx.Keys.Export) {
		return nil, false
	}
	switch {
	case f.Store == nil:
		f.Host.Report(ui.Info("Export needs the annotation database"))
		return nil, true
	case f.running || f.waiting != nil:
		f.Host.Report(ui.Info("An export is already running"))
		return nil, true
	}
	return f.Host.Push(f.newMenu()), true
}

// accept takes the menu's choices: the export starts once the write queue
// has drained.
func (f *Feature) accept(p *Menu) tea.Cmd {
	j := &job{format: p.format, out: filepath.Clean(p.path()), onlyDone: p.onlyDone}
	if p.all {
		j.corpus = f.Corpus
	}
	f.last = p
	f.waiting = j
	f.done, f.total = 0, 0
	return f.Sync()
}

// Sync starts an accepted export once every queued write is saved: exports
// read the store, so what is still in the queue would be missing.
func (f *Feature) Sync() tea.Cmd {
	j := f.waiting
	if j == nil || f.Queue.Pending() || f.stopped {
		return nil
	}
	f.waiting = nil
	f.running = true
	st := f.Store
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	ch := make(chan tea.Msg, 1)
	go func() {
		defer close(ch)
		defer cancel()
		total := exportTotal(ctx, st, *j)
		if !dataexport.ToDir(j.format) {
			// The exporter makes a format's directory but not a file's
			// parent; the default .storydesk/exports may not exist yet.
			if err := os.MkdirAll(filepath.Dir(j.out), 0o755); err != nil {
				ch <- doneMsg{job: *j, err: err}
				return
			}
		}
		stats, err := st.Export(ctx, dataexport.Options{
			Format: j.format, Out: j.out, OnlyDone: j.onlyDone,
			Corpus: j.corpus, AllArticles: j.corpus != nil,
			Progress: func(done int) {
				// Drop a count the screen has not taken yet: the next
				// one supersedes it.
				select {
				case ch <- progressMsg{done: done, total: total}:
				default:
				}
			},
		})
		ch <- doneMsg{job: *j, stats: stats, err: err}
	}()
	return wait(ch)
}

// exportTotal is how many articles the export will write, for the bar: the
// stored ones (the done ones with only done), or the corpus's with all
// articles (an upper bound with only done too).
func exportTotal(ctx context.Context, st Store, j job) int {
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

// wait reads the export's next message: progress comes one at a time, so
// a large export never floods the update loop.
func wait(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		if p, ok := msg.(progressMsg); ok {
			p.ch = ch
			return p
		}
		return msg
	}
}

// Update takes the export's progress and its end; other messages are not
// its own.
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case progressMsg:
		f.done, f.total = msg.done, max(msg.total, msg.done)
		return wait(msg.ch)
	case doneMsg:
		f.running = false
		f.cancel = nil
		if msg.err != nil {
			f.Host.Report(ui.Fail("Export failed: "+msg.err.Error(), msg.err))
			return nil
		}
		f.Host.Report(ui.Info(doneText(msg.job, msg.stats)))
	}
	return nil
}

// doneText says what an export wrote and where.
func doneText(j job, s dataexport.Stats) string {
	out := j.out
	if dataexport.ToDir(j.format) {
		out += string(filepath.Separator)
	}
	var which []string
	if j.onlyDone {
		which = append(which, "done only")
	}
	if j.corpus != nil {
		which = append(which, "unannotated too")
	}
	text := fmt.Sprintf("Exported %s article%s (%s span%s, %s quote%s) to %s",
		ui.Commas(s.Articles), ui.Plural(s.Articles), ui.Commas(s.Spans), ui.Plural(s.Spans), ui.Commas(s.Quotes), ui.Plural(s.Quotes), out)
	if len(which) > 0 {
		text += " — " + strings.Join(which, ", ")
	}
	if s.Skipped > 0 {
		text += fmt.Sprintf("; %s unreadable article%s skipped", ui.Commas(s.Skipped), ui.Plural(s.Skipped))
	}
	return text
}

// Status is the status bar's export segment: the bar and count while an
// export runs.
func (f *Feature) Status(info *widgets.StatusInfo) {
	switch {
	case f.running:
		info.Export = "exporting"
		info.ExportDone, info.ExportTotal = f.done, f.total
	case f.waiting != nil:
		info.Export = "saving, then exporting"
	}
}

// Stop drops an export waiting for the queue and cancels a running one (on
// quit): the exporter writes under temporary names, so a cancelled export
// leaves no partial file under the final name.
func (f *Feature) Stop() {
	f.stopped = true
	f.waiting = nil
	if f.cancel != nil {
		f.cancel()
	}
}
