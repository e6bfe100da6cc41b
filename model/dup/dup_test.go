package dup

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"storydesk/model/wordtok"
)

// A fictional wire story, written for these tests.
const dupStory = `The harbour bridge in Port Aldwin reopened to traffic on Tuesday after an 18-month refit that cost 42.5 million euros, the regional transport authority said.

Engineers replaced 1,200 tonnes of corroded steel and laid a new deck surface designed to last 40 years, according to a statement from the authority.

“We have given the city back its front door,” said Marta Ilves, the authority’s chief engineer, as the first buses crossed shortly after 6 a.m. “It was a long wait, and we thank residents for their patience.”

The closure had forced about 31,000 daily commuters onto ferries and a 14-kilometre detour through the industrial district, adding up to 45 minutes to journeys at peak times.

Shopkeepers on the waterfront said trade fell by as much as a third during the works. The city council set aside 2.3 million euros in compensation, of which 1.9 million has been paid so far.

Tolls will not be charged until January, the authority said, and cyclists will get a separate lane protected by a steel barrier for the first time.`

// Another outlet's write-up of the same event: it shares the quote and a few
// phrases, nothing else.
const dupStoryOther = `Buses rolled across Port Aldwin's harbour bridge at dawn on Tuesday, ending a year and a half of detours for commuters who had grown used to crowded ferries.

“We have given the city back its front door,” said Marta Ilves, the authority’s chief engineer. “It was a long wait, and we thank residents for their patience.”

Not everyone was celebrating. Waterfront traders, who say the closure cost them dearly, want the council to speed up payments from its compensation fund, and several complained that the new cycle lane has taken away loading bays outside their shops.

Officials insist the refit was unavoidable after inspectors found cracks in the main girders two winters ago, and they say the structure should not need major work again for decades.`

func dupPairsOf(t *testing.T, threshold float64, docs ...Doc) []Pair {
	t.Helper()
	x := NewIndex(Options{})
	for _, d := range docs {
		x.Add(d.ID, Sign(d.Text))
	}
	return dupMustPairs(t, x, threshold)
}

// dupMustPairs is x.Pairs without cancellation.
func dupMustPairs(t testing.TB, x *Index, threshold float64) []Pair {
	t.Helper()
	pairs, err := x.Pairs(context.Background(), threshold, nil)
	if err != nil {
		t.Fatal(err)
	}
	return pairs
}

func dupFind(pairs []Pair, a, b string) (Pair, bool) {
	for _, p := range pairs {
		if p.A == a && p.B == b || p.A == b && p.B == a {
			return p, true
		}
	}
	return Pair{}, false
}

func TestDupExactViaNormalisation(t *testing.T) {
	variant := strings.NewReplacer("“", "\"", "”", "\"", "’", "'", "\n\n", "\r\n\r\n  ", " said", "  SAID", "—", "-").Replace(dupStory)
	variant = "  " + strings.ToUpper(variant[:40]) + variant[40:] + "\n"
	changed := strings.Replace(dupStory, "Tuesday", "Wednesday", 1)
	empty1, empty2 := "  \n ", "—"
	pairs := dupPairsOf(t, 0, Doc{"a", dupStory}, Doc{"b", variant}, Doc{"c", changed},
		Doc{"e1", empty1}, Doc{"e2", empty2})
	p, ok := dupFind(pairs, "a", "b")
	if !ok || p.Kind != Exact || p.Jaccard != 1 || p.Containment() != 1 {
		t.Fatalf("a/b: got %+v, %v; want an exact pair", p, ok)
	}
	p, ok = dupFind(pairs, "a", "c")
	if !ok || p.Kind != Near || p.Jaccard >= 1 || p.Jaccard < 0.9 {
		t.Fatalf("a/c: got %+v, %v; want a near pair with high Jaccard", p, ok)
	}
	for _, p := range pairs {
		if strings.HasPrefix(p.A, "e") || strings.HasPrefix(p.B, "e") {
			t.Errorf("texts without words paired: %+v", p)
		}
	}
	if s := Sign(empty2); s.Exact != 0 || len(s.Shingles) != 0 || s.Words != 0 {
		t.Errorf("signature of a text without words: %+v", s)
	}
}

func TestDupTruncatedCopy(t *testing.T) {
	paras := strings.Split(dupStory, "\n\n")
	short := strings.Join(paras[:2], "\n\n")
	// Cut mid-paragraph too, as scrapers and wire desks do.
	cut := dupStory[:strings.Index(dupStory, "onto ferries")]
	pairs := dupPairsOf(t, 0, Doc{"full", dupStory}, Doc{"short", short}, Doc{"cut", cut})
	for _, id := range []string{"short", "cut"} {
		p, ok := dupFind(pairs, "full", id)
		if !ok {
			t.Fatalf("%s copy not found: %+v", id, pairs)
		}
		in := p.AinB
		if p.A == "full" {
			in = p.BinA
		}
		if in < 0.97 || p.Jaccard > 0.75 || p.Kind != Near {
			t.Errorf("%s: containment in full %.3f, Jaccard %.3f, %s; want ≈1, modest, near", id, in, p.Jaccard, p.Kind)
		}
	}
	if p, _ := dupFind(pairs, "full", "short"); p.Jaccard > 0.4 {
		t.Errorf("two paragraphs of six: Jaccard %.3f, want under 0.4", p.Jaccard)
	}
}

func TestDupChangedFigures(t *testing.T) {
	changed := strings.NewReplacer("31,000", "13,000", "42.5 million", "44.5 million").Replace(dupStory)
	pairs := dupPairsOf(t, 0, Doc{"orig", dupStory}, Doc{"fig", changed})
	p, ok := dupFind(pairs, "orig", "fig")
	if !ok || p.Kind != Near || p.Containment() < 0.85 || p.Containment() == 1 {
		t.Fatalf("got %+v, %v; want a near pair below 1", p, ok)
	}
	// textdiff's TestWordDiffChangedFigures diffs the same two texts.
}

func TestDupReorderedAndInserted(t *testing.T) {
	paras := strings.Split(dupStory, "\n\n")
	re := slices.Clone(paras)
	re[0], re[3], re[5] = re[5], re[0], re[3]
	reordered := strings.Join(re, "\n\n")
	added := strings.Join(slices.Insert(slices.Clone(paras), 3,
		"A spokesman for the ferry operator said services would be cut back to their winter timetable from next week."), "\n\n")
	flat := strings.Join(paras, " ") // the same story with its paragraphs run together
	pairs := dupPairsOf(t, 0, Doc{"orig", dupStory}, Doc{"re", reordered}, Doc{"add", added}, Doc{"flat", flat})
	if p, ok := dupFind(pairs, "orig", "re"); !ok || p.Containment() != 1 || p.Jaccard != 1 || p.Kind != Near {
		t.Errorf("reordered: got %+v, %v; want Jaccard 1 (shingles do not cross paragraphs)", p, ok)
	}
	if p, ok := dupFind(pairs, "orig", "add"); !ok || p.BinA != 1 && p.AinB != 1 || p.Jaccard >= 1 {
		t.Errorf("inserted paragraph: got %+v, %v; want the original wholly inside", p, ok)
	}
	if p, ok := dupFind(pairs, "orig", "flat"); !ok || p.Kind != Exact || p.Containment() != 1 {
		t.Errorf("paragraphs run together: got %+v, %v; want exact, orig inside flat", p, ok)
	}
}

func TestDupSameStoryNotReported(t *testing.T) {
	docs := []Doc{{"wire", dupStory}, {"other", dupStoryOther}}
	if pairs := dupPairsOf(t, 0, docs...); len(pairs) != 0 {
		t.Fatalf("different write-ups reported at the default threshold: %+v", pairs)
	}
	// They do share the quote: a low threshold finds them, so the test
	// above is not passing for want of any overlap.
	pairs := dupPairsOf(t, 0.05, docs...)
	if p, ok := dupFind(pairs, "wire", "other"); !ok || p.Containment() >= 0.3 {
		t.Fatalf("at 0.05: got %+v, %v; want a weak pair", p, ok)
	}
}

func TestDupShortTexts(t *testing.T) {
	short := "Subscribe to our newsletter for the latest news."
	pairs := dupPairsOf(t, 0, Doc{"s1", short}, Doc{"s2", strings.ToUpper(short)},
		Doc{"s3", short + " Terms apply."}, Doc{"story", dupStory + "\n\n" + short})
	if p, ok := dupFind(pairs, "s1", "s2"); !ok || p.Kind != Exact {
		t.Errorf("short exact copies: got %+v, %v", p, ok)
	}
	for _, p := range pairs {
		if p.A != "s1" || p.B != "s2" {
			t.Errorf("texts under MinShingles should only pair when equal: %+v", p)
		}
	}
	// With no minimum, the short text is found inside the others.
	x := NewIndex(Options{MinShingles: -1, SampleRate: 1})
	for _, d := range []Doc{{"s1", short}, {"s3", short + " Terms apply."}} {
		x.Add(d.ID, Sign(d.Text))
	}
	if p, ok := dupFind(dupMustPairs(t, x, 0), "s1", "s3"); !ok || p.AinB != 1 {
		t.Errorf("MinShingles -1: got %+v, %v", p, ok)
	}
}

func TestDupAddReplaces(t *testing.T) {
	x := NewIndex(Options{})
	x.Add("a", Sign(dupStory))
	x.Add("b", Sign(dupStory))
	x.Add("b", Sign(dupStoryOther))
	if x.Len() != 2 {
		t.Fatalf("Len %d, want 2", x.Len())
	}
	if pairs := dupMustPairs(t, x, 0); len(pairs) != 0 {
		t.Fatalf("replaced document still paired: %+v", pairs)
	}
	stale := Sign(dupStory)
	stale.Version--
	x.Add("c", stale)
	if pairs := dupMustPairs(t, x, 0); len(pairs) != 0 {
		t.Fatalf("stale signature compared: %+v", pairs)
	}
	x.Add("c", Sign(dupStory))
	if pairs := dupMustPairs(t, x, 0); len(pairs) != 1 || pairs[0].A != "a" || pairs[0].B != "c" {
		t.Fatalf("after re-adding with a fresh signature: %+v", pairs)
	}
}

func TestDupSignatureStable(t *testing.T) {
	// Signatures are cached across runs: a change here must come with a new
	// SignatureVersion.
	s := Sign("The U.S. bridge reopened on Tuesday.\n\nIt cost 4,000 euros.")
	if s.Version != SignatureVersion || s.Words != 10 || len(s.Shingles) != 3 {
		t.Fatalf("signature %+v", s)
	}
	got := fmt.Sprintf("%016x %08x", s.Exact, s.Shingles)
	const want = "e4a13db68e019b6f [467c1476 738eff71 9eb27df9]"
	if got != want {
		t.Fatalf("signature hashes changed: %s (bump SignatureVersion and update this test)", got)
	}
	if !slices.IsSorted(s.Shingles) {
		t.Fatal("shingles not sorted")
	}
}

func TestDupPairsDeterministic(t *testing.T) {
	c := dgGenerate(1500, 11)
	sigs := SignAll(c.docs, 2, nil)
	run := func(order []int, workers int) []Pair {
		x := NewIndex(Options{Workers: workers})
		for _, i := range order {
			x.Add(c.docs[i].ID, sigs[i])
		}
		return dupMustPairs(t, x, 0.3)
	}
	order := make([]int, len(c.docs))
	for i := range order {
		order[i] = i
	}
	first := run(order, 1)
	if len(first) < 100 {
		t.Fatalf("only %d pairs", len(first))
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for _, w := range []int{1, 2, 5} {
		if got := run(order, w); !reflect.DeepEqual(got, first) {
			t.Fatalf("workers %d, shuffled: results differ", w)
		}
	}
	for i := 1; i < len(first); i++ {
		p, q := first[i-1], first[i]
		if p.Containment() < q.Containment() || p.Containment() == q.Containment() && p.Jaccard < q.Jaccard {
			t.Fatalf("not sorted by score at %d: %+v then %+v", i, p, q)
		}
	}
	// Signatures computed one by one equal those from SignAll.
	for i := 0; i < len(c.docs); i += 97 {
		if s := Sign(c.docs[i].Text); !reflect.DeepEqual(s, sigs[i]) {
			t.Fatalf("doc %d: Sign differs from SignAll", i)
		}
	}
}

func TestDupProgress(t *testing.T) {
	c := dgGenerate(600, 5)
	var calls, last, lastTotal int
	pairs, err := Find(t.Context(), c.docs, Options{}, 0, func(done, total int) {
		calls++
		if done < last || done > total {
			t.Errorf("progress went %d → %d of %d", last, done, total)
		}
		last, lastTotal = done, total
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 3 || last != lastTotal || lastTotal != 2*len(c.docs) {
		t.Errorf("progress: %d calls, ended %d/%d", calls, last, lastTotal)
	}
	if len(pairs) == 0 {
		t.Error("no pairs")
	}
}

// TestDupRecallGenerated checks candidate generation against the truth on a
// generated corpus with planted copies (see gen_test.go).
func TestDupRecallGenerated(t *testing.T) {
	c := dgGenerate(5000, 2)
	sigs := SignAll(c.docs, 0, nil)
	truth := dgTruth(c, sigs)
	x := NewIndex(Options{})
	for i, d := range c.docs {
		x.Add(d.ID, sigs[i])
	}
	pairs := dupMustPairs(t, x, DefaultThreshold)
	byID := map[string]int{}
	for i, d := range c.docs {
		byID[d.ID] = i
	}
	found := map[[2]string]bool{}
	for _, p := range pairs {
		found[dgKey(p.A, p.B)] = true
		if p.Containment() < DefaultThreshold {
			t.Errorf("reported below the threshold: %+v", p)
		}
		// Scores are exact: recompute them.
		a, b := sigs[byID[p.A]].Shingles, sigs[byID[p.B]].Shingles
		n := float64(dupIntersect(a, b))
		if p.AinB != n/float64(len(a)) || p.BinA != n/float64(len(b)) || p.Jaccard != n/float64(len(a)+len(b)-int(n)) {
			t.Errorf("scores of %+v are not exact", p)
		}
	}
	recall, per := dgRecall(c, truth, func(a, b string) bool { return found[dgKey(a, b)] })
	t.Logf("recall %.4f by kind %v, %d pairs", recall, per, len(pairs))
	if recall < 0.99 {
		t.Errorf("recall %.4f < 0.99 (%v)", recall, per)
	}
	for i, p := range c.planted {
		if p.kind == dgRetype {
			if q, _ := dupFind(pairs, c.docs[p.a].ID, c.docs[p.b].ID); q.Kind != Exact {
				t.Errorf("retyped copy %d not exact: %+v (truth %.3f)", i, q, truth[i])
			}
		}
	}
	for _, g := range c.stories {
		for i := range g {
			for j := i + 1; j < len(g); j++ {
				if found[dgKey(c.docs[g[i]].ID, c.docs[g[j]].ID)] {
					t.Errorf("same-event write-ups %d and %d reported", g[i], g[j])
				}
			}
		}
	}
}

// TestDupMatchesBruteForce compares Pairs with the exact overlap of every
// pair of documents (counted through an inverted index of all shingles, so
// pairs sharing nothing are skipped), at several thresholds. Besides the
// planted copies, the corpus has mixes: some paragraphs of an article with new
// ones, so that many pairs sit near each threshold.
func TestDupMatchesBruteForce(t *testing.T) {
	c := dgGenerate(2000, 9)
	g := newDGGenerator(10)
	for i := range 1000 {
		paras := strings.Split(c.docs[g.R.IntN(2000)].Text, "\n\n")
		var mix []string
		for _, p := range paras {
			if g.R.IntN(2) == 0 {
				mix = append(mix, p)
			}
		}
		for range g.R.IntN(len(paras)) {
			mix = append(mix, dgArticle{g.Paragraph()}.Render())
		}
		g.R.Shuffle(len(mix), func(i, j int) { mix[i], mix[j] = mix[j], mix[i] })
		c.docs = append(c.docs, Doc{ID: fmt.Sprintf("mix%04d", i), Text: strings.Join(mix, "\n\n")})
	}
	sigs := SignAll(c.docs, 0, nil)
	x := NewIndex(Options{})
	for i, d := range c.docs {
		x.Add(d.ID, sigs[i])
	}
	post := map[uint32][]int32{}
	for i, s := range sigs {
		for _, h := range s.Shingles {
			post[h] = append(post[h], int32(i))
		}
	}
	shared := make([]int, len(sigs))
	type pair struct {
		key [2]string
		c   float64
	}
	var all []pair
	for i, s := range sigs {
		clear(shared)
		for _, h := range s.Shingles {
			for _, j := range post[h] {
				if int(j) > i {
					shared[j]++
				}
			}
		}
		for j, n := range shared {
			if n > 0 {
				a, b := float64(len(s.Shingles)), float64(len(sigs[j].Shingles))
				all = append(all, pair{dgKey(c.docs[i].ID, c.docs[j].ID), max(float64(n)/a, float64(n)/b)})
			}
		}
	}
	for _, th := range []float64{0.8, DefaultThreshold, 0.3, 0.15} {
		want := map[[2]string]bool{}
		for _, p := range all {
			if p.c >= th {
				want[p.key] = true
			}
		}
		got := dupMustPairs(t, x, th)
		for _, p := range got {
			if !want[dgKey(p.A, p.B)] {
				t.Errorf("threshold %.2f: %+v not a true pair", th, p)
			}
		}
		if len(want) < 150 || float64(len(got)) < 0.99*float64(len(want)) {
			t.Errorf("threshold %.2f: found %d of %d true pairs", th, len(got), len(want))
		}
		t.Logf("threshold %.2f: found %d of %d true pairs (%d pairs share a shingle)", th, len(got), len(want), len(all))
	}
}

func FuzzDupSignature(f *testing.F) {
	f.Add(dupStory)
	f.Add("U.S.A. \u00ad4,000\r\n\r\n“x” — y\xff")
	f.Add("ＦＵＬＬ ﬁnal e\u0301")
	f.Fuzz(func(t *testing.T, s string) {
		sig := Sign(s)
		if !slices.IsSorted(sig.Shingles) || len(slices.Compact(slices.Clone(sig.Shingles))) != len(sig.Shingles) {
			t.Fatalf("shingles not sorted and unique: %v", sig.Shingles)
		}
		if (sig.Words == 0) != (sig.Exact == 0) || (sig.Words == 0) != (len(sig.Shingles) == 0) {
			t.Fatalf("words %d, exact %x, %d shingles", sig.Words, sig.Exact, len(sig.Shingles))
		}
		// The exact hash is that of the text's exact-duplicate form (which
		// wordtok's FuzzExactForm checks against a reference).
		var sc wordtok.Scanner
		sc.Reset(s, true)
		var tok wordtok.Token
		for sc.Next(&tok) {
		}
		if sig.Words > 0 && sig.Exact != wordtok.ExactHash(sc.Norm()) {
			t.Fatal("exact hash differs from the exact-duplicate form's")
		}
	})
}

func TestDupSignatureBinary(t *testing.T) {
	for _, text := range []string{dupStory, "", "one"} {
		s := Sign(text)
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var got Signature
		if err := got.UnmarshalBinary(b); err != nil || !reflect.DeepEqual(got, s) {
			t.Fatalf("%q: round trip gave %+v, %v", text, got, err)
		}
		if len(s.Shingles) > 10 && len(b) > 4*len(s.Shingles)+20 {
			t.Errorf("%d bytes for %d shingles", len(b), len(s.Shingles))
		}
		for cut := range len(b) {
			if err := new(Signature).UnmarshalBinary(b[:cut]); err == nil {
				t.Fatalf("%q: truncated to %d bytes decoded", text, cut)
			}
		}
	}
	s := Sign(dupStory)
	b, _ := s.MarshalBinary()
	first := b[len(b)-4*len(s.Shingles):] // swap the first and last shingles
	for i := range 4 {
		first[i], b[len(b)-4+i] = b[len(b)-4+i], first[i]
	}
	if err := new(Signature).UnmarshalBinary(b); err == nil {
		t.Error("shingles out of order decoded")
	}
}
