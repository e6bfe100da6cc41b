package annotate

import (
	"storydesk/data/store"
	"storydesk/model"
)

// Pure helpers that build ops from documents. Quotes mode uses
// QuoteEditOps through the root's wiring (tui/wire_quotes.go).

// FirstTouch adds "in progress" to an action on an article that is new.
func FirstTouch(ops []store.Op, id string, doc *store.Doc) []store.Op {
	if doc == nil || doc.Status == model.StatusNew || doc.Status == "" {
		ops = append(ops, store.Op{Kind: store.OpSetStatus, Article: id, Status: model.StatusInProgress})
	}
	return ops
}

// spanEdit is a stored span and what it becomes (the same id); quoteEdit
// the same for a quotation.
type (
	spanEdit  struct{ old, new model.Span }
	quoteEdit struct{ old, new model.QuoteAnn }
)

// editOps returns the ops that turn each old into its new, in an order
// that undo (which replays the inverse ops backwards) and redo restore
// exactly. set-span and set-quote leave a source as it is, so an edit that
// changes one deletes the annotation and adds it back under its id:
// quotations to re-add go first and come back last, and the speaker link
// of any other quotation pointing at a span that goes is cleared before
// and set after (the store would clear it on the delete, and undo would
// not bring it back).
func editOps(doc *store.Doc, id string, spans []spanEdit, quotes []quoteEdit) []store.Op {
	gone := map[int64]bool{}
	for _, e := range spans {
		if e.old.Source != e.new.Source {
			gone[e.old.ID] = true
		}
	}
	readdQ := map[int64]bool{}
	editQ := map[int64]model.QuoteAnn{}
	for _, e := range quotes {
		editQ[e.old.ID] = e.new
		if e.old.Source != e.new.Source {
			readdQ[e.old.ID] = true
		}
	}
	var ops []store.Op
	for _, e := range quotes {
		if readdQ[e.old.ID] {
			ops = append(ops, store.Op{Kind: store.OpDelQuote, Article: id, Quote: e.old})
		}
	}
	var relink []store.Op
	relinked := map[int64]bool{}
	if doc != nil && len(gone) > 0 {
		for _, q := range doc.Quotes {
			if readdQ[q.ID] || q.SpeakerSpan == 0 || !gone[q.SpeakerSpan] {
				continue
			}
			u := q
			u.SpeakerSpan = 0
			ops = append(ops, setQuoteOp(id, u))
			final := q
			if nw, ok := editQ[q.ID]; ok {
				final = nw
			}
			relink = append(relink, setQuoteOp(id, final))
			relinked[q.ID] = true
		}
	}
	for _, e := range spans {
		if gone[e.old.ID] {
			ops = append(ops, store.Op{Kind: store.OpDelSpan, Article: id, Span: e.old})
		}
	}
	for _, e := range spans {
		switch {
		case gone[e.old.ID]:
			nw := e.new
			nw.ID = e.old.ID
			ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: id, Span: nw})
		case e.new != e.old:
			ops = append(ops, store.Op{Kind: store.OpSetSpan, Article: id, Span: e.new})
		}
	}
	ops = append(ops, relink...)
	for _, e := range quotes {
		if !readdQ[e.old.ID] && !relinked[e.old.ID] && e.new != e.old {
			ops = append(ops, setQuoteOp(id, e.new))
		}
	}
	for _, e := range quotes {
		if readdQ[e.old.ID] {
			nw := e.new
			nw.ID = e.old.ID
			ops = append(ops, store.Op{Kind: store.OpAddQuote, Article: id, Quote: nw})
		}
	}
	return ops
}

func setQuoteOp(id string, q model.QuoteAnn) store.Op {
	return store.Op{Kind: store.OpSetQuote, Article: id, Quote: q}
}

// SpanEditOps is the ops for one span edit by hand (relabel, canonical
// name): a person has looked at the span, so an imported one counts as
// reviewed and loses its source.
func SpanEditOps(doc *store.Doc, id string, old, nw model.Span) []store.Op {
	nw.Source = ""
	return editOps(doc, id, []spanEdit{{old, nw}}, nil)
}

// QuoteEditOps is the same for a quotation changed by hand.
func QuoteEditOps(doc *store.Doc, id string, old, nw model.QuoteAnn) []store.Op {
	nw.Source = ""
	return editOps(doc, id, nil, []quoteEdit{{old, nw}})
}

// unlinkQuotes returns the ops that clear the speaker link of every stored
// quotation whose speaker is one of the spans about to be deleted. (The
// store would clear it anyway; done as ops, undo restores it.)
func unlinkQuotes(doc *store.Doc, id string, victims []model.Span) []store.Op {
	if doc == nil {
		return nil
	}
	gone := map[int64]bool{}
	for _, sp := range victims {
		gone[sp.ID] = true
	}
	var ops []store.Op
	for _, q := range doc.Quotes {
		if q.SpeakerSpan != 0 && gone[q.SpeakerSpan] {
			q.SpeakerSpan = 0
			ops = append(ops, setQuoteOp(id, q))
		}
	}
	return ops
}
