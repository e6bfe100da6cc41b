package speaker

import (
	"sort"
	"strings"

	"storydesk/model/newslex"
)

// People and what refers to them: the names of the text, the descriptions
// set beside them ("The group, WeWorkers Coalition,"), and the evidence
// that a name is a person's (resolve.go resolves a speaker to them).

// qAlias ties a description's head noun to a name met beside it.
type qAlias struct {
	tok  int
	name string
	ent  *qEntity
	org  bool
}

// scanNames gathers the capitalised names of the text (outside
// quotations) and links short forms to the full names they stand for.
func (x *qDoc) scanNames() {
	x.subj = make([]int, len(x.sents))
	x.subjNP = make([]qNP, len(x.sents))
	x.subjOK = make([]bool, len(x.sents))
	x.entByName = map[string]*qEntity{}
	x.aliases = map[string][]qAlias{}
	x.orgNames = map[string]bool{}
	x.pronMemo = map[int]*qEntity{}
	x.pronDesc = map[int]string{}
	for si, s := range x.sents {
		x.subj[si] = -1
		subj, sok := x.subjectOf(si)
		x.subjNP[si], x.subjOK[si] = subj, sok
		t := s.a
		for t < s.b {
			if !x.nameTok(t) && !x.titleTok(t) {
				t++
				continue
			}
			e := x.capRun(t, s.b)
			if e <= t {
				e = t + 1
			}
			np, ok := x.nameNP(t, e)
			if x.isWord(e) && !x.toks[e].cap && !x.possessive(e-1) {
				if nl := x.toks[e].lw; newslex.RoleNouns[nl] || newslex.GroupNouns[nl] || newslex.OrgHeads[nl] {
					ok = false // "Border agents", "Trump administration"
				}
			}
			if ok && np.nb > np.na && !np.cname {
				x.roleBefore(&np, s.a)
				m := qMention{a: np.na, b: np.nb, sent: si}
				if sok && subj.nb > subj.na && subj.na <= np.na && np.na < subj.nb {
					m.subject = true
					x.subj[si] = len(x.ments)
				}
				m.words, m.name = len(x.nameWords(np.na, np.nb)), x.nameString(np)
				if x.orgPrefixed(np.na) {
					np.org = true // "The airline Skyrail"
				}
				x.ments = append(x.ments, m)
				x.mentNP = append(x.mentNP, np)
			}
			t = e
		}
	}
	x.scanAliases()

	// Full names first, then the short forms that refer to them.
	for i := range x.ments {
		np := x.mentNP[i]
		words := x.nameWords(np.na, np.nb)
		if np.org || len(words) < 2 || x.orgNames[strings.ToLower(strings.Join(words, " "))] {
			continue
		}
		key := strings.ToLower(strings.Join(words, " "))
		e := x.entByName[key]
		if e == nil {
			e = &qEntity{name: x.nameString(np), words: words, gender: newslex.FirstGender(words[0])}
			x.entByName[key] = e
			x.ents = append(x.ents, e)
		}
		x.note(e, np, i)
	}
	for i := range x.ments {
		if x.ments[i].ent != nil {
			continue
		}
		np := x.mentNP[i]
		words := x.nameWords(np.na, np.nb)
		if np.org || len(words) == 0 || x.orgNames[strings.ToLower(strings.Join(words, " "))] {
			continue
		}
		e := x.lookup(words, np.na)
		if e == nil && len(words) == 1 && !x.acronym(np.na) && x.singlePerson(i, np) {
			// "President Petro", "Mr. Smith", "Tommy, who …": a person
			// known by one name
			key := strings.ToLower(words[0])
			if e = x.entByName[key]; e == nil {
				g := newslex.NounGender[x.aliasHead(np.na)]
				if g == 0 {
					g = newslex.NounGender[x.roleBeside(np.na)]
				}
				e = &qEntity{name: words[0], words: words, gender: g}
				x.entByName[key] = e
				x.ents = append(x.ents, e)
			}
		}
		if e != nil {
			x.note(e, np, i)
		}
	}
	for _, e := range x.ents {
		sort.Ints(e.ments)
	}
	for mi := range x.ments {
		if e := x.ments[mi].ent; e != nil && !e.person && x.personEvidence(mi) {
			e.person = true
		}
	}
	// "Northvale Water said it would invest": an organisation, unless
	// something surer than a cue says it is a person
	for mi := range x.ments {
		if e := x.ments[mi].ent; e != nil && !e.org && x.itFollows(mi) {
			e.org = true
		}
	}
	for mi := range x.ments {
		if e := x.ments[mi].ent; e != nil && e.org && x.surePerson(mi) {
			e.org = false
		}
	}
	for _, e := range x.ents {
		if e.org {
			e.person = false
		}
	}
	for _, as := range x.aliases {
		for i := range as {
			if !as[i].org {
				if e := x.entByName[strings.ToLower(as[i].name)]; e != nil {
					as[i].ent = e
				} else if e := x.lookup(strings.Fields(as[i].name), as[i].tok); e != nil {
					as[i].ent = e
				}
			}
		}
	}
	x.genderHints()
}

// singlePerson: a one-word name stands for a person when a title or an
// honorific comes with it, when "who" follows it, or when it is the
// subject of a cue.
func (x *qDoc) singlePerson(i int, np qNP) bool {
	if np.role != "" || np.hon != 0 {
		return true
	}
	if x.aliasHead(np.na) != "" || x.roleBeside(np.na) != "" {
		return true // "her husband, Marc,", "her brother Kamal"
	}
	if x.orgPrefixed(np.na) {
		return false // "the charity SeaWatch, who met the boat"
	}
	k := np.nb
	if x.isPunct(k, ',', '—', '–') && x.isWord(k+1) && x.toks[k+1].lw == "who" {
		return true
	}
	if x.isPunct(k, ',') && x.isWord(k+1) && x.isPunct(k+2, ',', '.') && qAge(x.toks[k+1].lw) {
		return true // "Tommy, 17,"
	}
	if x.ments[i].subject {
		c := x.skipForward(np.nb, len(x.toks))
		return x.cueAt(c) > 0 && newslex.AttrVerbs[x.toks[c].lw]
	}
	return false
}

// scanAliases records descriptions set beside names: "The group,
// WeWorkers Coalition," and "Sonya A. Zoghlin, Carlineo's attorney,".
func (x *qDoc) scanAliases() {
	add := func(head string, na, nb int) {
		name := qStripPoss(x.text(na, nb))
		if np, ok := x.nameNP(na, nb); ok && np.nb > np.na {
			name = x.nameString(np)
		}
		// "Dräger, a global producer of medical technology," is a company,
		// "Her publisher, Tom Asante," a person
		org := !newslex.RoleNouns[head] && !newslex.Agent(head) || newslex.GroupNouns[head] || newslex.CompanyAgents[head]
		if ws := x.nameWords(na, nb); org && len(ws) > 1 && newslex.FirstGender(ws[0]) != 0 {
			org = false
		}
		if org {
			x.orgNames[strings.ToLower(strings.Join(x.nameWords(na, nb), " "))] = true
		}
		x.aliases[head] = append(x.aliases[head], qAlias{tok: na, name: name, org: org})
	}
	for _, s := range x.sents {
		for t := s.a; t < s.b; t++ {
			if !x.isWord(t) {
				continue
			}
			lw := x.toks[t].lw
			if (lw == "the" || lw == "a" || lw == "an" || lw == "its" || lw == "their" || lw == "his" || lw == "her") && !x.nameTok(t-1) {
				d, ok := x.descForward(t, s.b)
				if !ok || !(newslex.RoleNouns[d.head] || newslex.OrgHeads[d.head] || newslex.GroupNouns[d.head]) {
					continue
				}
				if na, nb, ok := x.apposName(d.b, s.b); ok {
					add(d.head, na, nb)
				}
				continue
			}
			if !x.nameTok(t) || x.nameTok(t-1) {
				continue
			}
			e := x.capRun(t, s.b)
			if !x.isPunct(e, ',') {
				continue
			}
			k := e + 1
			for k < s.b && k-e <= 14 && (x.isWord(k) || x.abbrevDot(k)) {
				k++
			}
			if k < s.b && !x.isPunct(k, ',', '.', ';', '—', '–', ')') {
				continue
			}
			if r, ok := x.appositiveRole(e+1, k); ok {
				if h := x.roleHead(e+1, k); h != "" && r != "" {
					add(h, t, e)
				}
			}
		}
	}
}

// roleBeside is the lower-case role or kinship noun right before the name
// at token t ("her brother Kamal"), or "".
func (x *qDoc) roleBeside(t int) string {
	if p := t - 1; x.isWord(p) && !x.toks[p].cap {
		if lw := x.toks[p].lw; newslex.NounGender[lw] != 0 || newslex.RoleNouns[lw] && !newslex.GroupNouns[lw] {
			return lw
		}
	}
	return ""
}

// aliasHead is the role noun of a person's description set beside the
// name at token t ("her husband, Marc" gives "husband"), or "".
func (x *qDoc) aliasHead(t int) string {
	for head, as := range x.aliases {
		for _, al := range as {
			if al.tok == t && !al.org {
				return head
			}
		}
	}
	return ""
}

// roleHead is the role noun heading the appositive [a,b).
func (x *qDoc) roleHead(a, b int) string {
	h := ""
	for t := a; t < b; t++ {
		if !x.isWord(t) {
			continue
		}
		lw := x.toks[t].lw
		if newslex.DescPreps[lw] || lw == "and" {
			break
		}
		if newslex.RoleNouns[lw] || newslex.OrgHeads[lw] {
			h = lw
		}
	}
	return h
}

// genderHints learns gender from "his", "himself", "herself" and a
// possessive "her" that follow a person in the same sentence.
func (x *qDoc) genderHints() {
	last := -1
	mi := 0
	for t := range x.toks {
		for mi < len(x.ments) && x.ments[mi].a <= t {
			if x.ments[mi].ent != nil {
				last = mi
			}
			mi++
		}
		if last < 0 || !x.isWord(t) || x.ments[last].sent != x.toks[t].sent {
			continue
		}
		var g byte
		switch x.toks[t].lw {
		case "his", "himself":
			g = 'm'
		case "herself":
			g = 'f'
		case "her":
			// possessive before a noun, not an object ("told her the …")
			if x.isWord(t+1) && !x.toks[t+1].cap {
				nl := x.toks[t+1].lw
				if !newslex.Dets[nl] && !newslex.ClauseStop[nl] && qPron(nl) == "" && !newslex.CueVerbs[nl] &&
					!newslex.CapStop[nl] && !newslex.LeadAdverbial[nl] && !newslex.Adverb(nl) { // "remembers her well"
					g = 'f'
				}
			}
		}
		if e := x.ments[last].ent; g != 0 && e.gender == 0 {
			e.gender = g
		}
	}
}

func (x *qDoc) note(e *qEntity, np qNP, i int) {
	if e.role == "" {
		e.role = np.role
	}
	if e.gender == 0 {
		e.gender = np.hon
	}
	x.ments[i].ent = e
	e.ments = append(e.ments, np.na)
}

// lookup finds the person a name refers to: the same words, a surname or
// trailing words ("Petro", "Padrino López"), a first name, or failing
// those any one of the words ("Liu" for "Liu Xiaming"); the person
// mentioned most recently before pos, else the first one after it.
func (x *qDoc) lookup(words []string, pos int) *qEntity {
	if len(words) == 0 {
		return nil
	}
	var best *qEntity
	bestKind, bestPos := 0, 0
	for _, e := range x.ents {
		k := 0
		switch {
		case qSuffix(e.words, words):
			k = 3
		case len(words) == 1 && strings.EqualFold(e.words[0], words[0]):
			k = 2
		case len(words) == 1 && len(e.words) > 1 && qHasWordFold(e.words, words[0]):
			k = 1
		default:
			continue
		}
		p := e.lastBefore(pos)
		if p < 0 && len(e.ments) > 0 {
			p = -1 - e.ments[0] // after pos: earlier is better
		}
		if best == nil || k > bestKind || k == bestKind && p > bestPos {
			best, bestKind, bestPos = e, k, p
		}
	}
	return best
}

func qHasWordFold(ws []string, w string) bool {
	for _, x := range ws {
		if strings.EqualFold(x, w) {
			return true
		}
	}
	return false
}

func qSuffix(full, part []string) bool {
	if len(part) > len(full) {
		return false
	}
	off := len(full) - len(part)
	for i, w := range part {
		if !strings.EqualFold(full[off+i], w) {
			return false
		}
	}
	return true
}

// lastBefore is the token of the entity's last mention before pos, or -1.
func (e *qEntity) lastBefore(pos int) int {
	p := -1
	for _, m := range e.ments {
		if m >= pos {
			break
		}
		p = m
	}
	return p
}

// evidence notes that a mention is of a person: a known first name, a
// title, a cue it speaks with, a "who" after it.
func (x *qDoc) personEvidence(mi int) bool {
	m := &x.ments[mi]
	np := x.mentNP[mi]
	if np.role != "" || np.hon != 0 {
		return true
	}
	if m.ent != nil && newslex.FirstGender(m.ent.words[0]) != 0 {
		return true
	}
	if x.orgPrefixed(np.na) {
		return false // "the charity SeaWatch, who met the boat"
	}
	k := np.nb
	if x.isPunct(k, ',', '—', '–') && x.isWord(k+1) && x.toks[k+1].lw == "who" {
		return true
	}
	// an age: "Abdi Warsame, 17, from Somalia"
	if x.isPunct(k, ',') && x.isWord(k+1) && x.isPunct(k+2, ',', '.') && qAge(x.toks[k+1].lw) {
		return true
	}
	// known by the last word of a two- or three-word name elsewhere:
	// "Ngozi Adeyemi-Clarke … Adeyemi-Clarke credits her deputy"
	if m.ent != nil && len(m.ent.words) >= 2 && len(m.ent.words) <= 3 && x.surnameUse(m.ent) {
		return true
	}
	if x.isPunct(k, ',') {
		// "Pankaj Pandey, Head of Research at …,"
		e := k + 1
		for e < len(x.toks) && e-k <= 14 && (x.isWord(e) || x.abbrevDot(e)) {
			e++
		}
		if _, ok := x.appositiveRole(k+1, e); ok {
			return true
		}
	}
	if c := x.skipForward(k, len(x.toks)); x.cueAt(c) > 0 && newslex.AttrVerbs[x.toks[c].lw] && x.reports(c) {
		return true
	}
	if p := np.a - 1; x.isWord(p) && newslex.SayVerbs[x.toks[p].lw] {
		return true
	}
	return false
}

// reports: the cue at c reports speech: a quotation in its sentence, or a
// clause after it ("recalled that", "said:"), not an object ("recalled
// 40,000 jars").
func (x *qDoc) reports(c int) bool {
	si := x.toks[c].sent
	for t := x.sents[si].a; t < x.sents[si].b; t++ {
		if x.toks[t].k == qtQuote {
			return true
		}
	}
	n := c + max(1, x.cueAt(c))
	if x.isPunct(n, ',', ':', '.') || !x.isWord(n) {
		return true
	}
	switch lw := x.toks[n].lw; {
	case lw == "that", qPron(lw) != "", newslex.Dets[lw] && newslex.SayVerbs[x.toks[c].lw]:
		return true
	case x.toks[n].cap || newslex.SkipBetween[lw] || newslex.Adverb(lw):
		return true
	}
	switch x.toks[c].lw {
	case "said", "says", "say", "told", "tells", "wrote", "writes", "added", "adds":
		return true
	}
	return false
}

// qAge: a number that can be someone's age.
func qAge(w string) bool {
	n := 0
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
		n = n*10 + int(r-'0')
	}
	return len(w) > 0 && len(w) <= 3 && n > 0 && n < 120
}

// orgPrefixed: the name at token t follows a noun that makes it an
// organisation's: "the charity SeaWatch", "rights group OpenNet".
func (x *qDoc) orgPrefixed(t int) bool {
	p := t - 1
	if !x.isWord(p) || x.toks[p].cap {
		return false
	}
	lw := x.toks[p].lw
	return newslex.OrgHeads[lw] && !newslex.RoleNouns[lw] && lw != "family"
}

// surnameUse: the entity is mentioned alone by its last word somewhere, as
// people are and organisations seldom are.
func (x *qDoc) surnameUse(e *qEntity) bool {
	last := e.words[len(e.words)-1]
	for mi := range x.ments {
		if x.ments[mi].ent != e {
			continue
		}
		np := x.mentNP[mi]
		if ws := x.nameWords(np.na, np.nb); len(ws) == 1 && strings.EqualFold(ws[0], last) {
			return true
		}
	}
	return false
}

// itFollows: the mention is a sentence's subject and the sentence goes on
// about it as "it" ("Northvale Water said it would invest"), "it" acting,
// not the "it" of "said it would be a mistake".
func (x *qDoc) itFollows(mi int) bool {
	m := &x.ments[mi]
	if !m.subject {
		return false
	}
	s := x.sents[m.sent]
	for t := m.b; t < s.b && t-m.b <= 8; t++ {
		if !x.isWord(t) {
			continue
		}
		switch lw := x.toks[t].lw; {
		case lw == "he" || lw == "she" || lw == "his" || lw == "her" || lw == "they":
			return false
		case lw == "it" || lw == "it's":
			if !x.isWord(t + 1) {
				return false
			}
			switch x.toks[t+1].lw {
			case "would", "will", "could", "has", "had", "plans", "planned", "intends", "intended", "expects",
				"expected", "hopes", "hoped", "wants", "wanted", "aims", "aimed":
				n := ""
				if x.isWord(t + 2) {
					n = x.toks[t+2].lw
				}
				return n != "be" && n != "been" && n != "not"
			}
			return false
		}
	}
	return false
}

// surePerson: evidence surer than a cue that a mention is of a person: a
// title or honorific, a known first name, "who", an age.
func (x *qDoc) surePerson(mi int) bool {
	m := &x.ments[mi]
	np := x.mentNP[mi]
	if np.role != "" || np.hon != 0 || m.ent != nil && newslex.FirstGender(m.ent.words[0]) != 0 {
		return true
	}
	k := np.nb
	if x.isPunct(k, ',', '—', '–') && x.isWord(k+1) && x.toks[k+1].lw == "who" {
		return true
	}
	return x.isPunct(k, ',') && x.isWord(k+1) && x.isPunct(k+2, ',', '.') && qAge(x.toks[k+1].lw)
}
