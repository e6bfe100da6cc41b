package story_test

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/session"
	"storydesk/tui/story"
	"storydesk/tui/ui"
)

// The tests drive the feature as the root does, through fakes of the
// interfaces it declares: a host with a stack of screens and a status
// line, the list, the reader (annotate mode's pane is a fake that records
// what it was asked to select), and a real write queue (session.Session
// over a SQLite store) when there is a store. They run on the embedded
// sample corpus, whose ferry story is a wire story (wire-ferry-ap.txt), a
// copy cut short, a copy with a changed death toll (42 → 47) and an
// outlet's own rewrite; the other articles are stories of their own.

type fakeHost struct {
	stack []ui.Screen
	w, h  int
	last  ui.Status
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

// fakeList is the reader's list over a corpus.
type fakeList struct {
	c   *corpus.Corpus
	sel int
}

func (l *fakeList) Live() []int32 {
	out := make([]int32, len(l.c.Items))
	for i := range out {
		out[i] = int32(i)
	}
	return out
}
func (l *fakeList) Loading() bool { return false }
func (l *fakeList) Selected() int { return l.sel }
func (l *fakeList) IndexOf(id string) int {
	for i, it := range l.c.Items {
		if it.ID == id {
			return i
		}
	}
	return -1
}

// KnownTexts hashes every article, as the list's read does.
func (l *fakeList) KnownTexts() []corpus.KnownText {
	var out []corpus.KnownText
	for i, it := range l.c.Items {
		if a, err := l.c.Load(i); err == nil {
			out = append(out, corpus.KnownText{Index: i, ID: it.ID, Hash: model.HashText(a.Text)})
		}
	}
	return out
}

func (l *fakeList) Row(i int) story.Row {
	return story.Row{ID: l.c.Items[i].ID, Title: l.c.Items[i].ID, Words: 100}
}

// fakePane is annotate mode's text.
type fakePane struct {
	id         string
	runes      []rune
	start, end int
	selected   bool
}

func (p *fakePane) ID() string     { return p.id }
func (p *fakePane) HasWords() bool { return len(p.runes) > 0 }
func (p *fakePane) Runes() []rune  { return p.runes }
func (p *fakePane) SelectRange(s, e int) {
	p.start, p.end, p.selected = s, e, true
}

// fakeReader opens articles: in annotate mode (the pane) with a store.
type fakeReader struct {
	c        *corpus.Corpus
	store    bool
	opened   int     // item shown in the article pane, -1 none
	frac     float64 // how far down it was scrolled
	annotate int     // item opened in annotate mode, -1 none
	pane     *fakePane
	reading  bool
}

func (r *fakeReader) Open(idx int, frac float64) (tea.Cmd, bool) {
	r.opened, r.frac, r.pane = idx, frac, nil
	return nil, true
}

func (r *fakeReader) Annotate(idx int) (tea.Cmd, bool) {
	if !r.store {
		return nil, false
	}
	a, err := r.c.Load(idx)
	if err != nil {
		return nil, false
	}
	r.annotate = idx
	r.pane = &fakePane{id: a.ID, runes: []rune(a.Text)}
	return nil, true
}

func (r *fakeReader) Pane() story.Pane {
	if r.pane == nil {
		return nil
	}
	return r.pane
}
func (r *fakeReader) Reading() bool { return r.reading }

// writes is the write queue: a real session, or none.
type writes struct {
	h    *harness
	sess *session.Session
}

func (w writes) NeedStore() bool {
	if w.sess == nil {
		w.h.host.last = ui.Info("needs a store")
		return false
	}
	return true
}

func (w writes) Enqueue(j *session.Job) tea.Cmd { return w.sess.Enqueue(j) }

type harness struct {
	t      testing.TB
	f      *story.Feature
	host   *fakeHost
	list   *fakeList
	reader *fakeReader
	sess   *session.Session
	st     *store.SQLite
	c      *corpus.Corpus
}

// newHarness builds the feature over corpus c (nil: the sample), w×h,
// with a store or without, and drives grouping to its end.
func newHarness(t testing.TB, c *corpus.Corpus, withStore bool, w, h int) *harness {
	t.Helper()
	return newHarnessWith(t, c, withStore, w, h, nil)
}

// newHarnessWith is newHarness with duplicate detection's pairs (nil: the
// feature signs the articles itself).
func newHarnessWith(t testing.TB, c *corpus.Corpus, withStore bool, w, h int, dups story.Dups) *harness {
	t.Helper()
	var st *store.SQLite
	if withStore {
		var err error
		if st, err = store.OpenSQLite(filepath.Join(t.TempDir(), "store.db"), "tester"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
	}
	return newHarnessStore(t, c, st, w, h, dups, nil)
}

// newHarnessStore is the harness over a given store (nil: none), its
// articles read through src when given (a corpus by default).
func newHarnessStore(t testing.TB, c *corpus.Corpus, st *store.SQLite, w, h int, dups story.Dups, src story.Source) *harness {
	t.Helper()
	withStore := st != nil
	if c == nil {
		var err error
		if c, err = corpus.OpenSample(); err != nil {
			t.Fatal(err)
		}
	}
	hs := &harness{t: t, host: &fakeHost{w: w, h: h}, list: &fakeList{c: c}, c: c}
	hs.reader = &fakeReader{c: c, store: withStore, opened: -1, annotate: -1, reading: true}
	if src == nil {
		src = c
	}
	d := story.Deps{Ctx: newContext(), Host: hs.host, Articles: hs.list, Source: src, Reader: hs.reader, Workers: 2,
		ReportDir: func() string { return filepath.Join(t.TempDir(), "reports") }, Dups: dups}
	if withStore {
		hs.st, d.Store = st, st
		hs.sess = session.New(st, "tester")
	}
	d.Writes = writes{h: hs, sess: hs.sess}
	hs.f = story.New(d)
	hs.drive(hs.f.Init())
	hs.drive(hs.f.Sync())
	return hs
}

func newContext() *ui.Context {
	c := &ui.Context{IsDark: true, NoColor: true, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
	c.Restyle(true)
	return c
}

// drive runs commands and delivers their messages as the root does, the
// session's writes included, until nothing is left.
func (h *harness) drive(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 100_000 {
			h.t.Fatal("runaway command loop")
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
		case session.WrittenMsg:
			h.sess.Written(msg)
			if msg.Err != nil {
				h.host.last = ui.Fail(msg.Err.Error(), msg.Err)
			} else if msg.Job != nil && msg.Job.Done != "" {
				h.host.last = ui.Info(msg.Job.Done)
			}
			queue = append(queue, h.f.Update(msg), h.sess.Next())
		default:
			queue = append(queue, h.f.Update(msg))
		}
		queue = append(queue, h.f.Sync())
	}
}

// press sends keys: to the top screen, else as the reader's global keys.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		msg := keytest.Key(k)
		if top := h.host.Top(); top != nil {
			if cmd, ok := top.HandleKey(msg); ok {
				h.drive(cmd)
				h.drive(h.f.Sync())
				continue
			}
		}
		switch k {
		case "u":
			h.drive(h.sess.Enqueue(&session.Job{Kind: session.Undo, Focus: -1}))
			continue
		case "ctrl+r":
			h.drive(h.sess.Enqueue(&session.Job{Kind: session.Redo, Focus: -1}))
			continue
		}
		cmd, _ := h.f.GlobalKey(msg)
		h.drive(cmd)
		h.drive(h.f.Sync())
	}
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// view is the top screen's body, without styling, checked to fit.
func (h *harness) view() string {
	h.t.Helper()
	top := h.host.Top()
	if top == nil {
		return ""
	}
	v := top.View()
	lines := strings.Split(v, "\n")
	if len(lines) > h.host.h {
		h.t.Fatalf("%dx%d: %d lines", h.host.w, h.host.h, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > h.host.w {
			h.t.Fatalf("%dx%d: line %d is %d cells wide: %q", h.host.w, h.host.h, i, lw, l)
		}
	}
	return sgr.ReplaceAllString(v, "")
}

// resize gives every screen a new size.
func (h *harness) resize(w, hh int) {
	h.host.w, h.host.h = w, hh
	for _, s := range h.host.stack {
		h.drive(s.SetSize(w, hh))
	}
}

// selectItem puts the list's cursor on article id.
func (h *harness) selectItem(id string) {
	h.t.Helper()
	if h.list.sel = h.list.IndexOf(id); h.list.sel < 0 {
		h.t.Fatalf("no article %s", id)
	}
}

// all is every row's detail of the section on screen, moving down
// through them (the rows are clipped; the details are whole).
func (h *harness) all(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(h.view())
		h.press("j")
	}
	return b.String()
}
