package quote

import (
	"strings"
	"unicode"
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
}

type qMention struct {
	a, b    int
	sent    int
	ent     *qEntity
	subject bool
}

// qAttr is what attribution found for one quotation.
type qAttr struct {
	ok       bool
	speaker  string
	ss, se   int // code point span of the mention, -1 when none
	role     string
	cue      string
	via      string
	ent      *qEntity
	group    bool // plural or organisation speaker ("they" / "it" may refer to it)
	adjacent bool // the attribution follows the quotation directly
	left     int  // token where a cue before the quotation ends, -1 if none
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
	if qPronouns[lw] {
		return lw
	}
	for _, sep := range []string{"’", "'"} {
		if i := strings.Index(lw, sep); i > 0 && qPronouns[lw[:i]] {
			switch lw[i+len(sep):] {
			case "d", "ll", "s", "ve":
				return lw[:i]
			}
		}
	}
	return ""
}

var qGenSuffix = qSet("jr", "sr", "ii", "iii", "iv")

// nameTok: a capitalised word that can be part of a name.
func (x *qDoc) nameTok(t int) bool {
	if !x.isWord(t) || !x.toks[t].cap {
		return false
	}
	lw := x.toks[t].lw
	if len(lw) == 1 && x.abbrevDot(t+1) {
		return true // an initial
	}
	if qCapStop[lw] && !qTitles[lw] {
		return false
	}
	return lw != "i" && qPron(lw) == ""
}

func (x *qDoc) titleTok(t int) bool {
	return x.isWord(t) && x.toks[t].cap && qTitles[qTitleKey(x.toks[t].lw)]
}

// abbrevDot: a point token closing an abbreviation or an initial.
func (x *qDoc) abbrevDot(t int) bool {
	if !x.isPunct(t, '.') || !x.isWord(t-1) || x.toks[t-1].e != x.toks[t].s {
		return false
	}
	p := &x.toks[t-1]
	return qAbbrevs[p.lw] || qTitles[p.lw] || p.e-p.s == 1 && p.cap
}

// genDot: the point of "Jr." or "Sr." ending a name.
func (x *qDoc) genDot(t int) bool {
	return x.abbrevDot(t) && qGenSuffix[x.toks[t-1].lw]
}

// capRun returns the end of the run of name words starting at t.
func (x *qDoc) capRun(t, hi int) int {
	e := t
	for e < hi {
		tk := &x.toks[e]
		switch {
		case x.nameTok(e):
		case e > t && x.abbrevDot(e) && (e+1 < hi && x.nameTok(e+1) || x.genDot(e)):
		case e > t && tk.k == qtWord && !tk.cap && qParticles[tk.lw] && e+1 < hi && (x.nameTok(e+1) ||
			x.isWord(e+1) && qParticles[x.toks[e+1].lw] && x.nameTok(e+2)):
		case e > t && tk.k == qtWord && tk.lw == "of" && x.titleTok(e-1) && e+1 < hi && x.titleTok(e+1):
		case e > t && tk.k == qtWord && qOrgJoin[tk.lw] && e+1 < hi && x.nameTok(e+1) && x.orgRun(t, e):
		default:
			return e
		}
		e++
	}
	return e
}

// qLocPreps tie a role to a place or body ("spokesman for", "analyst at").
var qLocPreps = qSet("for", "of", "at", "in", "from", "with")

// qOrgJoin join the words of an organisation's name ("Bank of England",
// "Centre for Economic Policy Research").
var qOrgJoin = qSet("of", "for", "on")

// orgRun: the capitalised words [a,b) hold an organisation word.
func (x *qDoc) orgRun(a, b int) bool {
	for t := a; t < b; t++ {
		if x.isWord(t) && qOrgWords[x.toks[t].lw] && !qTitles[x.toks[t].lw] {
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
		case s <= j && tk.k == qtWord && !tk.cap && qParticles[tk.lw] && k-1 >= lo && (x.nameTok(k-1) ||
			x.isWord(k-1) && qParticles[x.toks[k-1].lw] && x.nameTok(k-2)):
		case s <= j && tk.k == qtWord && tk.lw == "of" && x.titleTok(k-1) && x.titleTok(k+1):
		case s <= j && tk.k == qtWord && qOrgJoin[tk.lw] && k-1 >= lo && x.nameTok(k-1) && x.orgRun(max(lo, k-4), k):
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
			if g, ok := qHonorifics[qTitleKey(x.toks[t].lw)]; ok {
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
	if na >= b {
		// titles only ("the President said"): a role
		np.da, np.db = a, b
		np.head = strings.ToLower(qTitleKey(x.toks[b-1].lw))
		np.role = x.text(a, b)
		return np, true
	}
	np.na, np.nb = na, b
	if b-na == 1 && !x.possessive(na) && (qRoleNouns[x.toks[na].lw] || qGroupNouns[x.toks[na].lw]) {
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
			if qOrgWords[lw] || x.acronym(t) && !qGenSuffix[lw] {
				np.org = true
			}
		}
	}
	return np, true
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
		if x.isWord(t) && !qParticles[x.toks[t].lw] && !qGenSuffix[x.toks[t].lw] {
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
		len(x.nameWords(np.na, np.nb)) >= 3 && x.isWord(k-1) && k-1 >= lo && qRoleNouns[x.toks[k-1].lw]:
		// the first capitalised word names the place or body of the role
		m := x.roleStart(k-1, lo)
		np.na++
		for np.na < np.nb && !x.nameTok(np.na) {
			np.na++
		}
		np.role = x.text(m, np.na)
		np.a = m
	case qRoleNouns[lw] && !qGroupNouns[lw]:
		m := x.roleStart(k, lo)
		np.role = strings.TrimSpace(x.text(m, k+1) + " " + np.role)
		np.a = m
	}
}

// roleStart walks back from the role noun at k over its modifiers.
func (x *qDoc) roleStart(k, lo int) int {
	m := k
	for m-1 >= lo && k-m < 4 && x.isWord(m-1) {
		pl := x.toks[m-1].lw
		if qDets[pl] || qClauseStop[pl] || qDescPreps[pl] || qCueVerbs[pl] || x.possessive(m-1) || qPron(pl) != "" {
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

// npBackward reads the noun phrase that ends at token j (not before lo).
func (x *qDoc) npBackward(j, lo int, depth int) (qNP, bool) {
	if j < lo || j >= len(x.toks) {
		return qNP{}, false
	}
	tk := &x.toks[j]
	switch {
	case tk.k == qtWord && qPron(tk.lw) != "":
		return qNP{a: j, b: j + 1, pron: qPron(tk.lw)}, true
	case tk.k == qtWord && (tk.lw == "who" || tk.lw == "which"):
		k := j - 1
		if x.isPunct(k, ',', '—', '–') {
			k--
		}
		np, ok := x.npBackward(k, lo, depth+1)
		if ok && np.pron == "" {
			np.b = j + 1
			return np, true
		}
	case tk.k == qtPunct && tk.r == ',' && depth == 0:
		return x.apposBackward(j, lo)
	case x.nameTok(j) || x.titleTok(j) || x.genDot(j):
		s := x.capRunBack(j, lo)
		np, ok := x.nameNP(s, j+1)
		if !ok {
			return np, false
		}
		if np.nb > np.na {
			np.a = s
			x.roleBefore(&np, lo)
			// "a spokesman for Petro", "a police spokesman in Bogotá":
			// the speaker is the spokesman
			if p := np.a - 1; p-1 >= lo && x.isWord(p) && qLocPreps[x.toks[p].lw] && x.isWord(p-1) && qRoleNouns[x.toks[p-1].lw] {
				if d, ok := x.descBackward(p-1, lo); ok {
					w := d.a
					if qDets[x.toks[w].lw] {
						w++
					}
					d.b, d.da, d.db = j+1, w, j+1
					return d, true
				}
			}
			if x.isWord(np.a-1) && np.a-1 >= lo && x.toks[np.a-1].lw == "the" && np.role == "" {
				np.org = true
				np.a--
			}
		}
		return np, true
	case tk.k == qtWord:
		return x.descBackward(j, lo)
	}
	return qNP{}, false
}

// apposBackward reads "Smith, a spokesman for the ministry, said" back from
// the comma at j. The appositive may hold commas of its own ("…, a fellow
// at the Institute in Munich, Germany, and co-author of the study, said"):
// the nearest phrase before a comma that names a person wins.
func (x *qDoc) apposBackward(j, lo int) (qNP, bool) {
	var first qNP
	firstK := -1
	for k := j - 1; k >= lo && j-k <= 40; k-- {
		tk := &x.toks[k]
		if tk.k == qtQuote || tk.k == qtPunct && qTerminal(tk.r) && !x.abbrevDot(k) {
			break
		}
		if tk.k == qtWord && qCueVerbs[tk.lw] && x.cueAt(k) > 0 && !x.isPunct(k-1, ',') {
			break // another clause; "Marsh, asked about it, said" is one
		}
		if !x.isPunct(k, ',') {
			continue
		}
		np, ok := x.npBackward(k-1, lo, 1)
		if !ok || np.pron != "" {
			continue
		}
		// "Her rival, Governor Luis Ortega, said": the name is the
		// appositive, the description its role
		if np.nb == np.na && x.nameTok(k+1) || np.nb == np.na && x.titleTok(k+1) {
			if e := x.capRun(k+1, j); e == j {
				if name, ok := x.nameNP(k+1, j); ok && name.nb > name.na {
					if name.role == "" {
						name.role = x.desc(np)
					}
					name.a, name.b = np.a, j
					return name, true
				}
			}
		}
		if firstK < 0 && j-k <= 14 {
			first, firstK = np, k
		}
		if x.personLike(np) {
			x.setApposRole(&np, k+1, j)
			np.b = j
			return np, true
		}
	}
	if firstK < 0 {
		return qNP{}, false
	}
	x.setApposRole(&first, firstK+1, j)
	first.b = j
	return first, true
}

// setApposRole takes the appositive in [a,b) (up to its first comma) as
// the role of a name.
func (x *qDoc) setApposRole(np *qNP, a, b int) {
	if np.nb <= np.na || np.role != "" {
		return
	}
	e := a
	for e < b && !x.isPunct(e, ',') {
		e++
	}
	if r, ok := x.appositiveRole(a, e); ok {
		np.role = r
	}
}

// appositiveRole reads tokens [a,b) between commas as a role.
func (x *qDoc) appositiveRole(a, b int) (string, bool) {
	if a >= b || !x.isWord(a) {
		return "", false
	}
	lw := x.toks[a].lw
	start := a
	switch {
	case lw == "the" || lw == "a" || lw == "an":
		start = a + 1
	case x.possessive(a), x.titleTok(a), qRoleNouns[lw], x.toks[a].cap:
	default:
		if !x.roleWordsAhead(a, b) {
			return "", false
		}
	}
	// the role needs a role word in it
	has := false
	for t := a; t < b; t++ {
		if x.isWord(t) && (qRoleNouns[x.toks[t].lw] || x.titleTok(t)) {
			has = true
		}
	}
	if !has || start >= b {
		return "", false
	}
	return x.text(start, b), true
}

// roleWordsAhead: lower-case modifiers lead to a role noun ("associate
// professor of physics").
func (x *qDoc) roleWordsAhead(a, b int) bool {
	for t := a; t < b && t-a < 4; t++ {
		if !x.isWord(t) || qClauseStop[x.toks[t].lw] {
			return false
		}
		if qRoleNouns[x.toks[t].lw] {
			return true
		}
	}
	return false
}

// descBackward reads a description ending at j: "the ministry", "a
// spokesperson for the ministry", "Venezuelan officials".
func (x *qDoc) descBackward(j, lo int) (qNP, bool) {
	k := j
	for hops := 0; ; hops++ {
		m := k
		for m >= lo && k-m < 6 && (x.isWord(m) || x.pluralPoss(m)) {
			if !x.isWord(m) {
				m-- // "the farmers’ union"
				continue
			}
			lw := x.toks[m].lw
			if lw == "and" && m-1 >= lo && x.isWord(m-1) && qRoleNouns[x.toks[m-1].lw] && qRoleNouns[x.toks[m+1].lw] {
				m-- // "the singer and guitarist"
				continue
			}
			if qDets[lw] || qClauseStop[lw] || qPron(lw) != "" || (qCueVerbs[lw] && m != j) || x.possessive(m) {
				break
			}
			m--
		}
		if m >= lo && x.isWord(m) && qDets[x.toks[m].lw] && m != j {
			if hops < 2 && m-2 >= lo && x.isWord(m-1) && qDescPreps[x.toks[m-1].lw] && x.isWord(m-2) && !qDets[x.toks[m-2].lw] && !qClauseStop[x.toks[m-2].lw] {
				k = m - 2
				continue
			}
			return x.descNP(m, m+1, j+1), true
		}
		if m >= lo && m != j && x.possessive(m) {
			np := x.descNP(m, m+1, j+1)
			// the possessor may be a longer name: "Gustavo Petro's office"
			ps := m
			if x.toks[m].cap {
				ps = x.capRunBack(m, lo)
			}
			np.pa, np.pb, np.a = ps, m+1, ps
			np.da, np.db = ps, j+1
			return np, true
		}
		// no determiner: bare plurals ("officials", "Venezuelan officials")
		if k-m >= 1 && k-m <= 3 && qGroupNouns[x.toks[k].lw] {
			return x.descNP(m+1, m+1, j+1), true
		}
		return qNP{}, false
	}
}

// pluralPoss: the apostrophe of a plural possessive ("farmers’ union").
func (x *qDoc) pluralPoss(t int) bool {
	if !x.isPunct(t, '’', '\'') || !x.isWord(t-1) || !x.isWord(t+1) || x.toks[t-1].e != x.toks[t].s {
		return false
	}
	return strings.HasSuffix(x.toks[t-1].lw, "s")
}

// descNP builds a description over [a,b) whose words start at w.
func (x *qDoc) descNP(a, w, b int) qNP {
	np := qNP{a: a, b: b, da: w, db: b}
	if a < w {
		np.def = x.toks[a].lw == "the"
	}
	np.head = x.toks[b-1].lw
	for t := w; t < b; t++ {
		if x.isWord(t) && qDescPreps[x.toks[t].lw] && t > w {
			np.head = x.toks[t-1].lw
			break
		}
	}
	np.head = qStripPoss(np.head)
	return np
}

// desc is the text of a description.
func (x *qDoc) desc(np qNP) string { return x.text(np.da, np.db) }

// descUpper: a description holds a capitalised word ("the French foreign
// ministry").
func (x *qDoc) descUpper(np qNP) bool {
	for t := np.da; t < np.db; t++ {
		if x.toks[t].cap || x.toks[t].k == qtWord && qHasUpper(x.word(t)) {
			return true
		}
	}
	return false
}

// descOK: a description can speak when its head is a person, a group, an
// organisation or a document, or when it holds a name ("an independent
// state" cannot).
func (x *qDoc) descOK(np qNP) bool {
	if np.pron != "" || np.nb > np.na || np.pa < np.pb {
		return true
	}
	h := np.head
	return qRoleNouns[h] || qGroupNouns[h] || qOrgHeads[h] || qOrgWords[h] || qChannelNouns[h] ||
		qDocNouns[h] || x.descUpper(np)
}

// npForward reads the noun phrase starting at token i (before hi). With
// appos, a following ", a spokesman for X" is taken as the role.
func (x *qDoc) npForward(i, hi int, appos bool) (qNP, bool) {
	if i >= hi || !x.isWord(i) {
		return qNP{}, false
	}
	tk := &x.toks[i]
	lw := tk.lw
	switch {
	case qPron(lw) != "":
		return qNP{a: i, b: i + 1, pron: qPron(lw)}, true
	case qDets[lw] && lw != "that" && lw != "this" && lw != "no":
		np, ok := x.descForward(i, hi)
		if !ok {
			return np, false
		}
		// "his aunt, Jane Starner,", "The group, WeWorkers Coalition,"
		if na, nb, ok := x.apposName(np.b, hi); ok {
			name, _ := x.nameNP(na, nb)
			name.a, name.role = i, x.desc(np)
			name.b = nb
			return name, true
		}
		// "a report from Kotak Institutional Equities"
		if qDocNouns[np.head] || qChannelNouns[np.head] {
			if k := np.b; x.isWord(k) && (x.toks[k].lw == "from" || x.toks[k].lw == "by") {
				if a, ok := x.npForward(k+1, hi, false); ok && a.pron == "" {
					return a, true
				}
			}
		}
		return np, true
	case x.nameTok(i) || x.titleTok(i):
		e := x.capRun(i, hi)
		np, ok := x.nameNP(i, e)
		if !ok {
			return np, false
		}
		// "Ms Dunmore's counterpart, Henrik Vos,"
		if x.possessive(e-1) && x.isWord(e) && !x.toks[e].cap {
			if d, ok := x.descForward(e-1, hi); ok {
				if na, nb, ok := x.apposName(d.b, hi); ok {
					name, _ := x.nameNP(na, nb)
					name.a, name.b, name.role = i, nb, x.text(i, d.b)
					return name, true
				}
			}
		}
		// "Trump administration officials", "Colombia's military"
		f := e
		for f < hi && f-e < 3 && x.isWord(f) && !x.toks[f].cap {
			fl := x.toks[f].lw
			if !(qRoleNouns[fl] || qGroupNouns[fl] || qOrgWords[fl] || qOrgHeads[fl]) {
				break
			}
			f++
		}
		// "White House press secretary Karen Holt"
		if f > e && x.nameTok(f) && qRoleNouns[x.toks[f-1].lw] {
			if name, ok := x.npForward(f, hi, appos); ok && name.nb > name.na {
				name.role = strings.TrimSpace(x.text(i, f) + " " + name.role)
				name.a = i
				return name, true
			}
		}
		if f > e {
			d := x.descNP(i, i, f)
			if x.possessive(e-1) && np.nb > np.na {
				d.pa, d.pb = np.na, np.nb
			}
			return d, true
		}
		if appos && np.nb > np.na && x.isPunct(e, ',') {
			k := e + 1
			for k < hi && k-e <= 14 && (x.isWord(k) || x.abbrevDot(k)) {
				k++
			}
			if r, ok := x.appositiveRole(e+1, k); ok && (k >= hi || x.isPunct(k, ',', '.', ';', '—', '–', ')')) {
				np.role = r
				np.b = k
			}
		}
		return np, true
	case !tk.cap && qGroupNouns[lw]:
		return x.descNP(i, i, i+1), true
	case !tk.cap && !qClauseStop[lw] && !qCueVerbs[lw]:
		// "veteran industry analyst Ken Doctor", "43-year-old Martin
		// Taylor", "local officials"
		for j := i + 1; j < hi && j-i <= 4 && x.isWord(j); j++ {
			jl := x.toks[j].lw
			if x.nameTok(j) {
				np, ok := x.npForward(j, hi, appos)
				if ok && np.nb > np.na {
					np.role = strings.TrimSpace(x.text(i, j) + " " + np.role)
					np.a = i
					return np, true
				}
				break
			}
			if qGroupNouns[jl] {
				return x.descNP(i, i, j+1), true
			}
			if qClauseStop[jl] || qCueVerbs[jl] || x.toks[j].cap {
				break
			}
		}
	}
	return qNP{}, false
}

// apposName finds a name set off by commas after a description ending at
// b, possibly past a relative clause: "The company that runs the AMAs,
// Dick Clark Productions, denies …".
func (x *qDoc) apposName(b, hi int) (int, int, bool) {
	k := b
	if x.isWord(k) && (x.toks[k].lw == "that" || x.toks[k].lw == "which" || x.toks[k].lw == "who") {
		for k < hi && k-b <= 12 && !x.isPunct(k, ',') && x.toks[k].k != qtQuote {
			k++
		}
	}
	if !x.isPunct(k, ',') || !x.nameTok(k+1) {
		return 0, 0, false
	}
	e := x.capRun(k+1, hi)
	if e >= hi || x.isPunct(e, ',') || x.cueAt(x.skipForward(e, hi)) > 0 {
		return k + 1, e, true
	}
	return 0, 0, false
}

// descForward reads a description opened by the determiner at i.
func (x *qDoc) descForward(i, hi int) (qNP, bool) {
	j := i + 1
	for j < hi && j-i <= 8 {
		tk := &x.toks[j]
		if tk.k == qtQuote && j > i+1 || tk.k == qtQuote && x.isWord(j+1) {
			j++ // a quoted title as a modifier: the "Pose" actor
			continue
		}
		if tk.k != qtWord {
			break
		}
		lw := tk.lw
		if j > i+1 && !tk.cap && (qCueVerbs[lw] && !qRoleNouns[lw]) {
			break
		}
		if qClauseStop[lw] || qPron(lw) != "" || len(lw) > 4 && strings.HasSuffix(lw, "ly") && !tk.cap {
			break
		}
		if qDescPreps[lw] {
			if j+1 < hi && x.isWord(j+1) && j > i+1 {
				j++
				continue
			}
			break
		}
		j++
	}
	for j > i+1 && !x.isWord(j-1) {
		j--
	}
	if j == i+1 {
		return qNP{}, false
	}
	return x.descNP(i, i+1, j), true
}

// cueAt returns the number of tokens of a cue starting at t, or 0.
func (x *qDoc) cueAt(t int) int {
	if !x.isWord(t) {
		return 0
	}
	tk := &x.toks[t]
	if tk.lw == "according" && x.isWord(t+1) && x.toks[t+1].lw == "to" {
		return 2
	}
	if tk.cap || !qCueVerbs[tk.lw] {
		return 0
	}
	// a noun, not a verb: "the claims", "his post", "Petro's call"
	if x.isWord(t-1) && (qDets[x.toks[t-1].lw] || x.possessive(t-1)) {
		return 0
	}
	nl := ""
	if x.isWord(t + 1) {
		nl = x.toks[t+1].lw
	}
	switch {
	case strings.HasPrefix(tk.lw, "call") && nl == "on",
		strings.HasPrefix(tk.lw, "point") && nl == "out",
		strings.HasPrefix(tk.lw, "describ") && nl == "as",
		strings.HasPrefix(tk.lw, "put") && nl == "it":
		return 2
	case strings.HasPrefix(tk.lw, "point"), strings.HasPrefix(tk.lw, "put"):
		return 0 // only "pointed out", "as she put it"
	}
	return 1
}

func qParticiple(lw string) bool { return strings.HasSuffix(lw, "ing") }

func (x *qDoc) skipBack(k, lo int) int {
	for n := 0; k >= lo && n < 5 && x.isWord(k); n++ {
		// "Petro in a post on X wrote"
		if m := x.viaEndingAt(k, lo); m >= 0 {
			k = m - 1
			continue
		}
		tk := &x.toks[k]
		lw := tk.lw
		adverb := len(lw) > 4 && strings.HasSuffix(lw, "ly") && !tk.cap
		if !(qSkipBetween[lw] && (!tk.cap || qWeekday(lw)) || adverb) {
			break
		}
		k--
	}
	return k
}

func qWeekday(lw string) bool {
	switch lw {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

func (x *qDoc) skipForward(k, hi int) int {
	for n := 0; k < hi && n < 4 && x.isWord(k); n++ {
		tk := &x.toks[k]
		lw := tk.lw
		adverb := len(lw) > 4 && strings.HasSuffix(lw, "ly") && !tk.cap
		if !(qSkipBetween[lw] && (!tk.cap || qWeekday(lw)) || adverb) {
			break
		}
		k++
	}
	return k
}

// attrAt matches an attribution clause starting at token i: "said Petro",
// "Petro said", "according to the ministry", "he added", "— Neil Gaiman".
func (x *qDoc) attrAt(i, hi int) (qNP, int, bool) {
	dash := false
	for n := 0; n < 2 && i < hi && x.isPunct(i, ',', '—', '–', '-'); n++ {
		dash = dash || !x.isPunct(i, ',')
		i++
	}
	if i >= hi || !x.isWord(i) {
		return qNP{}, -1, false
	}
	if n := x.cueAt(i); n > 0 {
		lw := x.toks[i].lw
		if lw == "according" {
			np, ok := x.accordingTo(i+2, hi)
			return np, i, ok
		}
		if qSayVerbs[lw] {
			k := x.skipForward(i+n, hi)
			if np, ok := x.npForward(k, hi, true); ok {
				return np, i, true
			}
		}
		return qNP{}, -1, false
	}
	np, ok := x.npForward(i, hi, true)
	if !ok {
		return qNP{}, -1, false
	}
	k := x.skipForward(np.b, hi)
	if n := x.cueAt(k); n > 0 && qAttrVerbs[x.toks[k].lw] && !qParticiple(x.toks[k].lw) {
		if x.cueFits(k, np) {
			return np, k, true
		}
	}
	// a byline under a quotation: "“…” — Neil Gaiman"
	if dash && np.nb > np.na && (np.b >= hi || x.toks[np.b].k == qtPara) {
		return np, -1, true
	}
	// "Dylan Nelson, a fellow at the Institute in Munich, Germany, said"
	if np.nb > np.na && x.isPunct(np.nb, ',') {
		for k := np.nb + 1; k < hi && k-np.nb <= 40; k++ {
			tk := &x.toks[k]
			if tk.k == qtQuote || tk.k == qtPunct && qTerminal(tk.r) && !x.abbrevDot(k) {
				break
			}
			if !x.isPunct(k-1, ',') {
				continue
			}
			c := x.skipForward(k, hi)
			if x.cueAt(c) > 0 && qAttrVerbs[x.toks[c].lw] && !qParticiple(x.toks[c].lw) {
				x.setApposRole(&np, np.nb+1, k-1)
				return np, c, true
			}
		}
	}
	return qNP{}, -1, false
}

// cueFits rejects "read" unless a document reads.
func (x *qDoc) cueFits(c int, np qNP) bool {
	lw := x.toks[c].lw
	if lw == "read" || lw == "reads" {
		return np.db > np.da && (qChannelNouns[np.head] || qDocNouns[np.head])
	}
	return x.descOK(np)
}

// accordingTo reads the source after "according to": a document's author
// when the phrase names a document ("figures supplied by the ministry").
func (x *qDoc) accordingTo(i, hi int) (qNP, bool) {
	np, ok := x.npForward(i, hi, true)
	if !ok && x.isWord(i) && qDocNouns[x.toks[i].lw] {
		np, ok = x.descNP(i, i, i+1), true // "figures supplied by …"
	}
	if !ok {
		return np, false
	}
	if np.db > np.da && qDocNouns[np.head] {
		k := np.b
		for k < hi && k-np.b < 4 && x.isWord(k) {
			lw := x.toks[k].lw
			if lw == "by" || lw == "from" || lw == "of" || lw == "released" || lw == "published" {
				if a, ok := x.npForward(k+1, hi, true); ok {
					return a, true
				}
				break
			}
			k++
		}
		if np.pa < np.pb {
			return qNP{a: np.pa, b: np.pb, na: np.pa, nb: np.pb}, true
		}
	}
	return np, true
}

// commaAt: a comma token, or a quotation whose words end with one
// ("After hitting “Black Water,” Simmons …").
func (x *qDoc) commaAt(k int) bool {
	if x.isPunct(k, ',') {
		return true
	}
	if k < 0 || k >= len(x.toks) || x.toks[k].k != qtQuote {
		return false
	}
	q := &x.quotes[x.toks[k].q]
	return q.close > 0 && x.rs[q.close-1] == ',' || x.isPunct(k+1, ',')
}

// subjectOf returns the subject of sentence si: the first noun phrase after
// a leading adverbial phrase.
func (x *qDoc) subjectOf(si int) (qNP, bool) {
	s := x.sents[si]
	i := s.a
	for round := 0; round < 3; round++ {
		for i < s.b && x.toks[i].k == qtPunct {
			i++
		}
		if i < s.b && x.toks[i].k == qtQuote {
			// "“…,” Rubio said, adding …": the attribution's subject
			np, c, ok := x.attrAt(i+1, s.b)
			if ok && c >= 0 {
				return np, true
			}
			return qNP{}, false
		}
		if i >= s.b || !x.isWord(i) {
			return qNP{}, false
		}
		lw := x.toks[i].lw
		if qLeadConj[lw] && !x.isPunct(i+1, ',') {
			i++
			continue
		}
		if qLeadAdverbial[lw] || qLeadConj[lw] || len(lw) > 4 && strings.HasSuffix(lw, "ly") && x.isPunct(i+1, ',') {
			k := i + 1
			for k < s.b && k-i <= 30 && !x.commaAt(k) {
				k++
			}
			if k >= s.b || !x.commaAt(k) {
				return qNP{}, false
			}
			i = k + 1
			continue
		}
		break
	}
	return x.npForward(i, s.b, true)
}

// leftCue finds, before token t in [lo, t), the nearest cue with a speaker.
// A reporting verb further left wins over a nearer verb of another kind,
// which then sits inside the reported clause.
func (x *qDoc) leftCue(t, lo, si int) (qNP, int, bool) {
	var best qNP
	bc := -1
	for c := t - 1; c >= lo; c-- {
		n := x.cueAt(c)
		if n == 0 || c+n > t {
			continue
		}
		np, ok := x.cueSubject(c, n, lo, t, si)
		if !ok {
			continue
		}
		if bc < 0 {
			best, bc = np, c
			if qReportVerbs[x.toks[c].lw] {
				break
			}
			continue
		}
		if qReportVerbs[x.toks[c].lw] && !x.isPunct(c+n, ',', ':', '.') {
			// … unless the nearer cue opens a clause of its own: "…,
			// and in a post he called on …"
			if best.pron == "" && !x.coordinated(c+n, bc) {
				best, bc = np, c
			}
			break
		}
	}
	return best, bc, bc >= 0
}

// coordinated: a clause joined with "and", "but" or a semicolon starts
// in [a,b).
func (x *qDoc) coordinated(a, b int) bool {
	for t := a; t < b; t++ {
		if x.isPunct(t, ';') {
			return true
		}
		if x.isWord(t) && (x.toks[t].lw == "and" || x.toks[t].lw == "but") && x.isPunct(t-1, ',') {
			return true
		}
	}
	return false
}

// cueSubject finds who the cue at c speaks for, within [lo, hi).
func (x *qDoc) cueSubject(c, n, lo, hi, si int) (qNP, bool) {
	lw := x.toks[c].lw
	if lw == "according" {
		return x.accordingTo(c+2, hi)
	}
	if qParticiple(lw) {
		if x.isPunct(c-1, ',') || c == x.sents[si].a {
			if np, ok := x.subjectOf(si); ok && np.b <= c && x.descOK(np) {
				return np, true
			}
		}
		if np, ok := x.npBackward(x.skipBack(c-1, lo), lo, 0); ok && np.pron != "" {
			return np, true
		}
		if np, ok := x.subjectOf(si); ok && x.descOK(np) {
			return np, true
		}
		return qNP{}, false
	}
	k := x.skipBack(c-1, lo)
	if np, ok := x.npBackward(k, lo, 0); ok && x.cueFits(c, np) {
		return np, true
	}
	// "Petro touched on it and noted …": the subject of the sentence
	if x.isWord(k) && (x.toks[k].lw == "and" || x.toks[k].lw == "but") {
		if np, ok := x.subjectOf(si); ok && np.b <= k && x.descOK(np) {
			return np, true
		}
	}
	if qSayVerbs[lw] {
		// "said Petro: “…”"
		if np, ok := x.npForward(c+n, hi, false); ok {
			return np, true
		}
	}
	return qNP{}, false
}

// rightCue finds a cue after the quotation at t, in (t, hi).
func (x *qDoc) rightCue(t, hi, si int) (qNP, int, bool) {
	for c := t + 1; c < hi; c++ {
		if x.toks[c].k == qtQuote {
			return qNP{}, -1, false
		}
		n := x.cueAt(c)
		if n == 0 {
			continue
		}
		if np, ok := x.cueSubject(c, n, t+1, hi, si); ok {
			return np, c, true
		}
	}
	return qNP{}, -1, false
}

// viaEndingAt returns the start of a channel phrase ending at token k, or -1.
func (x *qDoc) viaEndingAt(k, lo int) int {
	for m := k; m >= lo && k-m < 8; m-- {
		if x.isWord(m) && qViaPreps[x.toks[m].lw] && x.viaAt(m, k+1) == k+1 {
			return m
		}
	}
	return -1
}

var qViaPreps = qSet("in", "on", "during", "via", "through")

// viaAt returns the end of the channel phrase starting at t, or -1.
func (x *qDoc) viaAt(t, hi int) int {
	if !x.isWord(t) || !qViaPreps[x.toks[t].lw] {
		return -1
	}
	lw := x.toks[t].lw
	e := -1
	k := t + 1
	if lw == "on" || lw == "via" {
		if x.isWord(k) && qPlatforms[x.toks[k].lw] {
			e = k + 1
			if x.toks[k].lw == "social" && x.isWord(k+1) {
				e = k + 2
			}
			return min(e, hi)
		}
	}
	if x.isWord(k) && (qDets[x.toks[k].lw] || x.possessive(k)) {
		k++
	}
	for n := 0; n < 3 && x.isWord(k); n++ {
		if qChannelNouns[x.toks[k].lw] && !(x.isWord(k+1) && qChannelNouns[x.toks[k+1].lw]) {
			e = k + 1
			break
		}
		k++
	}
	if e < 0 {
		return -1
	}
	// "… on X", "… with CNN", "… to reporters"
	if x.isWord(e) && (x.toks[e].lw == "on" || x.toks[e].lw == "with" || x.toks[e].lw == "to") && x.isWord(e+1) {
		if x.toks[e+1].cap {
			e = x.capRun(e+1, max(hi, e+2))
		} else if qPlatforms[x.toks[e+1].lw] {
			e += 2
			if x.toks[e-1].lw == "social" && x.isWord(e) {
				e++
			}
		}
	}
	return min(e, hi)
}

// via finds a channel phrase in [lo, hi) nearest to the cue at c: "in a
// statement", "in a post on X", "on social media".
func (x *qDoc) via(lo, hi, c int) string {
	best, bestD := "", 1<<30
	for t := lo; t < hi; t++ {
		e := x.viaAt(t, hi)
		if e < 0 {
			continue
		}
		d := t - c
		if d < 0 {
			d = -d
		}
		if d < bestD {
			best, bestD = x.text(t, e), d
		}
		t = e - 1 // "on X" inside "In a post on X" is the same phrase
	}
	return best
}
