// Package docops applies a committed action's ops to a document in
// memory, as the store applies them to its rows: what the reader does after
// a write, instead of reading the article back (a tag on an article with
// thousands of spans cost more in the re-read than in the commit).
// TestApplyOpsMatchesStore holds the two to the same result.
package docops

import (
	"slices"
	"sort"
	"strings"

	"storydesk/data/store"
	"storydesk/model"
)

// CanApplyInPlace reports whether ApplyInPlace can apply ops to doc: a
// few ops (a tag, a relabel, an undo of one), each span or quotation they
// change or delete held by doc or added by an earlier op.
func CanApplyInPlace(doc *store.Doc, ops []store.Op) bool {
	if len(ops) > 16 {
		return false // many ops: Apply does them in one pass
	}
	var added, gone []int64 // spans; quotes get negative ids here
	has := func(id int64, inDoc func() bool) bool {
		for _, g := range gone {
			if g == id {
				return false
			}
		}
		for _, a := range added {
			if a == id {
				return true
			}
		}
		return inDoc()
	}
	for _, op := range ops {
		if op.Article != doc.ArticleID {
			continue
		}
		switch op.Kind {
		case store.OpAddSpan:
			added = append(added, op.Span.ID)
		case store.OpAddQuote:
			added = append(added, -op.Quote.ID)
		case store.OpDelSpan, store.OpSetSpan:
			if !has(op.Span.ID, func() bool { return spanIndex(doc.Spans, op.Span.ID) >= 0 }) {
				return false
			}
			if op.Kind == store.OpDelSpan {
				gone = append(gone, op.Span.ID)
			}
		case store.OpDelQuote, store.OpSetQuote:
			if !has(-op.Quote.ID, func() bool { return quoteIndex(doc.Quotes, op.Quote.ID) >= 0 }) {
				return false
			}
			if op.Kind == store.OpDelQuote {
				gone = append(gone, -op.Quote.ID)
			}
		}
	}
	return true
}

// ApplyInPlace applies the ops that concern doc (ops as Do, Undo or Redo
// returned them: new ids assigned, Prev fields filled) to doc itself, as
// the store applied them: no allocation beyond a slice's growth, a few µs
// on thousands of spans. The caller has checked CanApplyInPlace, and owns
// doc: whoever holds its slices sees them change.
func ApplyInPlace(doc *store.Doc, ops []store.Op) {
	for _, op := range ops {
		if op.Article != doc.ArticleID {
			continue
		}
		switch op.Kind {
		case store.OpAddSpan:
			doc.Spans = insertSpan(doc.Spans, op.Span)
		case store.OpDelSpan:
			i := spanIndex(doc.Spans, op.Span.ID)
			doc.Spans = append(doc.Spans[:i], doc.Spans[i+1:]...)
			for qi := range doc.Quotes {
				if doc.Quotes[qi].SpeakerSpan == op.Span.ID {
					doc.Quotes[qi].SpeakerSpan = 0 // speaker_span is ON DELETE SET NULL
				}
			}
		case store.OpSetSpan:
			i := spanIndex(doc.Spans, op.Span.ID)
			nw := op.Span
			nw.Source = doc.Spans[i].Source // set-span leaves the source as it is
			doc.Spans = append(doc.Spans[:i], doc.Spans[i+1:]...)
			doc.Spans = insertSpan(doc.Spans, nw)
		case store.OpAddQuote:
			doc.Quotes = insertQuote(doc.Quotes, withQuoteDefaults(op.Quote))
		case store.OpDelQuote:
			i := quoteIndex(doc.Quotes, op.Quote.ID)
			doc.Quotes = append(doc.Quotes[:i], doc.Quotes[i+1:]...)
		case store.OpSetQuote:
			i := quoteIndex(doc.Quotes, op.Quote.ID)
			nw := withQuoteDefaults(op.Quote)
			nw.Source = doc.Quotes[i].Source // set-quote leaves the source as it is
			doc.Quotes = append(doc.Quotes[:i], doc.Quotes[i+1:]...)
			doc.Quotes = insertQuote(doc.Quotes, nw)
		default:
			applyArticleOp(doc, op)
		}
	}
}

// applyArticleOp is an op on the article row. Duplicate labels, canonical
// copies and corrections are not part of a Doc.
func applyArticleOp(doc *store.Doc, op store.Op) {
	switch op.Kind {
	case store.OpSetStatus:
		doc.Status = op.Status
	case store.OpSetText:
		doc.Text, doc.Hash = op.Text, model.HashText(op.Text)
	case store.OpSetReject:
		// Rejected suggestions, by position, keyed as the store keys them.
		sp := op.Span
		i := slices.IndexFunc(doc.Rejected, func(r model.Span) bool {
			return r.Start == sp.Start && r.End == sp.End && r.Label == sp.Label
		})
		switch {
		case op.Flag && i < 0:
			j, _ := slices.BinarySearchFunc(doc.Rejected, sp, func(a, b model.Span) int {
				if a.Start != b.Start {
					return a.Start - b.Start
				}
				if a.End != b.End {
					return a.End - b.End
				}
				return strings.Compare(a.Label, b.Label) // the store's order
			})
			doc.Rejected = slices.Insert(slices.Clip(doc.Rejected), j, model.Span{Start: sp.Start, End: sp.End, Label: sp.Label, Text: sp.Text})
		case !op.Flag && i >= 0:
			doc.Rejected = slices.Delete(slices.Clone(doc.Rejected), i, i+1)
		}
	}
}

// Apply is ApplyInPlace for any number of ops, on a copy: doc is not
// changed. It works by id in one pass (a re-anchoring deletes and adds
// back every span). ok is false when an op names a span or quotation doc
// does not hold: the caller then reads the document back.
func Apply(doc *store.Doc, ops []store.Op) (out *store.Doc, ok bool) {
	d := *doc
	var spans map[int64]model.Span
	var quotes map[int64]model.QuoteAnn
	for _, op := range ops {
		if op.Article != doc.ArticleID {
			continue
		}
		switch op.Kind {
		case store.OpAddSpan, store.OpDelSpan, store.OpSetSpan:
			if spans == nil {
				spans = make(map[int64]model.Span, len(d.Spans)+1)
				for _, sp := range d.Spans {
					spans[sp.ID] = sp
				}
			}
		case store.OpAddQuote, store.OpDelQuote, store.OpSetQuote:
		default:
			applyArticleOp(&d, op)
			continue
		}
		if op.Kind == store.OpDelSpan || op.Kind == store.OpAddQuote || op.Kind == store.OpDelQuote || op.Kind == store.OpSetQuote {
			if quotes == nil {
				quotes = make(map[int64]model.QuoteAnn, len(d.Quotes)+1)
				for _, q := range d.Quotes {
					quotes[q.ID] = q
				}
			}
		}
		switch op.Kind {
		case store.OpAddSpan:
			spans[op.Span.ID] = op.Span
		case store.OpDelSpan:
			if _, ok := spans[op.Span.ID]; !ok {
				return nil, false
			}
			delete(spans, op.Span.ID)
			for id, q := range quotes {
				if q.SpeakerSpan == op.Span.ID {
					q.SpeakerSpan = 0
					quotes[id] = q
				}
			}
		case store.OpSetSpan:
			old, ok := spans[op.Span.ID]
			if !ok {
				return nil, false
			}
			nw := op.Span
			nw.Source = old.Source
			spans[nw.ID] = nw
		case store.OpAddQuote:
			quotes[op.Quote.ID] = withQuoteDefaults(op.Quote)
		case store.OpDelQuote:
			if _, ok := quotes[op.Quote.ID]; !ok {
				return nil, false
			}
			delete(quotes, op.Quote.ID)
		case store.OpSetQuote:
			old, ok := quotes[op.Quote.ID]
			if !ok {
				return nil, false
			}
			nw := withQuoteDefaults(op.Quote)
			nw.Source = old.Source
			quotes[nw.ID] = nw
		}
	}
	if spans != nil {
		d.Spans = make([]model.Span, 0, len(spans))
		for _, sp := range spans {
			d.Spans = append(d.Spans, sp)
		}
		sort.Slice(d.Spans, func(i, j int) bool { return spanLess(d.Spans[i], d.Spans[j]) })
	}
	if quotes != nil {
		d.Quotes = make([]model.QuoteAnn, 0, len(quotes))
		for _, q := range quotes {
			d.Quotes = append(d.Quotes, q)
		}
		sort.Slice(d.Quotes, func(i, j int) bool { return quoteLess(d.Quotes[i], d.Quotes[j]) })
	}
	return &d, true
}

// The store's order: by start, then end (then id, as SQLite returns ties
// in rowid order).
func spanLess(a, b model.Span) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	if a.End != b.End {
		return a.End < b.End
	}
	return a.ID < b.ID
}

func quoteLess(a, b model.QuoteAnn) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	if a.End != b.End {
		return a.End < b.End
	}
	return a.ID < b.ID
}

// withQuoteDefaults is what the store writes for a quotation without a
// status or kind.
func withQuoteDefaults(q model.QuoteAnn) model.QuoteAnn {
	if q.Status == "" {
		q.Status = model.QuoteAccepted
	}
	if q.Kind == "" {
		q.Kind = model.QuoteDirect
	}
	return q
}

// insertSpan puts sp where the store's order has it.
func insertSpan(spans []model.Span, sp model.Span) []model.Span {
	i := sort.Search(len(spans), func(i int) bool { return spanLess(sp, spans[i]) })
	spans = append(spans, model.Span{})
	copy(spans[i+1:], spans[i:])
	spans[i] = sp
	return spans
}

func insertQuote(qs []model.QuoteAnn, q model.QuoteAnn) []model.QuoteAnn {
	i := sort.Search(len(qs), func(i int) bool { return quoteLess(q, qs[i]) })
	qs = append(qs, model.QuoteAnn{})
	copy(qs[i+1:], qs[i:])
	qs[i] = q
	return qs
}

// spanIndex finds the span with id (ids are not in offset order: a linear
// walk, no allocation; a few µs on thousands of spans).
func spanIndex(spans []model.Span, id int64) int {
	for i := range spans {
		if spans[i].ID == id {
			return i
		}
	}
	return -1
}

func quoteIndex(qs []model.QuoteAnn, id int64) int {
	for i := range qs {
		if qs[i].ID == id {
			return i
		}
	}
	return -1
}
