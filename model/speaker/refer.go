package speaker

import (
	"strings"

	"storydesk/model/newslex"
)

// What pronouns and descriptions refer to: "he" and "she" to people, "it"
// and "they" to organisations and groups, "the president" to the person
// with that title, "the statement" to whoever made it, "the spokesman" to
// the unnamed spokesman introduced before.

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
