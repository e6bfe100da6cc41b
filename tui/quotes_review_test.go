package tui

import (
	"strings"
	"testing"
)

// In quotes mode an imported quotation not yet reviewed says where it came
// from, in the panel and in the status bar, until it is accepted.
func TestQuotesModeShowsImportSource(t *testing.T) {
	m, _ := startImported(t, 160, 40)
	moveTo(t, m, "Ça", 0)
	apress(t, m, "Q")
	v := plain(m)
	if strings.Count(v, "imported from "+importName) < 2 {
		t.Fatalf("quotes mode on an imported quotation does not name its source in panel and bar:\n%s", v)
	}
	apress(t, m, "enter")
	v = plain(m)
	if strings.Contains(v, "imported from "+importName+" (y accept)") {
		t.Fatalf("the source is still offered for review after accepting:\n%s", v)
	}
}
