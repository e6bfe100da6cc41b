package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
)

// w3c: W3C Web Annotation Data Model (Recommendation, 23 February 2017,
// https://www.w3.org/TR/annotation-model/) as JSON-LD: one
// AnnotationCollection whose first (and only) AnnotationPage holds one
// Annotation per entity and per accepted quotation. Each targets its article
// — the article's URL when it has an http(s) one, else
// urn:storydesk:article:ID — through two equivalent selectors: a
// TextQuoteSelector (exact, ~32 characters of prefix and suffix), which tools
// such as Hypothesis use to re-anchor in the live page, and a
// TextPositionSelector (start, end) into the cleaned text.
//
// Positions are Unicode code points: §4.2.4 (Text Quote Selector), to which
// §4.2.5 (Text Position Selector) refers, says "The selection of the text
// MUST be in terms of unicode code points (the 'character number'), not in
// terms of code units". JavaScript tools that index UTF-16 strings must
// convert (they differ after any astral character, such as most emoji).
//
// Bodies: entities are tagged with their label (purpose "tagging") and, when
// the annotator gave one, their canonical name ("identifying"); quotations
// are tagged "Quote", classified by kind, described by their speaker's name,
// and linked to the speaker's entity annotation when there is one.

// w3cContext is the JSON-LD context of the model.
const w3cContext = "http://www.w3.org/ns/anno.jsonld"

// w3cContextChars is how much context the TextQuoteSelector carries.
const w3cContextChars = 32

type w3cAnnotation struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Motivation string    `json:"motivation"`
	Body       []w3cBody `json:"body"`
	Target     w3cTarget `json:"target"`
}

type w3cBody struct {
	Type    string `json:"type"`
	Value   string `json:"value,omitempty"`
	Source  string `json:"source,omitempty"`
	Purpose string `json:"purpose"`
}

type w3cTarget struct {
	Source   string `json:"source"`
	Selector []any  `json:"selector"`
}

type w3cQuoteSel struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

type w3cPosSel struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type w3cSink struct {
	out *outFile
	id  string
	n   int
	buf bytes.Buffer
	enc *json.Encoder // into buf
}

func newW3CSink(env *exportEnv) (docSink, error) {
	out, err := createOut(env.opts.Out, env.opts.Stdout, env.opts.wrap)
	if err != nil {
		return nil, err
	}
	// A collection MUST have an IRI; derive a stable one from the store.
	h := sha256.Sum256([]byte(env.store.Path()))
	s := &w3cSink{out: out, id: "urn:storydesk:export:" + hex.EncodeToString(h[:8])}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	head, _ := json.Marshal(s.id)
	page, _ := json.Marshal(s.id + "#page-1")
	fmt.Fprintf(out, `{"@context":%q,"id":%s,"type":"AnnotationCollection","label":"storydesk annotations","first":{"id":%s,"type":"AnnotationPage","startIndex":0,"items":[`,
		w3cContext, head, page)
	return s, nil
}

func (s *w3cSink) doc(d *outDoc) error {
	urn := "urn:storydesk:article:" + url.PathEscape(d.ArticleID)
	source := urn
	if u, err := url.Parse(d.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		source = d.URL
	}
	ids := make(map[int64]string, len(d.Spans))
	for _, sp := range d.Spans {
		a := w3cAnnotation{ID: fmt.Sprintf("%s#span-%d", urn, sp.ID), Type: "Annotation", Motivation: "tagging",
			Body:   []w3cBody{{Type: "TextualBody", Value: sp.Label, Purpose: "tagging"}},
			Target: s.target(d, source, sp.Start, sp.End, sp.Text)}
		if sp.Canonical != "" {
			a.Body = append(a.Body, w3cBody{Type: "TextualBody", Value: sp.Canonical, Purpose: "identifying"})
		}
		ids[sp.ID] = a.ID
		if err := s.item(&a); err != nil {
			return err
		}
	}
	for _, q := range d.Quotes {
		a := w3cAnnotation{ID: fmt.Sprintf("%s#quote-%d", urn, q.ID), Type: "Annotation", Motivation: "tagging",
			Body:   []w3cBody{{Type: "TextualBody", Value: "Quote", Purpose: "tagging"}},
			Target: s.target(d, source, q.Start, q.End, q.Text)}
		if q.Kind != "" {
			a.Body = append(a.Body, w3cBody{Type: "TextualBody", Value: string(q.Kind), Purpose: "classifying"})
		}
		if q.Speaker != "" {
			a.Body = append(a.Body, w3cBody{Type: "TextualBody", Value: q.Speaker, Purpose: "describing"})
		}
		if id, ok := ids[q.SpeakerSpan]; ok && q.SpeakerSpan != 0 {
			a.Body = append(a.Body, w3cBody{Type: "SpecificResource", Source: id, Purpose: "linking"})
		}
		if err := s.item(&a); err != nil {
			return err
		}
	}
	return nil
}

func (s *w3cSink) target(d *outDoc, source string, start, end int, exact string) w3cTarget {
	off := d.offsets()
	pre := d.Text[off.ByteAt(start-w3cContextChars):off.ByteAt(start)]
	suf := d.Text[off.ByteAt(end):off.ByteAt(end+w3cContextChars)]
	return w3cTarget{Source: source, Selector: []any{
		w3cQuoteSel{Type: "TextQuoteSelector", Exact: exact, Prefix: pre, Suffix: suf},
		w3cPosSel{Type: "TextPositionSelector", Start: start, End: end},
	}}
}

// item writes one annotation on a line of its own.
func (s *w3cSink) item(a *w3cAnnotation) error {
	s.buf.Reset()
	if s.n > 0 {
		s.buf.WriteByte(',')
	}
	s.buf.WriteByte('\n')
	s.n++
	if err := s.enc.Encode(a); err != nil {
		return fmt.Errorf("export %s: %w", s.out.name(), err)
	}
	b := bytes.TrimSuffix(s.buf.Bytes(), []byte("\n"))
	if _, err := s.out.Write(b); err != nil {
		return fmt.Errorf("export %s: %w", s.out.name(), err)
	}
	return nil
}

func (s *w3cSink) finish() error {
	// total goes last: it is only known once every item is written.
	fmt.Fprintf(s.out, "\n]},\"total\":%d}\n", s.n)
	return s.out.commit()
}

func (s *w3cSink) abort() { s.out.abort() }
