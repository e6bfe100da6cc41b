package wordtok

import "testing"

// TestPrependedSignStartsWord: U+0600 ARABIC NUMBER SIGN is one grapheme
// with the digit after it (found by FuzzWordDiff: a diff cut between them).
func TestPrependedSignStartsWord(t *testing.T) {
	toks, _ := Tokens("x \u0600\u06010 y \u0600 z")
	if len(toks) != 4 {
		t.Fatalf("%d tokens, want 4", len(toks))
	}
	if toks[1].RuneStart != 2 || toks[1].RuneEnd != 5 {
		t.Errorf("the number starts at its signs: %+v", toks[1])
	}
	if toks[3].RuneStart != 10 {
		t.Errorf("a sign a space away stays out of the word: %+v", toks[3])
	}
	bare, _ := Tokens("0")
	if toks[1].Hash != bare[0].Hash {
		t.Error("the signs change the word's key")
	}
}

// TestAttachedCharactersEndWord: a joiner, a skin tone or a tag character
// after a word's last character is one grapheme with it, so the word ends
// after it (found by FuzzWordDiff: "0\u200d" cut in two), and its key is
// the bare word's.
func TestAttachedCharactersEndWord(t *testing.T) {
	for _, s := range []string{"x 0\u200d y", "x 0\u200c y", "x 0\U0001F3FD y", "x 0\U000E0067\U000E007F y"} {
		toks, _ := Tokens(s)
		want := len([]rune(s)) - 2
		if len(toks) != 3 || toks[1].RuneStart != 2 || toks[1].RuneEnd != want {
			t.Errorf("%q: %+v, want the middle word at 2–%d", s, toks, want)
			continue
		}
		bare, _ := Tokens("0")
		if toks[1].Hash != bare[0].Hash {
			t.Errorf("%q: the joiner changes the word's key", s)
		}
	}
}
