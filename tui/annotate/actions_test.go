package annotate_test

import (
	"context"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/internal/celltest"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Tag a two-word name in at most four keys, relabel, delete, undo, redo;
// each change is on screen only once the store has it.
func TestTagRelabelDeleteUndoRedo(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Enter(0)
	if h.CursorText() != "Mayor" || h.Mode() != "ANNOTATE" || !h.Reader.Focus {
		t.Fatalf("entering: cursor on %q, mode %q", h.CursorText(), h.Mode())
	}
	// Mayor → Ilse (w), extend to Varga (shift+right), PERSON (1).
	if keys := h.Press("w", "shift+right"); keys+h.Press("1") > 4 {
		t.Fatal("more than four keys to tag a two-word name")
	}
	start := annotest.RuneIndex(t, annotest.StoryA, "Ilse Varga", 0)
	doc, spans := h.Doc("a.txt")
	if len(spans) != 1 || spans[0].Start != start || spans[0].End != start+10 || spans[0].Text != "Ilse Varga" || spans[0].Label != "PERSON" {
		t.Fatalf("stored spans %+v", spans)
	}
	if doc.Status != model.StatusInProgress {
		t.Fatalf("the first annotation should set in progress, got %q", doc.Status)
	}
	if h.Last.Job.Done != "Tagged “Ilse Varga” PERSON" || h.Pane().Selecting() || h.CursorText() != "Ilse Varga" {
		t.Fatalf("after tagging: %q, selection %v, cursor %q", h.Last.Job.Done, h.Pane().Selecting(), h.CursorText())
	}
	if s := h.Status(); s.Span != "PERSON “Ilse Varga”" || s.Status != model.StatusInProgress || !s.Store || s.Live != 3 {
		t.Fatalf("status %+v", s)
	}
	// Another number on the span changes its label.
	h.Press("2")
	if _, spans = h.Doc("a.txt"); len(spans) != 1 || spans[0].Label != "ORG" || spans[0].Start != start {
		t.Fatalf("relabel: %+v", spans)
	}
	if !strings.HasPrefix(h.Last.Job.Done, "Relabelled “Ilse Varga”: PERSON → ORG") {
		t.Fatalf("relabel message %q", h.Last.Job.Done)
	}
	// The same label again says so and saves nothing.
	h.Press("2")
	if h.Host.Msg != "Already ORG “Ilse Varga”" {
		t.Fatalf("same label: %q", h.Host.Msg)
	}
	// x deletes it.
	h.Press("x")
	if _, spans = h.Doc("a.txt"); len(spans) != 0 || len(h.Pane().Spans()) != 0 {
		t.Fatalf("delete: %+v, on screen %+v", spans, h.Pane().Spans())
	}
	h.Press("x")
	if h.Host.Msg != "Nothing to delete: no tagged span here" {
		t.Fatalf("x on nothing: %q", h.Host.Msg)
	}
	// u brings it back (as ORG) with the cursor on it; ctrl+r deletes it again.
	h.Press("w", "w", "u")
	if _, spans = h.Doc("a.txt"); len(spans) != 1 || spans[0].Label != "ORG" {
		t.Fatalf("undo delete: %+v", spans)
	}
	if h.Last.Job.Kind != session.Undo || h.Last.Act.Name != "delete ORG “Ilse Varga”" || h.CursorText() != "Ilse Varga" {
		t.Fatalf("undo: %q, cursor on %q", h.Last.Act.Name, h.CursorText())
	}
	h.Press("ctrl+r")
	if _, spans = h.Doc("a.txt"); len(spans) != 0 || h.Last.Job.Kind != session.Redo {
		t.Fatalf("redo: %+v", spans)
	}
	h.Press("u", "u")
	if _, spans = h.Doc("a.txt"); len(spans) != 1 || spans[0].Label != "PERSON" {
		t.Fatalf("undo twice (delete, relabel): %+v", spans)
	}
}

func TestVisualSelectionTagsInThreeKeys(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Enter(0)
	h.MoveTo("Tomas", 0)
	if n := h.Press("v"); n != 1 || h.Mode() != "SELECT" || !h.Pane().Visual() {
		t.Fatalf("v: mode %q", h.Mode())
	}
	if s := h.Status(); s.Span != "“Tomas” (1 word)" {
		t.Fatalf("status while selecting: %q", s.Span)
	}
	h.Press("w")
	if s := h.Status(); s.Span != "“Tomas Berg” (2 words)" {
		t.Fatalf("status while selecting: %q", s.Span)
	}
	h.Press("1")
	_, spans := h.Doc("a.txt")
	if len(spans) != 1 || spans[0].Start != annotest.RuneIndex(t, annotest.StoryA, "Tomas Berg", 0) || spans[0].Text != "Tomas Berg" || h.Pane().Visual() {
		t.Fatalf("v w 1: %+v (visual %v)", spans, h.Pane().Visual())
	}
	// v twice drops the selection; esc drops it before leaving.
	h.Press("v", "v")
	if h.Pane().Selecting() {
		t.Fatal("v v should drop the selection")
	}
	h.Press("v", "esc")
	if h.Pane().Selecting() || !h.Ann.Active() {
		t.Fatal("esc should drop the selection first, staying in annotate mode")
	}
}

func TestTagAllInArticleSkipsOverlaps(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Enter(0)
	h.Press("w", "shift+right", "1") // PERSON “Ilse Varga”
	// “Varga” alone, then a: the other lone “Varga” is tagged, the one
	// inside “Ilse Varga” is skipped, “Vargas” is another word.
	h.MoveTo("Varga said", 0)
	h.Press("1", "a")
	_, spans := h.Doc("a.txt")
	var vargas []int
	for _, sp := range spans {
		if sp.Text == "Varga" && sp.Label == "PERSON" {
			vargas = append(vargas, sp.Start)
		}
	}
	want := []int{annotest.RuneIndex(t, annotest.StoryA, "Varga said", 0), annotest.RuneIndex(t, annotest.StoryA, "Varga left", 0)}
	if len(vargas) != 2 || vargas[0] != want[0] || vargas[1] != want[1] || len(spans) != 3 {
		t.Fatalf("tag all: %+v", spans)
	}
	if d := h.Last.Job.Done; !strings.Contains(d, "Tagged 1 × “Varga” as PERSON") || !strings.Contains(d, "1 skipped (overlap with PERSON “Ilse Varga”)") {
		t.Fatalf("message %q", d)
	}
	h.Press("a")
	if h.Host.Msg != "No other “Varga” to tag as PERSON; 1 skipped (overlap with PERSON “Ilse Varga”), 2 already tagged" {
		t.Fatalf("a again: %q", h.Host.Msg)
	}
	// One undo takes back the whole tag-all, and only it.
	h.Press("u")
	if _, spans = h.Doc("a.txt"); len(spans) != 2 {
		t.Fatalf("undo tag all left %+v", spans)
	}
	// a on an untagged word waits for the label, in the status bar.
	h.MoveTo("Petro said", 0)
	h.Press("a")
	if s := h.Status(); s.Message != "Tag every “Petro” as: press 1–9 (esc cancels)" || h.Mode() != "ANNOTATE" {
		t.Fatalf("a on an untagged word should ask for the label: %q", s.Message)
	}
	h.Press("1")
	n := 0
	_, spans = h.Doc("a.txt")
	for _, sp := range spans {
		if sp.Text == "Petro" {
			n++
		}
	}
	if n != 2 || h.Host.Top() != nil && h.Status().Message != "" {
		t.Fatalf("a 1 on “Petro”: %d spans, want both occurrences: %+v", n, spans)
	}
	// esc cancels the wait; any other key cancels it and does its own work.
	h.MoveTo("Harbour", 0)
	h.Press("a", "esc")
	if h.Host.Msg != "Tag all cancelled" || !h.Ann.Active() {
		t.Fatalf("esc on the wait: %q", h.Host.Msg)
	}
	h.Press("a", "w")
	if h.CursorText() != "Board" || h.Status().Message != "" {
		t.Fatalf("w on the wait should move on: %q", h.CursorText())
	}
}

func TestOverlapRefusedInTheUIAndByTheStore(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Enter(0)
	h.Press("w", "shift+right", "1") // “Ilse Varga”
	// Select from the span to “Port”: it overlaps the span.
	h.Press("g", "w", "v", "w", "w")
	if s, e, _ := h.Pane().Selection(); string(h.Pane().Runes()[s:e]) != "Ilse Varga of Port" {
		t.Fatalf("selection %q", string(h.Pane().Runes()[s:e]))
	}
	h.Press("3")
	if h.Host.Msg != "Cannot tag: the selection overlaps PERSON “Ilse Varga” — entities do not overlap (x deletes it)" {
		t.Fatalf("no overlap explanation: %q", h.Host.Msg)
	}
	if _, spans := h.Doc("a.txt"); len(spans) != 1 || !h.Pane().Selecting() {
		t.Fatalf("overlap stored, or the selection dropped: %+v", spans)
	}
	h.Press("esc")

	// Another instance tags “Port Ellis” behind this one's back: the pane
	// does not know, the store refuses, and the screen keeps what it had.
	ps := annotest.RuneIndex(t, annotest.StoryA, "Port Ellis", 0)
	if _, err := annotest.OpenStore(t, h.Path).Do(context.Background(), store.Action{Name: "tag GPE", Ops: []store.Op{{Kind: store.OpAddSpan, Article: "a.txt",
		Span: model.Span{Start: ps, End: ps + 10, Label: "GPE", Text: "Port Ellis"}}}}); err != nil {
		t.Fatal(err)
	}
	h.MoveTo("Port", 0)
	h.Press("4")
	if !strings.HasPrefix(h.Host.Msg, "Not saved: it would overlap GPE “Port Ellis”") || len(h.Host.Fails) != 1 {
		t.Fatalf("store refusal not explained: %q", h.Host.Msg)
	}
	for _, sp := range h.Pane().Spans() {
		if sp.Label == "LOC" {
			t.Fatal("a refused span is shown as saved")
		}
	}
}

func TestEntityJumps(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Enter(0)
	h.Press("n")
	if h.Host.Msg != "No entities tagged in this article yet" {
		t.Fatalf("n with none: %q", h.Host.Msg)
	}
	for _, name := range []string{"Tomas Berg", "Ilse Varga", "Zoë Ng"} {
		h.MoveTo(strings.Fields(name)[0], 0)
		h.Press("shift+right", "1")
	}
	h.Press("g", "n")
	if h.CursorText() != "Ilse Varga" {
		t.Fatalf("n from the top: %q", h.CursorText())
	}
	h.Press("n")
	if h.CursorText() != "Tomas Berg" {
		t.Fatalf("second n: %q", h.CursorText())
	}
	h.Press("n", "n")
	if h.CursorText() != "Ilse Varga" || h.Host.Msg != "Wrapped to the first entity" {
		t.Fatalf("n past the last: %q %q", h.CursorText(), h.Host.Msg)
	}
	h.Press("N")
	if h.CursorText() != "Zoë Ng" || h.Host.Msg != "Wrapped to the last entity" {
		t.Fatalf("N wraps to the last: %q", h.CursorText())
	}
}

func TestLabelsFromTheContext(t *testing.T) {
	c := noColor()
	c.Labels = []string{"PERSON", "PLACE"}
	h := newHarnessCtx(t, annotest.Articles(), "", 120, 38, c)
	h.Enter(0)
	if !strings.Contains(celltest.Plain(h.View()), "1 PERSON 2 PLACE") {
		t.Fatalf("legend:\n%s", celltest.Plain(h.View()))
	}
	h.Press("2")
	h.Press("w", "3")
	if sp := h.Pane().Spans(); len(sp) != 1 || sp[0].Label != "PLACE" || h.Host.Msg != "No label 3: the label set has 2 (PERSON, PLACE)" {
		t.Fatalf("labels: %+v %q", sp, h.Host.Msg)
	}
}

// A failed save changes nothing on screen and does not stop the queue.
func TestFailedSaveChangesNothingOnScreen(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Enter(0)
	h.Press("w", "shift+right")
	h.Store.Close() // the disk goes away
	h.Press("1")
	if !strings.HasPrefix(h.Host.Msg, "Not saved:") || len(h.Pane().Spans()) != 0 || !h.Pane().Selecting() {
		t.Fatalf("after a failed save: %q, spans %+v, selection %v", h.Host.Msg, h.Pane().Spans(), h.Pane().Selecting())
	}
	if h.Sess.Pending() {
		t.Fatal("the queue is stuck after an error")
	}
}

// d toggles done and back (as stored when its turn comes); it works from
// annotate mode as from anywhere an article is selected, and u undoes it.
func TestDoneToggles(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Reader.Sel = 0
	h.Run(h.Reader.Show())
	h.Press("d", "d", "d") // not in annotate mode: annotate's keys from anywhere
	doc, _ := h.Doc("a.txt")
	if doc == nil || doc.Status != model.StatusDone {
		t.Fatalf("d d d: %+v", doc)
	}
	if s := h.Status(); s.DoneN != 1 || s.Status != model.StatusDone {
		t.Fatalf("progress: %+v", s)
	}
	h.Enter(0)
	h.Press("d")
	if doc, _ = h.Doc("a.txt"); doc.Status != model.StatusInProgress || h.Last.Job.Done != "Marked in progress (not done)" {
		t.Fatalf("d in annotate mode: %q", doc.Status)
	}
	h.Press("u")
	if doc, _ = h.Doc("a.txt"); doc.Status != model.StatusDone || h.Last.Act.Name != "mark in progress a.txt" {
		t.Fatalf("undo done: %q %q", doc.Status, h.Last.Act.Name)
	}
	// With the list moved off the article shown, d says so.
	h.Reader.Sel = -1
	h.Press("d")
	if h.Host.Msg != "No article loaded yet" {
		t.Fatalf("d with nothing loaded: %q", h.Host.Msg)
	}
}

// changedArticles is entityArticles with a.txt edited on disk: a paragraph
// added at the top, and “Zoë Ng” gone.
func changedArticles() []*model.Article {
	arts := annotest.Articles()
	arts[0].Text = "A new first paragraph, added by the editors.\n\n" + strings.Replace(annotest.StoryA, "said Zoë Ng in", "said a visitor in", 1)
	return arts
}

func TestChangedOnDiskAndReanchor(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Enter(0)
	h.Press("w", "shift+right", "1") // Ilse Varga
	h.MoveTo("Zoë", 0)
	h.Press("shift+right", "1") // Zoë Ng: will be lost
	h.MoveTo("Gustavo", 0)
	h.Press("shift+right", "1")
	h.Press("R")
	if h.Host.Msg != "Nothing to re-anchor: the text on disk is the annotated one" {
		t.Fatalf("R on an unchanged article: %q", h.Host.Msg)
	}
	h.Press("esc")

	h2 := newHarness(t, changedArticles(), h.Path, 120, 38)
	h2.Enter(0)
	if !h2.Pane().Changed() || h2.Pane().Text() != annotest.StoryA || !strings.Contains(celltest.Plain(h2.View()), "changed on disk") {
		t.Fatalf("annotate mode should show the stored snapshot, marked changed")
	}
	if h2.Host.Msg != "The text changed on disk since it was annotated: showing the stored snapshot (R re-anchors)" {
		t.Fatalf("message on entering: %q", h2.Host.Msg)
	}
	h2.Press("R")
	q, ok := h2.Asking()
	if !ok || !strings.Contains(celltest.Plain(q.View()), "PERSON “Zoë Ng”") || q.Prompt() != "Re-anchor and delete 1 annotation that no longer occur? y/esc" {
		t.Fatalf("the lost span is not listed before re-anchoring")
	}
	h2.Press("y")
	newText := changedArticles()[0].Text
	doc, spans := h2.Doc("a.txt")
	if doc.Text != newText || doc.Hash != model.HashText(newText) || len(spans) != 2 {
		t.Fatalf("after re-anchoring: text changed %v, spans %+v", doc.Text == newText, spans)
	}
	for _, sp := range spans {
		if model.RuneSlice(newText, sp.Start, sp.End) != sp.Text {
			t.Fatalf("span %+v does not point at its text", sp)
		}
	}
	if d := h2.Last.Job.Done; d != "Re-anchored 2 spans onto the new text; deleted 1 that no longer occur (u brings them back)" {
		t.Fatalf("message %q", d)
	}
	if h2.Sess.Changed("a.txt") || h2.Pane().Changed() || h2.Pane().Text() != newText {
		t.Fatal("still marked changed after re-anchoring")
	}
	// One undo restores the old snapshot and all three spans.
	h2.Press("u")
	doc, spans = h2.Doc("a.txt")
	if doc.Text != annotest.StoryA || len(spans) != 3 || !h2.Pane().Changed() || h2.Pane().Text() != annotest.StoryA {
		t.Fatalf("undo re-anchor: old text %v, spans %+v", doc.Text == annotest.StoryA, spans)
	}
}

func TestTagAcrossTheCorpus(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Enter(0)
	h.Press("w", "shift+right", "1") // Ilse Varga in a.txt
	h.Press("A")
	q, ok := h.Asking()
	if !ok || !strings.HasPrefix(q.Prompt(), "Tag 2 × “Ilse Varga” as PERSON in 1 article") || !strings.HasSuffix(q.Prompt(), "? y/esc") {
		t.Fatalf("A should find the two in b.txt and ask: %q", h.Host.Msg)
	}
	h.Press("y")
	doc, spans := h.Doc("b.txt")
	if doc == nil || len(spans) != 2 || doc.Status != model.StatusInProgress || spans[1].Start != annotest.RuneIndex(t, annotest.StoryB, "Ilse Varga", 1) {
		t.Fatalf("b.txt after A: %+v %+v", doc, spans)
	}
	if doc, _ := h.Doc("c.txt"); doc != nil {
		t.Fatal("an article without the name was snapshotted")
	}
	h.Press("A")
	if h.Host.Msg != "No “Ilse Varga” left to tag as PERSON in the corpus; 3 already tagged" {
		t.Fatalf("A again: %q", h.Host.Msg)
	}
	h.Press("u")
	if _, spans = h.Doc("b.txt"); len(spans) != 0 {
		t.Fatalf("one undo should take back the corpus-wide tag: %+v", spans)
	}
	if _, spans = h.Doc("a.txt"); len(spans) != 1 {
		t.Fatalf("undo went too far: %+v", spans)
	}
}

// ] and [ go to the next and previous article in annotate mode, saving the
// place in the one left.
func TestSwitchArticles(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Enter(0)
	h.Press("w", "w")
	pos := h.Pane().CursorOffset()
	h.Press("]")
	if !h.Ann.Active() || h.Pane().ID() != "b.txt" || h.Reader.Saved[len(h.Reader.Saved)-1] != pos {
		t.Fatalf("] went to %q (saved %v)", h.Pane().ID(), h.Reader.Saved)
	}
	h.Press("]", "]")
	if h.Host.Msg != "No more articles" || h.Pane().ID() != "c.txt" {
		t.Fatalf("] past the last: %q on %q", h.Host.Msg, h.Pane().ID())
	}
	h.Press("[", "[")
	if h.Pane().ID() != "a.txt" || h.Pane().CursorOffset() != pos {
		t.Fatalf("back on a.txt at %d, want %d", h.Pane().CursorOffset(), pos)
	}
	h.Press("esc")
	if h.Ann.Active() || h.Host.Top() != nil {
		t.Fatal("esc should leave annotate mode")
	}
}

// Key hints in messages name the keys as bound (a user who rebinds u or x
// is told the key that works).
func TestKeyHintsFollowTheKeymap(t *testing.T) {
	c := noColor()
	if err := c.Keys.Rebind(map[string][]string{"delete": {"X"}, "undo": {"U"}, "reanchor": {"ctrl+a"}, "confirm": {"Y"}, "back": {"q"},
		"label1": {"!"}, "label2": {"@"}, "label3": {"#"}, "label4": {"$"}, "label5": {"%"}, "label6": {"^"}, "label7": {"&"}, "label8": {"*"}, "label9": {"("}}); err != nil {
		t.Fatal(err)
	}
	h := newHarnessCtx(t, annotest.Articles(), "", 120, 38, c)
	h.Enter(0)
	h.Press("w", "shift+right", "!", "g", "w", "v", "w", "w", "#")
	if !strings.HasSuffix(h.Host.Msg, "(X deletes it)") {
		t.Fatalf("overlap refusal: %q", h.Host.Msg)
	}
	h.Press("q")
	h.MoveTo("Port", 0)
	h.Press("a")
	if s := h.Status(); s.Message != "Tag every “Port” as: press !–( (q cancels)" {
		t.Fatalf("label wait: %q", s.Message)
	}
	h.Press("q")
	if !strings.Contains(celltest.Plain(h.View()), "! PERSON") {
		t.Fatalf("legend:\n%s", celltest.Plain(h.View()))
	}
	h.MoveTo("Zoë", 0)
	h.Press("shift+right", "!", "q")

	arts := changedArticles()
	h2 := newHarnessCtx(t, arts, h.Path, 120, 38, c)
	h2.Enter(0)
	if !strings.HasSuffix(h2.Host.Msg, "(ctrl+a re-anchors)") {
		t.Fatalf("changed on disk: %q", h2.Host.Msg)
	}
	h2.Press("ctrl+a")
	q, ok := h2.Asking()
	if !ok || !strings.HasSuffix(q.Prompt(), "? Y/q") || !strings.Contains(celltest.Plain(q.View()), "Press Y to re-anchor and delete them, q to keep") {
		t.Fatalf("question: %q", q.Prompt())
	}
	h2.Press("Y")
	if !strings.HasSuffix(h2.Last.Job.Done, "(U brings them back)") {
		t.Fatalf("re-anchored: %q", h2.Last.Job.Done)
	}
}

// The annotate box and the panel fit every size, with the panel open or
// not, and say how far down the text is.
func TestViewFits(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Enter(0)
	h.Press("w", "shift+right", "1")
	for _, size := range [][2]int{{20, 6}, {40, 12}, {69, 20}, {70, 20}, {250, 70}, {3, 3}} {
		for _, panel := range []bool{false, true} {
			h.Host.W, h.Host.H = size[0], size[1]
			h.Host.Stack[0].SetSize(size[0], size[1])
			if shown, _ := h.Pane().Panel(); shown != panel {
				h.Press("e")
			}
			v := h.View()
			lines := strings.Split(v, "\n")
			if len(lines) > size[1] {
				t.Fatalf("%dx%d panel %v: %d lines", size[0], size[1], panel, len(lines))
			}
			for i, l := range lines {
				if w := ui.TextWidth(l); w > size[0] {
					t.Fatalf("%dx%d panel %v: line %d is %d wide", size[0], size[1], panel, i, w)
				}
			}
		}
	}
	h.Host.Stack[0].SetSize(120, 38)
	if !strings.Contains(celltest.Plain(h.View()), "100%") {
		t.Fatalf("a short article is all on screen:\n%s", celltest.Plain(h.View()))
	}
}
