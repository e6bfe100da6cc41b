package quote

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"storydesk/model"
)

// qGenArticle writes a news-like article with many quotations: named
// speakers with titles, pronouns, inverted and plain attributions, partial
// and scare quotes, multi-paragraph quotations and the odd stray mark.
func qGenArticle(r *rand.Rand, paras int) string {
	first := []string{"Ana", "Luis", "Marta", "Peter", "Grace", "Omar", "Helen", "Victor", "Sara", "Daniel"}
	last := []string{"Torres", "Okafor", "Lindqvist", "Moreau", "Haddad", "Kowalski", "Nakamura", "Bianchi", "Reyes", "Osei"}
	titles := []string{"Finance Minister", "Senator", "Mayor", "Governor", "Defense Secretary", "Police Chief"}
	cues := []string{"said", "told reporters", "added", "said on Tuesday", "wrote in a post on X", "said in a statement", "warned"}
	clauses := []string{"the budget will be balanced by next year", "we have never seen prices rise this fast",
		"nobody in this building was consulted", "the talks will resume after the holiday",
		"our schools cannot wait another decade", "the port has been closed since March",
		"this is the most serious crisis the region has faced", "we will appeal the ruling"}
	narrative := []string{"The council met behind closed doors for most of the afternoon.",
		"Prices for fuel and bread have doubled since the start of the year.",
		"The opposition has called for early elections.",
		"Officials did not say when the report would be published."}
	var b strings.Builder
	var people []string
	for p := 0; p < paras; p++ {
		if p > 0 {
			b.WriteString("\n\n")
		}
		cl := func() string {
			c := clauses[r.IntN(len(clauses))]
			return strings.ToUpper(c[:1]) + c[1:]
		}
		switch k := r.IntN(8); {
		case k == 0 || len(people) == 0:
			name := first[r.IntN(len(first))] + " " + last[r.IntN(len(last))]
			people = append(people, name)
			fmt.Fprintf(&b, "%s %s said on %s that %s. “%s,” %s %s.", titles[r.IntN(len(titles))], name,
				[]string{"Monday", "Tuesday", "Friday"}[r.IntN(3)], clauses[r.IntN(len(clauses))], cl(),
				strings.Fields(name)[1], cues[r.IntN(len(cues))])
		case k == 1:
			// the pronoun agrees with the last person named
			pron := "he"
			switch strings.Fields(people[len(people)-1])[0] {
			case "Ana", "Marta", "Grace", "Helen", "Sara":
				pron = "she"
			}
			fmt.Fprintf(&b, "“%s. %s,” %s %s. “%s.”", cl(), cl(), pron, cues[r.IntN(len(cues))], cl())
		case k == 2:
			name := people[r.IntN(len(people))]
			fmt.Fprintf(&b, "%s described the plan as “%s” and the deal as “%s.”", strings.Fields(name)[1],
				clauses[r.IntN(len(clauses))], []string{"reckless", "a stitch-up", "historic"}[r.IntN(3)])
		case k == 3:
			fmt.Fprintf(&b, "“%s.\n\n“%s,” said %s.", cl(), cl(), people[r.IntN(len(people))])
		case k == 4:
			fmt.Fprintf(&b, "According to %s, the ministry's \"%s\" was %s.", people[r.IntN(len(people))],
				clauses[r.IntN(len(clauses))], []string{"late", "ignored", "rewritten"}[r.IntN(3)])
		case k == 5:
			b.WriteString(narrative[r.IntN(len(narrative))])
			b.WriteString(" The students' union and the teachers' federation said it's “not enough.”")
		case k == 6:
			fmt.Fprintf(&b, "A spokesman for the ministry said officials had 'no comment'. “%s,” the spokesman added.", cl())
		default:
			fmt.Fprintf(&b, "“%s,” %s said. An unclosed mark follows: “%s", cl(), strings.Fields(people[r.IntN(len(people))])[1], clauses[r.IntN(len(clauses))])
		}
	}
	return b.String()
}

func BenchmarkDetectQuotes(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 5))
	var docs []string
	size := 0
	for size < 1<<20 { // 1 MiB of articles of 20 to 60 paragraphs
		d := qGenArticle(r, 20+r.IntN(41))
		docs = append(docs, d)
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Detect(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(docs)), "ms/article")
	b.ReportMetric(float64(size)/float64(len(docs))/1024, "KiB/article")
}

// TestQuoteGenerated checks the generator's quotations against what it
// wrote: every quotation has a speaker or a role, and the quotations the
// generator marked as multi-paragraph come out whole.
func TestQuoteGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for n := 0; n < 30; n++ {
		text := qGenArticle(r, 30)
		qs := Detect(text)
		checkQuoteInvariants(t, text, qs)
		for _, q := range qs {
			if q.Kind != model.QuoteScare && q.Speaker == "" && q.Role == "" {
				t.Errorf("no speaker for %q", q.Text)
			}
			if strings.Contains(q.Text, "\n\n") && !strings.Contains(q.Text, "\n\n“") {
				t.Errorf("quotation swallowed a paragraph: %q", q.Text)
			}
		}
	}
}
