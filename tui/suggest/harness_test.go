package suggest_test

import (
	"context"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/annotate"
	"storydesk/tui/session"
	"storydesk/tui/suggest"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// The harness stands in for the root: a screen stack and status line
// (fakeHost), a reader with a list of articles (fakeReader), a real store
// with its session, annotate mode with the suggestions plugged in as
// tui/wire_suggest.go wires them, and a driver that runs commands and
// hands each message to the session first and to the features after (in
// the root's order: annotate, then the suggestions).

type fakeHost struct {
	stack []ui.Screen
	msg   string
	fails []error
	w, h  int
}

func (h *fakeHost) Push(s ui.Screen) tea.Cmd {
	h.stack = append(h.stack, s)
	return s.SetSize(h.w, h.h)
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
	if n := len(h.stack); n > 0 {
		return h.stack[n-1]
	}
	return nil
}

func (h *fakeHost) Report(s ui.Status) {
	h.msg = s.Text
	if s.Err != nil {
		h.fails = append(h.fails, s.Err)
	}
}

func (h *fakeHost) Unreport(texts ...string) {
	for _, t := range texts {
		if h.msg == t {
			h.msg = ""
		}
	}
}

type fakeReader struct {
	h     *harness
	arts  []*model.Article
	sel   int
	focus bool
	saved []int // positions SaveState was given
}

func (r *fakeReader) Article() (*model.Article, int, error) {
	if r.sel < 0 || r.sel >= len(r.arts) {
		return nil, -1, nil
	}
	return r.arts[r.sel], r.sel, nil
}

func (r *fakeReader) Title() string { return r.arts[r.sel].Title }
func (r *fakeReader) Selected() int { return r.sel }

func (r *fakeReader) Step(dir int) bool {
	n := r.sel + dir
	if n < 0 || n >= len(r.arts) {
		return false
	}
	r.sel = n
	return true
}

// Show is the root's articleShown: ask the store, enter if wanted.
func (r *fakeReader) Show() tea.Cmd {
	a := r.arts[r.sel]
	s := r.h.sess
	s.SetCurrent(a.ID)
	cmd := s.RequestDoc(a.ID)
	s.CheckChanged(a)
	return tea.Batch(cmd, r.h.f.MaybeEnter())
}

func (r *fakeReader) FocusArticle() { r.focus = true }

func (r *fakeReader) SaveState(pos int) tea.Cmd {
	r.saved = append(r.saved, pos)
	a := r.arts[r.sel]
	return r.h.sess.SaveState(session.UIState{Article: a.ID, Mode: "read"}, a.ID, pos)
}

func (r *fakeReader) Live() int { return len(r.arts) }

func (r *fakeReader) LiveItems() []int32 {
	out := make([]int32, len(r.arts))
	for i := range out {
		out[i] = int32(i)
	}
	return out
}

func (r *fakeReader) Load(i int) (*model.Article, error) {
	a := *r.arts[i]
	return &a, nil
}

type harness struct {
	tb   testing.TB
	c    *ui.Context
	host *fakeHost
	r    *fakeReader
	st   *store.SQLite
	path string
	sess *session.Session
	f    *annotate.Feature
	s    *suggest.Feature   // nil until suggest builds it
	last session.WrittenMsg // the last write's answer
}

// newHarness builds annotate mode over arts (the first selected) with a
// store at path ("" for a new one), w×h, without colour.
func newHarness(tb testing.TB, arts []*model.Article, path string, w, h int) *harness {
	tb.Helper()
	return newHarnessCtx(tb, arts, path, w, h, nil)
}

func newHarnessCtx(tb testing.TB, arts []*model.Article, path string, w, h int, c *ui.Context) *harness {
	tb.Helper()
	if path == "" {
		path = filepath.Join(tb.TempDir(), "annotations.db")
	}
	if c == nil {
		c = &ui.Context{NoColor: true, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
		c.Restyle(true)
	}
	st := openStore(tb, path)
	hs := &harness{tb: tb, c: c, host: &fakeHost{w: w, h: h}, st: st, path: path, sess: session.New(st, "tester")}
	hs.r = &fakeReader{h: hs, arts: arts}
	hs.f = annotate.New(c, hs.host, hs.sess, hs.r)
	return hs
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

// run runs cmd and every command that follows, the session seeing each
// of its messages before annotate mode, and the next write starting after;
// annotate mode syncs after each, as the root has it do (running the
// command a sync returns).
func (h *harness) run(cmd tea.Cmd) {
	h.tb.Helper()
	defer func() {
		if c := h.sync(); c != nil {
			h.run(c)
		}
	}()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 100_000 {
			h.tb.Fatal("runaway command loop")
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
		case ui.StatusMsg:
			h.host.Report(ui.Status(msg))
		case session.DocMsg:
			h.sess.DocLoaded(msg)
			h.checkChanged()
			queue = append(queue, h.update(msg))
		case session.WrittenMsg:
			h.sess.Written(msg)
			h.checkChanged()
			h.last = msg
			if msg.Err != nil {
				h.host.Report(ui.Fail(session.DescribeErr("Not saved", msg.Err), msg.Err))
			}
			queue = append(queue, h.update(msg), h.sess.Next())
		default:
			queue = append(queue, h.update(msg))
		}
		queue = append(queue, h.sync())
	}
}

// update hands msg to the features in the root's order.
func (h *harness) update(msg tea.Msg) tea.Cmd {
	cmd := h.f.Update(msg)
	if h.s != nil {
		return tea.Batch(cmd, h.s.Update(msg))
	}
	return cmd
}

// sync is the root's Sync after every message, in the same order.
func (h *harness) sync() tea.Cmd {
	cmd := h.f.Sync()
	if h.s != nil {
		return tea.Batch(cmd, h.s.Sync())
	}
	return cmd
}

// suggest builds the suggestions (on: shown at start) with keeper, plugs
// them into annotate mode as the root does, and runs their Init.
func (h *harness) suggest(keeper suggest.ModelKeeper, on bool) {
	h.s = suggest.New(suggest.Deps{Ctx: h.c, Host: h.host, Docs: h.sess, Annotate: annotateHook{h.f}, Keeper: keeper, On: on})
	h.f.SetSuggestions(h.s.Hook())
	h.run(h.s.Init())
}

// annotateHook is annotate mode as the suggestions see it, as the root's
// suggestAnnotate (tui/wire_suggest.go) has it.
type annotateHook struct{ f *annotate.Feature }

func (a annotateHook) Active() bool       { return a.f.Active() }
func (a annotateHook) Leading() bool      { return !a.f.ExtensionLeads() }
func (a annotateHook) Pane() suggest.Pane { return a.f.Pane() }

func (a annotateHook) Capture(start, end int) func(int, suggest.Change) tea.Cmd {
	t := a.f.Capture(start, end)
	return func(focus int, change suggest.Change) tea.Cmd { return a.f.QueueEditAt(t, focus, change) }
}

func (a annotateHook) TagAll(corpus bool, text, label string, avoid []model.Span) tea.Cmd {
	return a.f.TagAll(corpus, text, label, avoid)
}

// checkChanged is the root's: whether the article shown differs on disk
// from its snapshot, once a document is read or written.
func (h *harness) checkChanged() {
	if a, _, _ := h.r.Article(); a != nil {
		h.sess.CheckChanged(a)
	}
}

// enter selects article i and opens it in annotate mode.
func (h *harness) enter(i int) {
	h.tb.Helper()
	h.r.sel = i
	h.run(h.r.Show())
	h.run(h.f.Enter(i))
	if !h.f.Active() {
		h.tb.Fatalf("not in annotate mode: %q", h.host.msg)
	}
}

// press sends keys as the root does: to the top screen, then (if it does
// not take them) to annotate's keys that work from anywhere.
func (h *harness) press(keys ...string) int {
	h.tb.Helper()
	for _, k := range keys {
		msg := keyMsg(k)
		top := h.host.Top()
		if te, ok := top.(ui.TextEntry); !ok || !te.TextEntry() {
			h.host.msg = ""
		}
		var cmd tea.Cmd
		ok := false
		if top != nil {
			cmd, ok = top.HandleKey(msg)
		}
		if !ok {
			cmd, _ = h.f.GlobalKey(msg)
		}
		h.run(cmd)
	}
	return len(keys)
}

// typeText types each rune of s.
func (h *harness) typeText(s string) {
	h.tb.Helper()
	for _, r := range s {
		h.press(string(r))
	}
}

func (h *harness) pane() *annotate.Pane { return h.f.Pane() }

// view is what the stack draws, as the root's body.
func (h *harness) view() string {
	for i := len(h.host.stack) - 1; i >= 0; i-- {
		if v := h.host.stack[i].View(); v != "" {
			return v
		}
	}
	return ""
}

// mode is the mode the stack names.
func (h *harness) mode() string {
	for i := len(h.host.stack) - 1; i >= 0; i-- {
		if m := h.host.stack[i].Mode(); m != "" {
			return m
		}
	}
	return ""
}

// status is annotate mode's part of the status bar.
func (h *harness) status() widgets.StatusInfo {
	var s widgets.StatusInfo
	if p, ok := h.host.Top().(interface{ Prompt() string }); ok && h.host.msg == "" {
		s.Message = p.Prompt()
	}
	h.f.Status(&s)
	if h.s != nil {
		h.s.Status(&s)
	}
	return s
}

// cursorText is the text under the cursor.
func (h *harness) cursorText() string {
	s, e := h.pane().CursorRange()
	return string(h.pane().Runes()[s:e])
}

// moveTo puts the cursor on the n-th occurrence of word with w presses
// from the start, returning the presses.
func (h *harness) moveTo(word string, n int) int {
	h.tb.Helper()
	h.press("g")
	want := runeIndex(h.tb, h.pane().Text(), word, n)
	keys := 1
	for h.pane().CursorOffset() < want {
		before := h.pane().CursorOffset()
		h.press("w")
		keys++
		if h.pane().CursorOffset() == before {
			h.tb.Fatalf("cannot reach %q", word)
		}
	}
	if h.pane().CursorOffset() != want {
		h.tb.Fatalf("cursor on %q, want %q", h.cursorText(), word)
	}
	return keys
}

// doc reads an article through a store handle of its own.
func (h *harness) doc(id string) (*store.Doc, []model.Span) {
	h.tb.Helper()
	st := openStore(h.tb, h.path)
	doc, ok, err := st.Doc(context.Background(), id)
	if err != nil {
		h.tb.Fatal(err)
	}
	if !ok {
		return nil, nil
	}
	return doc, doc.Spans
}
