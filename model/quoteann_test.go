package model_test

import (
	"testing"

	"storydesk/model"
)

// A quotation's speaker mention moves with it when the text moves, and is
// dropped when the words it covered changed.
func TestReanchorQuotesMovesTheMention(t *testing.T) {
	old := "Intro.\n\n“We will rebuild,” said Ilse Varga on Monday."
	moved := "A new first line.\n\nIntro.\n\n“We will rebuild,” said Ilse Varga on Monday."
	renamed := "Intro.\n\n“We will rebuild,” said Ilse Varga-Holm on Monday."
	at := func(text, s string) int {
		for i := range []rune(text) {
			if model.RuneSlice(text, i, i+model.RuneLen(s)) == s {
				return i
			}
		}
		t.Fatalf("%q not in %q", s, text)
		return -1
	}
	qs, ms := at(old, "We will rebuild"), at(old, "Ilse Varga")
	q := model.QuoteAnn{ID: 1, Start: qs, End: qs + 15, Text: "We will rebuild", MentionStart: ms, MentionEnd: ms + 10}

	placed, lost := model.ReanchorQuotes(old, moved, []model.QuoteAnn{q}, nil)
	if len(placed) != 1 || len(lost) != 0 {
		t.Fatalf("placed %+v lost %+v", placed, lost)
	}
	p := placed[0]
	if !p.HasMention() || model.RuneSlice(moved, p.MentionStart, p.MentionEnd) != "Ilse Varga" || p.MentionStart != at(moved, "Ilse Varga") {
		t.Fatalf("mention moved to %d–%d", p.MentionStart, p.MentionEnd)
	}

	// The name grew ("Ilse Varga-Holm"): the quotation stays put, but the
	// words after the name moved, so a mention recorded there no longer
	// reads the same and is dropped rather than pointing at other words.
	q2 := q
	q2.MentionStart, q2.MentionEnd = at(old, "on Monday"), at(old, "on Monday")+9
	placed, _ = model.ReanchorQuotes(old, renamed, []model.QuoteAnn{q2}, nil)
	if len(placed) != 1 || placed[0].HasMention() {
		t.Fatalf("a mention over changed words kept: %+v", placed)
	}
}
