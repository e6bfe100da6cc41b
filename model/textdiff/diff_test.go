package textdiff_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/model/textdiff"
	"storydesk/model/wordtok"
)

// A fictional wire story, written for these tests (dup's tests pair it).
const story = `The harbour bridge in Port Aldwin reopened to traffic on Tuesday after an 18-month refit that cost 42.5 million euros, the regional transport authority said.

Engineers replaced 1,200 tonnes of corroded steel and laid a new deck surface designed to last 40 years, according to a statement from the authority.

“We have given the city back its front door,” said Marta Ilves, the authority’s chief engineer, as the first buses crossed shortly after 6 a.m. “It was a long wait, and we thank residents for their patience.”

The closure had forced about 31,000 daily commuters onto ferries and a 14-kilometre detour through the industrial district, adding up to 45 minutes to journeys at peak times.

Shopkeepers on the waterfront said trade fell by as much as a third during the works. The city council set aside 2.3 million euros in compensation, of which 1.9 million has been paid so far.

Tolls will not be charged until January, the authority said, and cyclists will get a separate lane protected by a steel barrier for the first time.`

// checkTiling checks the Op invariants: equal and delete ranges tile a,
// equal and insert ranges tile b, changes start and end on words, and equal
// ops match word for word.
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
		// A word may start with a sign prefixed to it (U+0600 before digits)
		// and end with a joiner or modifier its last character carries
		// ("0\u200d" is one grapheme).
		attached := func(r rune) bool { return unicode.Is(unicode.Cf, r) || 0x1F3FB <= r && r <= 0x1F3FF }
		if r := []rune(strings.TrimRightFunc(strings.TrimLeftFunc(changed, attached), attached)); len(changed) > 0 && (len(r) == 0 || !model.IsWordRune(r[0]) || !model.IsWordRune(r[len(r)-1])) {
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

func TestWordDiff(t *testing.T) {
	if ops := textdiff.Words("", ""); len(ops) != 0 {
		t.Errorf("empty: %+v", ops)
	}
	if ops := textdiff.Words(story, story); len(ops) != 1 || ops[0].Kind != textdiff.Equal {
		t.Errorf("identical: %+v", ops)
	}
	ops := textdiff.Words("The bridge reopened.", "The BRIDGE re-opened today.")
	want := []textdiff.Op{{textdiff.Equal, 0, 11, 0, 11}, {textdiff.Delete, 11, 19, 11, 11}, {textdiff.Insert, 19, 19, 11, 26}, {textdiff.Equal, 19, 20, 26, 27}}
	if !reflect.DeepEqual(ops, want) {
		t.Errorf("got %+v, want %+v", ops, want)
	}
	ops = textdiff.Words("", "new words")
	if len(ops) != 1 || ops[0] != (textdiff.Op{textdiff.Insert, 0, 0, 0, 9}) {
		t.Errorf("from empty: %+v", ops)
	}
	ops = textdiff.Words("old words", "  ")
	if want := []textdiff.Op{{textdiff.Equal, 0, 0, 0, 2}, {textdiff.Delete, 0, 9, 2, 2}}; !reflect.DeepEqual(ops, want) {
		t.Errorf("to blank: %+v", ops)
	}
	// Random edits of generated text keep every invariant, and the script
	// is a shortest one: as many changed words as an LCS says (see below).
	g := gencorpus.NewZipf(4)
	for i := range 80 {
		a := g.Article(1 + g.R.IntN(2))
		b := a.Clone()
		for _, p := range b {
			for j := range p {
				if g.R.IntN(6) == 0 {
					p[j].S = g.Word()
				}
			}
		}
		if i%3 == 0 {
			b = append(b, g.Paragraph())
		}
		if i%4 == 0 && len(b) > 1 {
			b = b[1:]
		}
		x, y := a.Render(), b.Render()
		ops := textdiff.Words(x, y)
		checkTiling(t, ops, x, y)
		tx, _ := wordtok.Tokens(x)
		ty, _ := wordtok.Tokens(y)
		kx, ky := wordtok.Keys(tx), wordtok.Keys(ty)
		changed := 0
		for _, op := range ops {
			switch op.Kind {
			case textdiff.Delete:
				ta, _ := wordtok.Tokens(model.RuneSlice(x, op.A0, op.A1))
				changed += len(ta)
			case textdiff.Insert:
				tb, _ := wordtok.Tokens(model.RuneSlice(y, op.B0, op.B1))
				changed += len(tb)
			}
		}
		// With whole paragraphs added and removed, a word or two that a
		// shortest script threads through them is folded into the change
		// (see cleanup): a little longer, never shorter.
		want := len(kx) + len(ky) - 2*lcs(kx, ky)
		slack := 0
		if i%3 == 0 && i%4 == 0 {
			slack = want / 10
		}
		if changed < want || changed > want+slack {
			t.Fatalf("case %d: %d words changed, shortest script has %d", i, changed, want)
		}
	}
}

func lcs(a, b []uint64) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// TestWordDiffChangedFigures: changed figures come out as one delete and
// one insert each, "31,000" whole.
func TestWordDiffChangedFigures(t *testing.T) {
	changed := strings.NewReplacer("31,000", "13,000", "42.5 million", "44.5 million").Replace(story)
	ops := textdiff.Words(story, changed)
	var dels, ins []string
	for _, op := range ops {
		switch op.Kind {
		case textdiff.Delete:
			dels = append(dels, model.RuneSlice(story, op.A0, op.A1))
		case textdiff.Insert:
			ins = append(ins, model.RuneSlice(changed, op.B0, op.B1))
		}
	}
	if want := []string{"42.5", "31,000"}; !reflect.DeepEqual(dels, want) {
		t.Errorf("deleted %q, want %q", dels, want)
	}
	if want := []string{"44.5", "13,000"}; !reflect.DeepEqual(ins, want) {
		t.Errorf("inserted %q, want %q", ins, want)
	}
	checkTiling(t, ops, story, changed)
}

func TestWordDiffPathological(t *testing.T) {
	g := gencorpus.NewZipf(8)
	// Two long unrelated texts: far more than diffMaxD word edits, so the
	// diff falls back to paragraphs (all different here).
	const end = "\n\nshared ending"
	a := g.Article(60).Render() + end
	b := g.Article(60).Render() + end
	ops := textdiff.Words(a, b)
	checkTiling(t, ops, a, b)
	if last := ops[len(ops)-1]; last.Kind != textdiff.Equal || !strings.HasSuffix(model.RuneSlice(b, last.B0, last.B1), end) {
		t.Errorf("common suffix lost: %+v", last)
	}
	// Too many paragraphs for the paragraph pass too: the middle is
	// replaced whole.
	a = "same start\n\n" + g.Article(2000).Render()
	b = "same start\n\n" + g.Article(2000).Render()
	ops = textdiff.Words(a, b)
	checkTiling(t, ops, a, b)
	if len(ops) != 4 || ops[1].Kind != textdiff.Delete || ops[2].Kind != textdiff.Insert ||
		model.RuneSlice(a, ops[0].A0, ops[0].A1) != "same start\n\n" || model.RuneSlice(a, ops[3].A0, ops[3].A1) != "." {
		t.Errorf("huge texts: %+v, want the middle replaced whole", ops)
	}
	// Shared paragraphs between the changes are kept by the paragraph pass.
	pa, pb := g.Article(40), g.Article(40)
	common := g.Paragraph()
	x := append(append(pa[:20:20], common), pa[20:]...).Render()
	y := append(append(pb[:20:20], common), pb[20:]...).Render()
	ops = textdiff.Words(x, y)
	checkTiling(t, ops, x, y)
	kept := false
	for _, op := range ops {
		if op.Kind == textdiff.Equal && strings.Contains(model.RuneSlice(x, op.A0, op.A1), gencorpus.Story{common}.Render()) {
			kept = true
		}
	}
	if !kept {
		t.Error("paragraph fallback lost the shared paragraph")
	}
}

func FuzzWordDiff(f *testing.F) {
	f.Add("The bridge reopened.", "The BRIDGE re-opened today.")
	f.Add(story, strings.Replace(story, "31,000", "13,000", 1))
	f.Add("U.S. 4,000 don’t", "US 4000 dont")
	f.Add("a\u00adb\u200bc \xff\xfe", "é ﬁ \u2028 x")
	f.Add("", "")
	f.Add("e\u0301lan 👩\u200d👩\u200d👧 a \u0301b", "élan 👩 a b\u0301")
	f.Fuzz(func(t *testing.T, a, b string) {
		ops := textdiff.Words(a, b)
		checkTiling(t, ops, a, b)
		checkOpGraphemes(t, ops, a, b)
	})
}

// BenchmarkWordDiff diffs an article with its changed-figures copy.
func BenchmarkWordDiff(b *testing.B) {
	g := gencorpus.NewZipf(6)
	a := g.Article(8)
	x := a.Render()
	c, nums := a.Clone(), 0
	for _, p := range c {
		for j := range p {
			switch {
			case p[j].Num && nums < 3:
				p[j].S = g.Number()
				nums++
			case g.R.IntN(50) == 0:
				p[j].S = g.Word()
			}
		}
	}
	y := c.Render()
	b.SetBytes(int64(len(x) + len(y)))
	for range b.N {
		textdiff.Words(x, y)
	}
}

// TestWordDiffKnownEdits: on copies of a story with known edits (a
// paragraph inserted, deleted or moved, a word replaced, the tail cut, and
// all of them at once, as a wire copy is cut and touched up), the diff
// marks exactly the edited words, nothing more and nothing less.
func TestWordDiffKnownEdits(t *testing.T) {
	paras := strings.Split(story, "\n\n")
	extra := "Officials said a second bridge across the estuary would be studied next year, with a report due before the summer."
	join := func(ps ...string) string { return strings.Join(ps, "\n\n") }
	// words is the code point range from the first to the last word of p,
	// which starts at code point off of its text.
	words := func(text, p string) (int, int) {
		i := strings.Index(text, p)
		if i < 0 {
			t.Fatalf("%q not in text", p)
		}
		r := []rune(p)
		lo, hi := 0, len(r)
		for lo < hi && !model.IsWordRune(r[lo]) {
			lo++
		}
		for hi > lo && !model.IsWordRune(r[hi-1]) {
			hi--
		}
		off := model.RuneLen(text[:i])
		return off + lo, off + hi
	}
	at := func(text, word string) (int, int) {
		i := strings.Index(text, word)
		if i < 0 {
			t.Fatalf("%q not in text", word)
		}
		off := model.RuneLen(text[:i])
		return off, off + model.RuneLen(word)
	}
	type change struct {
		kind   textdiff.Kind
		a0, a1 int
		b0, b1 int
	}
	replaced := strings.Replace(paras[0], "Tuesday", "Wednesday", 1)
	for _, tc := range []struct {
		name string
		a, b string
		want func(a, b string) []change
	}{
		{"insert", join(paras...), join(append(append(append([]string{}, paras[:3]...), extra), paras[3:]...)...), func(a, b string) []change {
			b0, b1 := words(b, extra)
			a0, _ := words(a, paras[3])
			return []change{{textdiff.Insert, a0, a0, b0, b1}}
		}},
		{"delete", join(paras...), join(append(append([]string{}, paras[:2]...), paras[3:]...)...), func(a, b string) []change {
			a0, a1 := words(a, paras[2])
			b0, _ := words(b, paras[3])
			return []change{{textdiff.Delete, a0, a1, b0, b0}}
		}},
		{"replace", join(paras...), join(append([]string{replaced}, paras[1:]...)...), func(a, b string) []change {
			a0, a1 := at(a, "Tuesday")
			b0, b1 := at(b, "Wednesday")
			return []change{{textdiff.Delete, a0, a1, b0, b0}, {textdiff.Insert, a1, a1, b0, b1}}
		}},
		{"move", join(paras...), join(paras[0], paras[1], paras[3], paras[4], paras[2], paras[5]), func(a, b string) []change {
			a0, a1 := words(a, paras[2])
			b0, b1 := words(b, paras[2])
			p3, _ := words(b, paras[3])
			p5, _ := words(a, paras[5])
			return []change{{textdiff.Delete, a0, a1, p3, p3}, {textdiff.Insert, p5, p5, b0, b1}}
		}},
		{"cut tail", join(paras...), join(paras[:3]...), func(a, b string) []change {
			a0, _ := words(a, paras[3])
			_, a1 := words(a, paras[5])
			return []change{{textdiff.Delete, a0, a1, model.RuneLen(b), model.RuneLen(b)}}
		}},
		{"wire copy", join(paras...), join(replaced, paras[1], extra, paras[2]), func(a, b string) []change {
			ad0, ad1 := at(a, "Tuesday")
			bd0, bd1 := at(b, "Wednesday")
			e0, e1 := words(b, extra)
			p2, _ := words(a, paras[2])
			t0, _ := words(a, paras[3])
			_, t1 := words(a, paras[5])
			return []change{{textdiff.Delete, ad0, ad1, bd0, bd0}, {textdiff.Insert, ad1, ad1, bd0, bd1},
				{textdiff.Insert, p2, p2, e0, e1}, {textdiff.Delete, t0, t1, model.RuneLen(b), model.RuneLen(b)}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ops := textdiff.Words(tc.a, tc.b)
			checkTiling(t, ops, tc.a, tc.b)
			var got []change
			for _, op := range ops {
				if op.Kind != textdiff.Equal {
					got = append(got, change{op.Kind, op.A0, op.A1, op.B0, op.B1})
				}
			}
			if want := tc.want(tc.a, tc.b); !reflect.DeepEqual(got, want) {
				for _, c := range got {
					t.Logf("got %v a %q b %q", c.kind, model.RuneSlice(tc.a, c.a0, c.a1), model.RuneSlice(tc.b, c.b0, c.b1))
				}
				t.Errorf("changes\n got %+v\nwant %+v", got, want)
			}
		})
	}
}
