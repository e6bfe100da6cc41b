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

// TestQuoteMatchMovedWords: an editor's reordering ("the rights of the
// workers" → "the workers' rights") is the same quotation, found from
// either side; a scramble of the same words is not.
func TestQuoteMatchMovedWords(t *testing.T) {
	a := "“The new contract must protect the pensions of the dock workers and their families,” Morrow said."
	b := "The union leader said the new contract “must protect the dock workers’ pensions and their families.”"
	qa, qb := Detect(a)[0].Text, Detect(b)[0].Text
	ma, mb := FindCarriers(qa, b), FindCarriers(qb, a)
	if len(ma) != 1 || len(mb) != 1 {
		t.Fatalf("moved words: %d from a, %d from b: %+v %+v", len(ma), len(mb), ma, mb)
	}
	qmCheck(t, qa, b, ma[0])
	qmCheck(t, qb, a, mb[0])
	if ma[0].Edits != mb[0].Edits || ma[0].Edits > 3 {
		t.Fatalf("edits %d and %d", ma[0].Edits, mb[0].Edits)
	}
	scrambled := "“Families dock the of pensions workers the must contract new their protect and,” he said."
	if ms := FindCarriers(qa, scrambled); len(ms) != 0 {
		t.Fatalf("a scramble matched: %+v", ms)
	}
}

// TestQuoteMatchPart: a text that quotes part of a long quotation carries
// it, and the long quotation is found from the part.
func TestQuoteMatchPart(t *testing.T) {
	long := "The ferry will not sail until the inspectors have seen every hull. Nobody asked the families of Sorn Island, who have had a hard enough year already. We will not be rushed."
	a := "“" + long + "” Varga told the council."
	b := "Varga said “nobody asked the families of Sorn Island” and went home."
	ma := FindCarriers(long, b)
	if len(ma) != 1 || !ma[0].Part || ma[0].Text != "nobody asked the families of Sorn Island" {
		t.Fatalf("part from the long side: %+v", ma)
	}
	qmCheck(t, long, b, ma[0])
	if got := model.RuneSlice(long, ma[0].QuoteStart, ma[0].QuoteEnd); got != "Nobody asked the families of Sorn Island" {
		t.Fatalf("carried part %q", got)
	}
	mb := FindCarriers("nobody asked the families of Sorn Island", a)
	if len(mb) != 1 || mb[0].Part || !mb[0].Exact() {
		t.Fatalf("long from the part side: %+v", mb)
	}
}

// TestQuoteMatchSymmetric plants a quotation in article A and a variant
// of it in article B (the same words, a word replaced, dropped or added,
// words moved, a part of it, or it inside a longer quotation) and checks
// that searching from A's quotation finds B's exactly when searching from
// B's finds A's.
func TestQuoteMatchSymmetric(t *testing.T) {
	sentences := []string{
		"We will not sign this agreement under pressure from anyone",
		"The harbour has been closed to fishing boats since the storm in March",
		"Nobody in the ministry has read the report on the collapse of the bridge",
		"Our members have not had a real pay rise in six years and they are angry",
		"The fight against poverty must be subordinated to the rights of the people of the coast",
	}
	filler := strings.Fields("the council met on tuesday evening to discuss a long list of items including road repairs and a proposal for the northern districts")
	prose := func(r *rand.Rand, n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = filler[r.IntN(len(filler))]
		}
		return strings.Join(w, " ")
	}
	variants := []func(r *rand.Rand, ws []string) []string{
		func(r *rand.Rand, ws []string) []string { return ws },
		func(r *rand.Rand, ws []string) []string { ws[1+r.IntN(len(ws)-2)] = "zebra"; return ws },
		func(r *rand.Rand, ws []string) []string {
			i := 1 + r.IntN(len(ws)-2)
			return append(ws[:i], ws[i+1:]...)
		},
		func(r *rand.Rand, ws []string) []string {
			i := 1 + r.IntN(len(ws)-2)
			return append(ws[:i], append([]string{"zebra"}, ws[i:]...)...)
		},
		func(r *rand.Rand, ws []string) []string { // a part
			n := 3 + r.IntN(len(ws)-3)
			i := r.IntN(len(ws) - n + 1)
			return ws[i : i+n]
		},
		func(r *rand.Rand, ws []string) []string { // inside a longer one
			return append(append([]string{"Listen", "carefully"}, ws...), strings.Fields("and we mean every word of it")...)
		},
		func(r *rand.Rand, ws []string) []string { // two words swap places
			i := r.IntN(len(ws) - 1)
			ws[i], ws[i+1] = ws[i+1], ws[i]
			return ws
		},
		func(r *rand.Rand, ws []string) []string { // a word replaced and one dropped
			ws[1] = "zebra"
			return append(ws[:3], ws[4:]...)
		},
		func(r *rand.Rand, ws []string) []string { // three words replaced: another wording
			ws[1], ws[4], ws[7] = "zebra", "yak", "gnu"
			return ws
		},
		func(r *rand.Rand, ws []string) []string { // another quotation
			return strings.Fields(sentences[r.IntN(len(sentences))])
		},
	}
	r := rand.New(rand.NewPCG(16, 16))
	agree := map[bool]int{}
	for n := 0; n < 400; n++ {
		ws := strings.Fields(sentences[r.IntN(len(sentences))])
		vb := variants[r.IntN(len(variants))](r, append([]string(nil), ws...))
		a := prose(r, 5+r.IntN(20)) + " “" + strings.Join(ws, " ") + ",” she said. " + prose(r, r.IntN(20))
		b := prose(r, 5+r.IntN(20)) + " “" + strings.Join(vb, " ") + ",” he said. " + prose(r, r.IntN(20))
		qa, qb := Detect(a), Detect(b)
		if len(qa) != 1 || len(qb) != 1 {
			t.Fatalf("case %d: planted quotations not detected: %+v %+v", n, qa, qb)
		}
		ab := qmHits(FindCarriers(qa[0].Text, b), qb[0])
		ba := qmHits(FindCarriers(qb[0].Text, a), qa[0])
		if ab != ba {
			t.Fatalf("case %d: from A %v, from B %v\nA: %s\nB: %s", n, ab, ba, a, b)
		}
		agree[ab]++
	}
	if agree[true] < 100 || agree[false] < 20 {
		t.Fatalf("too few cases of each outcome: %v", agree)
	}
}

// qmHits: some match overlaps the quotation.
func qmHits(ms []Match, q Quote) bool {
	for _, m := range ms {
		if m.Start < q.End && q.Start < m.End {
			return true
		}
	}
	return false
}
