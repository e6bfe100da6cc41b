package export

import (
	"encoding/json"
	"fmt"

	"storydesk/data/store"
	"storydesk/model"
)

// jsonl: one article per line in the span shape spaCy and Prodigy read
// (text + spans with start, end, label), plus what storydesk adds: quotes,
// duplicate labels, status. Offsets are code points of text: Python string
// indices. `storydesk import` reads it back.
//
// With Options.Rejected, each rejected suggestion follows its article's
// record as a record of its own: the text, meta, the one span and
// "answer": "reject" — what Prodigy's ner.teach saves for a "no", and what
// its db-in and train --binary read (an article record has no answer, which
// db-in takes as accept). An article whose only annotations are rejections
// (and not marked done) is written as its reject records alone: its
// record, with no spans and taken as accepted, would claim the text names
// nothing.

type jsonlRecord struct {
	Text       string       `json:"text"`
	Meta       jsonlMeta    `json:"meta"`
	Spans      []jsonlSpan  `json:"spans"`
	Quotes     []jsonlQuote `json:"quotes"`
	Duplicates []jsonlDup   `json:"duplicates"`
	Canonical  bool         `json:"canonical,omitempty"` // the canonical copy of its duplicate cluster
	Status     string       `json:"status"`
	Annotator  string       `json:"annotator"`
}

// jsonlReject is a rejected suggestion, as Prodigy answers one.
type jsonlReject struct {
	Text   string      `json:"text"`
	Meta   jsonlMeta   `json:"meta"`
	Spans  []jsonlSpan `json:"spans"`
	Answer string      `json:"answer"`
}

type jsonlMeta struct {
	ID     string `json:"id"`
	Path   string `json:"path"`
	Title  string `json:"title"`
	Source string `json:"source"`
	URL    string `json:"url"`
	Date   string `json:"date"`
}

type jsonlSpan struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Label     string `json:"label"`
	Text      string `json:"text"`
	Canonical string `json:"canonical,omitempty"`
	// Annotator is whose layer the span is in (in a team store a file
	// may gather several layers' records).
	Annotator string `json:"annotator,omitempty"`
}

type jsonlQuote struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Text        string `json:"text"`
	Speaker     string `json:"speaker"`
	SpeakerSpan *int   `json:"speaker_span"` // index into spans; null when the speaker is not a tagged span
	// SpeakerStart and SpeakerEnd are the mention the attribution rests
	// on ("he", "a spokeswoman"), code points; null when not recorded (the
	// names of storydesk quotes --json).
	SpeakerStart *int   `json:"speaker_start"`
	SpeakerEnd   *int   `json:"speaker_end"`
	Kind         string `json:"kind"`
}

type jsonlDup struct {
	Other string `json:"other"`
	Label string `json:"label"`
}

// jsonlOf builds the record for d, reusing rec's slices.
func jsonlOf(d *store.ExportDoc, rec *jsonlRecord) {
	rec.Text = d.Text
	rec.Meta = jsonlMeta{ID: d.ArticleID, Path: d.Path, Title: d.Title, Source: d.Source, URL: d.URL, Date: d.Date}
	// Never nil: empty annotations must be [] (Prodigy and spaCy iterate
	// them), also in the first record written.
	if rec.Spans == nil {
		rec.Spans, rec.Quotes, rec.Duplicates = []jsonlSpan{}, []jsonlQuote{}, []jsonlDup{}
	}
	rec.Spans, rec.Quotes, rec.Duplicates = rec.Spans[:0], rec.Quotes[:0], rec.Duplicates[:0]
	for _, sp := range d.Spans {
		rec.Spans = append(rec.Spans, jsonlSpan{Start: sp.Start, End: sp.End, Label: sp.Label, Text: sp.Text, Canonical: sp.Canonical, Annotator: d.Annotator})
	}
	for _, q := range d.Quotes {
		jq := jsonlQuote{Start: q.Start, End: q.End, Text: q.Text, Speaker: q.Speaker, Kind: string(q.Kind)}
		if i := spanIndex(d.Spans, q.SpeakerSpan); i >= 0 {
			jq.SpeakerSpan = &i
		}
		if q.HasMention() {
			s, e := q.MentionStart, q.MentionEnd
			jq.SpeakerStart, jq.SpeakerEnd = &s, &e
		}
		rec.Quotes = append(rec.Quotes, jq)
	}
	for _, p := range d.Pairs {
		rec.Duplicates = append(rec.Duplicates, jsonlDup{Other: p.Other, Label: string(p.Label)})
	}
	rec.Canonical = d.Canonical
	rec.Status = string(d.Status)
	rec.Annotator = d.Annotator
}

// spanIndex is the position of the span with id in spans, or -1.
func spanIndex(spans []model.Span, id int64) int {
	if id == 0 {
		return -1
	}
	for i, sp := range spans {
		if sp.ID == id {
			return i
		}
	}
	return -1
}

type jsonlSink struct {
	out      *outFile
	enc      *json.Encoder
	rec      jsonlRecord
	rejected bool // Options.Rejected
}

func newJSONLSink(env *exportEnv) (docSink, error) {
	out, err := createOut(env.opts.Out, env.opts.Stdout, env.opts.wrap)
	if err != nil {
		return nil, err
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	return &jsonlSink{out: out, enc: enc, rejected: env.opts.Rejected}, nil
}

func (s *jsonlSink) doc(d *outDoc) error {
	jsonlOf(d.ExportDoc, &s.rec)
	onlyRejected := s.rejected && len(d.Rejected) > 0 && len(d.Spans)+len(d.Quotes)+len(d.Pairs) == 0 &&
		!d.Canonical && d.Status != model.StatusDone
	if !onlyRejected {
		if err := s.enc.Encode(&s.rec); err != nil {
			return fmt.Errorf("export %s: %w", s.out.name(), err)
		}
	}
	if !s.rejected {
		return nil
	}
	for _, sp := range d.Rejected {
		r := jsonlReject{Text: d.Text, Meta: s.rec.Meta, Answer: "reject",
			Spans: []jsonlSpan{{Start: sp.Start, End: sp.End, Label: sp.Label, Text: sp.Text}}}
		if err := s.enc.Encode(&r); err != nil {
			return fmt.Errorf("export %s: %w", s.out.name(), err)
		}
	}
	return nil
}

func (s *jsonlSink) finish() error { return s.out.commit() }
func (s *jsonlSink) abort()        { s.out.abort() }
