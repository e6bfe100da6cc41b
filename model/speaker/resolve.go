package speaker

import (
	"strings"

	"storydesk/model/newslex"
)

// Resolution of a speaker phrase to a speaker: surnames, pronouns, roles
// ("the president") and documents ("the statement said").

// finish turns the speaker phrase np of the cue at c into an attribution.
func (x *qDoc) finish(np qNP, c, si int, adjacent bool, left int) qAttr {
	a := qAttr{ok: true, ss: -1, se: -1, cs: -1, ce: -1, es: -1, ee: -1, adjacent: adjacent, left: left}
	if c >= 0 {
		n := x.cueAt(c)
		if n == 0 {
			n = 1
		}
		a.cue = x.text(c, c+n)
		a.cs, a.ce = x.toks[c].s, x.toks[c+n-1].e
		a.via = x.via(x.sents[si].a, x.sents[si].b, c)
	}
	x.resolve(&a, np, 0)
	if a.speaker == "" && np.pron == "" && (np.db > np.da || np.nb > np.na) {
		// an unnamed source speaks as written: "a spokeswoman for the
		// ministry", "the report", "several officials"
		a.speaker, a.unnamed = x.phraseText(np), true
		// … unless the text names that someone next: "A federal judge …
		// U.S. District Judge Harriet Solano wrote"
		if e := x.namedNext(np); e != nil {
			a.speaker, a.ent, a.unnamed, a.role = e.name, e, false, e.role
		}
	}
	if ms, me := x.mentionSpan(np); ms >= 0 {
		a.ss, a.se = ms, me
	}
	if a.ent != nil {
		a.es, a.ee = x.entitySpan(a.ent, np.a)
	} else if a.ee <= a.es {
		a.es, a.ee = x.nameSpan(a.speaker, np.a)
	}
	if a.unnamed || a.speaker == "" {
		a.es, a.ee = -1, -1
	}
	if a.role == a.speaker || a.unnamed && strings.HasSuffix(a.speaker, a.role) {
		a.role = "" // "the Trump administration" is a speaker, not a role
	}
	return a
}

// entitySpan is where the text names entity e in full: its last full
// mention before token at, else its first; else its last mention of any
// kind before at.
func (x *qDoc) entitySpan(e *qEntity, at int) (int, int) {
	full, any := -1, -1
	for mi := range x.ments {
		m := &x.ments[mi]
		if m.ent != e {
			continue
		}
		isFull := m.words >= len(e.words)
		if m.a < at || full < 0 && isFull {
			if isFull {
				full = mi
			}
			if m.a < at {
				any = mi
			}
		}
	}
	if full < 0 {
		full = any
	}
	if full < 0 {
		return -1, -1
	}
	m := &x.ments[full]
	return x.toks[m.a].s, x.nameEnd(m.b)
}

// nameSpan is the last mention named speaker before token at, else the
// first after it: an organisation "it" refers to has no entity of its own.
func (x *qDoc) nameSpan(speaker string, at int) (int, int) {
	best := -1
	for mi := range x.ments {
		name := x.ments[mi].name
		if !strings.EqualFold(name, speaker) && !(len(speaker) == len(name)+4 && strings.EqualFold("the "+name, speaker)) {
			continue
		}
		if best < 0 || x.ments[mi].a < at {
			best = mi
		}
	}
	if best < 0 {
		return -1, -1
	}
	m := &x.ments[best]
	return x.toks[m.a].s, x.nameEnd(m.b)
}

// nameEnd is where a name ending with token b-1 ends, its possessive
// ("Petro's") left out.
func (x *qDoc) nameEnd(b int) int {
	e := x.toks[b-1].e
	if w := x.word(b - 1); qStripPoss(w) != w {
		e -= len([]rune(w)) - len([]rune(qStripPoss(w)))
	}
	return e
}

// mentionEnd is the token after the phrase's head: the name's end, else
// the description's; an appositive or clause after it is not part of the
// mention.
func (x *qDoc) mentionEnd(np qNP) int {
	switch {
	case np.pron != "":
		return np.a + 1
	case np.nb > np.na:
		return np.nb
	case np.db > np.da:
		return np.db
	}
	return np.b
}

// mentionSpan is the code point span of the phrase a speaker rests on,
// from its first word (a title, a determiner) to its head.
func (x *qDoc) mentionSpan(np qNP) (int, int) {
	a, b := np.a, x.mentionEnd(np)
	for a < b && !x.isWord(a) {
		a++
	}
	for b > a && !x.isWord(b-1) && !x.abbrevDot(b-1) {
		b--
	}
	if a >= b {
		return -1, -1
	}
	return x.toks[a].s, x.toks[b-1].e
}

// phraseText is the text of the mention, possessive dropped, a
// sentence-initial determiner in lower case ("The mayor" → "the mayor").
func (x *qDoc) phraseText(np qNP) string {
	a, b := np.a, x.mentionEnd(np)
	s := qStripPoss(x.text(a, b))
	if x.isWord(a) && newslex.Dets[x.toks[a].lw] && x.toks[a].cap {
		s = x.toks[a].lw + s[len(x.word(a)):]
	}
	return s
}

// resolve fills the speaker of a from its phrase.
func (x *qDoc) resolve(a *qAttr, np qNP, depth int) {
	switch {
	case np.pron != "":
		a.ss, a.se = x.toks[np.a].s, x.toks[np.a].e
		switch np.pron {
		case "he", "she":
			g := byte('m')
			if np.pron == "she" {
				g = 'f'
			}
			if e := x.resolvePerson(np.a, g, 0); e != nil {
				a.ent, a.speaker, a.role = e, e.name, e.role
			} else if d, ok := x.pronDesc[np.a]; ok {
				a.speaker, a.unnamed = d, true // "the delegate … she said"
			}
		case "they", "it":
			if p, ok := x.resolveGroup(np.a, np.pron); ok {
				a.speaker, a.role, a.group, a.ent, a.unnamed = p.speaker, p.role, true, p.ent, p.unnamed
			}
		}
	case np.nb > np.na:
		x.resolveName(a, np.na, np.nb, np.org)
		if np.role != "" {
			a.role = np.role
		}
	case np.db > np.da:
		w := np.a
		if np.a < np.b && newslex.Dets[x.toks[np.a].lw] {
			w++
		}
		a.ss, a.se = x.toks[w].s, x.toks[np.b-1].e
		head := np.head
		if np.cname || x.toks[np.b-1].cap && !x.acronym(np.b-1) && qStripPoss(x.toks[np.b-1].lw) == head {
			// "says Doctor" (Ken Doctor), "the 14th-ranked Schwartzman"
			if e := x.lookup([]string{qStripPoss(x.word(np.b - 1))}, np.b-1); e != nil {
				a.ent, a.speaker, a.role = e, e.name, e.role
				a.ss = x.toks[np.b-1].s
				if !np.cname && np.b-1 > w {
					a.role = x.text(w, np.b-1)
				}
				return
			}
		}
		switch {
		case np.pa < np.pb && (newslex.ChannelNouns[head] || newslex.DocNouns[head]) && x.toks[np.pa].cap:
			x.resolveName(a, np.pa, np.pb, false)
		case np.def && (newslex.ChannelNouns[head] || newslex.DocNouns[head]) && depth == 0 && !x.descUpper(np):
			// "the statement said": whoever made the statement
			a.role = x.desc(np)
			if p, ok := x.resolveDoc(head, np.a); ok {
				a.speaker, a.ent, a.group = p.speaker, p.ent, p.group
			} else if d, ok := x.descAntecedent(head, np.a); ok {
				// "The inspector general's report, released Friday, … the
				// report said": the report as first described
				a.speaker, a.unnamed, a.role = d, true, ""
			}
		case np.def && x.toks[np.db-1].cap && newslex.Demonym(head):
			// "the Kenyan said": the person the text is about
			if e := x.resolvePerson(np.a, 0, 0); e != nil {
				a.ent, a.speaker, a.role = e, e.name, e.role
			}
		case np.def && (newslex.RoleNouns[head] && !newslex.GroupNouns[head] || newslex.OrgHeads[head] || newslex.Aged(head)):
			a.role = x.desc(np)
			if al, ok := x.resolveRole(head, np.a); ok {
				a.speaker, a.ent, a.group = al.name, al.ent, al.org
				if al.ent != nil && al.ent.role != "" && !qHasWord(strings.ToLower(al.ent.role), head) {
					a.role = al.ent.role
				}
			} else if ia, ib, ok := x.indefiniteBefore(head, np.a); ok && newslex.RoleNouns[head] {
				// "the expert" after "one legal expert" is that expert
				a.speaker, a.unnamed, a.role = x.antecedent(ia, ib), true, ""
			} else if newslex.RoleNouns[head] && !newslex.GroupNouns[head] || newslex.Aged(head) {
				// "the actor said": the person the text is about
				if e := x.resolvePerson(np.a, newslex.Honorifics[head], 0); e != nil {
					a.ent, a.speaker = e, e.name
				}
			} else if o, ok := x.orgBefore(head, np.a); ok && newslex.OrgHeads[head] && !x.descUpper(np) {
				// "Hallow Foods recalled … the company said"
				a.speaker, a.ent, a.group, a.role = o.speaker, o.ent, true, ""
			} else {
				a.group = true
				if x.descUpper(np) {
					a.speaker = x.desc(np) // "the French foreign ministry"
				}
			}
		case newslex.RoleNouns[head] || newslex.GroupNouns[head]:
			a.role = x.desc(np)
			a.group = newslex.GroupNouns[head]
		case x.descUpper(np):
			a.speaker, a.group = x.desc(np), true
		default:
			a.role, a.group = x.desc(np), true
		}
	}
}

func qHasUpper(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r > 127 && strings.ToLower(string(r)) != string(r) {
			return true
		}
	}
	return false
}

// resolveName sets the speaker to the person the name [na,nb) refers to.
func (x *qDoc) resolveName(a *qAttr, na, nb int, org bool) {
	name := qStripPoss(x.text(na, nb))
	a.ss, a.se = x.toks[na].s, x.nameEnd(nb)
	a.es, a.ee = a.ss, a.se
	a.speaker = name
	words := x.nameWords(na, nb)
	if org || x.orgNames[strings.ToLower(strings.Join(words, " "))] {
		a.group = true
		return
	}
	if e := x.lookup(words, na); e != nil {
		a.ent, a.speaker = e, e.name
		if a.role == "" {
			a.role = e.role
		}
		return
	}
}

// resolvePerson finds who "he" or "she" at token at refers to: the speaker
// or subject of a recent sentence (a subject pronoun passes on whoever it
// refers to), else a recent person, else the last speaker.
func (x *qDoc) resolvePerson(at int, g byte, depth int) *qEntity {
	if e, ok := x.pronMemo[at]; ok {
		return e
	}
	si := x.toks[at].sent
	fits := func(e *qEntity) bool { return e != nil && (e.gender == 0 || g == 0 || e.gender == g) }
	person := func(e *qEntity) bool { return fits(e) && e.person }
	pick := func(e *qEntity) *qEntity {
		if e.gender == 0 {
			e.gender = g
		}
		x.pronMemo[at] = e
		return e
	}
	const window = 6
	// Mark the token as being resolved: a failure is remembered, and a
	// chain of pronouns never comes back to it.
	x.pronMemo[at] = nil
	for sj := si; sj >= 0 && si-sj <= window; sj-- {
		for k := len(x.events) - 1; k >= 0 && x.events[k].sent >= sj; k-- {
			ev := &x.events[k]
			if ev.sent == sj && ev.tok < at && fits(ev.a.ent) {
				return pick(ev.a.ent)
			}
		}
		if mi := x.subj[sj]; mi >= 0 && x.ments[mi].a < at && fits(x.ments[mi].ent) {
			return pick(x.ments[mi].ent)
		}
		// "She gave me … Martha Fry. “…,” she said": the earlier "she"
		if sp := x.subjNP[sj]; x.subjOK[sj] && sp.a < at && depth < 4 &&
			(sp.pron == "he" && g != 'f' || sp.pron == "she" && g != 'm') {
			if e := x.resolvePerson(sp.a, g, depth+1); e != nil && fits(e) {
				return pick(e)
			}
		}
		// "… after the novelist Jo Walton explained them", "…, says
		// Richard Locksley, …": a person speaking in a clause
		for mi := len(x.ments) - 1; mi >= 0; mi-- {
			m := &x.ments[mi]
			if m.sent < sj {
				break
			}
			if m.sent > sj || m.a >= at || !fits(m.ent) {
				continue
			}
			c := x.skipForward(m.b, x.sents[sj].b)
			p := x.mentNP[mi].a - 1
			if x.cueAt(c) > 0 && newslex.AttrVerbs[x.toks[c].lw] || x.isWord(p) && newslex.SayVerbs[x.toks[p].lw] {
				return pick(m.ent)
			}
		}
		// "the delegate read a text: «…», she said": an unnamed person,
		// unless "the actor" is the person the text is about; "A teacher
		// at the school, who …, said …. “…,” she said": that teacher
		if sp := x.subjNP[sj]; x.subjOK[sj] && sp.b <= at && sp.nb == sp.na && sp.pron == "" && sp.pa == sp.pb &&
			newslex.RoleNouns[sp.head] && !newslex.GroupNouns[sp.head] && newslex.GenderFits(newslex.NounGender[sp.head], g) {
			if !sp.def {
				x.pronDesc[at] = x.phraseText(sp)
				return nil
			}
			if _, ok := x.resolveRole(sp.head, sp.a); !ok {
				if ia, ib, ok := x.indefiniteBefore(sp.head, sp.a); ok {
					x.pronDesc[at] = x.antecedent(ia, ib)
					return nil
				}
				if e := x.recentPerson(sp.a, g, 3); e != nil {
					return pick(e)
				}
				x.pronDesc[at] = x.phraseText(sp)
				return nil
			}
		}
	}
	for mi := len(x.ments) - 1; mi >= 0; mi-- {
		m := &x.ments[mi]
		if m.a >= at {
			continue
		}
		if si-m.sent > window {
			break
		}
		if person(m.ent) {
			return pick(m.ent)
		}
	}
	// Nobody before: the person named next, in this sentence or the one
	// after ("“…,” he shouted. The officer, Sgt. Paul Drummond, …").
	for mi := range x.ments {
		m := &x.ments[mi]
		if m.a <= at || m.sent > si+1 {
			continue
		}
		if m.ent != nil && fits(m.ent) && (m.ent.person || newslex.FirstGender(m.ent.words[0]) != 0) {
			return pick(m.ent)
		}
		break
	}
	for k := len(x.events) - 1; k >= 0; k-- {
		if ev := &x.events[k]; ev.tok < at && fits(ev.a.ent) {
			return pick(ev.a.ent)
		}
	}
	for mi := len(x.ments) - 1; mi >= 0; mi-- {
		if m := &x.ments[mi]; m.a < at && person(m.ent) {
			return pick(m.ent)
		}
	}
	// Last, a name with nothing to say whose it is, but nothing against a
	// person either: "Rosa Delgado and Marcus Webb … he replied"
	for mi := len(x.ments) - 1; mi >= 0; mi-- {
		m := &x.ments[mi]
		if m.a >= at || si-m.sent > window {
			continue
		}
		if e := m.ent; fits(e) && len(e.words) >= 2 && !x.mentNP[mi].org && !x.orgPrefixed(m.a) {
			return pick(e)
		}
	}
	return nil
}

// recentPerson is the last person of gender g (0 for any) named before
// token at, at most n sentences back.
//
// One who speaks or is a subject wins over one only mentioned ("… after Van
// Der Beek announced that Kimberly was expecting. The actor …").
func (x *qDoc) recentPerson(at int, g byte, n int) *qEntity {
	si := x.toks[at].sent
	var any *qEntity
	for mi := len(x.ments) - 1; mi >= 0; mi-- {
		m := &x.ments[mi]
		if m.a >= at {
			continue
		}
		if si-m.sent > n {
			break
		}
		e := m.ent
		if e == nil || !e.person || !newslex.GenderFits(e.gender, g) {
			continue
		}
		c := x.skipForward(m.b, len(x.toks))
		if m.subject || x.cueAt(c) > 0 && newslex.AttrVerbs[x.toks[c].lw] {
			return e
		}
		if any == nil {
			any = e
		}
	}
	return any
}

// resolveGroup finds what "they" or "it" refers to: a group or
// organisation that spoke or was the subject in a recent sentence.
func (x *qDoc) resolveGroup(at int, pron string) (qAttr, bool) {
	si := x.toks[at].sent
	for sj := si; sj >= 0 && si-sj <= 6; sj-- {
		for k := len(x.events) - 1; k >= 0 && x.events[k].sent >= sj; k-- {
			ev := &x.events[k]
			if ev.sent == sj && ev.tok < at && ev.a.group && (ev.a.speaker != "" || ev.a.role != "") {
				return ev.a, true
			}
		}
		sp := x.subjNP[sj]
		if !x.subjOK[sj] || sp.b > at || sp.pron != "" {
			continue
		}
		var a qAttr
		switch {
		case sp.nb > sp.na:
			x.resolveName(&a, sp.na, sp.nb, sp.org)
			// "it" is no person: "Orbis Telecom was fined … it said"
			thing := pron == "it" && (a.ent == nil || !a.ent.person && newslex.FirstGender(a.ent.words[0]) == 0) && sp.role == "" && sp.hon == 0
			if a.group || thing || a.ent == nil && x.pluralVerb(sp.b) {
				a.group = true
				return a, true
			}
		case sp.db > sp.da && (newslex.OrgHeads[sp.head] || newslex.GroupNouns[sp.head] || newslex.Agent(sp.head) && strings.HasSuffix(sp.head, "s") ||
			pron == "it" && (newslex.DocNouns[sp.head] || newslex.ChannelNouns[sp.head])):
			if pron == "it" && newslex.GroupNouns[sp.head] && !newslex.OrgHeads[sp.head] {
				continue // "officials" are "they"
			}
			x.resolve(&a, sp, 1)
			if a.speaker == "" {
				// "The nurses' union voted to strike. They said …"
				a.speaker, a.unnamed, a.role = x.phraseText(sp), true, ""
			}
			a.group = true
			a.ss, a.se = x.mentionSpan(sp)
			return a, true
		}
	}
	return qAttr{}, false
}

// pluralVerb: the verb after a subject agrees with a plural ("Big Machine
// have denied").
func (x *qDoc) pluralVerb(k int) bool {
	k = x.skipForwardAdverbs(k)
	if !x.isWord(k) {
		return false
	}
	switch x.toks[k].lw {
	case "have", "are", "were", "say", "do", "insist", "deny", "claim":
		return true
	}
	return false
}

func (x *qDoc) skipForwardAdverbs(k int) int {
	for n := 0; n < 3 && x.isWord(k); n++ {
		lw := x.toks[k].lw
		if !(newslex.Adverb(lw) || lw == "also" || lw == "still" || lw == "twice" || lw == "never") {
			break
		}
		k++
	}
	return k
}

// resolveRole finds who a definite description refers to: a person whose
// title holds the noun ("the president" after "Colombian President Gustavo
// Petro"), or the name set beside the same noun ("the group" after "The
// group, WeWorkers Coalition,"), whichever was mentioned last.
func (x *qDoc) resolveRole(head string, at int) (qAlias, bool) {
	var best qAlias
	bp := -1
	for _, e := range x.ents {
		if e.role == "" || !qHasWord(strings.ToLower(e.role), head) {
			continue
		}
		if p := e.lastBefore(at); p > bp {
			best, bp = qAlias{tok: p, name: e.name, ent: e}, p
		}
	}
	for _, al := range x.aliases[head] {
		p := al.tok
		if al.ent != nil {
			p = max(p, al.ent.lastBefore(at))
		}
		if al.tok < at && p > bp {
			best, bp = al, p
			if al.ent != nil {
				best.name = al.ent.name
			}
		}
	}
	return best, bp >= 0
}

// resolveDoc finds who issued "the statement" (or report, post…): the
// speaker of a recent sentence that named such a channel.
func (x *qDoc) resolveDoc(head string, at int) (qAttr, bool) {
	si := x.toks[at].sent
	for sj := si - 1; sj >= 0 && si-sj <= 8; sj-- {
		for k := len(x.events) - 1; k >= 0; k-- {
			ev := &x.events[k]
			if ev.sent == sj && strings.Contains(ev.a.via, head) && ev.a.speaker != "" {
				return ev.a, true
			}
		}
		s := x.sents[sj]
		np, c, ok := x.leftCue(s.b, s.a, sj)
		if !ok || !strings.Contains(x.via(s.a, s.b, c), head) {
			continue
		}
		var a qAttr
		x.resolve(&a, np, 1)
		if a.speaker != "" {
			return a, true
		}
	}
	return qAttr{}, false
}

func qHasWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if strings.Trim(f, ".,") == w {
			return true
		}
	}
	return false
}

// indefiniteBefore finds an unnamed someone with this role noun
// introduced before token at ("a spokesman", "one legal expert"): the
// token range of that phrase.
func (x *qDoc) indefiniteBefore(head string, at int) (int, int, bool) {
	for t := at - 1; t >= 0 && at-t < 600; t-- {
		if !x.isWord(t) || x.toks[t].lw != head {
			continue
		}
		for k := t - 1; k >= 0 && t-k <= 3 && x.isWord(k); k-- {
			switch x.toks[k].lw {
			case "a", "an", "one", "another":
				return k, t + 1, true
			case "the", "his", "her", "their":
				k = -1
			}
		}
	}
	return 0, 0, false
}

// namedNext is the person an indefinite description of someone by role
// ("a federal judge") turns out to be: one named within the next two
// sentences with that role in their title.
func (x *qDoc) namedNext(np qNP) *qEntity {
	if np.def || np.db <= np.da || np.nb > np.na || !newslex.RoleNouns[np.head] || newslex.GroupNouns[np.head] {
		return nil
	}
	if !x.isWord(np.a) || x.toks[np.a].lw != "a" && x.toks[np.a].lw != "an" {
		return nil
	}
	si := x.toks[np.a].sent
	for mi := range x.ments {
		m := &x.ments[mi]
		if m.a < np.b || m.sent > si+2 {
			continue
		}
		if e := m.ent; e != nil && e.person && qHasWord(strings.ToLower(x.mentNP[mi].role), np.head) {
			return e
		}
	}
	return nil
}

// descAntecedent is the fuller description of a document or body with
// this head noun given before token at ("the inspector general's report"
// for "the report").
func (x *qDoc) descAntecedent(head string, at int) (string, bool) {
	for t := at - 1; t >= 0 && at-t < 400; t-- {
		if !x.isWord(t) || qStripPoss(x.toks[t].lw) != head {
			continue
		}
		si := x.toks[t].sent
		if si < 0 {
			continue
		}
		if d, ok := x.descBackward(t, x.sents[si].a); ok && d.b == t+1 && (d.pa < d.pb || d.db-d.da > 1) {
			return x.phraseText(d), true
		}
	}
	return "", false
}

// antecedent is how the text first described an unnamed someone that a
// definite description refers back to ("a police spokesman in Bogotá" for
// "the spokesman"): as the speaker of a quotation, else as written.
func (x *qDoc) antecedent(a, b int) string {
	s, e := x.toks[a].s, x.toks[b-1].e
	for k := len(x.events) - 1; k >= 0; k-- {
		if ev := &x.events[k].a; ev.unnamed && ev.ss <= s && e <= ev.se {
			return ev.speaker
		}
	}
	si := x.toks[a].sent
	if np, ok := x.descForward(a, x.sents[si].b); ok {
		return x.phraseText(np)
	}
	return x.text(a, b)
}

// orgBefore is the organisation a description of one ("the company",
// "the newspaper") or "it" refers to: the last name before token at, in
// the last few sentences, that is not a person's.
func (x *qDoc) orgBefore(head string, at int) (qAttr, bool) {
	si := x.toks[at].sent
	for mi := len(x.ments) - 1; mi >= 0; mi-- {
		m := &x.ments[mi]
		if m.a >= at {
			continue
		}
		if si-m.sent > 4 {
			break
		}
		np := x.mentNP[mi]
		if m.ent != nil && (m.ent.person || newslex.FirstGender(m.ent.words[0]) != 0) || np.role != "" || np.hon != 0 {
			continue
		}
		// a name with nothing to say it is not a person's ("Petro said")
		// does not stand for the company
		which := x.isPunct(np.nb, ',') && x.isWord(np.nb+1) && x.toks[np.nb+1].lw == "which"
		if !np.org && !which && !(m.ent != nil && m.subject) {
			continue
		}
		// "the ministry" is a name with "Ministry" in it; "the company"
		// or "the newspaper" any other
		if !newslex.AnyNameHeads[head] && !qHasWordFold(x.nameWords(np.na, np.nb), head) {
			continue
		}
		var a qAttr
		x.resolveName(&a, np.na, np.nb, true)
		if x.isWord(np.na-1) && x.toks[np.na-1].lw == "the" && x.toks[np.na-1].cap {
			a.speaker = "The " + a.speaker // "The Clarion"
		}
		a.group = true
		return a, true
	}
	return qAttr{}, false
}
