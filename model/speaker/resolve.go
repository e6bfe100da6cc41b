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
