package browse

import (
	"context"
	"errors"
	"slices"
	"strings"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/tui/ui"
)

// What the black-box tests (package browse_test) reach of the pure parts:
// the text transforms and layouts they check case by case, which the
// Browser only shows a frame of at a time.

var (
	EscapeMarkdown    = escapeMarkdown
	KeepSGR           = keepSGR
	IsQuotation       = isQuotation
	ArticleMarkdown   = articleMarkdown
	NormaliseQuery    = normaliseQuery
	Narrows           = narrows
	TooLongForGlamour = tooLongForGlamour
)

const MaxGlamourBytes = maxGlamourBytes

// LRU is the cache the article pane keeps articles and renders in.
type LRU[K comparable, V any] struct{ c *lru[K, V] }

func NewLRU[K comparable, V any](n int) LRU[K, V] { return LRU[K, V]{newLRU[K, V](n)} }
func (l LRU[K, V]) Get(k K) (V, bool)             { return l.c.get(k) }
func (l LRU[K, V]) Put(k K, v V)                  { l.c.put(k, v) }
func (l LRU[K, V]) Len() int                      { return l.c.len() }

// RenderMarkdown renders md with a fresh glamour pool.
func RenderMarkdown(width int, style, md string) (string, error) {
	return newGlamourPool().render(width, style, md)
}

// RawLayout lays a out for the raw view at width (with the corrections and
// the cursor gutter when cursor is set): each line flattened, removed runs
// between ~…~, and each line's width in cells; styled is every line as
// the view draws it.
func RawLayout(a *model.Article, corr []model.Correction, width int, cursor bool) (flat []string, widths []int, styled []string) {
	d := layoutRawWith(a, corr, width, cursor)
	for _, l := range d.lines {
		var b strings.Builder
		w := 0
		for _, sp := range l {
			if sp.kind == spanRemoved {
				b.WriteString("~" + sp.text + "~")
			} else {
				b.WriteString(sp.text)
			}
			w += ui.TextWidth(sp.text)
		}
		flat = append(flat, b.String())
		widths = append(widths, w)
	}
	return flat, widths, d.view(ui.NewStyles(true, true), 0, len(d.lines))
}

// ScanTitles runs a filter scan over haystacks built from titles (and
// outlets), from base when it is not nil.
func ScanTitles(titles, outlets []string, query string, base []int32) []int32 {
	rows := make([]FilterRow, len(titles))
	for i := range rows {
		rows[i] = FilterRow{Title: titles[i], Outlet: outlets[i]}
	}
	st := storeOf(rows)
	q, _ := normaliseQuery(query)
	m, _ := (&listPane{store: st}).compileQuery(q)
	if base != nil {
		base = slices.Sorted(slices.Values(base))
	}
	return m.scan(st.snapshot(), base).shown()
}

// RawPara is one paragraph as the raw layout placed it.
type RawPara struct{ Start, End, First, Last int }

// RawParas lays a out with the cursor gutter at width: each line's text
// with the tags left out, and the paragraphs with their lines.
func RawParas(a *model.Article, width int) (text []string, paras []RawPara) {
	d := layoutRawWith(a, nil, width, true)
	for _, l := range d.lines {
		var b strings.Builder
		for _, sp := range l {
			if sp.kind != spanTag && sp.kind != spanUserTag {
				b.WriteString(sp.text)
			}
		}
		text = append(text, b.String())
	}
	for _, p := range d.paras {
		paras = append(paras, RawPara{p.start, p.end, p.first, p.last})
	}
	return text, paras
}

const RawGutter = rawGutter

// FilterRow is one item for ScanRows.
type FilterRow struct{ Title, Outlet, Date, ID string }

// ScanRows runs a filter scan over rows with the fact fields answered by
// facts, returning the matches and the query's problem.
func ScanRows(rows []FilterRow, query string, facts FilterFacts) ([]int32, string) {
	st := storeOf(rows)
	q, _ := normaliseQuery(query)
	m, problem := (&listPane{store: st, facts: facts}).compileQuery(q)
	return m.scan(st.snapshot(), nil).shown(), problem
}

// NewScanner builds the haystacks of rows once and returns a scan of them
// (for benchmarks: the snapshot is built outside the timer).
func NewScanner(rows []FilterRow) func(query string) []int32 {
	st := storeOf(rows)
	snap := st.snapshot()
	return func(query string) []int32 {
		q, _ := normaliseQuery(query)
		m, _ := (&listPane{store: st}).compileQuery(q)
		return m.scan(snap, nil).shown()
	}
}

// storeOf is an item store holding rows, every one read.
func storeOf(rows []FilterRow) *itemStore {
	items := make([]corpus.Item, len(rows))
	for i, r := range rows {
		items[i] = corpus.Item{ID: r.ID, Path: r.ID}
	}
	st := newItemStore(itemSource(items))
	for i, r := range rows {
		st.apply(corpus.Result{Index: i, Article: &model.Article{ID: r.ID, Title: r.Title, Source: r.Outlet, Date: r.Date}})
	}
	return st
}

// itemSource is a Source of found items that never reads them.
type itemSource []corpus.Item

func (s itemSource) Label() string                                      { return "items" }
func (s itemSource) Len() int                                           { return len(s) }
func (s itemSource) Item(i int) corpus.Item                             { return s[i] }
func (s itemSource) Problems() []corpus.Problem                         { return nil }
func (s itemSource) Load(int) (*model.Article, error)                   { return nil, errors.New("not read") }
func (s itemSource) Stream(context.Context, int, func([]corpus.Result)) {}
