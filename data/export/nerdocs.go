package export

import (
	"context"
	"encoding/json"
	"io"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/ner"
)

// Training data for the entity recogniser (storydesk train) and its
// suggestions as JSON lines (storydesk entities --json).

// NERStats counts what NERDocs read.
type NERStats struct {
	Articles int // articles taught (complete or with rejections)
	Complete int // of them, taken as fully annotated
	Spans    int
	Rejected int
}

// NERDocs reads the store's entity annotations as training documents. By
// default an article with at least one span is taken as fully annotated (a
// name it leaves untagged teaches "not a name"), and one with only rejected
// suggestions teaches just those; onlyDone keeps the articles marked done
// (complete whether or not they name anything). Imported spans count as
// given: an imported corpus is what a first training run learns from.
func NERDocs(ctx context.Context, st store.Store, onlyDone bool) ([]ner.Doc, NERStats, error) {
	var stats NERStats
	ids, err := st.ArticleIDs(ctx)
	if err != nil {
		return nil, stats, err
	}
	var docs []ner.Doc
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, stats, err
		}
		d, ok, err := st.Doc(ctx, id)
		if err != nil {
			return nil, stats, err
		}
		if !ok {
			continue
		}
		nd, ok := NERDoc(d, onlyDone)
		if !ok {
			continue
		}
		docs = append(docs, nd)
		stats.Articles++
		stats.Spans += len(nd.Spans)
		stats.Rejected += len(nd.Rejected)
		if nd.Complete {
			stats.Complete++
		}
	}
	return docs, stats, nil
}

// NERDoc is one stored article as a training document, by NERDocs' rule;
// ok is false when it teaches nothing.
func NERDoc(d *store.Doc, onlyDone bool) (ner.Doc, bool) {
	if onlyDone && d.Status != model.StatusDone {
		return ner.Doc{}, false
	}
	complete := len(d.Spans) > 0 || onlyDone
	if !complete && len(d.Rejected) == 0 {
		return ner.Doc{}, false
	}
	spans := make([]model.Span, 0, len(d.Spans))
	for _, sp := range d.Spans {
		spans = append(spans, model.Span{Start: sp.Start, End: sp.End, Label: sp.Label, Text: sp.Text})
	}
	return ner.Doc{Text: d.Text, Spans: spans, Rejected: d.Rejected, Complete: complete, Source: "store"}, true
}

// EntityRecord is one article's suggestions as storydesk entities --json
// writes them: text is the cleaned text the code-point offsets point into.
type EntityRecord struct {
	ID       string       `json:"id"`
	Path     string       `json:"path"`
	Text     string       `json:"text"`
	Entities []EntityJSON `json:"entities"`
}

// EntityJSON is one suggestion.
type EntityJSON struct {
	Start int     `json:"start"`
	End   int     `json:"end"`
	Label string  `json:"label"`
	Text  string  `json:"text"`
	Score float64 `json:"score"`
}

// WriteEntitiesJSON writes one article's suggestions as one JSON line.
func WriteEntitiesJSON(w io.Writer, a *model.Article, ents []ner.Entity) error {
	rec := EntityRecord{ID: a.ID, Path: a.Path, Text: a.Text, Entities: make([]EntityJSON, 0, len(ents))}
	for _, e := range ents {
		rec.Entities = append(rec.Entities, EntityJSON{Start: e.Start, End: e.End, Label: e.Label, Text: e.Text, Score: roundScore(e.Score)})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(rec)
}

// roundScore keeps four decimals: the scores are calibrated probabilities,
// not worth seventeen digits per entity.
func roundScore(s float64) float64 {
	return float64(int64(s*10000+0.5)) / 10000
}
