package quote

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/textdiff"
	"storydesk/model/wordtok"
)

const qmQuote = "This city has lost its mothers, its fathers and its children in a single night"

// qmOne finds quote in text and requires exactly one match, checking the
// invariants every match keeps.
func qmOne(t *testing.T, quote, text string) Match {
	t.Helper()
	ms := FindCarriers(quote, text)
	if len(ms) != 1 {
		t.Fatalf("want 1 match of %q in %q, got %d: %+v", quote, text, len(ms), ms)
	}
	qmCheck(t, quote, text, ms[0])
	return ms[0]
}

func qmCheck(t *testing.T, quote, text string, m Match) {
	t.Helper()
	if got := model.RuneSlice(text, m.Start, m.End); got != m.Text {
		t.Fatalf("Text %q is not the text at %d–%d (%q)", m.Text, m.Start, m.End, got)
	}
	if m.Overlap < MatchMinOverlap || m.Overlap > 1 {
		t.Fatalf("overlap %v", m.Overlap)
	}
	// The diff tiles both: the quote from its A ranges, the passage from its B ranges.
	qa, pb := 0, 0
	for _, op := range m.Diff {
		if op.A0 != qa && op.Kind != textdiff.Insert || op.B0 != pb && op.Kind != textdiff.Delete {
			t.Fatalf("diff does not tile: %+v", m.Diff)
		}
		qa, pb = op.A1, op.B1
	}
	if qa != model.RuneLen(quote) || pb != model.RuneLen(m.Text) {
		t.Fatalf("diff covers %d/%d and %d/%d", qa, model.RuneLen(quote), pb, model.RuneLen(m.Text))
	}
}

// qmChanges lists the changed words: "-old" for the quote's, "+new" for the passage's.
func qmChanges(quote string, m Match) []string {
	var out []string
	for _, op := range m.Diff {
		switch op.Kind {
		case textdiff.Delete:
			out = append(out, "-"+model.RuneSlice(quote, op.A0, op.A1))
		case textdiff.Insert:
			out = append(out, "+"+model.RuneSlice(m.Text, op.B0, op.B1))
		}
	}
	return out
}

func TestQuoteMatchCurlyAndStraightMarks(t *testing.T) {
	text := `The mayor spoke at dawn. "This city has lost its mothers, its fathers and its children in a single night," she said.`
	m := qmOne(t, "“"+qmQuote+",”", text)
	if !m.Exact() || m.Overlap != 1 || len(qmChanges(qmQuote, m)) != 0 {
		t.Fatalf("straight-quoted copy should be exact: %+v", m)
	}
	if m.Text != qmQuote {
		t.Fatalf("passage should be the words only, without marks or the comma: %q", m.Text)
	}
	if m.Start != model.RuneLen(`The mayor spoke at dawn. "`) {
		t.Fatalf("start %d", m.Start)
	}
}

func TestQuoteMatchUSAndCase(t *testing.T) {
	quote := "The U.S. Navy will stay in the strait until the ferry is found"
	text := "Ekholm added: “the US navy will stay in the strait until the ferry is found.” Nobody else spoke."
	m := qmOne(t, quote, text)
	if !m.Exact() {
		t.Fatalf("U.S./US and case should not count as edits: %+v %v", m, qmChanges(quote, m))
	}
}

func TestQuoteMatchOneChangedWord(t *testing.T) {
	text := "“This city has lost its mothers, its fathers and its children in a single evening,” Varga said."
	m := qmOne(t, qmQuote, text)
	if m.Edits != 1 {
		t.Fatalf("edits %d", m.Edits)
	}
	if got := strings.Join(qmChanges(qmQuote, m), " "); got != "-night +evening" {
		t.Fatalf("changes %q", got)
	}
	// A changed first word stays inside the passage.
	m = qmOne(t, qmQuote, "“That city has lost its mothers, its fathers and its children in a single night.”")
	if m.Edits != 1 || !strings.HasPrefix(m.Text, "That city") {
		t.Fatalf("changed first word: %+v", m)
	}
}

func TestQuoteMatchWordDropped(t *testing.T) {
	text := "“This city has lost its mothers, its fathers and children in a single night,” she said."
	m := qmOne(t, qmQuote, text)
	if m.Edits != 1 || m.Exact() {
		t.Fatalf("edits %d", m.Edits)
	}
	if got := strings.Join(qmChanges(qmQuote, m), " "); got != "-its" {
		t.Fatalf("changes %q", got)
	}
	// Two words dropped and one added is three edits: too many for 15 words.
	if ms := FindCarriers(qmQuote, "“This city lost its mothers, fathers and its young children in a single night.”"); len(ms) != 0 {
		t.Fatalf("three edits matched: %+v", ms)
	}
}

func TestQuoteMatchDifferentQuoteNotMatched(t *testing.T) {
	text := "“We will not stop looking until every one of them is brought home,” Varga said. " +
		"The city has lost a ferry, and its fathers wept on the quay in the night."
	if ms := FindCarriers(qmQuote, text); len(ms) != 0 {
		t.Fatalf("a different quotation matched: %+v", ms)
	}
}

func TestQuoteMatchAcrossParagraphBreak(t *testing.T) {
	quote := "Nobody asked the fishermen of Karvik. Nobody asked the families of Sorn Island, who have had a hard enough year already"
	text := "Østby was blunt. “Nobody asked the fishermen of Karvik.\n\n“Nobody asked the families of Sorn Island, who have had a hard enough year already,” she said."
	m := qmOne(t, quote, text)
	if !m.Exact() || !strings.Contains(m.Text, "\n\n“Nobody") {
		t.Fatalf("split quotation: %+v", m)
	}
	if m.Start != model.RuneLen("Østby was blunt. “") {
		t.Fatalf("start %d (code points, with Ø before it)", m.Start)
	}
}

func TestQuoteMatchInterruptedByAttribution(t *testing.T) {
	text := "“This city has lost its mothers,” she said, “its fathers and its children in a single night.”"
	m := qmOne(t, qmQuote, text)
	if m.Edits != 2 || strings.Join(qmChanges(qmQuote, m), " ") != "+she said" {
		t.Fatalf("interrupted quotation: edits %d, changes %v", m.Edits, qmChanges(qmQuote, m))
	}
}

func TestQuoteMatchShortAndMany(t *testing.T) {
	if ms := FindCarriers("not enough", "They said it was not enough, not enough at all."); ms != nil {
		t.Fatalf("a two-word quotation is not searched: %+v", ms)
	}
	if NewMatcher("not enough").Searchable() || !NewMatcher("a race against the sea").Searchable() {
		t.Fatal("Searchable")
	}
	// Short quotations must match exactly: one change in four words is 75%.
	if ms := FindCarriers("a race against time", "It was a race against the sea."); len(ms) != 0 {
		t.Fatalf("short near-miss matched: %+v", ms)
	}
	text := "He called it “a race against the sea.” Later, again: a race against the sea. And a race against the clock."
	ms := FindCarriers("a race against the sea", text)
	if len(ms) != 2 || ms[0].Start >= ms[1].Start {
		t.Fatalf("want both copies in order: %+v", ms)
	}
	for _, m := range ms {
		qmCheck(t, "a race against the sea", text, m)
		if m.Text != "a race against the sea" {
			t.Fatalf("passage %q", m.Text)
		}
	}
}

// A quotation planted in random prose, with random small changes, is found
// where it was put; the same prose without it yields nothing.
func TestQuoteMatchPlanted(t *testing.T) {
	words := strings.Fields("the council met on tuesday evening to discuss a long list of items including road repairs " +
		"funding for the library and a proposal to extend bus routes into the northern districts")
	qw := strings.Fields(qmQuote)
	r := rand.New(rand.NewPCG(4, 2))
	for n := 0; n < 200; n++ {
		pre := make([]string, r.IntN(60))
		for i := range pre {
			pre[i] = words[r.IntN(len(words))]
		}
		post := make([]string, r.IntN(60))
		for i := range post {
			post[i] = words[r.IntN(len(words))]
		}
		got := append([]string(nil), qw...)
		edits := r.IntN(2)
		for e := 0; e < edits; e++ {
			i := 1 + r.IntN(len(got)-2) // inner word: an edge change can shift the passage's ends
			if r.IntN(2) == 0 {
				got[i] = "zebra"
			} else {
				got = append(got[:i], got[i+1:]...)
			}
		}
		head := strings.Join(pre, " ") + " “"
		text := head + strings.Join(got, " ") + ",” she said. " + strings.Join(post, " ")
		ms := FindCarriers(qmQuote, text)
		if len(ms) != 1 {
			t.Fatalf("case %d: %d matches in %q", n, len(ms), text)
		}
		qmCheck(t, qmQuote, text, ms[0])
		if ms[0].Start != model.RuneLen(head) || ms[0].Edits != edits {
			t.Fatalf("case %d: match %+v, want start %d, %d edits", n, ms[0], model.RuneLen(head), edits)
		}
		if ms := FindCarriers(qmQuote, strings.Join(pre, " ")+" "+strings.Join(post, " ")); len(ms) != 0 {
			t.Fatalf("case %d: matched prose without the quotation: %+v", n, ms)
		}
	}
}

func BenchmarkQuoteMatcherFind(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	text := qGenArticle(r, 60)
	withQuote := text + "\n\n“" + qmQuote + ",” she said."
	qm := NewMatcher(qmQuote)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		qm.Find(text)
		qm.Find(withQuote)
	}
}

func BenchmarkQuoteMatcherMiss(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	text := qGenArticle(r, 60)
	qm := NewMatcher(qmQuote)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		qm.Find(text)
	}
}

// FuzzQuoteCarriers checks the quotation matcher: every passage slices the
// text to its own Text, passages come in order without overlapping, and
// each one's diff tiles the quotation and the passage.
func FuzzQuoteCarriers(f *testing.F) {
	f.Add("we have what we came for", "“We have what we came for,” said Mara Okafor.")
	f.Add("the U.S. will not back down now", "He said the US would not back down now, officials said.")
	f.Add("a b c", "a b c a b c a\n\nb c")
	f.Add("\x1b]0;x\x07 one two three", "one two\u00ad three \xff")
	f.Fuzz(func(t *testing.T, quote, text string) {
		text = model.Sanitize(text)
		ms := FindCarriers(quote, text)
		prevEnd := 0
		for _, m := range ms {
			if m.Start < prevEnd || m.End <= m.Start || m.End > model.RuneLen(text) {
				t.Fatalf("passage %d–%d out of order or range (prev end %d)", m.Start, m.End, prevEnd)
			}
			if model.RuneSlice(text, m.Start, m.End) != m.Text {
				t.Fatalf("passage %d–%d: Text %q is not the slice %q", m.Start, m.End, m.Text, model.RuneSlice(text, m.Start, m.End))
			}
			if m.Edits < 0 || m.Overlap < MatchMinOverlap || m.Overlap > 1 {
				t.Fatalf("passage %q: edits %d, overlap %v", m.Text, m.Edits, m.Overlap)
			}
			checkTiling(t, m.Diff, quote, m.Text)
			prevEnd = m.End
		}
	})
}

// checkTiling is textdiff's check of the Op invariants (test helpers cannot
// be shared between packages): equal and delete ranges tile a, equal and
// insert ranges tile b, changes start and end on words, and equal ops match
// word for word.
func checkTiling(t *testing.T, ops []textdiff.Op, a, b string) {
	t.Helper()
	ap, bp := 0, 0
	for i, op := range ops {
		if op.A0 != ap || op.B0 != bp {
			t.Fatalf("op %d %+v does not continue at a %d, b %d", i, op, ap, bp)
		}
		var changed string
		switch op.Kind {
		case textdiff.Equal:
			if wordsOf(model.RuneSlice(a, op.A0, op.A1)) != wordsOf(model.RuneSlice(b, op.B0, op.B1)) {
				t.Fatalf("op %d equal but %q vs %q", i, model.RuneSlice(a, op.A0, op.A1), model.RuneSlice(b, op.B0, op.B1))
			}
		case textdiff.Delete:
			if op.B0 != op.B1 || op.A0 >= op.A1 {
				t.Fatalf("op %d bad delete %+v", i, op)
			}
			changed = model.RuneSlice(a, op.A0, op.A1)
		case textdiff.Insert:
			if op.A0 != op.A1 || op.B0 >= op.B1 {
				t.Fatalf("op %d bad insert %+v", i, op)
			}
			changed = model.RuneSlice(b, op.B0, op.B1)
		}
		if r := []rune(changed); len(r) > 0 && (!model.IsWordRune(r[0]) || !model.IsWordRune(r[len(r)-1])) {
			t.Fatalf("op %d %+v %q does not start and end on a word", i, op, changed)
		}
		ap, bp = op.A1, op.B1
	}
	if ap != model.RuneLen(a) || bp != model.RuneLen(b) {
		t.Fatalf("ops end at %d/%d and %d/%d", ap, model.RuneLen(a), bp, model.RuneLen(b))
	}
}

// wordsOf is s's normalised words, for comparing equal ranges.
func wordsOf(s string) string {
	toks, _ := wordtok.Tokens(s)
	var out []string
	for _, tok := range toks {
		out = append(out, fmt.Sprint(tok.Hash))
	}
	return strings.Join(out, " ")
}
