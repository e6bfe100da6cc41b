package quotes_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/annotate"
	"storydesk/tui/entities"
	"storydesk/tui/internal/celltest"
	"storydesk/tui/quotes"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// The harness stands in for the root: a screen stack and status line
// (fakeHost), a reader with a list of articles (fakeReader), a real store
// with its session, annotate mode with quotes mode as its extension wired
// as tui/wire_quotes.go wires them, and a driver that runs commands and
// hands each message to the session first and to the features after.

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

// fakeReader is the reader for both features (annotate.Reader and
// quotes.Reader).
type fakeReader struct {
	h    *harness
	arts []*model.Article
	sel  int
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
	return tea.Batch(cmd, r.h.ann.MaybeEnter())
}

func (r *fakeReader) FocusArticle() {}

func (r *fakeReader) SaveState(pos int) tea.Cmd {
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

// Open is the root's: select the item, leave annotate mode, enter it there.
func (r *fakeReader) Open(idx int) (tea.Cmd, bool) {
	if idx < 0 || idx >= len(r.arts) {
		return nil, false
	}
	save := r.h.ann.Leave()
	r.sel = idx
	r.h.ann.Want(idx)
	return tea.Batch(save, r.Show()), true
}

// annotateAdapter is annotate mode as quotes.Annotate, as the root adapts it.
type annotateAdapter struct{ f *annotate.Feature }

func (a annotateAdapter) Active() bool          { return a.f.Active() }
func (a annotateAdapter) Pane() quotes.Pane     { return a.f.Pane() }
func (a annotateAdapter) Enter(idx int) tea.Cmd { return a.f.Enter(idx) }

func (a annotateAdapter) Capture(start, end int) func(quotes.Change) tea.Cmd {
	t := a.f.Capture(start, end)
	return func(change quotes.Change) tea.Cmd { return a.f.QueueEdit(t, change) }
}

func (a annotateAdapter) EditOps(doc *store.Doc, id string, old, nw model.QuoteAnn) []store.Op {
	return annotate.QuoteEditOps(doc, id, old, nw)
}

// entitiesAdapter is annotate mode as entities.Annotate, as the root
// adapts it (canonical names name speakers).
type entitiesAdapter struct{ f *annotate.Feature }

func (a entitiesAdapter) Active() bool        { return a.f.Active() }
func (a entitiesAdapter) Pane() entities.Pane { return a.f.Pane() }

func (a entitiesAdapter) Queue(build func(j *session.Job) (store.Action, bool)) tea.Cmd {
	return a.f.Queue(build)
}

func (a entitiesAdapter) EditOps(doc *store.Doc, id string, old, nw model.Span) []store.Op {
	return annotate.SpanEditOps(doc, id, old, nw)
}

type harness struct {
	tb   testing.TB
	c    *ui.Context
	host *fakeHost
	r    *fakeReader
	path string
	sess *session.Session
	ann  *annotate.Feature
	ents *entities.Feature
	q    *quotes.Feature
}

// newHarness builds annotate mode (with the entities) and quotes mode over arts (the first
// selected) with a new store, w×h, without colour.
func newHarness(tb testing.TB, arts []*model.Article, w, h int) *harness {
	tb.Helper()
	c := &ui.Context{NoColor: true, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
	c.Restyle(true)
	path := filepath.Join(tb.TempDir(), "annotations.db")
	st := openStore(tb, path)
	hs := &harness{tb: tb, c: c, host: &fakeHost{w: w, h: h}, path: path, sess: session.New(st, "tester")}
	hs.r = &fakeReader{h: hs, arts: arts}
	hs.ann = annotate.New(c, hs.host, hs.sess, hs.r)
	hs.ents = entities.New(entities.Deps{Ctx: c, Host: hs.host, Docs: hs.sess, Annotate: entitiesAdapter{hs.ann}})
	hs.ann.SetEntities(hs.ents.Hook())
	hs.q = quotes.New(quotes.Deps{Ctx: c, Host: hs.host, Docs: hs.sess, Annotate: annotateAdapter{hs.ann}, Reader: hs.r})
	hs.ann.SetExtension(hs.q.Hook())
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

// update hands msg to the features in the root's order.
func (h *harness) update(msg tea.Msg) tea.Cmd {
	return tea.Batch(h.ann.Update(msg), h.ents.Update(msg), h.q.Update(msg))
}

// sync is the root's after every message.
func (h *harness) sync() tea.Cmd { return tea.Batch(h.ann.Sync(), h.q.Sync()) }

// run runs cmd and every command that follows, the session seeing each
// of its messages before the features, the next write starting after,
// and the features syncing after each, as the root has it.
func (h *harness) run(cmd tea.Cmd) {
	h.tb.Helper()
	queue := []tea.Cmd{cmd, h.sync()}
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
			queue = append(queue, h.update(msg))
		case session.WrittenMsg:
			h.sess.Written(msg)
			switch j := msg.Job; {
			case msg.Err != nil:
				h.host.Report(ui.Fail(session.DescribeErr("Not saved", msg.Err), msg.Err))
			case !msg.OK:
			case j.Kind == session.Undo:
				h.host.Report(ui.Info("Undid: " + msg.Act.Name))
			case j.Kind == session.Redo:
				h.host.Report(ui.Info("Redid: " + msg.Act.Name))
			default:
				h.host.Report(ui.Info(j.Done))
			}
			queue = append(queue, h.update(msg), h.sess.Next())
		default:
			queue = append(queue, h.update(msg))
		}
		queue = append(queue, h.sync())
	}
}

// enter selects article i and opens it in annotate mode.
func (h *harness) enter(i int) {
	h.tb.Helper()
	h.r.sel = i
	h.run(h.r.Show())
	h.run(h.ann.Enter(i))
	if !h.ann.Active() {
		h.tb.Fatalf("not in annotate mode: %q", h.host.msg)
	}
}

// openQuotes selects article i and presses Q there: annotate mode with
// quotes mode on, detection done.
func (h *harness) openQuotes(i int) {
	h.tb.Helper()
	h.r.sel = i
	h.run(h.r.Show())
	h.press("Q")
	if !h.ann.Active() || !h.q.On() || h.q.Detecting() {
		h.tb.Fatalf("Q did not open quotes mode: %q", h.host.msg)
	}
}

// press sends keys as the root does: to the top screen, then (if it does
// not take them) to the features' global keys.
func (h *harness) press(keys ...string) {
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
			cmd, ok = h.ann.GlobalKey(msg)
		}
		if !ok {
			cmd, _ = h.q.GlobalKey(msg)
		}
		h.run(cmd)
	}
}

// typeText types each rune of s.
func (h *harness) typeText(s string) {
	h.tb.Helper()
	for _, r := range s {
		h.press(string(r))
	}
}

func (h *harness) pane() *annotate.Pane { return h.ann.Pane() }

// view is what the stack draws, as the root's body, without styles.
func (h *harness) view() string {
	for i := len(h.host.stack) - 1; i >= 0; i-- {
		if v := h.host.stack[i].View(); v != "" {
			return celltest.Plain(v)
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

// status is the features' part of the status bar.
func (h *harness) status() widgets.StatusInfo {
	var s widgets.StatusInfo
	h.ann.Status(&s)
	h.q.Status(&s)
	return s
}

// cur is the quotation under the cursor.
func (h *harness) cur() quotes.Quotation {
	h.tb.Helper()
	q, ok := h.q.Current()
	if !ok {
		s, e := h.pane().CursorRange()
		h.tb.Fatalf("no quotation under the cursor (on %q)", string(h.pane().Runes()[s:e]))
	}
	return q
}

// stepTo presses n until the quotation starting with prefix is current.
func (h *harness) stepTo(prefix string) quotes.Quotation {
	h.tb.Helper()
	for i := 0; i <= len(h.q.Quotations()); i++ {
		h.press("n")
		if q := h.cur(); strings.HasPrefix(q.Text, prefix) {
			return q
		}
	}
	h.tb.Fatalf("n never reaches the quotation %q", prefix)
	return quotes.Quotation{}
}

// moveTo puts the cursor on the n-th occurrence of word.
func (h *harness) moveTo(word string, n int) {
	h.tb.Helper()
	h.press("g")
	want := runeIndex(h.tb, h.pane().Text(), word, n)
	for h.pane().CursorOffset() < want {
		before := h.pane().CursorOffset()
		h.press("w")
		if h.pane().CursorOffset() == before {
			h.tb.Fatalf("cannot reach %q", word)
		}
	}
	if h.pane().CursorOffset() != want {
		h.tb.Fatalf("cursor not on %q", word)
	}
}

// tag tags the n-th occurrence of name with label key lk (quotes mode off
// or on: 1–9 are annotate's either way).
func (h *harness) tag(name string, n int, lk string) model.Span {
	h.tb.Helper()
	h.moveTo(name, n)
	for i := 1; i < len(strings.Fields(name)); i++ {
		h.press("shift+right")
	}
	h.press(lk)
	sp, ok := h.pane().SpanAt(runeIndex(h.tb, h.pane().Text(), name, n))
	if !ok || sp.Text != name {
		h.tb.Fatalf("%q not tagged: %q", name, h.host.msg)
	}
	return sp
}

// quotes reads an article's stored quotations through a handle of its own.
func (h *harness) quotes(id string) []model.QuoteAnn {
	h.tb.Helper()
	st := openStore(h.tb, h.path)
	doc, ok, err := st.Doc(context.Background(), id)
	if err != nil {
		h.tb.Fatal(err)
	}
	if !ok {
		return nil
	}
	return doc.Quotes
}

// stored is the stored quotation of article id starting with prefix.
func (h *harness) stored(id, prefix string) (model.QuoteAnn, bool) {
	h.tb.Helper()
	for _, q := range h.quotes(id) {
		if strings.HasPrefix(q.Text, prefix) {
			return q, true
		}
	}
	return model.QuoteAnn{}, false
}

func (h *harness) mustStored(id, prefix string) model.QuoteAnn {
	h.tb.Helper()
	q, ok := h.stored(id, prefix)
	if !ok {
		h.tb.Fatalf("no stored quotation %q in %s", prefix, id)
	}
	return q
}

// runeIndex is the code point offset of the n-th occurrence of sub in s.
func runeIndex(tb testing.TB, s, sub string, n int) int {
	tb.Helper()
	off := 0
	for i := 0; ; i++ {
		b := strings.Index(s[off:], sub)
		if b < 0 {
			tb.Fatalf("%q occurrence %d not in text", sub, n)
		}
		if i == n {
			return model.RuneLen(s[:off+b])
		}
		off += b + len(sub)
	}
}

// keyMsg builds a key press as the terminal would report it.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "shift+right":
		return tea.KeyPressMsg{Code: tea.KeyRight, Mod: tea.ModShift}
	case "ctrl+r":
		return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	r, _ := utf8.DecodeRuneInString(k)
	return tea.KeyPressMsg{Code: r, Text: k}
}

// sampleArticles are the embedded sample corpus's articles, and the index
// of id among them.
func sampleArticles(tb testing.TB, id string) ([]*model.Article, int) {
	tb.Helper()
	c, err := corpus.OpenSample()
	if err != nil {
		tb.Fatal(err)
	}
	var arts []*model.Article
	at := -1
	for i := range c.Items {
		a, err := c.Load(i)
		if err != nil {
			tb.Fatal(err)
		}
		if a.ID == id {
			at = len(arts)
		}
		arts = append(arts, a)
	}
	if at < 0 {
		tb.Fatalf("no %s in the sample", id)
	}
	return arts, at
}
