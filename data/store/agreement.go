package store

import (
	"context"

	"storydesk/model"
	"storydesk/model/agree"
)

// AgreementInput reads every annotator's layer for model/agree: each
// article's text and each layer's spans on it, and each layer's pair
// labels. keep, when set, limits it to some articles (a corpus's); skip
// names layers left out (the gold layer: agreement is between annotators).
func AgreementInput(ctx context.Context, s LayeredStore, keep func(id string) bool, skip ...string) (agree.Input, error) {
	in := agree.Input{Docs: map[string]agree.Doc{}, Dups: map[string]map[agree.Pair]model.DupLabel{}}
	names, err := s.Annotators(ctx)
	if err != nil {
		return in, err
	}
	left := map[string]bool{}
	for _, n := range skip {
		left[n] = true
	}
	for _, who := range names {
		if left[who] {
			continue
		}
		layer := s.Layer(who)
		err := layer.EachDoc(ctx, DocFilter{Keep: keep}, func(d *ExportDoc) error {
			if len(d.Spans) == 0 {
				return nil
			}
			doc, ok := in.Docs[d.ArticleID]
			if !ok {
				doc = agree.Doc{Text: d.Text, Spans: map[string][]model.Span{}}
			}
			doc.Spans[who] = append([]model.Span(nil), d.Spans...)
			in.Docs[d.ArticleID] = doc
			return nil
		})
		if err != nil {
			return in, err
		}
		labels, err := layer.DupLabels(ctx)
		if err != nil {
			return in, err
		}
		for _, l := range labels {
			if keep != nil && !keep(l.A) && !keep(l.B) {
				continue
			}
			if in.Dups[who] == nil {
				in.Dups[who] = map[agree.Pair]model.DupLabel{}
			}
			in.Dups[who][agree.Pair{A: l.A, B: l.B}] = l.Label
		}
	}
	return in, nil
}
