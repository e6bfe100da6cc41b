package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"storydesk/model"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/ui"
)

func TestDoneTogglesAndProgress(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	if !strings.Contains(plain(m), "0/3 done") {
		t.Fatalf("no progress in the status bar:\n%s", plain(m))
	}
	press(t, m, "d") // from the list, on a never-annotated article
	doc, _ := spansOf(t, path, "a.txt")
	if doc == nil || doc.Status != model.StatusDone {
		t.Fatalf("d did not mark done: %+v", doc)
	}
	if p := plain(m); !strings.Contains(p, "1/3 done") || !strings.Contains(p, "●") {
		t.Fatalf("progress or badge not updated:\n%s", p)
	}
	press(t, m, "d")
	if doc, _ = spansOf(t, path, "a.txt"); doc.Status != model.StatusInProgress {
		t.Fatalf("second d: %q", doc.Status)
	}
	if p := plain(m); !strings.Contains(p, "0/3 done") || !strings.Contains(p, "◐") {
		t.Fatalf("progress or badge after un-done:\n%s", p)
	}
	// d works in annotate mode too, and u undoes it.
	enterAnnotate(t, m)
	apress(t, m, "d")
	if doc, _ = spansOf(t, path, "a.txt"); doc.Status != model.StatusDone {
		t.Fatalf("d in annotate mode: %q", doc.Status)
	}
	apress(t, m, "u")
	if doc, _ = spansOf(t, path, "a.txt"); doc.Status != model.StatusInProgress || !strings.Contains(m.bar.message, "Undid: mark done") {
		t.Fatalf("undo done: %q %q", doc.Status, m.bar.message)
	}
}

// changedSource is entitySource with a.txt edited on disk: a paragraph
// added at the top, and “Zoë Ng” gone.
func changedSource() *fakeSource {
	f := entitySource()
	f.arts[0].Text = "A new first paragraph, added by the editors.\n\n" + strings.Replace(storyA, "said Zoë Ng in", "said a visitor in", 1)
	return f
}

func TestChangedOnDiskAndReanchor(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	enterAnnotate(t, m)
	apress(t, m, "w", "shift+right", "1") // Ilse Varga
	moveTo(t, m, "Zoë", 0)
	apress(t, m, "shift+right", "1") // Zoë Ng: will be lost
	moveTo(t, m, "Gustavo", 0)
	apress(t, m, "shift+right", "1")
	quits(m, "q")

	m2, _ := startStore(t, changedSource(), path, 120, 40)
	if !m2.annotating() || !m2.pane().Changed() || m2.pane().Text() != storyA {
		t.Fatalf("annotate mode should show the stored snapshot, marked changed (changed %v)", m2.pane().Changed())
	}
	if p := plain(m2); !strings.Contains(p, "changed on disk") {
		t.Fatalf("no changed-on-disk mark:\n%s", p)
	}
	apress(t, m2, "esc")
	press(t, m2, "esc")
	if !strings.Contains(plain(m2), "Δ") {
		t.Fatalf("the list does not mark the changed article:\n%s", plain(m2))
	}
	press(t, m2, "R")
	if !isAsking(m2) || screenName(m2) != "question" || !strings.Contains(plain(m2), "PERSON “Zoë Ng”") {
		t.Fatalf("the lost span is not listed before re-anchoring:\n%s", plain(m2))
	}
	press(t, m2, "y")
	newText := changedSource().arts[0].Text
	doc, spans := spansOf(t, path, "a.txt")
	if doc.Text != newText || doc.Hash != model.HashText(newText) || len(spans) != 2 {
		t.Fatalf("after re-anchoring: text changed %v, spans %+v", doc.Text == newText, spans)
	}
	for _, sp := range spans {
		if model.RuneSlice(newText, sp.Start, sp.End) != sp.Text {
			t.Fatalf("span %+v does not point at its text", sp)
		}
	}
	if spans[0].Start != runeIndex(t, newText, "Ilse Varga", 0) {
		t.Fatalf("Ilse Varga placed at %d", spans[0].Start)
	}
	if !strings.Contains(m2.bar.message, "Re-anchored 2 spans") || !strings.Contains(m2.bar.message, "deleted 1") {
		t.Fatalf("message %q", m2.bar.message)
	}
	if m2.sess.Changed("a.txt") || strings.Contains(plain(m2), "changed on disk") {
		t.Fatal("still marked changed after re-anchoring")
	}
	// One undo restores the old snapshot and all three spans.
	press(t, m2, "u")
	doc, spans = spansOf(t, path, "a.txt")
	if doc.Text != storyA || len(spans) != 3 || !m2.sess.Changed("a.txt") {
		t.Fatalf("undo re-anchor: old text %v, spans %+v", doc.Text == storyA, spans)
	}
}

func TestRebind(t *testing.T) {
	k := ui.DefaultKeyMap()
	if err := k.Rebind(map[string][]string{"undo": {"U"}, "label1": {"!"}, "input.deleteword": {"ctrl+y"}, "Quit": {"Q"}}); err != nil {
		t.Fatal(err)
	}
	if got := k.Undo.Keys(); len(got) != 1 || got[0] != "U" || k.Undo.Help().Key != "U" || k.Undo.Help().Desc != "undo" {
		t.Fatalf("undo %v %+v", got, k.Undo.Help())
	}
	if k.Labels[0].Keys()[0] != "!" || k.Input.DeleteWord.Keys()[0] != "ctrl+y" || k.Quit.Keys()[0] != "Q" {
		t.Fatal("rebinding by name")
	}
	err := k.Rebind(map[string][]string{"teleport": {"t"}})
	if err == nil || !strings.Contains(err.Error(), `"teleport"`) || !strings.Contains(err.Error(), "wordnext") {
		t.Fatalf("unknown action: %v", err)
	}
	// The rebound key works in the program.
	path := tempDB(t)
	st := openStore(t, path)
	m := NewFromSource(entitySource(), Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", KeyMap: &k})
	send(t, m, teaSize(120, 40))
	drive(t, m, m.Init())
	enterAnnotate(t, m)
	apress(t, m, "!")
	if len(m.pane().Spans()) != 1 || m.pane().Spans()[0].Label != "PERSON" {
		t.Fatalf("rebound label key: %+v", m.pane().Spans())
	}
	if !strings.Contains(plain(m), "! PERSON") {
		t.Fatalf("legend does not show the rebound key:\n%s", plain(m))
	}
}

func TestLabelsFromOptions(t *testing.T) {
	path := tempDB(t)
	st := openStore(t, path)
	m := NewFromSource(entitySource(), Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", Labels: []string{"person", "Place"}})
	send(t, m, teaSize(120, 40))
	drive(t, m, m.Init())
	enterAnnotate(t, m)
	if !strings.Contains(plain(m), "1 PERSON 2 PLACE") {
		t.Fatalf("legend:\n%s", plain(m))
	}
	apress(t, m, "2")
	apress(t, m, "w", "3")
	if len(m.pane().Spans()) != 1 || m.pane().Spans()[0].Label != "PLACE" || !strings.Contains(m.bar.message, "No label 3") {
		t.Fatalf("labels: %+v %q", m.pane().Spans(), m.bar.message)
	}
}

// The real program loop runs store commands on their own goroutines: keys
// typed faster than the saves still reach the store in order.
func TestAnnotateProgramSavesInKeyOrder(t *testing.T) {
	path := tempDB(t)
	st := openStore(t, path)
	m := NewFromSource(entitySource(), Options{NoColor: true, Store: st, Annotator: "tester"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	waitFor(t, tm, "Read 3 articles")
	tm.Send(keytest.Key("enter"))
	waitFor(t, tm, "# Story A")
	tm.Send(keytest.Key("enter"))
	waitFor(t, tm, "ANNOTATE")
	// Tag “Ilse Varga”, relabel it, and tag “Port Ellis”, without waiting.
	for _, k := range []string{"w", "shift+right", "1", "2", "w", "w", "shift+right", "3"} {
		tm.Send(keytest.Key(k))
	}
	waitFor(t, tm, "Tagged “Port Ellis” GPE")
	tm.Type("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if fm.sess.Pending() {
		t.Fatal("quit with writes pending")
	}
	_, spans := spansOf(t, path, "a.txt")
	if len(spans) != 2 || spans[0].Text != "Ilse Varga" || spans[0].Label != "ORG" || spans[1].Text != "Port Ellis" || spans[1].Label != "GPE" {
		t.Fatalf("spans %+v", spans)
	}
}
