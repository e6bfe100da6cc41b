package tui

import (
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
)

// Blind by default: the reader shows the user's own layer; V shows
// alice's, read-only (a write key says so and writes nothing), V again
// comes back after the last layer, esc at once.
func TestViewOtherLayers(t *testing.T) {
	m, path := withAlicesLayer(t)
	if strings.Contains(plain(m), "alice") {
		t.Fatalf("alice's layer shown unasked:\n%s", plain(m))
	}
	press(t, m, "V")
	p := plain(m)
	if m.Top().Mode() != "LAYER" || !strings.Contains(p, "Viewing alice's layer (read-only)") || !strings.Contains(p, "1 span") {
		t.Fatalf("V:\n%s", p)
	}
	press(t, m, "d")
	if !strings.Contains(m.bar.message, "Not written: alice's layer is read-only") {
		t.Errorf("d while viewing: %q", m.bar.message)
	}
	if doc, _ := spansOf(t, path, "a.txt"); doc != nil && doc.Status == "done" {
		t.Error("d wrote while viewing another layer")
	}
	press(t, m, "V")
	if m.Top().Mode() == "LAYER" || !m.annotating() || !strings.Contains(m.bar.message, "Back to your own layer") {
		t.Errorf("V after the last layer: %q %q", m.Top().Mode(), m.bar.message)
	}
	press(t, m, "V", "esc")
	if m.Top().Mode() == "LAYER" || !m.annotating() {
		t.Errorf("esc did not come back to annotate mode: %q", m.Top().Mode())
	}
}

// The status bar describes annotate's span under the cursor, not while
// another annotator's layer covers the pane (V), and again after it.
func TestLayerViewHidesOwnCursorSpan(t *testing.T) {
	m, _ := withAlicesLayer(t)
	press(t, m, "1")
	sp, ok := m.pane().CursorSpan()
	if !ok {
		t.Fatalf("no span under the cursor after tagging: %q", m.bar.message)
	}
	bar := func() string {
		lines := strings.Split(plain(m), "\n")
		return lines[len(lines)-2]
	}
	want := "“" + sp.Text + "”"
	if !strings.Contains(bar(), want) {
		t.Fatalf("status bar without the span under the cursor %s:\n%s", want, bar())
	}
	press(t, m, "V")
	if m.Top().Mode() != "LAYER" {
		t.Fatalf("V: mode %q", m.Top().Mode())
	}
	if strings.Contains(bar(), want) {
		t.Errorf("alice's layer on screen, the bar still describes the own span under the cursor:\n%s", bar())
	}
	press(t, m, "esc")
	if !strings.Contains(bar(), want) {
		t.Errorf("back in annotate mode, the span under the cursor is not described:\n%s", bar())
	}
}

// withAlicesLayer is the reader in annotate mode on a store where alice
// tagged "Ilse Varga" in the first article.
func withAlicesLayer(t *testing.T) (*Model, string) {
	t.Helper()
	path := tempDB(t)
	src := entitySource()
	a := src.arts[0]
	alice, err := store.OpenSQLite(path, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := alice.Do(ctx(), storetest.Tag(a, storetest.SpanOf(t, a.Text, "Ilse Varga", "PERSON"))); err != nil {
		t.Fatal(err)
	}
	alice.Close()
	m, _ := startStore(t, src, path, 120, 30)
	enterAnnotate(t, m)
	return m, path
}
