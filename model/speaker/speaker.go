// Package speaker reads a quotation in its context: who said it (the
// speaker, the mention the attribution rests on, the cue and the channel)
// and what kind of quotation it is (direct, partial, scare). It reads
// English news prose by rule: nothing trained, no I/O, the same answer
// every time. package quote finds the quotations; this package is given
// them.
//
// The text is read as tokens with each quotation one opaque token, cut
// into sentences (frame.go). A quotation's speaker is the noun phrase its
// cue attaches to, in its own sentence: after it ("“…,” Petro said",
// "said Petro"), before it ("Petro wrote that “…”") or, for a participle,
// the sentence's subject (attr.go, cues.go, phrases.go). Names, pronouns,
// roles ("the president") and documents ("the statement said") resolve to
// the people and organisations of the text (names.go, resolve.go,
// refer.go); a source the text does not name speaks as the noun phrase
// it is given ("a spokeswoman for the ministry"). A
// quotation with no cue of its own takes the speaker of the sentence before
// it (same or previous paragraph; a run of quotation paragraphs keeps its
// speaker), else of a short attribution after it ("“…” Okafor said.").
//
// Offsets are code points of the text given.
package speaker

import (
	"sort"
	"strings"
	"unicode"

	"storydesk/model"
	"storydesk/model/newslex"
)

// Span is a stretch of the text in code points.
type Span struct{ Start, End int }

// Quotation is where a quotation sits: what Attribute reads.
type Quotation struct {
	Open, Close int // the marks; Close is -1 when the quotation is never closed
	Start, End  int // the quoted words
	// Stop is where the quotation ends as a token of the sentence: just
	// past the closing mark, or End when unclosed.
	Stop                int
	FirstPara, LastPara int // indexes into the paragraphs given
}

// Attribution is what Attribute finds for one quotation.
type Attribution struct {
	// Speaker is a person's full name when the text gives it anywhere (a
	// surname or pronoun resolves to it), or an organisation ("White
	// House"); "" when none was found.
	Speaker      string
	SpeakerStart int // the mention the attribution rests on; -1 when none
	SpeakerEnd   int
	// EntityStart and EntityEnd span where the text names the speaker the
	// mention resolves to ("Gustavo Petro" for "he"): its last full mention
	// before the attribution, else its first; -1 for an unnamed source.
	EntityStart, EntityEnd int
	Role                   string // title or description: "Treasury Secretary"
	Cue                    string // the cue as written: "said", "according to", ":"; "" when inherited
	CueStart               int    // the cue's span; -1 when there is no cue
	CueEnd                 int
	Via                    string // the channel named with the cue: "in a statement"
	Kind                   model.QuoteKind
}

// Attribute reads the quotations of text, which must be in text order and
// disjoint, with the paragraphs they were found in (every quotation within
// them, paragraphs in order).
func Attribute(text string, paras []Span, quotes []Quotation) []Attribution {
	return AttributeRunes(text, []rune(text), paras, quotes)
}

// AttributeRunes is Attribute for a caller that has the text's code points
// already (rs must be []rune(text)); it saves converting a long text twice.
func AttributeRunes(text string, rs []rune, paras []Span, quotes []Quotation) []Attribution {
	x := &qDoc{rs: rs, src: text, off: model.NewOffsets(text)}
	x.paras = make([]qSpan, len(paras))
	for i, p := range paras {
		x.paras[i] = qSpan{p.Start, p.End}
	}
	x.quotes = make([]qRaw, len(quotes))
	for i, q := range quotes {
		x.quotes[i] = qRaw{open: q.Open, close: q.Close, s: q.Start, e: q.End, end: q.Stop, p0: q.FirstPara, p1: q.LastPara}
	}
	x.tokenize()
	x.splitSentences()
	x.scanNames()

	out := make([]Attribution, len(x.quotes))
	x.attrs = make([]qAttr, len(x.quotes))
	x.kinds = make([]model.QuoteKind, len(x.quotes))
	x.titles = make([]bool, len(x.quotes))
	for qi := range x.quotes {
		x.titles[qi] = x.titleLike(qi)
	}
	for qi := range x.quotes {
		a := x.attribute(qi)
		x.attrs[qi] = a
		q := &x.quotes[qi]
		if a.ok {
			x.events = append(x.events, qEvent{tok: q.tok, sent: x.toks[q.tok].sent, a: a})
		} else {
			a.ss, a.se, a.cs, a.ce, a.es, a.ee = -1, -1, -1, -1, -1, -1
		}
		x.kinds[qi] = x.kind(qi, a)
		out[qi] = Attribution{Speaker: a.speaker, SpeakerStart: a.ss, SpeakerEnd: a.se, EntityStart: a.es, EntityEnd: a.ee, Role: a.role,
			Cue: a.cue, CueStart: a.cs, CueEnd: a.ce, Via: a.via, Kind: x.kinds[qi]}
	}
	return out
}

// qSpan is a paragraph.
type qSpan struct{ s, e int }

// qRaw is one quotation.
type qRaw struct {
	open, close int // mark positions (code points); close is -1 when unclosed
	s, e        int // the quoted words
	end         int // just past the closing mark (or e when unclosed)
	p0, p1      int // first and last paragraph
	tok         int // token index of the quotation in the frame
}

// qDoc is one text being read.
type qDoc struct {
	rs     []rune
	paras  []qSpan
	quotes []qRaw
	toks   []qTok
	sents  []qSent

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
	kinds  []model.QuoteKind
	titles []bool // per quotation: titleLike
	events []qEvent

	src string         // the text as given, for slicing by byte
	off *model.Offsets // code point ↔ byte
}

// slice returns the text's code points [s,e) as given.
func (x *qDoc) slice(s, e int) string { return x.src[x.off.ByteAt(s):x.off.ByteAt(e)] }

func (x *qDoc) at(i int) rune {
	if i < 0 || i >= len(x.rs) {
		return 0
	}
	return x.rs[i]
}

// paraOf returns the paragraph holding code point i.
func (x *qDoc) paraOf(i int) int {
	return sort.Search(len(x.paras), func(k int) bool { return x.paras[k].e > i })
}

func qSpace(r rune) bool { return r == 0 || unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }

// qMark: a quotation mark (or apostrophe), of any family.
func qMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '‟', '＂', '〝', '〞', '〟', '«', '»', '\'', '‘', '’', '‚', '‛':
		return true
	}
	return false
}

// qEvent is an attributed quotation, for pronouns to refer back to.
type qEvent struct {
	tok, sent int
	a         qAttr
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
			a.cue, a.cs, a.ce = ":", x.toks[t-1].s, x.toks[t-1].e
			return a, true
		}
	}
	return qAttr{}, false
}

// attribute finds the speaker of quotation qi.
func (x *qDoc) attribute(qi int) qAttr {
	if x.scareMarked(x.quotes[qi].tok) {
		return qAttr{} // a word named, not quoted
	}
	title := x.titles[qi]
	if a, ok := x.localAttr(qi); ok && (!title || a.adjacent) {
		return a
	}
	if title {
		return qAttr{} // "hits including “Black Water,” “China Grove” …"
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
				return a.inherited()
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
	case np.pron == "" && x.issues(sj, np.b) && (np.org || np.db > np.da && x.descOK(np)):
		// "The ministry of defence issued a statement. “…”"
	default:
		return qAttr{}, false
	}
	a := x.finish(np, -1, sj, false, -1)
	return a, a.speaker != ""
}

// issues: sentence sj names, after token k, a statement or the like its
// subject put out ("issued a statement", "released a video").
func (x *qDoc) issues(sj, k int) bool {
	for t := k; t < x.sents[sj].b && t-k <= 6; t++ {
		if x.isWord(t) && (newslex.ChannelNouns[x.toks[t].lw] || newslex.DocNouns[x.toks[t].lw]) {
			return true
		}
	}
	return false
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
			return x.attrs[pj].inherited(), true
		}
	}
	ps := x.sents[sj]
	if np, c, ok := x.leftCue(ps.b, ps.a, sj); ok {
		return x.finish(np, c, sj, false, -1).inherited(), true
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
	if x.splitHalf(qi) {
		return model.QuoteDirect // “It is the one,” she said, “which is why …”
	}
	colon := x.isPunct(t-1, ':')
	cueNear := a.left >= 0 && t-a.left <= 6 && (x.isPunct(t-1, ',') || x.isWord(t-1))
	switch {
	case colon && (upper || words >= 3):
		return model.QuoteDirect
	case cueNear && upper && words >= 1 && (words >= 3 || terminal):
		return model.QuoteDirect
	case words <= 2 && (x.scareMarked(t) || a.cue == "" || a.speaker == ""), x.titles[qi] && !a.adjacent:
		// a word or two of someone's own, with their cue in the sentence,
		// is a partial quotation: "Türk called it “extrajudicial killing”"
		return model.QuoteScare
	}
	return model.QuotePartial
}

// titleLike: the quotation is a short name in title case ("Takin’ It To
// the Streets", "Glass Harbour"), a title rather than words someone said.
func (x *qDoc) titleLike(qi int) bool {
	q := &x.quotes[qi]
	if q.p1 > q.p0 || q.e <= q.s || qTerminal(x.rs[q.e-1]) {
		return false
	}
	words, caps := 0, 0
	for _, w := range strings.Fields(x.slice(q.s, q.e)) {
		rs := []rune(w)
		if !unicode.IsLetter(rs[0]) && !unicode.IsDigit(rs[0]) {
			continue
		}
		words++
		if unicode.IsUpper(rs[0]) || unicode.IsDigit(rs[0]) {
			caps++
		} else if len(rs) > 3 {
			return false // "a stitch-up", "the ’80s all over again"
		}
	}
	return words >= 2 && words <= 7 && caps*3 >= words*2 && !(words == 2 && caps == 2 && x.personName(q))
}

// personName: the quotation's words are a person's name the text knows
// ("“Jane Doe” said"); such a quote is no title.
func (x *qDoc) personName(q *qRaw) bool {
	for _, e := range x.ents {
		if strings.EqualFold(e.name, strings.TrimSpace(x.slice(q.s, q.e))) {
			return true
		}
	}
	return false
}

// splitHalf: quotation qi is the second half of a direct quotation split
// by its attribution: a direct quotation, a comma or dash, a short clause
// with a cue, a comma or dash, then this one.
func (x *qDoc) splitHalf(qi int) bool {
	t := x.quotes[qi].tok
	if qi == 0 || !x.isPunct(t-1, ',', '—', '–') {
		return false
	}
	cue := false
	for k := t - 2; k >= 0 && t-k <= 12; k-- {
		switch tk := &x.toks[k]; {
		case tk.k == qtQuote:
			return cue && tk.q == qi-1 && x.kinds[qi-1] == model.QuoteDirect && (x.isPunct(k+1, ',', '—', '–') || x.commaAt(k))
		case tk.k == qtPara, tk.k == qtPunct && qTerminal(tk.r):
			return false
		case x.cueAt(k) > 0:
			cue = true
		}
	}
	return false
}

// scareMarked: the quotation at token t is a word being named.
func (x *qDoc) scareMarked(t int) bool {
	if !x.isWord(t - 1) {
		return false
	}
	switch lw := x.toks[t-1].lw; lw {
	case "as":
		return x.isWord(t-2) && (x.toks[t-2].lw == "known" || x.toks[t-2].lw == "such")
	case "dubbed", "named":
		return !x.isWord(t-2) || !x.cueSubjectLike(t-2)
	default:
		return newslex.ScareWords[lw]
	}
}

// cueSubjectLike: token k can be the subject of a naming verb after it
// ("Critics dubbed it", "he named"): a name, a pronoun or a noun, not a
// noun the verb qualifies ("a dog named “Rex”").
func (x *qDoc) cueSubjectLike(k int) bool {
	lw := x.toks[k].lw
	return qPron(lw) != "" || x.toks[k].cap && k > 0 && !x.sentStart(k) || newslex.GroupNouns[lw]
}
