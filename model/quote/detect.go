package quote

import (
	"sort"

	"storydesk/model"
	"storydesk/model/speaker"
)

// Quote is one quotation found in a text. model.Offsets are code points.
type Quote struct {
	Start int             `json:"start"` // first quoted word, after the opening mark
	End   int             `json:"end"`   // end of the last quoted word, before the closing mark
	Text  string          `json:"text"`  // model.RuneSlice(text, Start, End); a multi-paragraph quotation keeps its breaks and marks
	Kind  model.QuoteKind `json:"kind"`

	// Speaker is the suggested speaker: a person's full name when the text
	// gives it anywhere (a surname or pronoun resolves to it), an
	// organisation ("White House"), or, for a source the text does not
	// name, the noun phrase as written ("a spokeswoman for the ministry",
	// "the report", "several officials"). It is "" when none was found.
	Speaker string `json:"speaker,omitempty"`
	// SpeakerStart and SpeakerEnd span the mention the attribution rests
	// on, as written: "he", "Treasury Secretary Scott Bessent", "a
	// spokesman for the State Department" (maybe in an earlier sentence
	// when the speaker is inherited); -1 when none.
	SpeakerStart int `json:"speaker_start"`
	SpeakerEnd   int `json:"speaker_end"`
	// EntityStart and EntityEnd span where the text names the speaker the
	// mention resolves to ("Gustavo Petro" for a "he", "Petro" or "the
	// president"): its last full mention before the attribution, else its
	// first; -1 for an unnamed source or none.
	EntityStart int    `json:"entity_start"`
	EntityEnd   int    `json:"entity_end"`
	Role        string `json:"role,omitempty"` // title or description of a named speaker: "Treasury Secretary"
	// Cue is the cue as written: "said", "according to", "wrote", ":" for
	// a colon after the speaker; "" when the quotation inherits its speaker
	// from the one before. CueStart and CueEnd span it; -1 when Cue is "".
	Cue      string `json:"cue,omitempty"`
	CueStart int    `json:"cue_start"`
	CueEnd   int    `json:"cue_end"`
	Via      string `json:"via,omitempty"` // the channel named with the cue: "in a statement", "in a post on X"

	Open  int `json:"open"`  // position of the opening mark
	Close int `json:"close"` // position of the closing mark; -1 when the quotation is never closed (then it ends at its paragraph's end)

	// Nested is set on a quotation inside another one (single marks within
	// double); reported only when Detector.Nested is set.
	Nested bool `json:"nested,omitempty"`
}

// Detector finds quotations and suggests their speakers. The zero
// value is ready to use; Detect uses one with no options. It is pure
// and deterministic, and safe for concurrent use.
//
// Detection pairs quotation marks per paragraph (pair.go); package
// speaker then reads each quotation in its sentence for its speaker and
// kind.
//
// Kinds: a quotation is direct when it opens its sentence, follows a colon
// or its cue, continues a direct quotation split by its attribution, or
// spans paragraphs; scare when it has one or two words and no cue of its
// own, when a word names it ("so-called", "the word") or when it is a
// short title ("Black Water"); partial otherwise, a word or two with its
// speaker's cue included. Rules are English; marks are read for any
// language.
type Detector struct {
	// Nested also reports single-quoted quotations inside double-quoted
	// ones, with Nested set and no speaker. The outer quotation is reported
	// either way, whole.
	Nested bool
	// NoSingles skips quotations in single marks outside double ones
	// (British style 'like this'). Apostrophes never open or close a
	// quotation either way.
	NoSingles bool
}

// Detect finds the quotations in text with the default detector.
func Detect(text string) []Quote {
	var d Detector
	return d.Detect(text)
}

// qDoc is one text being paired.
type qDoc struct {
	rs      []rune
	markPos []int // positions of every quotation mark or apostrophe
	paras   []qSpan
	quotes  []qRaw // top level, in text order

	src string         // the text as given, for slicing by byte
	off *model.Offsets // code point ↔ byte
}

// slice returns the text's code points [s,e) as given (invalid UTF-8
// included), so that Text is exactly model.RuneSlice(text, Start, End).
func (x *qDoc) slice(s, e int) string { return x.src[x.off.ByteAt(s):x.off.ByteAt(e)] }

// Detect finds the quotations in text, in text order.
func (d *Detector) Detect(text string) []Quote {
	if text == "" {
		return nil
	}
	x := d.pair(text)
	paras := make([]speaker.Span, len(x.paras))
	for i, p := range x.paras {
		paras[i] = speaker.Span{Start: p.s, End: p.e}
	}
	qs := make([]speaker.Quotation, len(x.quotes))
	for i, q := range x.quotes {
		qs[i] = speaker.Quotation{Open: q.open, Close: q.close, Start: q.s, End: q.e, Stop: q.end, FirstPara: q.p0, LastPara: q.p1}
	}
	attrs := speaker.AttributeRunes(text, x.rs, paras, qs)

	out := make([]Quote, 0, len(x.quotes))
	for qi, q := range x.quotes {
		a := attrs[qi]
		out = append(out, Quote{
			Start: q.s, End: q.e, Text: x.slice(q.s, q.e), Kind: a.Kind,
			Speaker: a.Speaker, SpeakerStart: a.SpeakerStart, SpeakerEnd: a.SpeakerEnd, EntityStart: a.EntityStart, EntityEnd: a.EntityEnd, Role: a.Role, Cue: a.Cue, CueStart: a.CueStart, CueEnd: a.CueEnd, Via: a.Via,
			Open: q.open, Close: q.close,
		})
	}
	if d.Nested {
		out = append(out, x.nested()...)
		sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	}
	return out
}

// pair finds the top-level quotations of text (pair.go), in text order.
func (d *Detector) pair(text string) *qDoc {
	x := &qDoc{rs: []rune(text), src: text, off: model.NewOffsets(text)}
	x.findParas()
	x.pairFamily(qfDouble)
	x.pairFamily(qfGuil)
	x.dropOverlaps()
	if !d.NoSingles {
		x.topSingles()
		x.dropOverlaps()
	}
	return x
}

// topSingles pairs single marks in the text between double quotations.
func (x *qDoc) topSingles() {
	var add []qRaw
	qi := 0
	for pi, p := range x.paras {
		s := p.s
		for s < p.e {
			for qi < len(x.quotes) && x.quotes[qi].end <= s {
				qi++
			}
			e := p.e
			var next *qRaw
			if qi < len(x.quotes) && x.quotes[qi].open < p.e {
				next = &x.quotes[qi]
				if next.open <= s {
					s = next.end
					continue
				}
				e = next.open
			}
			add = append(add, x.singles(s, e, pi, false)...)
			if next == nil {
				break
			}
			s = next.end
		}
	}
	x.quotes = append(x.quotes, add...)
}

// nested reports single-quoted quotations inside the top-level ones.
func (x *qDoc) nested() []Quote {
	var out []Quote
	for _, q := range x.quotes {
		if q.fam == qfSingle {
			continue
		}
		for pi := q.p0; pi <= q.p1; pi++ {
			s, e := max(q.s, x.paras[pi].s), min(q.e, x.paras[pi].e)
			for _, n := range x.singles(s, e, pi, true) {
				k := model.QuotePartial
				if model.WordCount(x.slice(n.s, n.e)) <= 2 {
					k = model.QuoteScare
				}
				out = append(out, Quote{Start: n.s, End: n.e, Text: x.slice(n.s, n.e), Kind: k,
					SpeakerStart: -1, SpeakerEnd: -1, EntityStart: -1, EntityEnd: -1, CueStart: -1, CueEnd: -1, Open: n.open, Close: n.close, Nested: true})
			}
		}
	}
	return out
}
