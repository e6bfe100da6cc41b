package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
)

// startCurator builds a curator's reader (--curate: the session writes
// gold) on the store at path, after alice and bob have annotated a.txt.
func startCurator(t *testing.T) (*Model, *store.SQLite, *fakeSource) {
	t.Helper()
	path := tempDB(t)
	src := entitySource()
	a := src.arts[0]
	for _, step := range []struct{ who, word, label string }{
		{"alice", "Ilse Varga", "PERSON"}, {"bob", "Ilse Varga", "PERSON"},
		{"alice", "Port Ellis", "GPE"}, {"bob", "Port Ellis", "ORG"},
		{"bob", "Tomas Berg", "PERSON"},
	} {
		st, err := store.OpenSQLite(path, step.who)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Do(ctx(), storetest.Tag(a, storetest.SpanOf(t, a.Text, step.word, step.label))); err != nil {
			t.Fatal(err)
		}
		st.Close()
	}
	gold, err := store.OpenSQLite(path, "gold")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gold.Close() })
	m := NewFromSource(src, Options{NoColor: true, Workers: 1, Store: gold, Annotator: "gold", Curate: true, saveDelay: time.Millisecond})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	drive(t, m, m.Init())
	return m, gold, src
}

// The curator's reader: enter on the article opens the adjudication
// screen, the agreed span is in gold at once, a and b decide, u undoes a
// decision, e edits gold in annotate mode and esc comes back.
func TestCuratorAdjudicates(t *testing.T) {
	m, gold, _ := startCurator(t)
	press(t, m, "enter")
	if !strings.Contains(plain(m), "enter adjudicate") {
		t.Errorf("the article pane's help does not offer adjudication:\n%s", plain(m))
	}
	press(t, m, "enter")
	if m.Top().Mode() != "ADJUDICATE" {
		t.Fatalf("enter on the article opened %q:\n%s", m.Top().Mode(), plain(m))
	}
	p := plain(m)
	for _, want := range []string{"layers: alice, bob", "2 of 2 places undecided", "1 agreed in gold", "Gold: accepted 1 span every annotator agrees on"} {
		if !strings.Contains(p, want) {
			t.Errorf("frame lacks %q:\n%s", want, p)
		}
	}
	press(t, m, "b") // Port Ellis: bob's ORG
	press(t, m, "a") // Tomas Berg: alice's (nothing)
	doc, _, _ := gold.Doc(ctx(), "a.txt")
	var got []string
	for _, sp := range doc.Spans {
		got = append(got, sp.Label+" "+sp.Text)
	}
	if strings.Join(got, "|") != "PERSON Ilse Varga|ORG Port Ellis" {
		t.Fatalf("gold: %q", got)
	}
	if !strings.Contains(plain(m), "all 2 places decided") {
		t.Errorf("not all decided:\n%s", plain(m))
	}
	press(t, m, "u")
	if !strings.Contains(plain(m), "1 of 2 places undecided") || !strings.Contains(m.bar.message, "Undid: adjudicate: take A's") {
		t.Errorf("undo: %q\n%s", m.bar.message, plain(m))
	}
	// Edit gold by hand: annotate mode over the screen, on gold's spans.
	press(t, m, "e")
	if !m.annotating() {
		t.Fatalf("e did not open annotate mode: %q", m.bar.message)
	}
	if c := cursorText(m); c != "Tomas" {
		t.Errorf("the cursor is on %q, want the place (Tomas)", c)
	}
	apress(t, m, "shift+right", "1") // Tomas Berg PERSON, typed in gold
	press(t, m, "esc")
	if m.Top().Mode() != "ADJUDICATE" {
		t.Fatalf("esc from annotate mode went to %q", m.Top().Mode())
	}
	if p := plain(m); !strings.Contains(p, "all 2 places decided") || !strings.Contains(p, "decided: B's") {
		t.Errorf("after the edit:\n%s", p)
	}
	// d marks the article done in gold, from the screen.
	press(t, m, "d")
	if doc, _, _ := gold.Doc(ctx(), "a.txt"); doc.Status != "done" {
		t.Errorf("d on the adjudication screen: gold's status %q", doc.Status)
	}
	press(t, m, "esc")
	if m.Top().Mode() == "ADJUDICATE" {
		t.Fatal("esc did not close the screen")
	}
}

// Without --curate, enter annotates as ever.
func TestEnterAnnotatesWithoutCurate(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	press(t, m, "enter", "enter")
	if !m.annotating() {
		t.Fatalf("enter did not annotate: %q", screenName(m))
	}
}
