package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
)

// thirteen labels: nine on the number keys, four only in the picker.
var thirteen = []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "DATE", "MONEY", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}

// More than nine labels are reachable: L opens the label picker over
// annotate mode, typing narrows it, enter tags the word with the label.
func TestLabelPickerTagsPastNine(t *testing.T) {
	st, err := store.OpenSQLite(tempDB(t), "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m := NewFromSource(sampleSource(t), Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", Labels: thirteen, saveDelay: time.Millisecond})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(t, m, m.Init())
	selectID(t, m, "wire-ferry-ap.txt")
	enterAnnotate(t, m)
	moveTo(t, m, "Veridia", 0)
	apress(t, m, "0")
	f := plain(m)
	if m.mode() != "LABEL" || !strings.Contains(f, "Label") || !strings.Contains(f, "WORK_OF_ART") || !strings.Contains(f, "1 PERSON") {
		t.Fatalf("the picker should list every label with its key:\n%s", f)
	}
	checkFrame(t, m, 120, 30)
	typeText(t, m, "law")
	press(t, m, "enter")
	sp, ok := m.pane().SpanAt(runeIndex(t, m.pane().Text(), "Veridia", 0))
	if !ok || sp.Label != "LAW" {
		t.Fatalf("Veridia not tagged LAW: %+v %v (%q)", sp, ok, m.bar.message)
	}
	if m.mode() == "LABEL" {
		t.Fatal("the picker should close after a pick")
	}
	// esc closes it without tagging; q is text there, not quit.
	moveTo(t, m, "Sorn", 0)
	apress(t, m, "0")
	if m.mode() != "LABEL" {
		t.Fatalf("0 opens the picker too; mode %q", m.mode())
	}
	if quits(m, "q") {
		t.Fatal("q quit from the picker")
	}
	press(t, m, "esc")
	if _, ok := m.pane().SpanAt(runeIndex(t, m.pane().Text(), "Sorn", 0)); ok || m.mode() == "LABEL" {
		t.Fatal("esc should close the picker without tagging")
	}
}

// The picker fits small terminals too.
func TestLabelPickerFitsSmallTerminals(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {40, 12}, {20, 6}} {
		st, err := store.OpenSQLite(tempDB(t), "tester")
		if err != nil {
			t.Fatal(err)
		}
		m := NewFromSource(sampleSource(t), Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", Labels: thirteen, saveDelay: time.Millisecond})
		send(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		drive(t, m, m.Init())
		enterAnnotate(t, m)
		apress(t, m, "p")
		if m.mode() != "LABEL" {
			t.Fatalf("%v: mode %q", sz, m.mode())
		}
		checkFrame(t, m, sz[0], sz[1])
		typeText(t, m, "mon")
		checkFrame(t, m, sz[0], sz[1])
		press(t, m, "enter")
		if m.mode() == "LABEL" {
			t.Fatalf("%v: enter did not pick", sz)
		}
		st.Close()
	}
}
