package speaker

import (
	"strings"

	"storydesk/model/newslex"
)

// Cues: the words that attribute a quotation ("said", "according to"),
// where their speaker sits, and the channel named with them ("in a
// statement").

// cueAt returns the number of tokens of a cue starting at t, or 0.
func (x *qDoc) cueAt(t int) int {
	if !x.isWord(t) {
		return 0
	}
	tk := &x.toks[t]
	if tk.lw == "according" && x.isWord(t+1) && x.toks[t+1].lw == "to" {
		return 2
	}
	// "in the words of one veteran diplomat"
	if tk.lw == "in" && x.isWord(t+3) && x.toks[t+2].lw == "words" && x.toks[t+3].lw == "of" && x.isWord(t+1) &&
		(x.toks[t+1].lw == "the" || x.possessive(t+1)) {
		return 4
	}
	if p, ok := newslex.PhrasalCues[tk.lw]; ok && !tk.cap {
		if x.isWord(t+1) && x.toks[t+1].lw == p {
			return 2 // "went on", "shot back", "chimed in"
		}
		return 0
	}
	if tk.cap || !newslex.CueVerbs[tk.lw] {
		return 0
	}
	// a noun, not a verb: "the claims", "his post", "Petro's call"
	if x.isWord(t-1) && (newslex.Dets[x.toks[t-1].lw] && !newslex.Indefinite[x.toks[t-1].lw] || x.possessive(t-1)) {
		return 0
	}
	// passive: "had been recalled", "was told" (the subject did not speak)
	if x.isWord(t-1) && newslex.PassiveAux[x.toks[t-1].lw] && strings.HasSuffix(tk.lw, "ed") || x.isWord(t-1) && newslex.PassiveAux[x.toks[t-1].lw] && tk.lw == "told" {
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

func (x *qDoc) skipBack(k, lo int) int {
	k = x.skipAside(k, lo)
	// "is reported to have told", "was said to have described"
	if k-3 >= lo && x.isWord(k) && x.toks[k].lw == "have" && x.isWord(k-1) && x.toks[k-1].lw == "to" &&
		x.isWord(k-2) && newslex.Hearsay[x.toks[k-2].lw] && x.isWord(k-3) && newslex.PassiveAux[x.toks[k-3].lw] {
		k -= 4
	}
	for n := 0; k >= lo && n < 5 && x.isWord(k); n++ {
		// "Petro in a post on X wrote"
		if m := x.viaEndingAt(k, lo); m >= 0 {
			k = m - 1
			continue
		}
		tk := &x.toks[k]
		lw := tk.lw
		adverb := newslex.Adverb(lw) && !tk.cap
		if !(newslex.SkipBetween[lw] && (!tk.cap || newslex.Weekday(lw)) || adverb) {
			break
		}
		k--
	}
	return k
}

// skipAside steps back over an aside that ends at token k, between a
// subject and its verb: "(D)", "— who led the team —".
func (x *qDoc) skipAside(k, lo int) int {
	var open []rune
	switch {
	case x.isPunct(k, ')'):
		open = []rune{'('}
	case x.isPunct(k, '—', '–'):
		open = []rune{'—', '–'}
	default:
		return k
	}
	for m := k - 1; m > lo && k-m <= 30; m-- {
		if x.toks[m].k == qtQuote || x.isPunct(m, '.', '!', '?', ';') && !x.abbrevDot(m) {
			break
		}
		if x.isPunct(m, open...) {
			return m - 1
		}
	}
	return k
}

func (x *qDoc) skipForward(k, hi int) int {
	for n := 0; k < hi && n < 4 && x.isWord(k); n++ {
		tk := &x.toks[k]
		lw := tk.lw
		adverb := newslex.Adverb(lw) && !tk.cap
		if !(newslex.SkipBetween[lw] && (!tk.cap || newslex.Weekday(lw)) || adverb) {
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
	if lw := x.toks[i].lw; (lw == "so" || lw == "thus") && x.cueAt(i+1) > 0 {
		i++ // "So said Piotr Nowak"
	}
	if n := x.cueAt(i); n > 0 {
		lw := x.toks[i].lw
		if lw == "according" {
			np, ok := x.accordingTo(i+2, hi)
			return np, i, ok
		}
		if newslex.SayVerbs[lw] {
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
	if n := x.cueAt(k); n > 0 && newslex.AttrVerbs[x.toks[k].lw] && !newslex.Participle(x.toks[k].lw) {
		if x.cueFits(k, np) {
			return np, k, true
		}
	}
	// a byline under a quotation: "“…” — Neil Gaiman"
	if dash && np.nb > np.na && (np.b >= hi || x.toks[np.b].k == qtPara || !np.org && x.personLike(np)) {
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
			if x.cueAt(c) > 0 && newslex.AttrVerbs[x.toks[c].lw] && !newslex.Participle(x.toks[c].lw) {
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
	switch lw {
	case "read", "reads", "found", "finds":
		// "the statement read", "a report by the audit office found"
		return np.db > np.da && (newslex.ChannelNouns[np.head] || newslex.DocNouns[np.head]) || np.pa < np.pb || np.org && (lw == "found" || lw == "finds")
	}
	return x.descOK(np)
}

// accordingTo reads the source after "according to": a document's author
// when the phrase names a document ("figures supplied by the ministry").
func (x *qDoc) accordingTo(i, hi int) (qNP, bool) {
	np, ok := x.npForward(i, hi, true)
	if !ok && x.isWord(i) && newslex.DocNouns[x.toks[i].lw] {
		np, ok = x.descNP(i, i, i+1), true // "figures supplied by …"
	}
	if !ok {
		return np, false
	}
	if np.db > np.da && newslex.DocNouns[np.head] {
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
	i := x.skipDateline(s.a, s.b)
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
		if newslex.LeadConj[lw] && !x.isPunct(i+1, ',') {
			i++
			continue
		}
		if newslex.LeadAdverbial[lw] || newslex.LeadConj[lw] || newslex.Adverb(lw) && x.isPunct(i+1, ',') {
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

// skipDateline steps over a dateline opening a paragraph: "NAIROBI, June
// 3 (Reuters) -", "CARACAS, Venezuela —", "BOGOTA:".
func (x *qDoc) skipDateline(i, hi int) int {
	if i > 0 && x.toks[i-1].k != qtPara || !x.isWord(i) || !x.shouting(i) {
		return i
	}
	for k := i + 1; k < hi && k-i <= 12; k++ {
		if x.toks[k].k == qtQuote || x.isPunct(k, '.') && !x.abbrevDot(k) {
			break
		}
		if x.isPunct(k, '—', '–', '-', ':') {
			if x.isPunct(k, '-') && x.isWord(k-1) && x.toks[k-1].e == x.toks[k].s {
				continue // a hyphen inside a word
			}
			return k + 1
		}
	}
	return i
}

// shouting: a word in capitals (a dateline's place), two letters or more.
func (x *qDoc) shouting(t int) bool {
	return x.acronym(t) && x.toks[t].e-x.toks[t].s >= 3
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
			if newslex.ReportVerbs[x.toks[c].lw] {
				break
			}
			continue
		}
		if newslex.ReportVerbs[x.toks[c].lw] && !x.isPunct(c+n, ',', ':', '.') {
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
	if lw == "according" || lw == "in" {
		return x.accordingTo(c+n, hi)
	}
	if newslex.Participle(lw) {
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
	// "An official who spoke on condition of anonymity said": the subject
	// before a relative clause
	if np, ok := x.subjectOf(si); ok && np.b < k && x.relClause(np.b, k+1) && x.descOK(np) {
		return np, true
	}
	if newslex.SayVerbs[lw] {
		// "said Petro: “…”" (but in "said the strike had been …" the
		// phrase begins the reported clause)
		if np, ok := x.npForward(c+n, hi, false); ok {
			e := x.skipForward(np.b, hi)
			if v := x.viaAt(e, hi); v > 0 {
				e = x.skipForward(v, hi) // "comments Johnston in a statement, “…”"
			}
			if !x.isWord(e) {
				return np, true
			}
		}
	}
	return qNP{}, false
}

// relClause: tokens [a,b) are a relative clause or an aside set off by
// commas, with no cue of its own: "who spoke on condition of anonymity",
// ", who asked not to be named,".
func (x *qDoc) relClause(a, b int) bool {
	k := a
	if x.isPunct(k, ',', '—', '–') {
		k++
	}
	if !x.isWord(k) || !(x.toks[k].lw == "who" || x.toks[k].lw == "which" || x.toks[k].lw == "whose") {
		return false
	}
	if b-a > 20 {
		return false
	}
	for t := k + 1; t < b; t++ {
		if x.toks[t].k == qtQuote || x.isPunct(t, '.', ';', ':') && !x.abbrevDot(t) {
			return false
		}
		if x.cueAt(t) > 0 && newslex.ReportVerbs[x.toks[t].lw] {
			return false
		}
	}
	return true
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
		if x.isWord(m) && newslex.ViaPreps[x.toks[m].lw] && x.viaAt(m, k+1) == k+1 {
			return m
		}
	}
	return -1
}

// viaAt returns the end of the channel phrase starting at t, or -1.
func (x *qDoc) viaAt(t, hi int) int {
	if !x.isWord(t) || !newslex.ViaPreps[x.toks[t].lw] {
		return -1
	}
	lw := x.toks[t].lw
	e := -1
	k := t + 1
	if lw == "on" || lw == "via" {
		if x.isWord(k) && newslex.Platforms[x.toks[k].lw] {
			e = k + 1
			if x.toks[k].lw == "social" && x.isWord(k+1) {
				e = k + 2
			}
			return min(e, hi)
		}
	}
	if x.isWord(k) && (newslex.Dets[x.toks[k].lw] || x.possessive(k)) {
		k++
	}
	for n := 0; n < 3 && x.isWord(k); n++ {
		if newslex.ChannelNouns[x.toks[k].lw] && !(x.isWord(k+1) && newslex.ChannelNouns[x.toks[k+1].lw]) {
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
		} else if newslex.Platforms[x.toks[e+1].lw] {
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
