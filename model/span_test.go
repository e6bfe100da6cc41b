package model

import (
	"strings"
	"testing"
)

func spanAt(text, word string, from int) Span {
	b := strings.Index(text[from:], word) + from
	s := RuneLen(text[:b])
	return Span{Start: s, End: s + RuneLen(word), Text: word, Label: "PERSON"}
}

func TestReanchorPicksNearestOccurrenceAndReportsLost(t *testing.T) {
	old := "Zoë Ng met Varga. Later Varga left. Okafor stayed."
	spans := []Span{spanAt(old, "Zoë Ng", 0), spanAt(old, "Varga", 20), spanAt(old, "Okafor", 0)}
	// The new text gained a paragraph at the top, and Okafor was cut.
	nw := "Breaking: a new lede about Varga.\n\nZoë Ng met Varga. Later Varga left."
	placed, lost := Reanchor(old, nw, spans)
	if len(lost) != 1 || lost[0].Text != "Okafor" {
		t.Fatalf("lost = %+v", lost)
	}
	if len(placed) != 2 {
		t.Fatalf("placed = %+v", placed)
	}
	for _, p := range placed {
		if RuneSlice(nw, p.Start, p.End) != p.Text {
			t.Fatalf("placed span %+v does not slice the new text", p)
		}
	}
	// The second Varga of the old text maps to the second Varga of the same
	// sentence, not to the one in the new lede.
	want := spanAt(nw, "Varga", strings.Index(nw, "Later"))
	if placed[1].Start != want.Start {
		t.Fatalf("Varga re-anchored at %d, want %d", placed[1].Start, want.Start)
	}
}

func TestReanchorNeverOverlapsPlacedSpans(t *testing.T) {
	text := "Varga and Varga."
	a, b := spanAt(text, "Varga", 0), spanAt(text, "Varga", 6)
	placed, lost := Reanchor(text, "Varga only.", []Span{a, b})
	if len(placed) != 1 || len(lost) != 1 {
		t.Fatalf("placed %v lost %v", placed, lost)
	}
}

func TestFindOverlapAndLabels(t *testing.T) {
	spans := []Span{{ID: 1, Start: 0, End: 5}, {ID: 2, Start: 10, End: 12}}
	if _, ok := FindOverlap(spans, 5, 10, 0); ok {
		t.Error("touching spans do not overlap")
	}
	if s, ok := FindOverlap(spans, 4, 6, 0); !ok || s.ID != 1 {
		t.Error("overlap not found")
	}
	if _, ok := FindOverlap(spans, 4, 6, 1); ok {
		t.Error("the excepted span itself counts as overlap")
	}
	got := NormalizeLabels([]string{" person", "ORG", "Person", "", "gpe"})
	if strings.Join(got, ",") != "PERSON,ORG,GPE" {
		t.Errorf("labels %v", got)
	}
	if HashText("a") == HashText("b") || len(HashText("")) != 64 {
		t.Error("hash")
	}
}
