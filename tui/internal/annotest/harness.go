package annotest

import (
	"context"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/annotate"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Feature is a feature as the root keeps it: it sees every message, and
// may also sync after each (Sync() tea.Cmd), take keys no screen took
// (GlobalKey) and fill its part of the status bar (Status), as tui's
// features.go has them.
type Feature interface {
	Update(msg tea.Msg) tea.Cmd
}

type (
	syncer      interface{ Sync() tea.Cmd }
	globalKeyer interface {
		GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool)
	}
	statuser interface{ Status(s *widgets.StatusInfo) }
)

// Harness is annotate mode with what the root gives it.
type Harness struct {
	TB     testing.TB
	Ctx    *ui.Context
	Host   *Host
	Reader *Reader
	Store  *store.SQLite
	Path   string // the store's file
	Sess   *session.Session
	Ann    *annotate.Feature
	Last   session.WrittenMsg // the last write's answer

	features []Feature // Ann first, then what Add added
}

// New builds annotate mode over arts (the first selected) with a store at
// path ("" for a new one), its body w×h, with Context c (nil: without
// colour, the default keys and labels).
func New(tb testing.TB, arts []*model.Article, path string, w, h int, c *ui.Context) *Harness {
	tb.Helper()
	if path == "" {
		path = filepath.Join(tb.TempDir(), "annotations.db")
	}
	if c == nil {
		c = &ui.Context{NoColor: true, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
		c.Restyle(true)
	}
	st := OpenStore(tb, path)
	hs := &Harness{TB: tb, Ctx: c, Host: &Host{W: w, H: h}, Store: st, Path: path, Sess: session.New(st, "tester")}
	hs.Reader = &Reader{h: hs, Arts: arts}
	hs.Ann = annotate.New(c, hs.Host, hs.Sess, hs.Reader)
	hs.features = []Feature{hs.Ann}
	return hs
}

// Add adds a feature after those already there (the root's order).
func (h *Harness) Add(f Feature) { h.features = append(h.features, f) }

// OpenStore opens the store at path as "tester", closed when the test ends.
func OpenStore(tb testing.TB, path string) *store.SQLite {
	tb.Helper()
	st, err := store.OpenSQLite(path, "tester")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// Run runs cmd and every command that follows, the session seeing each of
// its messages before the features, and the next write starting after;
// the features sync before the first and after each message, as the root
// has them do (running the command a sync returns).
func (h *Harness) Run(cmd tea.Cmd) {
	h.TB.Helper()
	defer func() {
		if c := h.Sync(); c != nil {
			h.Run(c)
		}
	}()
	queue := []tea.Cmd{cmd, h.Sync()}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 100_000 {
			h.TB.Fatal("runaway command loop")
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
			h.Host.Report(ui.Status(msg))
		case session.DocMsg:
			h.Sess.DocLoaded(msg)
			h.CheckChanged()
			queue = append(queue, h.Update(msg))
		case session.WrittenMsg:
			h.Sess.Written(msg)
			h.CheckChanged()
			h.Last = msg
			h.written(msg)
			queue = append(queue, h.Update(msg), h.Sess.Next())
		default:
			queue = append(queue, h.Update(msg))
		}
		queue = append(queue, h.Sync())
	}
}

// written says what a finished write did, as the root's status line does.
func (h *Harness) written(msg session.WrittenMsg) {
	switch j := msg.Job; {
	case msg.Err != nil:
		h.Host.Report(ui.Fail(session.DescribeErr("Not saved", msg.Err), msg.Err))
	case !msg.OK:
	case j.Kind == session.Undo:
		h.Host.Report(ui.Info("Undid: " + msg.Act.Name))
	case j.Kind == session.Redo:
		h.Host.Report(ui.Info("Redid: " + msg.Act.Name))
	default:
		h.Host.Report(ui.Info(j.Done))
	}
}

// Update hands msg to the features in the root's order.
func (h *Harness) Update(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, f := range h.features {
		cmds = append(cmds, f.Update(msg))
	}
	return tea.Batch(cmds...)
}

// Sync is the root's after every message, in the same order.
func (h *Harness) Sync() tea.Cmd {
	var cmds []tea.Cmd
	for _, f := range h.features {
		if s, ok := f.(syncer); ok {
			cmds = append(cmds, s.Sync())
		}
	}
	return tea.Batch(cmds...)
}

// CheckChanged is the root's: whether the article shown differs on disk
// from its snapshot, once a document is read or written.
func (h *Harness) CheckChanged() {
	if a, _, _ := h.Reader.Article(); a != nil {
		h.Sess.CheckChanged(a)
	}
}

// Enter selects article i and opens it in annotate mode.
func (h *Harness) Enter(i int) {
	h.TB.Helper()
	h.Reader.Sel = i
	h.Run(h.Reader.Show())
	h.Run(h.Ann.Enter(i))
	if !h.Ann.Active() {
		h.TB.Fatalf("not in annotate mode: %q", h.Host.Msg)
	}
}

// Press sends keys (as Key names them) as the root does: to the top
// screen, then, if it does not take them, to the features' global keys in
// order. It returns how many keys it pressed.
func (h *Harness) Press(keys ...string) int {
	h.TB.Helper()
	for _, k := range keys {
		msg := Key(k)
		top := h.Host.Top()
		if te, ok := top.(ui.TextEntry); !ok || !te.TextEntry() {
			h.Host.Msg = ""
		}
		var cmd tea.Cmd
		ok := false
		if top != nil {
			cmd, ok = top.HandleKey(msg)
		}
		for _, f := range h.features {
			if g, is := f.(globalKeyer); is && !ok {
				cmd, ok = g.GlobalKey(msg)
			}
		}
		h.Run(cmd)
	}
	return len(keys)
}

// TypeText types each rune of s.
func (h *Harness) TypeText(s string) {
	h.TB.Helper()
	for _, r := range s {
		h.Press(string(r))
	}
}

func (h *Harness) Pane() *annotate.Pane { return h.Ann.Pane() }

// View is what the stack draws, as the root's body.
func (h *Harness) View() string {
	for i := len(h.Host.Stack) - 1; i >= 0; i-- {
		if v := h.Host.Stack[i].View(); v != "" {
			return v
		}
	}
	return ""
}

// Mode is the mode the stack names.
func (h *Harness) Mode() string {
	for i := len(h.Host.Stack) - 1; i >= 0; i-- {
		if m := h.Host.Stack[i].Mode(); m != "" {
			return m
		}
	}
	return ""
}

// Status is the features' part of the status bar, with the prompt on top
// as its message while no other message stands.
func (h *Harness) Status() widgets.StatusInfo {
	var s widgets.StatusInfo
	if p, ok := h.Host.Top().(interface{ Prompt() string }); ok && h.Host.Msg == "" {
		s.Message = p.Prompt()
	}
	for _, f := range h.features {
		if st, ok := f.(statuser); ok {
			st.Status(&s)
		}
	}
	return s
}

// Asking is the question on top, if there is one.
func (h *Harness) Asking() (*widgets.Question, bool) {
	q, ok := h.Host.Top().(*widgets.Question)
	return q, ok
}

// CursorText is the text under the cursor.
func (h *Harness) CursorText() string {
	s, e := h.Pane().CursorRange()
	return string(h.Pane().Runes()[s:e])
}

// MoveTo puts the cursor on the n-th occurrence of word with w presses
// from the start, returning the presses.
func (h *Harness) MoveTo(word string, n int) int {
	h.TB.Helper()
	h.Press("g")
	want := RuneIndex(h.TB, h.Pane().Text(), word, n)
	keys := 1
	for h.Pane().CursorOffset() < want {
		before := h.Pane().CursorOffset()
		h.Press("w")
		keys++
		if h.Pane().CursorOffset() == before {
			h.TB.Fatalf("cannot reach %q", word)
		}
	}
	if h.Pane().CursorOffset() != want {
		h.TB.Fatalf("cursor on %q, want %q", h.CursorText(), word)
	}
	return keys
}

// Doc reads an article through a store handle of its own.
func (h *Harness) Doc(id string) (*store.Doc, []model.Span) {
	h.TB.Helper()
	st := OpenStore(h.TB, h.Path)
	doc, ok, err := st.Doc(context.Background(), id)
	if err != nil {
		h.TB.Fatal(err)
	}
	if !ok {
		return nil, nil
	}
	return doc, doc.Spans
}
