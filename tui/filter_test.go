package tui

import (
	"slices"
	"testing"
)

// fuzzyHas reports whether every rune of p occurs in s in order (the
// filter's fuzzy match, without its ranking).
func fuzzyHas(p, s string) bool {
	rs := []rune(p)
	for _, r := range s {
		if len(rs) == 0 {
			break
		}
		if rs[0] == r {
			rs = rs[1:]
		}
	}
	return len(rs) == 0
}

// filterTo types a filter, keeps it, and returns the ids listed.
func filterTo(t *testing.T, m *Model, q string) []string {
	t.Helper()
	press(t, m, "/")
	typeText(t, m, q)
	press(t, m, "enter")
	var ids []string
	for _, i := range m.br.Visible() {
		ids = append(ids, m.br.Item(int(i)).ID)
	}
	press(t, m, "esc") // clears it
	return ids
}

// The fact fields read the store: label: after a tag, has:labels,
// status:, their negations; the cache follows each write.
func TestFilterFactFieldsFollowTheStore(t *testing.T) {
	m, _ := startStore(t, sampleSource(t), tempDB(t), 120, 30)
	if got := filterTo(t, m, "label:PERSON"); len(got) != 0 {
		t.Fatalf("label:PERSON before any tag: %v", got)
	}
	annotateOn(t, m, "wire-ferry-ap.txt") // tags Ilse Varga PERSON
	press(t, m, "esc", "esc")
	if got := filterTo(t, m, "label:PERSON"); !slices.Equal(got, []string{"wire-ferry-ap.txt"}) {
		t.Fatalf("label:PERSON after a tag: %v", got)
	}
	if got := filterTo(t, m, "has:labels"); !slices.Equal(got, []string{"wire-ferry-ap.txt"}) {
		t.Fatalf("has:labels: %v", got)
	}
	all := len(m.br.Live())
	if got := filterTo(t, m, "-label:PERSON"); len(got) != all-1 || slices.Contains(got, "wire-ferry-ap.txt") {
		t.Fatalf("-label:PERSON: %v", got)
	}
	if got := filterTo(t, m, "label:ORG"); len(got) != 0 {
		t.Fatalf("label:ORG: %v", got)
	}
	if got := filterTo(t, m, "status:new"); len(got) != all-1 {
		t.Fatalf("status:new: %d of %d: %v", len(got), all, got)
	}
	if got := filterTo(t, m, "status:in-progress ferry"); !slices.Equal(got, []string{"wire-ferry-ap.txt"}) {
		t.Fatalf("status:in-progress ferry: %v", got)
	}
}
