package speaker

import (
	"strings"
	"unicode"

	"storydesk/model/newslex"
)

// Speaker attribution: noun phrases, cues, people and pronouns.
//
// A speaker is the noun phrase a cue attaches to: the subject before a cue
// verb ("Petro wrote that", "Treasury Secretary Scott Bessent said"), the
// phrase after an inverted verb ("said Petro") or after "according to", or
// the subject of the clause for a participle (", saying"). Noun phrases are
// read by shape: a run of capitalised words (with name particles, initials
// and titles, split into role and name at the last title word), a pronoun,
// or a description opened by a determiner ("a spokesperson for the
// ministry"). Names are gathered from the whole text first, so a surname
// alone or a pronoun resolves to the person introduced earlier in full.

// qNP is a noun phrase in the frame.
type qNP struct {
	a, b   int    // token range of the whole phrase
	na, nb int    // token range of the name words; na == nb when there is no name
	pron   string // lower-case pronoun
	da, db int    // token range of a description without its determiner ("police spokesman")
	head   string // head noun of the description
	def    bool   // description opened by "the"
	role   string
	hon    byte // gender given by an honorific or a gendered title
	pa, pb int  // possessor name range in "Petro's office" (pa == pb: none)
	org    bool // an organisation or place rather than a person
	cname  bool // a single capitalised noun read as a description ("Doctor")
}

// qEntity is a person known by name in the text.
type qEntity struct {
	name   string
	words  []string
	role   string
	gender byte
	ments  []int // token index of each mention, ascending
	person bool  // seen with a title, a first name, a cue or "who"
	org    bool  // spoken of as "it": an organisation, whatever the cues say
}

type qMention struct {
	a, b    int
	sent    int
	ent     *qEntity
	subject bool
	words   int    // its name's words (nameWords)
	name    string // its name as written, possessive dropped (nameString)
}

// qAttr is what attribution found for one quotation.
type qAttr struct {
	ok       bool
	speaker  string
	ss, se   int // code point span of the mention, -1 when none
	role     string
	cue      string
	cs, ce   int  // code point span of the cue, -1 when none
	es, ee   int  // code point span naming the speaker in full, -1 when unnamed
	unnamed  bool // the speaker is a description ("a spokeswoman"), not a name
	via      string
	ent      *qEntity
	group    bool // plural or organisation speaker ("they" / "it" may refer to it)
	adjacent bool // the attribution follows the quotation directly
	left     int  // token where a cue before the quotation ends, -1 if none
}

// inherited is the attribution passed on to a quotation with no cue of its
// own: the same speaker and mention, no cue.
func (a qAttr) inherited() qAttr {
	a.cue, a.cs, a.ce, a.adjacent, a.left = "", -1, -1, false, -1
	return a
}

// text returns the text of tokens [a,b), whitespace collapsed.
func (x *qDoc) text(a, b int) string {
	if a >= b {
		return ""
	}
	s := x.src[x.toks[a].bs:x.toks[b-1].be]
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' && i+1 < len(s) && s[i+1] == ' ' || c != ' ' && (c < '!' || c >= 0x80) {
			return qCollapse(x.rs[x.toks[a].s:x.toks[b-1].e])
		}
	}
	return s
}

func qCollapse(rs []rune) string {
	var sb strings.Builder
	space := false
	for _, r := range rs {
		if qSpace(r) {
			space = true
			continue
		}
		if space && sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		space = false
		sb.WriteRune(r)
	}
	return sb.String()
}

func qStripPoss(s string) string {
	for _, suf := range []string{"’s", "'s", "’S", "'S"} {
		if strings.HasSuffix(s, suf) {
			return s[:len(s)-len(suf)]
		}
	}
	if strings.HasSuffix(s, "s’") || strings.HasSuffix(s, "s'") {
		return strings.TrimRight(s, "’'")
	}
	return s
}

func (x *qDoc) possessive(t int) bool {
	if !x.isWord(t) {
		return false
	}
	lw := x.toks[t].lw
	return strings.HasSuffix(lw, "'s") // lw has straight apostrophes
}

func qTitleKey(lw string) string { return strings.TrimSuffix(lw, ".") }

// qPron returns the pronoun a word is or starts ("he’d" is "he"), or "".
func qPron(lw string) string {
	if len(lw) > 9 { // longer than "they’ve"
		return ""
	}
	if newslex.Pronouns[lw] {
		return lw
	}
	for _, sep := range []string{"’", "'"} {
		if i := strings.Index(lw, sep); i > 0 && newslex.Pronouns[lw[:i]] {
			switch lw[i+len(sep):] {
			case "d", "ll", "s", "ve":
				return lw[:i]
			}
		}
	}
	return ""
}

// nameTok: a capitalised word that can be part of a name.
func (x *qDoc) nameTok(t int) bool {
	if !x.isWord(t) || !x.toks[t].cap {
		return false
	}
	lw := x.toks[t].lw
	if len(lw) == 1 && x.abbrevDot(t+1) {
		return true // an initial
	}
	if newslex.CapStop[lw] && !newslex.Titles[lw] {
		return false
	}
	return lw != "i" && qPron(lw) == ""
}

func (x *qDoc) titleTok(t int) bool {
	if !x.isWord(t) || !x.toks[t].cap {
		return false
	}
	k := qTitleKey(x.toks[t].lw)
	// "Pastor Denise Holt", "Mayor-elect Tobias Renner"
	return newslex.Titles[k] || strings.HasSuffix(k, "-elect") || newslex.RoleNouns[k] && !newslex.GroupNouns[k] && x.nameTok(t+1) && !x.titleLikeName(t+1)
}

// titleLikeName guards the role-noun titles: the next word must not be a
// role noun too ("Driver Pilot").
func (x *qDoc) titleLikeName(t int) bool { return x.isWord(t) && newslex.RoleNouns[x.toks[t].lw] }

// abbrevDot: a point token closing an abbreviation or an initial.
func (x *qDoc) abbrevDot(t int) bool {
	if !x.isPunct(t, '.') || !x.isWord(t-1) || x.toks[t-1].e != x.toks[t].s {
		return false
	}
	p := &x.toks[t-1]
	return newslex.Abbrevs[p.lw] || newslex.Titles[p.lw] || p.e-p.s == 1 && p.cap
}

// genDot: the point of "Jr." or "Sr." ending a name.
func (x *qDoc) genDot(t int) bool {
	return x.abbrevDot(t) && newslex.GenSuffix[x.toks[t-1].lw]
}

// capRun returns the end of the run of name words starting at t.
func (x *qDoc) capRun(t, hi int) int {
	e := t
	for e < hi {
		tk := &x.toks[e]
		switch {
		case x.nameTok(e):
		case e > t && x.abbrevDot(e) && (e+1 < hi && x.nameTok(e+1) || x.genDot(e)):
		case e > t && tk.k == qtWord && !tk.cap && newslex.Particles[tk.lw] && e+1 < hi && (x.nameTok(e+1) ||
			x.isWord(e+1) && newslex.Particles[x.toks[e+1].lw] && x.nameTok(e+2)):
		case e > t && tk.k == qtWord && tk.lw == "of" && x.titleTok(e-1) && e+1 < hi && x.titleTok(e+1):
		case e > t && tk.k == qtWord && newslex.OrgJoin[tk.lw] && e+1 < hi && x.nameTok(e+1) && x.orgRun(t, e):
		default:
			return e
		}
		e++
	}
	return e
}

// orgRun: the capitalised words [a,b) hold an organisation word.
func (x *qDoc) orgRun(a, b int) bool {
	for t := a; t < b; t++ {
		if x.isWord(t) && newslex.OrgWords[x.toks[t].lw] && !newslex.Titles[x.toks[t].lw] {
			return true
		}
	}
	return false
}

// capRunBack returns the start of the run of name words ending at j.
func (x *qDoc) capRunBack(j, lo int) int {
	s := j + 1
	for s-1 >= lo {
		k := s - 1
		tk := &x.toks[k]
		switch {
		case x.nameTok(k):
		case x.abbrevDot(k) && (s <= j || x.genDot(k)):
		case s <= j && tk.k == qtWord && !tk.cap && newslex.Particles[tk.lw] && k-1 >= lo && (x.nameTok(k-1) ||
			x.isWord(k-1) && newslex.Particles[x.toks[k-1].lw] && x.nameTok(k-2)):
		case s <= j && tk.k == qtWord && tk.lw == "of" && x.titleTok(k-1) && x.titleTok(k+1):
		case s <= j && tk.k == qtWord && newslex.OrgJoin[tk.lw] && k-1 >= lo && x.nameTok(k-1) && x.orgRun(max(lo, k-4), k):
		default:
			return s
		}
		s = k
	}
	return s
}

// nameNP reads the capitalised run [a,b) as role + name.
func (x *qDoc) nameNP(a, b int) (qNP, bool) {
	for a < b && !x.nameTok(a) {
		a++
	}
	for b > a && !x.isWord(b-1) && !x.genDot(b-1) {
		b--
	}
	if a >= b {
		return qNP{}, false
	}
	np := qNP{a: a, b: b}
	li := -1
	for t := a; t < b; t++ {
		if x.titleTok(t) {
			li = t
		}
	}
	na := a
	if li >= 0 {
		na = li + 1
		if x.abbrevDot(na) {
			na++
		}
		rs := a
		for t := a; t <= li; t++ {
			if g, ok := newslex.Honorifics[qTitleKey(x.toks[t].lw)]; ok {
				if g != 0 {
					np.hon = g
				}
				if t == rs {
					rs = t + 1
					if x.abbrevDot(rs) {
						rs++
					}
				}
			}
		}
		if rs <= li {
			np.role = x.text(rs, li+1)
			if x.abbrevDot(li + 1) {
				np.role += "."
			}
		}
	}
	for na < b && !x.nameTok(na) {
		na++
	}
	// "Economist Bruno Keller said": a role noun capitalised only because
	// it opens the sentence
	if li < 0 && na == a && b-a >= 3 && x.sentStart(a) && (newslex.Roleish(x.toks[a].lw) || newslex.Agent(x.toks[a].lw)) {
		np.role = x.text(a, a+1)
		na++
	}
	if li >= 0 && na < b && newslex.OrgWords[qStripPoss(x.toks[b-1].lw)] && !newslex.Titles[x.toks[b-1].lw] {
		// "the Health Ministry", "Defense Department": titles naming a body
		np.na, np.nb, np.org, np.role, np.hon = a, b, true, "", 0
		return np, true
	}
	if na >= b && li >= 0 && x.nameTok(a) && !x.titleTok(a) && !newslex.RoleNouns[qTitleKey(x.toks[li].lw)] {
		// a name ending with a title word is an organisation's:
		// "Brightwater Energy", "Northvale Health"
		np.na, np.nb, np.org, np.role, np.hon = a, b, true, "", 0
		return np, true
	}
	if na >= b {
		// titles only ("the President said"): a role
		np.da, np.db = a, b
		np.head = strings.ToLower(qTitleKey(x.toks[b-1].lw))
		np.role = x.text(a, b)
		return np, true
	}
	np.na, np.nb = na, b
	if b-na == 1 && !x.possessive(na) && (newslex.RoleNouns[x.toks[na].lw] || newslex.GroupNouns[x.toks[na].lw]) {
		// "Officials said", "Police said" opening a sentence (or a
		// surname that is also a noun: resolve tries names first)
		np.na, np.nb = 0, 0
		np.da, np.db = na, na+1
		np.head = x.toks[na].lw
		np.cname = true
		return np, true
	}
	for t := na; t < b; t++ {
		if x.isWord(t) && x.toks[t].cap {
			lw := qStripPoss(x.toks[t].lw)
			if newslex.OrgWords[lw] || x.acronym(t) && !newslex.GenSuffix[lw] {
				np.org = true
			}
		}
	}
	return np, true
}

// sentStart: token t opens its sentence.
func (x *qDoc) sentStart(t int) bool {
	si := x.toks[t].sent
	// While sentences are still being split (endsSentence looks ahead for
	// an attribution), later tokens have none yet.
	return si >= 0 && si < len(x.sents) && x.sents[si].a == t
}

// acronym: an all-capitals word of two or more letters (CNN, NASA, UN).
func (x *qDoc) acronym(t int) bool {
	n := 0
	for _, r := range x.rs[x.toks[t].s:x.toks[t].e] {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// nameString is the name of a noun phrase, possessive removed.
func (x *qDoc) nameString(np qNP) string {
	return qStripPoss(x.text(np.na, np.nb))
}

// nameWords are the words of a name for matching: no particles, no
// possessive, no "Jr.".
func (x *qDoc) nameWords(a, b int) []string {
	var ws []string
	for t := a; t < b; t++ {
		if x.isWord(t) && !newslex.Particles[x.toks[t].lw] && !newslex.GenSuffix[x.toks[t].lw] {
			ws = append(ws, qStripPoss(x.word(t)))
		}
	}
	return ws
}

// roleBefore extends a name leftwards over a lower-case role ("UN human
// rights chief Volker Türk", "former President …", "ambassador to Britain
// Liu Xiaming").
func (x *qDoc) roleBefore(np *qNP, lo int) {
	k := np.a - 1
	if !x.isWord(k) || k < lo || x.toks[k].cap {
		return
	}
	lw := x.toks[k].lw
	switch {
	case lw == "former" || lw == "late" || lw == "acting" || lw == "interim" || lw == "then":
		np.role = strings.TrimSpace(lw + " " + np.role)
		np.a = k
	case (lw == "to" || lw == "of" || lw == "for" || lw == "in" || lw == "at") && np.role == "" &&
		len(x.nameWords(np.na, np.nb)) >= 3 && x.isWord(k-1) && k-1 >= lo && newslex.RoleNouns[x.toks[k-1].lw]:
		// the first capitalised word names the place or body of the role
		m := x.roleStart(k-1, lo)
		np.na++
		for np.na < np.nb && !x.nameTok(np.na) {
			np.na++
		}
		np.role = x.text(m, np.na)
		np.a = m
	case newslex.RoleNouns[lw] && !newslex.GroupNouns[lw]:
		m := x.roleStart(k, lo)
		np.role = strings.TrimSpace(x.text(m, k+1) + " " + np.role)
		np.a = m
		if m-1 >= lo && x.isWord(m-1) && x.toks[m-1].lw == "the" {
			np.a = m - 1 // "the singer Nova Reyes": the mention starts at "the"
		}
	}
}

// roleStart walks back from the role noun at k over its modifiers.
func (x *qDoc) roleStart(k, lo int) int {
	m := k
	for m-1 >= lo && k-m < 4 && x.isWord(m-1) {
		pl := x.toks[m-1].lw
		if newslex.Dets[pl] || newslex.ClauseStop[pl] || newslex.DescPreps[pl] || newslex.CueVerbs[pl] || x.possessive(m-1) || qPron(pl) != "" {
			break
		}
		m--
	}
	return m
}

// personLike: the phrase names someone the text knows as a person, or looks
// like a full personal name.
func (x *qDoc) personLike(np qNP) bool {
	if np.nb <= np.na || np.org {
		return false
	}
	ws := x.nameWords(np.na, np.nb)
	return len(ws) >= 2 || x.lookup(ws, np.na) != nil
}
