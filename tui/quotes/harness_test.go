package quotes_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/annotate"
	"storydesk/tui/entities"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/quotes"
)

// The harness is tui/internal/annotest's (annotate mode with a screen
// stack and status line, a reader with a list of articles and a real store
// with its session, driven as the root drives it) with the entities and
// quotes mode as annotate's extension, wired as tui/wire_entities.go and
// tui/wire_quotes.go wire them: each message goes to annotate mode, the
// entities and quotes mode, in that order.
type harness struct {
	*annotest.Harness
	ents *entities.Feature
	q    *quotes.Feature
}

// newHarness builds annotate mode (with the entities) and quotes mode over
// arts (the first selected) with a new store, w×h, without colour.
func newHarness(tb testing.TB, arts []*model.Article, w, h int) *harness {
	tb.Helper()
	hs := &harness{Harness: annotest.New(tb, arts, "", w, h, nil)}
	hs.ents = hs.AddEntities()
	hs.q = quotes.New(quotes.Deps{Ctx: hs.Ctx, Host: hs.Host, Docs: hs.Sess, Annotate: annotateAdapter{hs.Ann}, Reader: reader{hs}})
	hs.Ann.SetExtension(hs.q.Hook())
	hs.Add(hs.q)
	return hs
}

// reader is the reader as quotes mode sees it: annotest's, and Open.
type reader struct{ h *harness }

func (r reader) Selected() int                      { return r.h.Reader.Selected() }
func (r reader) LiveItems() []int32                 { return r.h.Reader.LiveItems() }
func (r reader) Load(i int) (*model.Article, error) { return r.h.Reader.Load(i) }

// Open is the root's: select the item, leave annotate mode, enter it there.
func (r reader) Open(idx int) (tea.Cmd, bool) {
	if idx < 0 || idx >= len(r.h.Reader.Arts) {
		return nil, false
	}
	save := r.h.Ann.Leave()
	r.h.Reader.Sel = idx
	r.h.Ann.Want(idx)
	return tea.Batch(save, r.h.Reader.Show()), true
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

// openQuotes selects article i and presses Q there: annotate mode with
// quotes mode on, detection done.
func (h *harness) openQuotes(i int) {
	h.TB.Helper()
	h.Reader.Sel = i
	h.Run(h.Reader.Show())
	h.Press("Q")
	if !h.Ann.Active() || !h.q.On() || h.q.Detecting() {
		h.TB.Fatalf("Q did not open quotes mode: %q", h.Host.Msg)
	}
}

// cur is the quotation under the cursor.
func (h *harness) cur() quotes.Quotation {
	h.TB.Helper()
	q, ok := h.q.Current()
	if !ok {
		s, e := h.Pane().CursorRange()
		h.TB.Fatalf("no quotation under the cursor (on %q)", string(h.Pane().Runes()[s:e]))
	}
	return q
}

// stepTo presses n until the quotation starting with prefix is current.
func (h *harness) stepTo(prefix string) quotes.Quotation {
	h.TB.Helper()
	for i := 0; i <= len(h.q.Quotations()); i++ {
		h.Press("n")
		if q := h.cur(); strings.HasPrefix(q.Text, prefix) {
			return q
		}
	}
	h.TB.Fatalf("n never reaches the quotation %q", prefix)
	return quotes.Quotation{}
}

// tag tags the n-th occurrence of name with label key lk (quotes mode off
// or on: 1–9 are annotate's either way).
func (h *harness) tag(name string, n int, lk string) model.Span {
	h.TB.Helper()
	h.MoveTo(name, n)
	for i := 1; i < len(strings.Fields(name)); i++ {
		h.Press("shift+right")
	}
	h.Press(lk)
	sp, ok := h.Pane().SpanAt(annotest.RuneIndex(h.TB, h.Pane().Text(), name, n))
	if !ok || sp.Text != name {
		h.TB.Fatalf("%q not tagged: %q", name, h.Host.Msg)
	}
	return sp
}

// quotes reads an article's stored quotations through a handle of its own.
func (h *harness) quotes(id string) []model.QuoteAnn {
	h.TB.Helper()
	if doc, _ := h.Doc(id); doc != nil {
		return doc.Quotes
	}
	return nil
}

// stored is the stored quotation of article id starting with prefix.
func (h *harness) stored(id, prefix string) (model.QuoteAnn, bool) {
	h.TB.Helper()
	for _, q := range h.quotes(id) {
		if strings.HasPrefix(q.Text, prefix) {
			return q, true
		}
	}
	return model.QuoteAnn{}, false
}

func (h *harness) mustStored(id, prefix string) model.QuoteAnn {
	h.TB.Helper()
	q, ok := h.stored(id, prefix)
	if !ok {
		h.TB.Fatalf("no stored quotation %q in %s", prefix, id)
	}
	return q
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
