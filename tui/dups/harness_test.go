package dups_test

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/dups"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// The tests drive the feature as the root does, through fakes of the
// interfaces it declares: a host with a stack of screens and a status
// line, the list's rows, the reader's panes, and a real write queue
// (session.Session over a SQLite store) when there is a store. They run on
// the embedded sample corpus: wire-ferry-ap.txt is a wire story,
// wire-ferry-truncated.txt a copy cut short, wire-ferry-changed.txt a copy
// with a changed death toll (42 → 47) and other edits, and
// wire-ferry-rewrite.md another outlet's own write-up of the same event
// (too different to be a candidate: compared by hand).

const (
	ap      = "wire-ferry-ap.txt"
	cut     = "wire-ferry-truncated.txt"
	changed = "wire-ferry-changed.txt"
	rewrite = "wire-ferry-rewrite.md"
)

// fakeHost is the root's stack and status line.
type fakeHost struct {
	stack []ui.Screen
	w, h  int
	last  ui.Status // the status line's message ("" after each key, as the root clears it)
}

func (h *fakeHost) Push(s ui.Screen) tea.Cmd {
	h.stack = append(h.stack, s)
	return s.SetSize(h.w, h.h)
}

func (h *fakeHost) Pop(s ui.Screen) {
	if i := slices.Index(h.stack, s); i >= 0 {
		h.stack = h.stack[:i]
	}
}

func (h *fakeHost) Top() ui.Screen {
	if len(h.stack) == 0 {
		return nil
	}
	return h.stack[len(h.stack)-1]
}

func (h *fakeHost) Report(s ui.Status) { h.last = s }

// fakeArticles is the list's rows.
type fakeArticles struct {
	ids     []string
	rows    []dups.Row
	loading bool
	index   map[string]int // built on first use
}

func (a *fakeArticles) IndexOf(id string) int {
	if a.index == nil {
		a.index = map[string]int{}
		for i, id := range a.ids {
			a.index[id] = i
		}
	}
	if i, ok := a.index[id]; ok {
		return i
	}
	return -1
}

func (a *fakeArticles) Row(i int) dups.Row             { return a.rows[i] }
func (a *fakeArticles) KnownTexts() []corpus.KnownText { return nil }
func (a *fakeArticles) DropSketches()                  {}
func (a *fakeArticles) Loading() bool                  { return a.loading }

func (a *fakeArticles) Live() []int32 {
	var out []int32
	for i, r := range a.rows {
		if !r.Dead {
			out = append(out, int32(i))
		}
	}
	return out
}

// fakeReader is the list and article panes: the list shows every live row
// but those a text filter hides and those the copies filter excludes.
type fakeReader struct {
	f        *dups.Feature
	arts     *fakeArticles
	filtered map[int]bool // hidden by a text filter
	shown    []int32      // the list's rows, as last refiltered
	selected int
	opened   []int // items shown in the article pane
	reading  bool
	waiting  bool
}

func (r *fakeReader) Selected() int { return r.selected }
func (r *fakeReader) Reading() bool { return r.reading }
func (r *fakeReader) Waiting() bool { return r.waiting }

func (r *fakeReader) Open(i int) (tea.Cmd, bool) {
	if !slices.Contains(r.shown, int32(i)) {
		return nil, false
	}
	r.selected = i
	r.opened = append(r.opened, i)
	return nil, true
}

func (r *fakeReader) ClearFilter() {
	r.filtered = nil
	r.Refilter()
}

func (r *fakeReader) Refilter() {
	var base []int32
	for _, i := range r.arts.Live() {
		if !r.filtered[int(i)] {
			base = append(base, i)
		}
	}
	r.shown = r.f.ExcludeHidden(base)
}

// fakeWrites is the write queue: the session's, with a store.
type fakeWrites struct{ h *harness }

func (w fakeWrites) NeedStore() bool {
	if w.h.sess == nil {
		w.h.host.Report(ui.Info("needs a store"))
		return false
	}
	return true
}

func (w fakeWrites) Enqueue(j *session.Job) tea.Cmd { return w.h.sess.Enqueue(j) }

// sampleSource is the sample corpus as the feature reads it.
type sampleSource struct{ c *corpus.Corpus }

func (s sampleSource) Item(i int) corpus.Item             { return s.c.Items[i] }
func (s sampleSource) Load(i int) (*model.Article, error) { return s.c.Load(i) }

type harness struct {
	t    testing.TB
	c    *ui.Context
	f    *dups.Feature
	host *fakeHost
	arts *fakeArticles
	rd   *fakeReader
	src  sampleSource
	sess *session.Session // nil without a store
	st   *store.SQLite
	path string
}

type setup struct {
	store    bool
	noCorpus bool // detection reads the source item by item
	loading  bool // the corpus is still being read
	color    bool
	w, h     int
	path     string // the store's file, when reopening one
}

// newHarness builds the feature over the sample corpus, runs its Init and
// (unless loading) lets it see the corpus read.
func newHarness(tb testing.TB, s setup) *harness {
	tb.Helper()
	if s.w == 0 {
		s.w = 120
	}
	if s.h == 0 {
		s.h = 38 // a 40-line terminal's body
	}
	c, err := corpus.OpenSample()
	if err != nil {
		tb.Fatal(err)
	}
	h := &harness{t: tb, host: &fakeHost{w: s.w, h: s.h}, src: sampleSource{c}}
	h.arts = &fakeArticles{loading: s.loading}
	for i, it := range c.Items {
		a, err := c.Load(i)
		if err != nil {
			tb.Fatal(err)
		}
		h.arts.ids = append(h.arts.ids, it.ID)
		h.arts.rows = append(h.arts.rows, dups.Row{Title: ui.CleanLine(a.Title), Outlet: ui.CleanLine(a.Source), Words: a.Words})
	}
	h.c = &ui.Context{Width: s.w, Height: s.h + 2, NoColor: !s.color, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
	h.c.Restyle(true)
	deps := dups.Deps{Articles: h.arts, Writes: fakeWrites{h}, Source: h.src, Workers: 1}
	if !s.noCorpus {
		deps.Corpus = c
	}
	if s.store {
		h.path = s.path
		if h.path == "" {
			h.path = filepath.Join(tb.TempDir(), "annotations.db")
		}
		h.st = openStore(tb, h.path)
		h.sess = session.New(h.st, "tester")
		deps.Store = h.st
	}
	h.rd = &fakeReader{arts: h.arts, reading: true}
	deps.Reader = h.rd
	h.f = dups.New(h.c, h.host, deps)
	h.rd.f = h.f
	h.rd.Refilter()
	h.drive(h.f.Init())
	h.drive(h.f.Sync())
	return h
}

func openStore(tb testing.TB, path string) *store.SQLite {
	tb.Helper()
	st, err := store.OpenSQLite(path, "tester")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// drive runs cmd and every command that follows, feeding each message to
// the feature as the root does (a committed write to the session first,
// then to the feature, then the next write is built), with Sync after each.
func (h *harness) drive(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 100_000 {
			h.t.Fatal("drive: runaway command loop")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case session.WrittenMsg:
			h.written(msg)
			queue = append(queue, h.f.Update(msg), h.sess.Next(), h.f.Sync())
		default:
			queue = append(queue, h.f.Update(msg), h.f.Sync())
		}
	}
}

// written is the root's part of a committed write: the session's caches
// and the status line.
func (h *harness) written(msg session.WrittenMsg) {
	h.sess.Written(msg)
	switch {
	case msg.Err != nil:
		h.host.Report(ui.Fail("Not saved: "+msg.Err.Error(), msg.Err))
	case !msg.OK:
	case msg.Job.Kind == session.Undo:
		h.host.Report(ui.Info("Undid: " + msg.Act.Name))
	case msg.Job.Kind == session.Redo:
		h.host.Report(ui.Info("Redid: " + msg.Act.Name))
	default:
		h.host.Report(ui.Info(msg.Job.Done))
	}
}

// key sends one key as the root does, without running what it starts: to
// the top screen, then (if it left it) to the feature's global keys, then
// undo and redo to the write queue. handled reports whether the feature
// took it.
func (h *harness) key(k string) (cmd tea.Cmd, handled bool) {
	h.t.Helper()
	h.host.last = ui.Status{}
	msg := keytest.Key(k)
	if top := h.host.Top(); top != nil {
		if cmd, ok := top.HandleKey(msg); ok {
			return cmd, true
		}
	}
	if cmd, ok := h.f.GlobalKey(msg); ok {
		return cmd, true
	}
	switch k {
	case "u":
		return h.sess.Enqueue(&session.Job{Kind: session.Undo, Focus: -1}), false
	case "ctrl+r":
		return h.sess.Enqueue(&session.Job{Kind: session.Redo, Focus: -1}), false
	}
	return nil, false
}

// press sends keys one by one, driving each to completion.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		cmd, _ := h.key(k)
		h.drive(cmd)
		h.drive(h.f.Sync())
	}
}

// open presses D and checks the screen is there with detection done.
func (h *harness) open() {
	h.t.Helper()
	h.press("D")
	if _, ok := h.host.Top().(*dups.Screen); !ok || h.host.Top().Mode() != "DUPS" {
		h.t.Fatalf("D did not open the duplicates screen: %q", h.host.last.Text)
	}
	if st := h.status(); st.DupStage != "" {
		h.t.Fatalf("detection did not finish: %s", st.DupStage)
	}
}

// screenOpen reports whether the duplicates screen is on the stack.
func (h *harness) screenOpen() bool {
	return slices.ContainsFunc(h.host.stack, func(s ui.Screen) bool { _, ok := s.(*dups.Screen); return ok })
}

var sgrRE = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// view is the screen as drawn; plain is without styling.
func (h *harness) view() string {
	h.t.Helper()
	top := h.host.Top()
	if top == nil {
		h.t.Fatal("no screen")
	}
	return top.View()
}

func (h *harness) plain() string { return sgrRE.ReplaceAllString(h.view(), "") }

func (h *harness) lines() []string { return strings.Split(h.plain(), "\n") }

// status is the feature's part of the status bar, over the message shown.
func (h *harness) status() widgets.StatusInfo {
	s := widgets.StatusInfo{Mode: "READ", Percent: -1, Message: h.host.last.Text}
	h.f.Status(&s)
	return s
}

// resize is the root's resize: the stack's screens get the body's size.
func (h *harness) resize(w, bodyH int) {
	h.host.w, h.host.h = w, bodyH
	h.c.Width, h.c.Height = w, bodyH+2
	for _, s := range h.host.stack {
		h.drive(s.SetSize(w, bodyH))
	}
}

// pairName names a pair whichever way round it is given.
func pairName(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + " ⇄ " + b
}

// pairs are the pairs the screen lists, top to bottom, by the sample's
// article IDs in each row (its copies name no outlet).
func (h *harness) pairs() []string {
	var out []string
	for _, l := range h.lines() {
		var in []string
		for _, id := range []string{ap, changed, cut, rewrite} {
			if strings.Contains(l, id) {
				in = append(in, id)
			}
		}
		if len(in) == 2 && strings.Contains(l, "⇄") {
			out = append(out, pairName(in[0], in[1]))
		}
	}
	return out
}

// selected is the pair list's selected row, as drawn.
func (h *harness) selected() string {
	h.t.Helper()
	for _, l := range h.lines() {
		if _, size := utf8.DecodeRuneInString(l); strings.HasPrefix(l[size:], h.c.Styles.Marker) {
			return l
		}
	}
	h.t.Fatalf("no pair selected:\n%s", h.plain())
	return ""
}

// info is the line about the selected pair.
func (h *harness) info() string {
	h.t.Helper()
	for _, l := range h.lines() {
		if strings.HasPrefix(l, " A in B ") || strings.HasPrefix(l, " comparing…") {
			return l
		}
	}
	h.t.Fatalf("no pair info line:\n%s", h.plain())
	return ""
}

// selectPair moves to the pair of articles a and b with g and j, and checks
// its comparison is on screen.
func (h *harness) selectPair(a, b string) {
	h.t.Helper()
	h.press("g")
	for range 10 {
		// By the IDs' first 12 characters, which tell the sample's copies
		// apart even in a narrow list.
		if sel := h.selected(); strings.Contains(sel, a[:12]) && strings.Contains(sel, b[:12]) {
			if strings.Contains(h.info(), "comparing…") {
				h.t.Fatalf("comparison of %s ⇄ %s not loaded", a, b)
			}
			return
		}
		h.press("j")
	}
	h.t.Fatalf("pair %s ⇄ %s not listed:\n%s", a, b, h.plain())
}

// labels are the stored labels, by pairName.
func (h *harness) labels() map[string]model.DupLabel {
	h.t.Helper()
	ls, err := h.st.DupLabels(ctx())
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string]model.DupLabel{}
	for _, l := range ls {
		out[pairName(l.A, l.B)] = l.Label
	}
	return out
}

// canonicals are the stored canonical marks, sorted.
func (h *harness) canonicals() []string {
	h.t.Helper()
	c, err := h.st.Canonicals(ctx())
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for id := range c {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// selectItem selects article id in the list.
func (h *harness) selectItem(id string) {
	h.t.Helper()
	if h.rd.selected = h.arts.IndexOf(id); h.rd.selected < 0 {
		h.t.Fatalf("no %s", id)
	}
}

// markAndCompare selects a, presses M, selects b, presses M: the screen
// opens on the pair, compared.
func (h *harness) markAndCompare(a, b string) {
	h.t.Helper()
	for _, id := range []string{a, b} {
		h.selectItem(id)
		h.press("M")
	}
	if !h.screenOpen() || !strings.Contains(h.selected(), "by hand") || strings.Contains(h.info(), "comparing…") {
		h.t.Fatalf("M did not open the pair %s ⇄ %s, compared: %q", a, b, h.host.last.Text)
	}
}
