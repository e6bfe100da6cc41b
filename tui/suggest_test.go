package tui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/ner"
)

// Entity suggestions end to end through the root: the model loads at
// start, annotate mode shows the article's suggestions, y accepts one
// into the store, x rejects one, undo takes the rejection back, and a
// reader opened again on the store does not offer what stays rejected.

const suggestStory = "Colombian President Gustavo Petro met US Treasury Secretary Scott Bessent in Bogotá on Monday, " +
	"the Associated Press reported. Petro said Colombia's army would keep working with the United States.\n\n" +
	"Bessent later flew to Caracas, where Nicolas Maduro received him. The White House declined to comment."

func suggestSource() *fakeSource {
	f := &fakeSource{label: "suggest", batch: 2}
	f.add("petro.txt", &model.Article{Title: "Petro meets Bessent", Text: suggestStory, Raw: suggestStory, Words: len(strings.Fields(suggestStory))})
	f.add("b.txt", &model.Article{Title: "Story B", Text: storyB, Raw: storyB, Words: len(strings.Fields(storyB))})
	return f
}

func startSuggest(tb testing.TB, path string) (*Model, *store.SQLite) {
	tb.Helper()
	if _, err := ner.Load(); err != nil {
		tb.Fatal(err)
	}
	st := openStore(tb, path)
	m := NewFromSource(suggestSource(), Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond, Suggest: true})
	send(tb, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(tb, m, m.Init())
	return m, st
}

func TestSuggestionsEndToEnd(t *testing.T) {
	path := tempDB(t)
	m, st := startSuggest(t, path)
	press(t, m, "enter", "enter")
	if !m.annotating() {
		t.Fatalf("not annotating:\n%s", plain(m))
	}
	frame := plain(m)
	if !strings.Contains(frame, "suggested") {
		t.Fatalf("no suggestions counted in the status bar:\n%s", frame)
	}
	n := len(suggestions(m))
	if n < 8 {
		t.Fatalf("%d suggestions", n)
	}
	// The cursor starts on "Colombian" (a suggestion): y accepts it and
	// moves to the next, y again accepts Gustavo Petro.
	press(t, m, "y", "y")
	doc, ok, err := st.Doc(context.Background(), "petro.txt")
	if err != nil || !ok || len(doc.Spans) != 2 || doc.Spans[1].Text != "Gustavo Petro" {
		t.Fatalf("after y y: %+v %v", doc, err)
	}
	// On US now: reject it.
	press(t, m, "x")
	doc, _, _ = st.Doc(context.Background(), "petro.txt")
	if len(doc.Rejected) != 1 || doc.Rejected[0].Text != "US" {
		t.Fatalf("after x: rejected %+v", doc.Rejected)
	}
	if !strings.Contains(plain(m), strconv.Itoa(n-3)+" suggested") {
		t.Fatalf("the status bar does not count %d left:\n%s", n-3, plain(m))
	}
	press(t, m, "u")
	doc, _, _ = st.Doc(context.Background(), "petro.txt")
	if len(doc.Rejected) != 0 || len(doc.Spans) != 2 {
		t.Fatalf("undo: %+v / %+v", doc.Rejected, doc.Spans)
	}
	press(t, m, "ctrl+r") // the rejection again, then quit and reopen
	m2, _ := startSuggest(t, path)
	press(t, m2, "enter", "enter")
	for _, e := range suggestions(m2) {
		if e.Text == "US" || e.Text == "Gustavo Petro" {
			t.Fatalf("reopened: %q is offered again (rejected or accepted before)", e.Text)
		}
	}
}

// Quotes mode leads annotate mode: the suggestions step aside (none drawn
// or counted, their keys left to quotes mode) and come back when it ends.
func TestSuggestionsStepAsideInQuotesMode(t *testing.T) {
	m, st := startSuggest(t, tempDB(t))
	press(t, m, "enter", "enter")
	n := len(suggestions(m))
	if n == 0 {
		t.Fatalf("no suggestions:\n%s", plain(m))
	}
	press(t, m, "Q")
	if got := len(suggestions(m)); got != 0 || !strings.Contains(plain(m), "0 suggested") {
		t.Fatalf("quotes mode shows %d entity suggestions:\n%s", got, plain(m))
	}
	press(t, m, "Y") // quotes mode's, not accept-all-suggested
	if doc, ok, _ := st.Doc(context.Background(), "petro.txt"); ok && len(doc.Spans) > 0 {
		t.Fatalf("Y in quotes mode accepted suggestions: %+v", doc.Spans)
	}
	press(t, m, "Q")
	if got := len(suggestions(m)); got != n {
		t.Fatalf("%d suggestions after quotes mode, want %d back", got, n)
	}
}
