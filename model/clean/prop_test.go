package clean

import (
	"math/rand/v2"
	"strings"
	"testing"

	"storydesk/model"
)

// A generator of noisy articles: invented prose plus the kinds of furniture
// scrapers pick up, laid out with varied line breaks and whitespace. Used by
// the property test and the benchmark.

var (
	genNames  = []string{"Amara Osei", "Lukas Brandt", "Mei Lin", "Rafael Cortés", "Sofia Andersson", "Tariq Haddad", "Nadia Petrova", "João Silva"}
	genPlaces = []string{"the capital", "the northern province", "the port city", "the border region", "the coastal towns", "the river valley"}
	genOrgs   = []string{"the ministry", "the central bank", "the electoral commission", "the port authority", "the health agency", "the coalition"}
	genVerbs  = []string{"announced", "confirmed", "rejected", "approved", "delayed", "criticised", "defended", "proposed"}
	genObjs   = []string{"a new budget", "the water agreement", "emergency funding", "the trade deal", "a review of the contract", "plans for a new railway", "stricter rules on fishing"}
	genTails  = []string{
		"after weeks of talks that ended without agreement",
		"despite warnings from opposition lawmakers",
		"in a statement released late on Tuesday",
		"as pressure mounted from business groups and unions",
		"which analysts said could take years to complete",
		"according to figures published by the statistics office",
	}
	genQuotes = []string{
		"“We have no other choice,” %s said.",
		"\"This is only the beginning,\" %s told reporters.",
		"“It’s a decision we didn’t take lightly,” %s said in an interview.",
		"%s said the plan was “unrealistic and unfair to families who can’t afford it.”",
	}
	genShort = []string{"He declined to comment.", "The vote is due on Friday.", "Talks resume next week.", "Nobody was hurt.", "The ministry did not respond."}

	genSections = []string{"World", "Business", "Latin America", "Politics", "Science"}
	genAgencies = []string{"Associated Press", "Reuters", "AFP", "Agence France-Presse", "Staff Reporter"}
	genCTAs     = []string{"Leave a comment", "SCROLL FOR NEXT", "Sign up for our newsletter", "Read more", "Click here to subscribe", "Follow us on Facebook", "Continue reading"}
	genShares   = []string{"Share this article", "Facebook Twitter WhatsApp Email", "We use cookies to give you the best experience on our website. Accept cookies to continue."}
	genFooters  = []string{
		"© 2026 Coastline Media Group. All rights reserved.",
		"Copyright 2025 Meridian Wire Service. All rights reserved. This material may not be published or redistributed without permission.",
		"© 2026 The Evening Ledger. Do not reproduce without permission.",
	}
	genHeadWords = []string{"Minister", "warns", "of", "delays", "to", "new", "rail", "link", "as", "costs", "soar", "Court", "blocks", "plan", "Protests", "spread", "across", "south", "after", "fuel", "price", "rise"}
)

type genPara struct {
	text   string
	reason model.Reason // "" for body prose
	keep   string       // for body prose: the paragraph expected in Text ("" = only check invariants)
}

func genSentence(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		q := genQuotes[r.IntN(len(genQuotes))]
		return strings.Replace(q, "%s", genNames[r.IntN(len(genNames))], 1)
	default:
		org := genOrgs[r.IntN(len(genOrgs))]
		s := org + " in " + genPlaces[r.IntN(len(genPlaces))] + " " + genVerbs[r.IntN(len(genVerbs))] + " " +
			genObjs[r.IntN(len(genObjs))] + " " + genTails[r.IntN(len(genTails))] + "."
		return strings.ToUpper(s[:1]) + s[1:]
	}
}

func genProse(r *rand.Rand, sentences int) string {
	parts := make([]string, sentences)
	for i := range parts {
		parts[i] = genSentence(r)
	}
	return strings.Join(parts, " ")
}

func genHeadline(r *rand.Rand, words int) string {
	w := make([]string, words)
	for i := range w {
		w[i] = genHeadWords[r.IntN(len(genHeadWords))]
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ")
}

// genArticle builds one noisy article of about bodyParas body paragraphs and
// returns it with its parts.
func genArticle(r *rand.Rand, bodyParas int) (string, []genPara, string) {
	var ps []genPara
	title := ""
	if r.IntN(2) == 0 {
		ps = append(ps, genPara{text: genNames[r.IntN(len(genNames))] + " speaks to reporters (Photo | " + genAgencies[r.IntN(3)] + ")", reason: model.ReasonCaption})
	}
	if r.IntN(2) == 0 {
		ps = append(ps, genPara{text: genSections[r.IntN(len(genSections))], reason: model.ReasonSection})
	}
	if r.IntN(3) > 0 {
		title = genHeadline(r, 6+r.IntN(8))
		ps = append(ps, genPara{text: title, reason: model.ReasonHeadline})
	}
	if r.IntN(2) == 0 {
		if r.IntN(2) == 0 {
			ps = append(ps, genPara{text: "By " + genNames[r.IntN(len(genNames))], reason: model.ReasonByline})
		} else {
			ps = append(ps, genPara{text: genAgencies[r.IntN(len(genAgencies))], reason: model.ReasonByline})
		}
	}
	lede := genProse(r, 2)
	prefix := []string{"", "", "MADRID, Spain — ", "NAIROBI: ", "OSLO (Reuters) - ", "LIMA, Nov 3 (AFP) - "}[r.IntN(6)]
	ps = append(ps, genPara{text: prefix + lede, keep: lede})
	for i := 1; i < bodyParas; i++ {
		switch r.IntN(12) {
		case 0:
			s := genShort[r.IntN(len(genShort))]
			ps = append(ps, genPara{text: s, keep: s})
		case 1:
			ps = append(ps, genPara{text: "Residents queue for water in " + genPlaces[r.IntN(len(genPlaces))] + " on Monday. (AP Photo/" + genNames[r.IntN(len(genNames))] + ")", reason: model.ReasonCaption})
		case 2:
			ps = append(ps,
				genPara{text: "La decisión es definitiva y no habrá marcha atrás. https://t.co/" + "Qw3rTy" + string(rune('a'+r.IntN(26))), reason: model.ReasonEmbed},
				genPara{text: "— " + genNames[r.IntN(len(genNames))] + " (@official_" + string(rune('a'+r.IntN(26))) + ") March 4, 2026", reason: model.ReasonEmbed})
		default:
			p := genProse(r, 1+r.IntN(4))
			ps = append(ps, genPara{text: p, keep: p})
		}
	}
	if r.IntN(2) == 0 {
		for n := 2 + r.IntN(4); n > 0; n-- {
			ps = append(ps, genPara{text: genHeadline(r, 5+r.IntN(8)), reason: model.ReasonRelated})
		}
	}
	for n := r.IntN(3); n > 0; n-- {
		ps = append(ps, genPara{text: genCTAs[r.IntN(len(genCTAs))], reason: model.ReasonCTA})
	}
	if r.IntN(2) == 0 {
		ps = append(ps, genPara{text: genShares[r.IntN(len(genShares))], reason: model.ReasonShare})
	}
	if r.IntN(2) == 0 {
		ps = append(ps, genPara{text: genFooters[r.IntN(len(genFooters))], reason: model.ReasonFooter})
	}

	// Lay out: one separator style per article, whitespace noise inside.
	seps := []string{"\n\n", "\n", "\n \n", "\n\n\n", "\n\t\n"}
	sep := seps[r.IntN(len(seps))]
	var b strings.Builder
	if r.IntN(4) == 0 {
		b.WriteString(" \n")
	}
	for i, p := range ps {
		if i > 0 {
			b.WriteString(sep)
		}
		text := p.text
		if r.IntN(3) == 0 {
			text = strings.Replace(text, " ", []string{"  ", "\t", "\u00a0", " \u00a0 "}[r.IntN(4)], 1+r.IntN(3))
		}
		if r.IntN(5) == 0 {
			text = "  " + text + " \t"
		}
		b.WriteString(text)
	}
	return b.String(), ps, title
}

// TestCleanProperty checks the cleaner's contract on many generated
// articles: the non-space characters of raw are split exactly between Text
// and the removed ranges, body prose is kept, and strong noise is removed.
func TestCleanProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	n := 600
	if testing.Short() {
		n = 100
	}
	for i := 0; i < n; i++ {
		raw, parts, title := genArticle(r, 2+r.IntN(10))
		c := Clean(raw)
		checkInvariants(t, raw, c)
		paras := paragraphsOf(c.Text)
		for _, p := range parts {
			switch {
			case p.keep != "":
				if !contains(paras, p.keep) {
					t.Fatalf("article %d: body paragraph %q lost\nraw:\n%s\nremoved: %v", i, p.keep, raw, c.Removed)
				}
			case p.reason != "":
				if contains(paras, p.text) {
					t.Fatalf("article %d: %s %q kept\nraw:\n%s", i, p.reason, p.text, raw)
				}
				if !contains(removedBy(c, p.reason), p.text) {
					t.Fatalf("article %d: %q not removed as %s: %v\nraw:\n%s", i, p.text, p.reason, c.Removed, raw)
				}
			}
		}
		if c.Title != title {
			t.Fatalf("article %d: title %q, want %q\nraw:\n%s", i, c.Title, title, raw)
		}
	}
}

// FuzzClean checks the partition invariant on arbitrary input.
func FuzzClean(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5; i++ {
		raw, _, _ := genArticle(r, 4)
		f.Add(raw)
	}
	for i := 0; i < 2; i++ {
		f.Add(genPage(r).raw) // whole pages: menus, teasers, comments
	}
	f.Add("World\n\nHeadline here now\n\nBOGOTA: Text — (@x) May 1, 2025")
	f.Fuzz(func(t *testing.T, raw string) {
		raw = model.Sanitize(raw)
		checkInvariants(t, raw, Clean(raw))
	})
}
