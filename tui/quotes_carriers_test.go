package tui

import (
	"sort"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/textdiff"
	"storydesk/tui/quotes"
)

// carrierIDs lists the articles in the carriers view, sorted.
func carrierIDs(m *Model) []string {
	var ids []string
	list, _, _ := m.quotes.Carriers()
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	sort.Strings(ids)
	return ids
}

// carriersOpen reports the carriers screen on top.
func carriersOpen(m *Model) bool {
	_, _, open := m.quotes.Carriers()
	return open && m.mode() == "CARRIERS"
}

// The sample's wire story is carried by a truncated copy, a copy with a
// changed figure and another outlet's rewrite: the mayor's key quotation is
// in all three, word for word (the rewrite prints it with curly marks and
// a different attribution); the union's is in the full copies only.
func TestQuoteCarriersInTheSample(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	openQuotes(t, m, "wire-ferry-ap.txt")
	city := stepTo(t, m, qCity)
	apress(t, m, "C")
	items, _, open := m.quotes.Carriers()
	if !open || strings.Contains(m.bar.message, "searching") {
		t.Fatalf("no finished carriers view: %q", m.bar.message)
	}
	if got := strings.Join(carrierIDs(m), " "); got != "wire-ferry-changed.txt wire-ferry-rewrite.md wire-ferry-truncated.txt" {
		t.Fatalf("carriers of the key quotation: %s", got)
	}
	for _, c := range items {
		if !c.Match.Exact() || c.Match.Text != city.Text || c.Title == "" {
			t.Fatalf("carrier %s: %+v", c.ID, c)
		}
		for _, op := range c.Match.Diff {
			if op.Kind != textdiff.Equal {
				t.Fatalf("%s: differences reported in an identical copy: %+v", c.ID, c.Match.Diff)
			}
		}
	}
	p := plain(m)
	for _, want := range []string{"Who carried it", "3 other articles carry it: 3 with the same wording, 0 changed", "same wording", "“This city has lost its mothers"} {
		if !strings.Contains(p, want) {
			t.Fatalf("carriers view lacks %q:\n%s", want, p)
		}
	}
	if m.mode() != "CARRIERS" || !strings.Contains(m.bar.message, "3 other articles carry it") {
		t.Fatalf("mode %q, message %q", m.mode(), m.bar.message)
	}
	apress(t, m, "esc")
	if carriersOpen(m) || m.mode() != "QUOTES" || !m.annotating() {
		t.Fatal("esc should close the carriers view, back to the article")
	}

	// The partial quotation: the rewrite prints it with the full stop
	// inside the marks, which is not a word.
	stepTo(t, m, qRace)
	apress(t, m, "C")
	if got := strings.Join(carrierIDs(m), " "); got != "wire-ferry-changed.txt wire-ferry-rewrite.md wire-ferry-truncated.txt" {
		t.Fatalf("carriers of %q: %s", qRace, got)
	}
	apress(t, m, "esc")
	// The union's statement: the truncated copy was cut before it, the
	// rewrite quotes the union chairman in other words.
	stepTo(t, m, "We told them in writing")
	apress(t, m, "C")
	if got := strings.Join(carrierIDs(m), " "); got != "wire-ferry-changed.txt" {
		t.Fatalf("carriers of the union's statement: %s", got)
	}
	apress(t, m, "esc")

	// Jump to the rewrite's passage: it opens selected, and " tags it.
	stepTo(t, m, qCity)
	apress(t, m, "C")
	selected := func() quotes.Carrier { list, sel, _ := m.quotes.Carriers(); return list[sel] }
	for selected().ID != "wire-ferry-rewrite.md" {
		apress(t, m, "j")
	}
	want := selected().Match
	apress(t, m, "enter")
	if !m.annotating() || m.pane().ID() != "wire-ferry-rewrite.md" || carriersOpen(m) {
		t.Fatalf("enter did not open the rewrite (on %q): %q", m.pane().ID(), m.bar.message)
	}
	s, e, ok := m.pane().Selection()
	if cs, _ := m.pane().CursorRange(); !ok || s != want.Start || e != want.End || cs != want.Start {
		t.Fatalf("passage not selected under the cursor: %d–%d (%v), want %d–%d", s, e, ok, want.Start, want.End)
	}
	if !strings.Contains(m.bar.message, "is selected") {
		t.Fatalf("message %q", m.bar.message)
	}
	apress(t, m, `"`)
	if !prompting(m) || promptInput(m) != "Ilse Varga" || !strings.Contains(plain(m), "New direct quotation") {
		t.Fatalf("hand tag on the carried passage: %q\n%s", promptInput(m), plain(m))
	}
	apress(t, m, "enter")
	q := findQuote(t, path, "wire-ferry-rewrite.md", qCity)
	if q.Start != want.Start || q.End != want.End || q.Speaker != "Ilse Varga" || q.Kind != model.QuoteDirect {
		t.Fatalf("stored in the rewrite: %+v", q)
	}
	// And from there, the search finds the original among the carriers.
	apress(t, m, "C")
	if got := strings.Join(carrierIDs(m), " "); got != "wire-ferry-ap.txt wire-ferry-changed.txt wire-ferry-truncated.txt" {
		t.Fatalf("carriers from the rewrite: %s", got)
	}
}

// Who carried it, end to end, both ways: one outlet prints a statement
// whole, another quotes part of it with a word added. From the whole, the
// part is found (it was found only the other way before), and enter opens
// it with the passage selected; from there C finds the whole.
func TestQuoteCarriersBothWays(t *testing.T) {
	f := &fakeSource{label: "carry", batch: 2}
	whole := "Ministry spokeswoman Lena Hald read the order on Monday: “Every unit of the coast guard is ordered to suspend its exchanges with the foreign agencies. The measure holds while the strikes on fishing boats go on.”"
	part := "The coast guard will stop “its exchanges with the foreign security agencies,” Hald said."
	f.add("whole.txt", &model.Article{Title: "The order", Source: "Harbour Gazette", Text: whole, Raw: whole})
	f.add("part.txt", &model.Article{Title: "Coast guard stops", Source: "Valley Courier", Text: part, Raw: part})
	m, _ := startStore(t, f, tempDB(t), 120, 40)
	openQuotes(t, m, "whole.txt")
	stepTo(t, m, "Every unit")
	apress(t, m, "C")
	if got := strings.Join(carrierIDs(m), " "); got != "part.txt" || !strings.Contains(plain(m), "part, 1 word changed") {
		t.Fatalf("from the whole statement: %s\n%s", got, plain(m))
	}
	apress(t, m, "enter")
	if s, e, ok := m.pane().Selection(); m.pane().ID() != "part.txt" || !ok || string(m.pane().Runes()[s:e]) != "its exchanges with the foreign security agencies" {
		t.Fatalf("enter: on %s, %q", m.pane().ID(), m.bar.message)
	}
	apress(t, m, "C")
	if got := strings.Join(carrierIDs(m), " "); got != "whole.txt" || strings.Contains(plain(m), "part,") {
		t.Fatalf("from the part: %s\n%s", got, plain(m))
	}
}
