package quote

import (
	"sort"
	"unicode"

	"storydesk/model"
)

// Quote is one quotation found in a text. model.Offsets are code points.
type Quote struct {
	Start int             `json:"start"` // first quoted word, after the opening mark
	End   int             `json:"end"`   // end of the last quoted word, before the closing mark
	Text  string          `json:"text"`  // model.RuneSlice(text, Start, End); a multi-paragraph quotation keeps its breaks and marks
	Kind  model.QuoteKind `json:"kind"`

	// Speaker is the suggested speaker: a person's full name when the text
	// gives it anywhere (a surname or pronoun resolves to it), or an
	// organisation ("White House"). It is "" when the cue names no one
	// ("a police spokesman said": then Role holds the description).
	Speaker      string `json:"speaker,omitempty"`
	SpeakerStart int    `json:"speaker_start"` // the mention that attributes this quotation (name, pronoun or description, maybe in an earlier sentence when inherited); -1 when none
	SpeakerEnd   int    `json:"speaker_end"`
	Role         string `json:"role,omitempty"` // title or description: "Treasury Secretary", "spokesperson for the ministry"
	Cue          string `json:"cue,omitempty"`  // the cue as written: "said", "according to", "wrote"; "" when inherited from the previous quotation
	Via          string `json:"via,omitempty"`  // the channel named with the cue: "in a statement", "in a post on X"

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
// Detection pairs quotation marks per paragraph (pair.go), then
// reads the text as tokens with each quotation one opaque token, cut into
// sentences (tokenize.go). A quotation's speaker is the noun phrase its
// cue attaches to, in its own sentence: after it ("“…,” Petro said",
// "said Petro"), before it ("Petro wrote that “…”") or, for a participle,
// the sentence's subject (attr*.go). Names, pronouns, roles ("the
// president") and documents ("the statement said") resolve to the people
// and organisations of the text (names.go, resolve.go). A quotation with no cue
// of its own takes the speaker of the sentence before it (same or previous
// paragraph; a run of quotation paragraphs keeps its speaker), else of a
// short attribution after it ("“…” Okafor said.").
//
// Kinds: a quotation is direct when it opens its sentence, follows a colon
// or its cue, or spans paragraphs; scare when it has one or two words and
// is not an utterance of its own; partial otherwise. Rules are English;
// marks are read for any language.
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

// qDoc is one text being read.
type qDoc struct {
	rs      []rune
	markPos []int // positions of every quotation mark or apostrophe
	paras   []qSpan
	quotes  []qRaw // top level, in text order
	toks    []qTok
	sents   []qSent

	ments     []qMention
	mentNP    []qNP
	subj      []int  // per sentence: its subject's mention index, or -1
	subjNP    []qNP  // per sentence: its subject
	subjOK    []bool // … when it has one
	ents      []*qEntity
	entByName map[string]*qEntity
	aliases   map[string][]qAlias // head noun → names set beside it
	orgNames  map[string]bool     // lower-case names known to be organisations
	pronMemo  map[int]*qEntity
	pronDesc  map[int]string // pronouns that refer to an unnamed person

	attrs  []qAttr // per quotation
	events []qEvent

	src string         // the text as given, for slicing by byte
	off *model.Offsets // code point ↔ byte
}

// slice returns the text's code points [s,e) as given (invalid UTF-8
// included), so that Text is exactly model.RuneSlice(text, Start, End).
func (x *qDoc) slice(s, e int) string { return x.src[x.off.ByteAt(s):x.off.ByteAt(e)] }

// qEvent is an attributed quotation, for pronouns to refer back to.
type qEvent struct {
	tok, sent int
	a         qAttr
}

// Detect finds the quotations in text, in text order.
func (d *Detector) Detect(text string) []Quote {
	if text == "" {
		return nil
	}
	x := &qDoc{rs: []rune(text), src: text, off: model.NewOffsets(text)}
	x.findParas()
	x.pairFamily(qfDouble)
	x.pairFamily(qfGuil)
	x.dropOverlaps()
	if !d.NoSingles {
		x.topSingles()
		x.dropOverlaps()
	}
	x.tokenize()
	x.splitSentences()
	x.scanNames()

	out := make([]Quote, 0, len(x.quotes))
	x.attrs = make([]qAttr, len(x.quotes))
	for qi := range x.quotes {
		a := x.attribute(qi)
		x.attrs[qi] = a
		q := &x.quotes[qi]
		if a.ok {
			x.events = append(x.events, qEvent{tok: q.tok, sent: x.toks[q.tok].sent, a: a})
		} else {
			a.ss, a.se = -1, -1
		}
		out = append(out, Quote{
			Start: q.s, End: q.e, Text: x.slice(q.s, q.e), Kind: x.kind(qi, a),
			Speaker: a.speaker, SpeakerStart: a.ss, SpeakerEnd: a.se, Role: a.role, Cue: a.cue, Via: a.via,
			Open: q.open, Close: q.close,
		})
	}
	if d.Nested {
		out = append(out, x.nested()...)
		sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	}
	return out
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
					SpeakerStart: -1, SpeakerEnd: -1, Open: n.open, Close: n.close, Nested: true})
			}
		}
	}
	return out
}

// localAttr finds the speaker of quotation qi within its own sentence.
func (x *qDoc) localAttr(qi int) (qAttr, bool) {
	q := &x.quotes[qi]
	t := q.tok
	si := x.toks[t].sent
	s := x.sents[si]
	if np, c, ok := x.attrAt(t+1, s.b); ok {
		return x.finish(np, c, si, true, -1), true
	}
	if np, c, ok := x.leftCue(t, s.a, si); ok {
		return x.finish(np, c, si, false, c), true
	}
	if np, c, ok := x.rightCue(t, s.b, si); ok {
		return x.finish(np, c, si, false, -1), true
	}
	// "Henrik Vos was blunter: “…”": the subject introduces it
	if x.isPunct(t-1, ':') {
		if np, ok := x.subjectOf(si); ok && np.b < t && x.descOK(np) {
			a := x.finish(np, -1, si, false, -1)
			return a, true
		}
	}
	return qAttr{}, false
}

// attribute finds the speaker of quotation qi.
func (x *qDoc) attribute(qi int) qAttr {
	if a, ok := x.localAttr(qi); ok {
		return a
	}
	q := &x.quotes[qi]
	t := q.tok
	si := x.toks[t].sent
	s := x.sents[si]
	p0 := x.sents[si].para
	if !x.leftEmpty(t, s) {
		// Quoted words in a sentence with no cue continue the quotation
		// or cue of the sentence before, in the same paragraph.
		if model.WordCount(x.slice(q.s, q.e)) >= 3 && si > 0 && x.sents[si-1].para == p0 {
			if a, ok := x.sentenceSpeaker(si-1, qi); ok {
				return a
			}
		}
		return qAttr{}
	}
	// A paragraph ending with a colon introduces the quotation.
	if si > 0 && x.sents[si-1].para == p0-1 && x.isPunct(x.sents[si-1].b-1, ':') {
		ps := x.sents[si-1]
		if np, c, ok := x.leftCue(ps.b, ps.a, si-1); ok {
			return x.finish(np, c, si-1, false, -1)
		}
	}
	// “…” She said.
	if x.rightEmpty(t, s) && si+1 < len(x.sents) && x.sents[si+1].para == p0 {
		if a, ok := x.nextAttribution(si+1, true); ok {
			return a
		}
	}
	// A run of quotation paragraphs keeps its speaker: take the closest
	// attributed quotation or cue sentence before, in this paragraph or
	// the one before.
	for sj := si - 1; sj >= 0 && x.sents[sj].para >= p0-1; sj-- {
		if a, ok := x.sentenceSpeaker(sj, qi); ok {
			return a
		}
		// "Mayor Paul Okafor thanked the crews. “…”": the person the
		// sentence before is about
		if a, ok := x.subjectSpeaker(sj); ok {
			return a
		}
	}
	if !x.rightEmpty(t, s) {
		return qAttr{}
	}
	// A bare quotation (a pull quote, a heading) followed by its speaker,
	// or by more quotation whose attribution comes with it ("“A.” ¶ “B,”
	// she said.").
	if si+1 < len(x.sents) && x.sents[si+1].para <= p0+1 {
		if a, ok := x.nextAttribution(si+1, false); ok {
			return a
		}
	}
	if qi+1 < len(x.quotes) {
		nt := x.quotes[qi+1].tok
		ns := x.toks[nt].sent
		if x.sents[ns].para <= p0+1 && x.leftEmpty(nt, x.sents[ns]) {
			if a, ok := x.localAttr(qi + 1); ok && (a.speaker != "" || a.role != "") {
				a.cue, a.adjacent, a.left = "", false, -1
				return a
			}
		}
	}
	return qAttr{}
}

// subjectSpeaker is the named person (or he/she) a narrative sentence is
// about.
func (x *qDoc) subjectSpeaker(sj int) (qAttr, bool) {
	if !x.subjOK[sj] {
		return qAttr{}, false
	}
	np := x.subjNP[sj]
	switch {
	case np.pron == "he" || np.pron == "she":
	case np.nb > np.na && x.personLike(np):
	default:
		return qAttr{}, false
	}
	a := x.finish(np, -1, sj, false, -1)
	return a, a.speaker != ""
}

// sentenceSpeaker is the speaker of sentence sj: of its last attributed
// quotation before quotation qi, else of its cue.
func (x *qDoc) sentenceSpeaker(sj, qi int) (qAttr, bool) {
	for pj := qi - 1; pj >= 0; pj-- {
		pt := x.quotes[pj].tok
		if x.toks[pt].sent < sj {
			break
		}
		if x.toks[pt].sent == sj && x.attrs[pj].ok && (x.attrs[pj].speaker != "" || x.attrs[pj].role != "") {
			a := x.attrs[pj]
			a.cue, a.adjacent, a.left = "", false, -1
			return a, true
		}
	}
	ps := x.sents[sj]
	if np, c, ok := x.leftCue(ps.b, ps.a, sj); ok {
		a := x.finish(np, c, sj, false, -1)
		a.cue = ""
		return a, true
	}
	return qAttr{}, false
}

// nextAttribution reads an attribution opening sentence sj. With short,
// the sentence must be only that ("She said." "Petro said on Sunday.").
func (x *qDoc) nextAttribution(sj int, short bool) (qAttr, bool) {
	ns := x.sents[sj]
	np, c, ok := x.attrAt(ns.a, ns.b)
	if !ok || c < 0 {
		return qAttr{}, false
	}
	if short {
		end := max(c+1, np.b)
		for k := end; k < ns.b; k++ {
			tk := &x.toks[k]
			if tk.k == qtQuote || tk.k == qtWord && (tk.lw == "that" || k-end > 6) {
				return qAttr{}, false
			}
		}
	}
	return x.finish(np, c, sj, false, -1), true
}

// leftEmpty: nothing but punctuation before the quotation in its sentence.
func (x *qDoc) leftEmpty(t int, s qSent) bool {
	for k := s.a; k < t; k++ {
		if x.toks[k].k != qtPunct {
			return false
		}
	}
	return true
}

func (x *qDoc) rightEmpty(t int, s qSent) bool {
	for k := t + 1; k < s.b; k++ {
		if x.toks[k].k != qtPunct {
			return false
		}
	}
	return true
}

// kind classifies quotation qi given its attribution.
func (x *qDoc) kind(qi int, a qAttr) model.QuoteKind {
	q := &x.quotes[qi]
	if q.p1 > q.p0 {
		return model.QuoteDirect
	}
	words := model.WordCount(x.slice(q.s, q.e))
	t := q.tok
	s := x.sents[x.toks[t].sent]
	upper := false
	for _, r := range x.rs[q.s:q.e] {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			upper = unicode.IsUpper(r) || unicode.IsDigit(r)
			break
		}
	}
	terminal := qTerminal(x.rs[q.e-1])
	if x.leftEmpty(t, s) {
		if words <= 2 && !a.adjacent && !(terminal && x.rightEmpty(t, s)) {
			return model.QuoteScare
		}
		return model.QuoteDirect
	}
	colon := x.isPunct(t-1, ':')
	cueNear := a.left >= 0 && t-a.left <= 6 && (x.isPunct(t-1, ',') || x.isWord(t-1))
	switch {
	case colon && (upper || words >= 3):
		return model.QuoteDirect
	case cueNear && upper && words >= 1 && (words >= 3 || terminal):
		return model.QuoteDirect
	case words <= 2:
		return model.QuoteScare
	}
	return model.QuotePartial
}
