package export_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"storydesk/data/corpus"
	dataexport "storydesk/data/export"
	"storydesk/model"
	"storydesk/tui/export"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// fakeHost is the root as the export sees it: a stack and a status line.
type fakeHost struct {
	ctx     *ui.Context
	stack   []ui.Screen
	reports []ui.Status
}

// bodyH is the root's body height: the status bar, and the help line from
// 12 rows on, are below it.
func (h *fakeHost) bodyH() int {
	n := h.ctx.Height - 1
	if h.ctx.Height >= 12 {
		n--
	}
	return n
}

func (h *fakeHost) Push(s ui.Screen) tea.Cmd {
	h.stack = append(h.stack, s)
	return s.SetSize(h.ctx.Width, h.bodyH())
}

func (h *fakeHost) Pop(s ui.Screen) {
	for i := len(h.stack) - 1; i >= 0; i-- {
		if h.stack[i] == s {
			h.stack = h.stack[:i]
			return
		}
	}
}

func (h *fakeHost) Top() ui.Screen {
	if len(h.stack) == 0 {
		return nil
	}
	return h.stack[len(h.stack)-1]
}

func (h *fakeHost) Report(s ui.Status) { h.reports = append(h.reports, s) }

// said is the last status message ("" for none).
func (h *fakeHost) said() string {
	if len(h.reports) == 0 {
		return ""
	}
	return h.reports[len(h.reports)-1].Text
}

// fakeStore records each export and reports the progress it is told to.
type fakeStore struct {
	statuses map[string]model.Status
	progress []int
	stats    dataexport.Stats
	err      error
	block    bool // wait for the export to be cancelled

	mu  sync.Mutex
	got []dataexport.Options
}

func (s *fakeStore) Statuses(context.Context) (map[string]model.Status, error) {
	return s.statuses, nil
}

func (s *fakeStore) Export(ctx context.Context, opts dataexport.Options) (dataexport.Stats, error) {
	s.mu.Lock()
	s.got = append(s.got, opts)
	s.mu.Unlock()
	for _, n := range s.progress {
		opts.Progress(n)
	}
	if s.block {
		<-ctx.Done()
		return dataexport.Stats{}, ctx.Err()
	}
	return s.stats, s.err
}

func (s *fakeStore) exports() []dataexport.Options {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]dataexport.Options(nil), s.got...)
}

type fakeQueue struct{ pending bool }

func (q *fakeQueue) Pending() bool { return q.pending }

type fixture struct {
	t     *testing.T
	f     *export.Feature
	host  *fakeHost
	store *fakeStore
	queue *fakeQueue
	dir   string
}

// newFixture is the export over a fake store of three articles, one done,
// at w×h, with default names in a temporary directory.
func newFixture(t *testing.T, w, h int, corpus *corpus.Corpus) *fixture {
	t.Helper()
	c := &ui.Context{Width: w, Height: h, IsDark: true, NoColor: true, Keys: ui.DefaultKeyMap()}
	c.Restyle(true)
	fx := &fixture{
		t:    t,
		host: &fakeHost{ctx: c},
		store: &fakeStore{
			statuses: map[string]model.Status{"a.txt": model.StatusNew, "b.txt": model.StatusDone, "c.txt": model.StatusNew},
			stats:    dataexport.Stats{Articles: 1, Spans: 1},
		},
		queue: &fakeQueue{},
		dir:   t.TempDir(),
	}
	fx.f = export.New(export.Deps{Ctx: c, Host: fx.host, Store: fx.store, Queue: fx.queue, Corpus: corpus, Dir: fx.dir})
	return fx
}

var ctrlE = keytest.Key("ctrl+e")

// run runs cmd and every command that follows, feeding each message to
// the feature (and syncing it after each, as the root does).
func (fx *fixture) run(cmd tea.Cmd) {
	fx.t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			queue = append(queue, fx.f.Update(msg), fx.f.Sync())
		}
	}
}

// open presses ctrl+e and returns the menu.
func (fx *fixture) open() *export.Menu {
	fx.t.Helper()
	cmd, ok := fx.f.GlobalKey(ctrlE)
	if !ok {
		fx.t.Fatal("ctrl+e not taken")
	}
	fx.run(cmd)
	m, ok := fx.host.Top().(*export.Menu)
	if !ok {
		fx.t.Fatalf("ctrl+e opened no menu: %q", fx.host.said())
	}
	return m
}

// press sends keys to the screen on top, running what they start.
func (fx *fixture) press(keys ...string) {
	fx.t.Helper()
	for _, k := range keys {
		top := fx.host.Top()
		if top == nil {
			fx.t.Fatalf("no screen for %q", k)
		}
		cmd, handled := top.HandleKey(keytest.Key(k))
		if !handled {
			fx.t.Fatalf("%q not handled", k)
		}
		fx.run(cmd)
	}
}

func (fx *fixture) typeText(s string) {
	fx.t.Helper()
	for _, r := range s {
		fx.press(string(r))
	}
}

// line is the menu as drawn in the status bar, without styling.
func (fx *fixture) line() string {
	fx.t.Helper()
	m, ok := fx.host.Top().(*export.Menu)
	if !ok {
		fx.t.Fatal("the menu is not open")
	}
	return ansi.Strip(m.StatusLine(fx.host.ctx.Width))
}

func (fx *fixture) status() widgets.StatusInfo {
	var info widgets.StatusInfo
	fx.f.Status(&info)
	return info
}

// last is the last export's options.
func (fx *fixture) last() dataexport.Options {
	fx.t.Helper()
	got := fx.store.exports()
	if len(got) == 0 {
		fx.t.Fatalf("nothing exported: %q", fx.host.said())
	}
	return got[len(got)-1]
}

func helpKeys(m *export.Menu) string {
	var s []string
	for _, b := range m.ShortHelp() {
		s = append(s, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(s, " · ")
}

func TestMenuOpensOnCtrlE(t *testing.T) {
	fx := newFixture(t, 240, 40, nil)
	if _, ok := fx.f.GlobalKey(keytest.Key("e")); ok {
		t.Fatal("e taken for ctrl+e")
	}
	m := fx.open()
	want := filepath.Join(fx.dir, "annotations.jsonl")
	line := fx.line()
	for _, s := range []string{"Export  f  jsonl  brat  conll  w3c  csv   o " + want, "d [ ] only done"} {
		if !strings.Contains(line, s) {
			t.Fatalf("menu lacks %q:\n%s", s, line)
		}
	}
	if w := layout.Width(m.StatusLine(240)); w != 240 {
		t.Errorf("the menu is %d cells wide, want the bar's 240", w)
	}
	// No corpus: no all-articles option.
	if strings.Contains(line, "all articles") {
		t.Fatalf("all articles offered without a corpus:\n%s", line)
	}
	if h := helpKeys(m); h != "enter export what is saved · f/F format · o edit path · d only done · esc/q cancel" {
		t.Fatalf("help %q", h)
	}
	if m.Cursor() != nil {
		t.Error("the menu shows a text cursor while no field is edited")
	}
	if m.Mode() != "" || m.View() != "" || m.Footer() != ui.FooterNone || !m.TextEntry() {
		t.Errorf("mode %q view %q footer %v text entry %v: the menu keeps the mode and body below and has every key", m.Mode(), m.View(), m.Footer(), m.TextEntry())
	}
}

func TestExportWritesWhatWasChosen(t *testing.T) {
	fx := newFixture(t, 240, 40, nil)
	fx.open()
	fx.press("enter")
	if fx.host.Top() != nil {
		t.Fatal("the menu stayed open")
	}
	want := filepath.Join(fx.dir, "annotations.jsonl")
	if o := fx.last(); o.Format != "jsonl" || o.Out != want || o.OnlyDone || o.AllArticles || o.Corpus != nil {
		t.Fatalf("exported with %+v", o)
	}
	if got := fx.host.said(); got != "Exported 1 article (1 span, 0 quotes) to "+want {
		t.Fatalf("message %q", got)
	}
	if s := fx.status(); s.Export != "" {
		t.Errorf("the bar still shows %q", s.Export)
	}
}

func TestMenuCyclesFormats(t *testing.T) {
	fx := newFixture(t, 240, 40, nil)
	dir := fx.dir
	fx.open()
	sep := string(filepath.Separator)
	want := []string{
		"jsonl  brat  conll  w3c  csv   o " + filepath.Join(dir, "annotations.jsonl"),
		"jsonl  brat  conll  w3c  csv   o " + filepath.Join(dir, "brat") + sep,
		"jsonl  brat  conll  w3c  csv   o " + filepath.Join(dir, "annotations.conll"),
		"jsonl  brat  conll  w3c  csv   o " + filepath.Join(dir, "annotations.w3c.json"),
		"jsonl  brat  conll  w3c  csv   o " + filepath.Join(dir, "csv") + sep,
	}
	for i := range dataexport.Formats {
		if !strings.Contains(fx.line(), want[i]) {
			t.Fatalf("step %d: want %q in\n%s", i, want[i], fx.line())
		}
		if i%2 == 0 {
			fx.press("tab")
		} else {
			fx.press("f")
		}
	}
	if !strings.Contains(fx.line(), want[0]) {
		t.Fatalf("after a full cycle:\n%s", fx.line())
	}
	fx.press("F")
	if !strings.Contains(fx.line(), want[4]) {
		t.Fatalf("F goes back:\n%s", fx.line())
	}
	fx.press("shift+tab", "shift+tab")
	// A name the user typed stays when the format changes.
	fx.press("o", "ctrl+u")
	fx.typeText(filepath.Join(dir, "mine.txt"))
	fx.press("enter", "tab", "enter")
	if o := fx.last(); o.Format != "w3c" || o.Out != filepath.Join(dir, "mine.txt") {
		t.Fatalf("typed name replaced: %s %q", o.Format, o.Out)
	}
	// A directory format's message ends in a separator.
	fx.open()
	fx.press("o", "ctrl+u")
	fx.typeText(filepath.Join(dir, "brat"))
	fx.press("enter", "f", "f", "f", "enter")
	if o := fx.last(); o.Format != "brat" || !strings.HasSuffix(fx.host.said(), filepath.Join(dir, "brat")+sep) {
		t.Fatalf("brat: %s, %q", o.Format, fx.host.said())
	}
}

func TestMenuCancels(t *testing.T) {
	for _, k := range []string{"q", "esc"} {
		fx := newFixture(t, 120, 40, nil)
		fx.open()
		fx.press(k)
		if fx.host.Top() != nil || fx.host.said() != "Export cancelled" {
			t.Fatalf("%s: menu open %v, message %q", k, fx.host.Top() != nil, fx.host.said())
		}
		if len(fx.store.exports()) != 0 || fx.f.Sync() != nil {
			t.Fatalf("%s: cancelling exported", k)
		}
	}
}

// The destination is edited after o, with a cursor; enter keeps the edit,
// esc puts the path back; every other key is text while editing.
func TestMenuEditsThePath(t *testing.T) {
	fx := newFixture(t, 120, 40, nil)
	m := fx.open()
	orig := filepath.Join(fx.dir, "annotations.jsonl")
	fx.press("o")
	c := m.Cursor()
	if c == nil || c.Y != 38 || c.X != len("Export to: ")+len(orig) || !strings.HasPrefix(fx.line(), "Export to: "+orig) {
		t.Fatalf("o: cursor %v\n%s", c, fx.line())
	}
	if h := helpKeys(m); h != "enter keep path · esc back" {
		t.Fatalf("editing help %q", h)
	}
	if strings.Contains(fx.line(), "enter keep") {
		t.Error("the hint is in the bar although the help line says it")
	}
	fx.press("ctrl+u")
	fx.typeText("fdq")
	if l := fx.line(); !strings.HasPrefix(l, "Export to: fdq ") {
		t.Fatalf("letters while editing are text:\n%s", l)
	}
	fx.press("esc")
	if l := fx.line(); !strings.Contains(l, "o "+orig) || !strings.Contains(l, "[ ] only done") || m.Cursor() != nil {
		t.Fatalf("esc while editing:\n%s", l)
	}
	// An empty destination is refused before anything runs.
	fx.press("o", "ctrl+u", "enter", "enter")
	if fx.host.Top() != m || fx.host.said() != "Give a path to export to (o edits it)" {
		t.Fatalf("empty path: menu %v message %q", fx.host.Top() != nil, fx.host.said())
	}
	out := filepath.Join(fx.dir, "sub", "x.jsonl")
	fx.press("o")
	fx.typeText(out)
	fx.press("enter")
	if l := fx.line(); !strings.Contains(l, "o "+out) {
		t.Fatalf("enter while editing:\n%s", l)
	}
	fx.press("enter")
	if o := fx.last(); o.Out != out {
		t.Fatalf("exported to %q, want the edited %q", o.Out, out)
	}
	if _, err := os.Stat(filepath.Dir(out)); err != nil {
		t.Fatalf("the file's folder was not made: %v", err)
	}
	// The next ctrl+e starts from these choices.
	fx.open()
	if !strings.Contains(fx.line(), "o "+out) {
		t.Fatalf("choices not kept:\n%s", fx.line())
	}
}

// "~/" is the home directory.
func TestMenuExpandsHome(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home directory")
	}
	fx := newFixture(t, 120, 40, nil)
	fx.store.err = errors.New("not written") // a test writes nothing in the home directory
	fx.open()
	fx.press("o", "ctrl+u")
	fx.typeText("~" + string(filepath.Separator) + "x.jsonl")
	fx.press("enter", "enter")
	if o := fx.last(); o.Out != filepath.Join(home, "x.jsonl") {
		t.Fatalf("~/ exported to %q", o.Out)
	}
}

// Without a help line, the field says its keys itself.
func TestMenuEditHintWithoutHelpLine(t *testing.T) {
	fx := newFixture(t, 200, 10, nil)
	m := fx.open()
	fx.press("o")
	if l := fx.line(); !strings.HasSuffix(strings.TrimRight(l, " "), "annotations.jsonl  enter keep · esc back") {
		t.Fatalf("no hint without a help line:\n%s", l)
	}
	if c := m.Cursor(); c == nil || c.Y != 9 {
		t.Fatalf("cursor %v, want on the status bar (row 9)", c)
	}
	// A terminal of one row has no status bar: no cursor.
	fx.host.ctx.Height = 1
	m.SetSize(200, 1)
	if m.Cursor() != nil {
		t.Error("a cursor with no status bar to put it on")
	}
}

// A paste while the menu is open but its path is not being edited changes
// nothing: the menu's keys are not a path.
func TestMenuTakesPasteOnlyWhileEditing(t *testing.T) {
	fx := newFixture(t, 240, 40, nil)
	m := fx.open()
	before := filepath.Join(fx.dir, "annotations.jsonl")
	m.Update(tea.PasteMsg{Content: "/somewhere/else.jsonl"})
	if l := fx.line(); !strings.Contains(l, "o "+before+"  d") {
		t.Fatalf("paste outside editing changed the path:\n%s", l)
	}
	fx.press("o")
	m.Update(tea.PasteMsg{Content: "x"})
	fx.press("enter", "enter")
	if o := fx.last(); o.Out != before+"x" {
		t.Fatalf("paste while editing: %q, want %q", o.Out, before+"x")
	}
}

// d exports only the articles marked done; the choice is shown and kept,
// and the bar's total counts the done ones.
func TestMenuOnlyDone(t *testing.T) {
	fx := newFixture(t, 120, 40, nil)
	fx.store.progress = []int{1}
	fx.open()
	fx.press("d")
	if !strings.Contains(fx.line(), "d [x] only done") {
		t.Fatalf("d:\n%s", fx.line())
	}
	fx.press("d", "d")
	cmd, _ := fx.host.Top().HandleKey(keytest.Key("enter"))
	next := fx.f.Update(cmd()) // the first message is the progress
	if s := fx.status(); s.ExportTotal != 1 {
		t.Errorf("progress total %d, want the 1 done article", s.ExportTotal)
	}
	fx.run(next)
	if o := fx.last(); !o.OnlyDone {
		t.Fatalf("only done not asked for: %+v", o)
	}
	if !strings.HasSuffix(fx.host.said(), " — done only") {
		t.Fatalf("message %q", fx.host.said())
	}
	fx.open()
	if !strings.Contains(fx.line(), "d [x] only done") {
		t.Fatal("only done not kept for the next export")
	}
}

// Over a corpus, a exports its articles not annotated yet too.
func TestMenuAllArticles(t *testing.T) {
	corpus := &corpus.Corpus{Root: t.TempDir(), Items: make([]corpus.Item, 3)}
	fx := newFixture(t, 140, 30, corpus)
	fx.store.stats = dataexport.Stats{Articles: 3, Spans: 1, Skipped: 2}
	fx.store.progress = []int{2}
	m := fx.open()
	if !strings.Contains(fx.line(), "a [ ] all articles") || !strings.Contains(helpKeys(m), "a all articles") {
		t.Fatalf("menu over a corpus:\n%s\n%s", fx.line(), helpKeys(m))
	}
	fx.press("a")
	if !strings.Contains(fx.line(), "a [x] all articles") {
		t.Fatalf("a not shown on:\n%s", fx.line())
	}
	cmd, _ := m.HandleKey(keytest.Key("enter"))
	next := fx.f.Update(cmd()) // the first message is the progress
	if s := fx.status(); s.Export != "exporting" || s.ExportDone != 2 || s.ExportTotal != 3 {
		t.Fatalf("bar %+v, want the corpus's 3 articles as the total", s)
	}
	fx.run(next)
	if o := fx.last(); !o.AllArticles || o.Corpus != corpus {
		t.Fatalf("all articles not asked for: %+v", o)
	}
	if got := fx.host.said(); !strings.HasPrefix(got, "Exported 3 articles (1 span, 0 quotes)") || !strings.HasSuffix(got, " — unannotated too; 2 unreadable articles skipped") {
		t.Fatalf("message %q", got)
	}
	// Without a: the stored articles only.
	fx.open()
	fx.press("a", "enter")
	if o := fx.last(); o.AllArticles || o.Corpus != nil {
		t.Fatalf("without all articles: %+v", o)
	}
}

func TestMenuAllArticlesWithoutCorpus(t *testing.T) {
	fx := newFixture(t, 120, 40, nil)
	fx.open()
	fx.press("a")
	if fx.host.said() != "Every article the store holds is exported: there are no others" || strings.Contains(fx.line(), "all articles") {
		t.Fatalf("a without a corpus: %q\n%s", fx.host.said(), fx.line())
	}
}

// The menu fits any width: the formats collapse to the current one and the
// destination keeps its end.
func TestMenuNarrow(t *testing.T) {
	fx := newFixture(t, 120, 40, nil)
	m := fx.open()
	for _, w := range []int{120, 80, 60, 40} {
		l := ansi.Strip(m.StatusLine(w))
		if cw := layout.Width(l); cw != w {
			t.Fatalf("%d columns: the menu is %d cells", w, cw)
		}
		if !strings.HasPrefix(l, "Export  f  jsonl ") {
			t.Fatalf("%d columns: no menu\n%s", w, l)
		}
		if w <= 80 && strings.Contains(l, " brat ") {
			t.Errorf("%d columns: every format shown instead of the path", w)
		}
		if w >= 80 && !strings.Contains(l, "annotations.jsonl") {
			t.Errorf("%d columns: the file name is cut:\n%s", w, l)
		}
	}
}

func TestExportFailure(t *testing.T) {
	fx := newFixture(t, 120, 40, nil)
	boom := errors.New("disk full")
	fx.store.err = boom
	fx.open()
	fx.press("enter")
	s := fx.host.reports[len(fx.host.reports)-1]
	if s.Text != "Export failed: disk full" || !errors.Is(s.Err, boom) {
		t.Fatalf("report %+v", s)
	}
	if fx.status().Export != "" {
		t.Error("the bar still shows the export")
	}
	// A file where the folder should be: refused before the exporter runs.
	file := filepath.Join(fx.dir, "plain")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	fx.open()
	fx.press("o", "ctrl+u")
	fx.typeText(filepath.Join(file, "out.jsonl"))
	fx.press("enter", "enter")
	if s := fx.host.reports[len(fx.host.reports)-1]; !strings.HasPrefix(s.Text, "Export failed: ") || s.Err == nil {
		t.Fatalf("report %+v", s)
	}
	if n := len(fx.store.exports()); n != 1 {
		t.Fatalf("the exporter ran %d times, want once", n)
	}
	if b, _ := os.ReadFile(file); string(b) != "x" {
		t.Fatalf("the file in the way changed: %q", b)
	}
}

// While an export runs the bar shows its count, from the progress
// messages, and ctrl+e says one is running.
func TestExportProgressInStatusBar(t *testing.T) {
	fx := newFixture(t, 120, 40, nil)
	fx.store.statuses = map[string]model.Status{}
	for i := range 1000 {
		fx.store.statuses[string(rune('a'+i%26))+strings.Repeat("x", i/26)] = model.StatusNew
	}
	fx.store.progress = []int{256}
	m := fx.open()
	cmd, _ := m.HandleKey(keytest.Key("enter"))
	next := fx.f.Update(cmd()) // the first message is the progress
	s := fx.status()
	if s.Export != "exporting" || s.ExportDone != 256 || s.ExportTotal != 1000 {
		t.Fatalf("bar %+v", s)
	}
	if bar := ansi.Strip(widgets.StatusView(fx.host.ctx.Styles, 120, s)); !strings.Contains(bar, "exporting 256/1,000") {
		t.Fatalf("no progress in the status bar:\n%s", bar)
	}
	if _, ok := fx.f.GlobalKey(ctrlE); !ok || fx.host.said() != "An export is already running" || fx.host.Top() != nil {
		t.Fatalf("ctrl+e while running: %q", fx.host.said())
	}
	fx.run(next)
	if fx.status().Export != "" || !strings.HasPrefix(fx.host.said(), "Exported ") {
		t.Fatalf("after the end: bar %+v, message %q", fx.status(), fx.host.said())
	}
}

// An export accepted while writes are queued starts only once they are
// saved, so it holds what was typed.
func TestExportWaitsForQueuedWrites(t *testing.T) {
	fx := newFixture(t, 120, 40, nil)
	fx.queue.pending = true
	fx.open()
	fx.press("enter")
	if s := fx.status(); s.Export != "saving, then exporting" {
		t.Fatalf("waiting not shown: %+v", s)
	}
	if len(fx.store.exports()) != 0 || fx.f.Sync() != nil {
		t.Fatal("exported before the queue drained")
	}
	if _, ok := fx.f.GlobalKey(ctrlE); !ok || fx.host.said() != "An export is already running" {
		t.Fatalf("ctrl+e while waiting: %q", fx.host.said())
	}
	fx.queue.pending = false
	fx.run(fx.f.Sync())
	if len(fx.store.exports()) != 1 || !strings.HasPrefix(fx.host.said(), "Exported ") {
		t.Fatalf("no export after the queue drained: %q", fx.host.said())
	}
}

// Stop (the reader quitting) drops a waiting export and cancels a running
// one.
func TestStop(t *testing.T) {
	fx := newFixture(t, 120, 40, nil)
	fx.queue.pending = true
	fx.open()
	fx.press("enter")
	fx.f.Stop()
	fx.queue.pending = false
	if fx.f.Sync() != nil || fx.status().Export != "" {
		t.Fatal("a waiting export started after Stop")
	}

	fx = newFixture(t, 120, 40, nil)
	fx.store.block = true
	m := fx.open()
	cmd, _ := m.HandleKey(keytest.Key("enter"))
	fx.f.Stop()
	fx.run(cmd) // returns once the exporter sees the cancel
	if s := fx.host.reports[len(fx.host.reports)-1]; !errors.Is(s.Err, context.Canceled) {
		t.Fatalf("a running export was not cancelled: %+v", s)
	}
}

// Without the annotation database (another store), ctrl+e says so.
func TestNoDatabase(t *testing.T) {
	c := &ui.Context{Width: 80, Height: 24, Keys: ui.DefaultKeyMap()}
	c.Restyle(true)
	h := &fakeHost{ctx: c}
	f := export.New(export.Deps{Ctx: c, Host: h, Queue: &fakeQueue{}})
	if _, ok := f.GlobalKey(ctrlE); !ok || h.Top() != nil || h.said() != "Export needs the annotation database" {
		t.Fatalf("menu %v, message %q", h.Top() != nil, h.said())
	}
}

// The path field follows the terminal: narrowed while the menu is open,
// what is typed at the end stays in view, with the cursor.
func TestMenuPathFollowsResize(t *testing.T) {
	fx := newFixture(t, 120, 40, nil)
	m := fx.open()
	fx.host.ctx.Width = 50
	m.SetSize(50, 38)
	fx.press("o")
	fx.typeText("abc")
	if l := fx.line(); !strings.Contains(l, "annotations.jsonlabc") || layout.Width(l) != 50 {
		t.Fatalf("typed text out of view:\n%q", l)
	}
	if c := m.Cursor(); c == nil || c.X != 48 {
		t.Fatalf("cursor %v, want at the end of the field (48)", c)
	}
}
