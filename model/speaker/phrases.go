package speaker

import (
	"strings"

	"storydesk/model/newslex"
)

// Noun phrases around a cue, read backward from it (a subject, an
// appositive, a description) or forward (after an inverted verb).

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
			// "a spokesman for Petro", "a police spokesman in Bogotá",
			// "the family of Cormac Doherty": the speaker is the spokesman
			p := np.a - 1
			if x.isWord(p) && x.toks[p].lw == "the" {
				p-- // "the head of the European Medicines Agency"
			}
			if p-1 >= lo && x.isWord(p) && newslex.LocPreps[x.toks[p].lw] && x.isWord(p-1) && x.descHead(x.toks[p-1].lw) {
				if d, ok := x.descBackward(p-1, lo); ok {
					w := d.a
					if newslex.Dets[x.toks[w].lw] {
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
	case tk.k == qtWord && newslex.Indefinite[tk.lw]:
		// "one said", "The other described"
		a := j
		if x.isWord(j-1) && j-1 >= lo && x.toks[j-1].lw == "the" {
			a--
		}
		return qNP{a: a, b: j + 1, da: j, db: j + 1, head: tk.lw, def: a < j}, true
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
		if tk.k == qtWord && newslex.CueVerbs[tk.lw] && x.cueAt(k) > 0 && !x.isPunct(k-1, ',') {
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
		personDesc := np.nb == np.na && newslex.RoleNouns[np.head] && !newslex.GroupNouns[np.head]
		if (np.nb == np.na || np.org) && x.isWord(k+1) && !x.toks[k+1].cap && !x.innerPerson(np) {
			// "Her rival, the businessman Conrad Pike, said"
			if name, ok := x.npForward(k+1, j, false); ok && name.nb == j && name.nb > name.na && !name.org {
				if name.role == "" {
					name.role = x.desc(np)
				}
				name.a, name.b = np.a, j
				return name, true
			}
		}
		if (np.nb == np.na || np.org) && (x.nameTok(k+1) || x.titleTok(k+1)) && !x.innerPerson(np) {
			if e := x.capRun(k+1, j); e == j {
				// "The union representing the handlers, Unite Transport,
				// said": an organisation named beside a description of it
				if name, ok := x.nameNP(k+1, j); ok && name.nb > name.na && (!name.org || !personDesc && !np.org) {
					if name.role == "" {
						name.role = x.desc(np)
						if np.db <= np.da {
							name.role = x.text(np.a, k) // "The head of the agency"
						}
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
	case x.possessive(a), x.titleTok(a), newslex.RoleNouns[lw], x.toks[a].cap:
	default:
		if !x.roleWordsAhead(a, b) {
			return "", false
		}
	}
	// the role needs a role word in it
	has := false
	for t := a; t < b; t++ {
		if x.isWord(t) && (newslex.RoleNouns[x.toks[t].lw] || x.titleTok(t)) {
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
		if !x.isWord(t) || newslex.ClauseStop[x.toks[t].lw] {
			return false
		}
		if newslex.RoleNouns[x.toks[t].lw] {
			return true
		}
	}
	return false
}

// descBackward reads a description ending at j: "the ministry", "a
// spokesperson for the ministry", "Venezuelan officials".
func (x *qDoc) descBackward(j, lo int) (qNP, bool) {
	k := j
	// "a source close to him": the source
	if j-3 >= lo && x.isWord(j) && qObjectPron[x.toks[j].lw] && x.isWord(j-1) && x.isWord(j-2) &&
		newslex.HopAdj[x.toks[j-2].lw] == x.toks[j-1].lw && x.isWord(j-3) {
		k = j - 3
	}
	for hops := 0; ; hops++ {
		m := k
		for m >= lo && k-m < 6 && (x.isWord(m) || x.pluralPoss(m)) {
			if !x.isWord(m) {
				m-- // "the farmers’ union"
				continue
			}
			lw := x.toks[m].lw
			if lw == "and" && m-1 >= lo && x.isWord(m-1) && newslex.RoleNouns[x.toks[m-1].lw] && newslex.RoleNouns[x.toks[m+1].lw] {
				m-- // "the singer and guitarist"
				continue
			}
			if newslex.Dets[lw] || newslex.ClauseStop[lw] || qPron(lw) != "" || (newslex.CueVerbs[lw] && m != j) || x.possessive(m) {
				break
			}
			m--
		}
		if m >= lo && x.isWord(m) && newslex.Dets[x.toks[m].lw] && m != j {
			if hops < 2 && m-2 >= lo && x.isWord(m-1) && newslex.DescPreps[x.toks[m-1].lw] && x.isWord(m-2) && !newslex.Dets[x.toks[m-2].lw] && !newslex.ClauseStop[x.toks[m-2].lw] {
				k = m - 2
				continue
			}
			// "a source close to the negotiations", "officials briefed on
			// the case"
			if hops < 2 && m-3 >= lo && x.isWord(m-1) && x.isWord(m-2) && newslex.HopAdj[x.toks[m-2].lw] == x.toks[m-1].lw && x.isWord(m-3) {
				k = m - 3
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
			} else if x.isWord(m-1) && !x.toks[m-1].cap {
				ps = x.roleStart(m, lo) // "the inspector general's report"
			}
			np.pa, np.pb, np.a = ps, m+1, ps
			np.da, np.db = ps, j+1
			if ps-1 >= lo && x.isWord(ps-1) && x.toks[ps-1].lw == "the" {
				np.a = ps - 1 // "the Prime Minister's spokesman"
			}
			return np, true
		}
		// no determiner: bare plurals ("officials", "Venezuelan officials")
		if k-m >= 1 && k-m <= 3 && newslex.GroupNouns[x.toks[k].lw] {
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
	if a < w && newslex.Indefinite[x.toks[a].lw] && x.isWord(w) && x.toks[w].lw == "of" {
		np.head = x.toks[a].lw // "one of them"
		return np
	}
	for t := w; t < b; t++ {
		if x.isWord(t) && (newslex.DescPreps[x.toks[t].lw] || newslex.HopAdj[x.toks[t].lw] != "") && t > w {
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
	if sg := newslex.Singular(h); sg != h && (newslex.OrgHeads[sg] || newslex.RoleNouns[sg] || newslex.DocNouns[sg]) {
		return true // "the two agencies"
	}
	return newslex.RoleNouns[h] || newslex.GroupNouns[h] || newslex.OrgHeads[h] || newslex.OrgWords[h] || newslex.ChannelNouns[h] ||
		newslex.DocNouns[h] || x.descUpper(np) || newslex.Agent(h) || newslex.Indefinite[h] || newslex.Aged(h)
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
	case lw == "the" && (x.nameTok(i+1) || x.titleTok(i+1)) && !x.possessive(x.capRun(i+1, hi)-1) &&
		!(x.capRun(i+1, hi) == i+2 && newslex.Demonym(x.toks[i+1].lw)): // but "the Kenyan" is a description
		// "The Pentagon declined", "the Ministry of Finance": a name
		np, ok := x.npForward(i+1, hi, appos)
		if ok && np.pron == "" {
			if np.nb > np.na && np.role == "" && np.hon == 0 {
				np.org = true
			}
			np.a = i
			// "The Home Secretary, Fiona Dunleavy,": a title, then the name
			if np.nb == np.na {
				if na, nb, ok := x.apposName(np.b, hi); ok {
					if name, ok := x.nameNP(na, nb); ok && name.nb > name.na && !name.org {
						name.a, name.b, name.role = i, nb, x.desc(np)
						return name, true
					}
				}
			}
		}
		return np, ok
	case newslex.Indefinite[lw] && (x.cueAt(x.skipForward(i+1, hi)) > 0 || i+1 >= hi || !x.isWord(i+1)):
		// "one said", "said another"
		return qNP{a: i, b: i + 1, da: i, db: i + 1, head: lw}, true
	case newslex.Dets[lw] && lw != "that" && lw != "this" && lw != "no" && x.roleThenName(i+1, hi) > 0:
		// "the businessman Conrad Pike", "the novelist Jo Walton"
		j := x.roleThenName(i+1, hi)
		if np, ok := x.npForward(j, hi, appos); ok && np.nb > np.na && !np.org {
			np.role = strings.TrimSpace(x.text(i+1, j) + " " + np.role)
			np.a = i
			return np, ok
		}
		return x.npDesc(i, hi)
	case newslex.Dets[lw] && lw != "that" && lw != "this" && lw != "no":
		return x.npDesc(i, hi)
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
		// (the modifiers may be any words: "Federal health regulators")
		f := e
		for g := e; g < hi && g-e < 3 && x.isWord(g) && !x.toks[g].cap; g++ {
			fl := x.toks[g].lw
			if newslex.ClauseStop[fl] || newslex.CueVerbs[fl] && !newslex.RoleNouns[fl] || newslex.Dets[fl] {
				break
			}
			if newslex.RoleNouns[fl] || newslex.GroupNouns[fl] || newslex.OrgWords[fl] || newslex.OrgHeads[fl] || newslex.Agent(fl) && strings.HasSuffix(fl, "s") ||
				(newslex.Titles[fl] || newslex.Agent(fl)) && x.nameTok(g+1) {
				f = g + 1
			}
		}
		// "White House press secretary Karen Holt"
		if f > e && x.nameTok(f) && (newslex.RoleNouns[x.toks[f-1].lw] || newslex.Titles[x.toks[f-1].lw] || newslex.Agent(x.toks[f-1].lw)) {
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
	case !tk.cap && newslex.GroupNouns[lw]:
		return x.descNP(i, i, i+1), true
	case !tk.cap && !newslex.ClauseStop[lw] && !newslex.CueVerbs[lw]:
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
			if newslex.GroupNouns[jl] {
				return x.descNP(i, i, j+1), true
			}
			if newslex.ClauseStop[jl] || newslex.CueVerbs[jl] || x.toks[j].cap {
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
	if e >= hi || x.isPunct(e, ',', '.', ':', ';', '!', '?', '—', '–', ')') || x.toks[e].k != qtWord ||
		x.cueAt(x.skipForward(e, hi)) > 0 {
		return k + 1, e, true
	}
	return 0, 0, false
}

// qObjectPron are pronouns in object position ("close to him").
var qObjectPron = map[string]bool{"him": true, "her": true, "them": true, "it": true, "us": true, "me": true}

// npDesc reads a description opened by the determiner at i, with a name
// set beside it or a document's author.
func (x *qDoc) npDesc(i, hi int) (qNP, bool) {
	np, ok := x.descForward(i, hi)
	if !ok {
		return np, false
	}
	// "his aunt, Jane Starner,", "The group, WeWorkers Coalition,"
	// (but in "a lawyer for the former mayor, Dominic Reyes" the name
	// is the mayor's)
	if na, nb, ok := x.apposName(np.b, hi); ok && !x.innerPerson(np) {
		name, _ := x.nameNP(na, nb)
		name.a, name.role = i, x.desc(np)
		name.b = nb
		return name, true
	}
	// "a report from Kotak Institutional Equities"
	if newslex.DocNouns[np.head] || newslex.ChannelNouns[np.head] {
		if k := np.b; x.isWord(k) && (x.toks[k].lw == "from" || x.toks[k].lw == "by") {
			if a, ok := x.npForward(k+1, hi, false); ok && a.pron == "" {
				return a, true
			}
		}
	}
	return np, true
}

// roleThenName returns where a name starts after lower-case words ending
// with a role noun from token i ("businessman Conrad Pike"), or 0.
func (x *qDoc) roleThenName(i, hi int) int {
	for j := i; j < hi && j-i < 4 && x.isWord(j) && !x.toks[j].cap; j++ {
		lw := x.toks[j].lw
		if newslex.ClauseStop[lw] || newslex.Dets[lw] || newslex.CueVerbs[lw] && !newslex.RoleNouns[lw] {
			return 0
		}
		if x.nameTok(j+1) && (newslex.RoleNouns[lw] && !newslex.GroupNouns[lw] || newslex.Roleish(lw) || newslex.Agent(lw)) {
			return j + 1
		}
	}
	return 0
}

// descHead: a noun that heads a description of a speaker ("spokesman",
// "family", "lawyers").
func (x *qDoc) descHead(lw string) bool {
	return newslex.RoleNouns[lw] || newslex.GroupNouns[lw] || newslex.OrgHeads[lw]
}

// innerPerson: the description ends with a person inside a phrase of its
// own ("a lawyer for the former mayor"), which a name after it refers to.
func (x *qDoc) innerPerson(np qNP) bool {
	last := np.db - 1
	return last >= np.da && x.isWord(last) && x.toks[last].lw != np.head && newslex.RoleNouns[x.toks[last].lw] && !newslex.GroupNouns[x.toks[last].lw]
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
		if x.pluralPoss(j) {
			j++ // "the nurses’ union"
			continue
		}
		if tk.k != qtWord {
			break
		}
		lw := tk.lw
		if j > i+1 && !tk.cap && (newslex.CueVerbs[lw] && !newslex.RoleNouns[lw]) {
			break
		}
		if newslex.ClauseStop[lw] || qPron(lw) != "" || newslex.Adverb(lw) && !tk.cap {
			break
		}
		// a verb after the noun: "The nurses’ union voted"
		if j >= i+2 && !tk.cap && len(lw) > 4 && strings.HasSuffix(lw, "ed") && !newslex.Adverb(x.toks[j-1].lw) {
			break
		}
		if newslex.DescPreps[lw] {
			// "a spokesman for the ministry", "dozens of farmers", "one of them"
			quantity := j == i+1 && lw == "of" && x.toks[i].lw != "the" && x.toks[i].lw != "a" && x.toks[i].lw != "an"
			if j+1 < hi && x.isWord(j+1) && (j > i+1 || quantity) {
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
