package storetest

import (
	"context"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
)

// The suite's cases for team mode: live changes, ids across sessions,
// assignments.

// testWatch: a session hears of another session's change to an article
// (the same annotator's and another's), never of its own.
func testWatch(t *testing.T, open func(string) store.Store) {
	one, two, bob := open("alice"), open("alice"), open("bob")
	w, ok := one.(store.Watcher)
	if !ok {
		t.Fatal("the store does not offer Watcher")
	}
	ctx, cancel := context.WithCancel(bg)
	defer cancel()
	ch, err := w.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := StoryArticle("x.txt")
	act(t, one, Tag(a, SpanOf(t, Story, "Monday", "DATE"))) // its own: not heard
	act(t, two, Tag(a, SpanOf(t, Story, "Ilse Varga", "PERSON")))
	act(t, bob, Tag(StoryArticle("y.txt"), SpanOf(t, Story, "Kyōto", "GPE")))
	heard := map[string]string{}
	for len(heard) < 2 {
		cs, ok := <-ch // no deadline: the test binary's own timeout ends a hang
		if !ok {
			t.Fatal("the watch ended")
		}
		for _, c := range cs {
			if c.Session == one.(store.SessionStore).SessionID() {
				t.Fatalf("a session heard of its own change: %+v", c)
			}
			heard[c.Article] = c.Annotator
		}
	}
	if heard["x.txt"] != "alice" || heard["y.txt"] != "bob" {
		t.Fatalf("heard %v", heard)
	}
	cancel()
	for range ch {
	}
}

// testRedoKeepsItsID: an undone span's id is not handed to another
// session's new span, so redo brings it back under its id beside that one.
func testRedoKeepsItsID(t *testing.T, open func(string) store.Store) {
	one, two := open("alice"), open("alice")
	a := StoryArticle("x.txt")
	first := act(t, one, Tag(a, SpanOf(t, Story, "Kyōto", "GPE"))).Ops[0].Span.ID
	undo(t, one)
	second := act(t, two, Tag(a, SpanOf(t, Story, "Monday", "DATE"))).Ops[0].Span.ID
	if second == first {
		t.Fatalf("a new span took the undone span's id %d", first)
	}
	redone, ok, err := one.Redo(bg)
	if err != nil || !ok || redone.Ops[0].Span.ID != first {
		t.Fatalf("redo: %v %v %+v", ok, err, redone.Ops)
	}
	if got := labels(doc(t, one, a.ID)); got != "Monday/DATE Kyōto/GPE" {
		t.Fatalf("after redo: %q", got)
	}
}

// assigner is the assignment capability both backends have.
type assigner interface {
	Assign(ctx context.Context, arts []*model.Article, annotators []string, k int, reopen bool) (store.AssignStats, error)
	Assigned(ctx context.Context) (map[string]model.Status, error)
	TeamProgress(ctx context.Context) ([]store.Progress, error)
}

// testAssign: each article to k annotators, balanced; again, the holders
// keep theirs; with reopen, done work goes back in progress.
func testAssign(t *testing.T, open func(string) store.Store) {
	curator, alice := open(""), open("alice")
	as, ok := curator.(assigner)
	if !ok {
		t.Fatal("the store cannot assign")
	}
	var arts []*model.Article
	for _, id := range []string{"a.txt", "b.txt", "c.txt"} {
		arts = append(arts, StoryArticle(id))
	}
	team := []string{"alice", "bob", "carol"}
	st, err := as.Assign(bg, arts, team, 2, false)
	if err != nil {
		t.Fatal(err)
	}
	// Six assignments over three annotators: two each.
	if st.Given["alice"] != 2 || st.Given["bob"] != 2 || st.Given["carol"] != 2 || st.Kept != 0 {
		t.Fatalf("first assignment: %+v", st)
	}
	mine, err := alice.(assigner).Assigned(bg)
	if err != nil || len(mine) != 2 {
		t.Fatalf("alice's assignments %v %v", mine, err)
	}
	var done string
	for id := range mine {
		done = id
	}
	act(t, alice, store.Action{Name: "mark done", Ops: []store.Op{{Kind: store.OpSetStatus, Article: done, Status: model.StatusDone}}})
	st, err = as.Assign(bg, arts, team, 2, false)
	if err != nil || st.Kept != 6 || len(st.Given) != 0 || st.Reopened != 0 {
		t.Fatalf("assigning again: %+v %v", st, err)
	}
	if d := doc(t, alice, done); d.Status != model.StatusDone {
		t.Fatalf("assigning again changed alice's status: %s", d.Status)
	}
	st, err = as.Assign(bg, []*model.Article{StoryArticle(done)}, team, 2, true)
	if err != nil || st.Reopened != 1 {
		t.Fatalf("reopen: %+v %v", st, err)
	}
	if d := doc(t, alice, done); d.Status != model.StatusInProgress {
		t.Fatalf("sent back for correction: %s", d.Status)
	}
	p, err := as.TeamProgress(bg)
	if err != nil || len(p) != 3 || p[0].Annotator != "alice" || p[0].Assigned != 2 {
		t.Fatalf("progress %+v %v", p, err)
	}
	// The curator who assigned has no layer of their own.
	if names, _ := curator.(store.LayeredStore).Annotators(bg); strings.Join(names, ",") != "alice,bob,carol" {
		t.Fatalf("layers after assigning: %v", names)
	}
}
