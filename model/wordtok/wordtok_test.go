package wordtok

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestTokens(t *testing.T) {
	keys := func(s string) []uint64 {
		var sc Scanner
		sc.Reset(s, false)
		var out []uint64
		var tok Token
		for sc.Next(&tok) {
			out = append(out, tok.Hash)
		}
		return out
	}
	same := [][2]string{
		{"The U.S. said", "the US said"},
		{"U.S.A. today", "USA today"},
		{"4,000 tonnes", "4000 tonnes"},
		{"don't stop", "don’t stop"},
		{"Dont STOP", "don't stop"},
		{"3m", "3M"},
		{"Petro’s plan", "PETRO'S PLAN"},
		{"soft\u00adhyphen", "softhyphen"},
		{"zero\u200bwidth", "zerowidth"},
		{"ＦＵＬＬ width", "full width"},
		{"ﬁnal", "final"},
		{"well-known — fact", "well known fact"},
		{"“quoted” words", "\"quoted\" words"},
	}
	for _, c := range same {
		if a, b := keys(c[0]), keys(c[1]); !slices.Equal(a, b) || len(a) == 0 {
			t.Errorf("%q and %q should tokenise the same: %d vs %d tokens", c[0], c[1], len(a), len(b))
		}
	}
	differ := [][2]string{
		{"3.5 percent", "35 percent"},
		{"4,000 tonnes", "5,000 tonnes"},
		{"plan B. A vote", "plan BA vote"},
		{"it is", "its"},
	}
	for _, c := range differ {
		if slices.Equal(keys(c[0]), keys(c[1])) {
			t.Errorf("%q and %q should tokenise differently", c[0], c[1])
		}
	}
	if n := len(keys("Rates rose 0.25 points in the U.K. and E.U. on Friday.")); n != 11 {
		t.Errorf("got %d tokens, want 11", n)
	}
}

// refNorm is a plain restatement of the exact-duplicate normal form, to
// check the scanner's one-pass version against.
func refNorm(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u2028' || r == '\u2029':
			space = true
			continue
		case unicode.Is(unicode.Cf, r):
			continue
		case r == '`':
			r = '\''
		default:
			r = foldPunct(unicode.ToLower(r))
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func TestExactFormMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"Word", "word", " ", "  ", "\n", "\r\n", "\t", "U.S.", "4,000", "3.5", "don’t", "it's",
		"“", "”", "‘", "—", "–", "-", ".", ",", "é", "Ё", "ﬁ", "\u00ad", "\u200b", "\u00a0", "`", "x", "9", "!", "’"}
	for i := range 3000 {
		var b strings.Builder
		for range r.IntN(20) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		var sc Scanner
		sc.Reset(s, true)
		var tok Token
		for sc.Next(&tok) {
		}
		// Trailing whitespace and format characters after the last
		// word are still read by the gap loop on the final call.
		if got, want := string(sc.norm), refNorm(s); got != want {
			t.Fatalf("case %d %q: norm %q, want %q", i, s, got, want)
		}
	}
}

// FuzzExactForm checks the scanner's one-pass exact-duplicate form against
// the reference (dup's FuzzDupSignature checks the signature hashes it).
func FuzzExactForm(f *testing.F) {
	f.Add("The U.S. said 4,000 “don’t”\n\n— it's final.")
	f.Add("U.S.A. \u00ad4,000\r\n\r\n“x” — y\xff")
	f.Add("ＦＵＬＬ ﬁnal e\u0301")
	f.Fuzz(func(t *testing.T, s string) {
		var sc Scanner
		sc.Reset(s, true)
		var tok Token
		for sc.Next(&tok) {
		}
		if got, want := string(sc.Norm()), refNorm(s); got != want {
			t.Fatalf("norm %q, want %q", got, want)
		}
	})
}
