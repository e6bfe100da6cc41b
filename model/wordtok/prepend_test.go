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
