package ner_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"storydesk/model"
	"storydesk/model/ner"
)

func TestTokenize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Colombia's military", "Colombia|'s|military"},
		{"Colombia’s military", "Colombia|’s|military"},
		{"O'Brien's car", "O'Brien|'s|car"},
		{"the Smiths' house", "the|Smiths|'|house"},
		{"the Democrats’ plan", "the|Democrats|’|plan"},
		{"U.S. and U.K. officials", "U.S.|and|U.K.|officials"},
		{"Sen. John Smith Jr. spoke", "Sen.|John|Smith|Jr.|spoke"},
		{"Frederick H. Collier", "Frederick|H.|Collier"},
		{"tools, e.g. hammers", "tools|,|e.g.|hammers"},
		{"a well-known Jean-Luc", "a|well-known|Jean-Luc"},
		{"COVID-19 and F-35s", "COVID-19|and|F-35s"},
		{"$1,250,000.50 or 3.5%", "$|1,250,000.50|or|3.5|%"},
		{"on 9/11 at 10:30", "on|9/11|at|10:30"},
		{"AT&T and S&P rose", "AT&T|and|S&P|rose"},
		{"see https://example.com/a?b=c.", "see|https://example.com/a?b=c|."},
		{"(www.example.org)", "(|www.example.org|)"},
		{"mail jane.doe@example.org now", "mail|jane.doe@example.org|now"},
		{"@POTUS and #Ukraine", "@POTUS|and|#Ukraine"},
		{"“Petro,” he said.", "“|Petro|,|”|he|said|."},
		{"Petro—who else?", "Petro|—|who|else|?"},
		{"wait... now -- go", "wait|...|now|--|go"},
		{"don't", "do|n't"},
		{"ok 👍🏽 👨‍👩‍👧 🇺🇸!", "ok|👍🏽|👨‍👩‍👧|🇺🇸|!"},
		{"東京都に行く", "東|京|都|に|行|く"},
		{"Cafe\u0301 Zoe\u0308", "Cafe\u0301|Zoe\u0308"},
		{"Amazon.com's shares", "Amazon.com|'s|shares"},
		{"Türk’s office", "Türk|’s|office"},
	}
	for _, c := range cases {
		toks := ner.Tokenize(c.in)
		var got []string
		for _, tk := range toks {
			got = append(got, tk.Text)
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("Tokenize(%q) = %s, want %s", c.in, g, c.want)
		}
		checkTokens(t, c.in, toks)
	}
}

// checkTokens asserts tokens are the text's own code points, in order,
// apart, and never empty.
func checkTokens(t *testing.T, text string, toks []ner.Token) {
	t.Helper()
	prev := 0
	for _, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > model.RuneLen(text) {
			t.Fatalf("%q: token %+v out of order or range", text, tk)
		}
		if got := model.RuneSlice(text, tk.Start, tk.End); got != tk.Text {
			t.Fatalf("%q: token %+v slices to %q", text, tk, got)
		}
		prev = tk.End
	}
}

func TestTokenizeOffsetsAreCodePoints(t *testing.T) {
	text := "Ünïcödé — 𝔘𝔫𝔦 “quoted” 🇬🇧 naïve\u0301 Zürich's \xff bad byte"
	toks := ner.Tokenize(text)
	checkTokens(t, text, toks)
	if !utf8.ValidString(toks[0].Text) {
		t.Errorf("first token %q is not valid UTF-8", toks[0].Text)
	}
}

func TestSentences(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Mr. Smith went to Washington. He met Sen. Jones at 3 p.m. The talks ended.",
			[]string{"Mr. Smith went to Washington.", "He met Sen. Jones at 3 p.m.", "The talks ended."}},
		{"He works for Acme Inc. in Ohio. U.S. officials agreed.",
			[]string{"He works for Acme Inc. in Ohio.", "U.S. officials agreed."}},
		{"“We will win.” She left. Why? Nobody knows!",
			[]string{"“We will win.”", "She left.", "Why?", "Nobody knows!"}},
		{"PETRO HALTS INTEL SHARING\nBy Jane Doe\n\nBOGOTÁ (AP) — The order came.",
			[]string{"PETRO HALTS INTEL SHARING", "By Jane Doe", "BOGOTÁ (AP) — The order came."}},
		{"a line that wraps\nin the middle of a sentence.", []string{"a line that wraps\nin the middle of a sentence."}},
		{"It said \"no\" and left... then came back.", []string{"It said \"no\" and left... then came back."}},
	}
	for _, c := range cases {
		var got []string
		for _, s := range ner.Sentences(c.in) {
			got = append(got, model.RuneSlice(c.in, s[0].Start, s[len(s)-1].End))
		}
		if strings.Join(got, "¦") != strings.Join(c.want, "¦") {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestSnap(t *testing.T) {
	cases := []struct {
		text, sel, want string // sel and want as substrings of text
		ok              bool
	}{
		{"Colombia's military", "Colombia's", "Colombia", true},
		{"Colombia’s military", "Colombia’s", "Colombia", true},
		{"Türk’s office said", "Türk’s", "Türk", true},
		{"the Smiths' house", "Smiths'", "Smiths", true},
		{`He said “Petro,” and left`, `“Petro,”`, "Petro", true},
		{"in the Caribbean.", "Caribbean.", "Caribbean", true},
		{"the (White House) said", "(White House)", "White House", true},
		{"Gustavo Petro's order", "stavo Pe", "Gustavo Petro", true},
		{"the U.S. Treasury", "U.S. Treasury", "U.S. Treasury", true},
		{"a pause — then", "—", "—", false},
	}
	for _, c := range cases {
		s := model.RuneLen(c.text[:strings.Index(c.text, c.sel)])
		e := s + model.RuneLen(c.sel)
		gs, ge, ok := ner.Snap(c.text, s, e)
		got := model.RuneSlice(c.text, gs, ge)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("Snap(%q, %q) = %q %v, want %q %v", c.text, c.sel, got, ok, c.want, c.ok)
		}
	}
	// An empty selection takes the word under it.
	text := "said Gustavo Petro's aide"
	at := model.RuneLen("said Gust")
	if s, e, ok := ner.Snap(text, at, at); !ok || model.RuneSlice(text, s, e) != "Gustavo" {
		t.Errorf("Snap at a point = %q %v, want Gustavo", model.RuneSlice(text, s, e), ok)
	}
	// Out-of-range selections are clamped, never a panic.
	if s, e, ok := ner.Snap("Petro", -5, 99); !ok || s != 0 || e != 5 {
		t.Errorf("clamped Snap = %d %d %v", s, e, ok)
	}
}
