package annotate_test

import (
	"context"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/internal/celltest"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Tag a two-word name in at most four keys, relabel, delete, undo, redo;
// each change is on screen only once the store has it.
func TestTagRelabelDeleteUndoRedo(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.enter(0)
	if h.cursorText() != "Mayor" || h.mode() != "ANNOTATE" || !h.r.focus {
		t.Fatalf("entering: cursor on %q, mode %q", h.cursorText(), h.mode())
	}
	// Mayor → Ilse (w), extend to Varga (shift+right), PERSON (1).
	if keys := h.press("w", "shift+right"); keys+h.press("1") > 4 {
		t.Fatal("more than four keys to tag a two-word name")
	}
	start := runeIndex(t, storyA, "Ilse Varga", 0)
	doc, spans := h.doc("a.txt")
	if len(spans) != 1 || spans[0].Start != start || spans[0].End != start+10 || spans[0].Text != "Ilse Varga" || spans[0].Label != "PERSON" {
		t.Fatalf("stored spans %+v", spans)
	}
	if doc.Status != model.StatusInProgress {
		t.Fatalf("the first annotation should set in progress, got %q", doc.Status)
	}
	if h.last.Job.Done != "Tagged “Ilse Varga” PERSON" || h.pane().Selecting() || h.cursorText() != "Ilse Varga" {
		t.Fatalf("after tagging: %q, selection %v, cursor %q", h.last.Job.Done, h.pane().Selecting(), h.cursorText())
	}
	if s := h.status(); s.Span != "PERSON “Ilse Varga”" || s.Status != model.StatusInProgress || !s.Store || s.Live != 3 {
		t.Fatalf("status %+v", s)
	}
	// Another number on the span changes its label.
	h.press("2")
	if _, spans = h.doc("a.txt"); len(spans) != 1 || spans[0].Label != "ORG" || spans[0].Start != start {
		t.Fatalf("relabel: %+v", spans)
	}
	if !strings.HasPrefix(h.last.Job.Done, "Relabelled “Ilse Varga”: PERSON → ORG") {
		t.Fatalf("relabel message %q", h.last.Job.Done)
	}
	// The same label again says so and saves nothing.
	h.press("2")
	if h.host.msg != "Already ORG “Ilse Varga”" {
		t.Fatalf("same label: %q", h.host.msg)
	}
	// x deletes it.
	h.press("x")
	if _, spans = h.doc("a.txt"); len(spans) != 0 || len(h.pane().Spans()) != 0 {
		t.Fatalf("delete: %+v, on screen %+v", spans, h.pane().Spans())
	}
	h.press("x")
	if h.host.msg != "Nothing to delete: no tagged span here" {
		t.Fatalf("x on nothing: %q", h.host.msg)
	}
	// u brings it back (as ORG) with the cursor on it; ctrl+r deletes it again.
	h.press("w", "w", "u")
	if _, spans = h.doc("a.txt"); len(spans) != 1 || spans[0].Label != "ORG" {
		t.Fatalf("undo delete: %+v", spans)
	}
	if h.last.Job.Kind != session.Undo || h.last.Act.Name != "delete ORG “Ilse Varga”" || h.cursorText() != "Ilse Varga" {
		t.Fatalf("undo: %q, cursor on %q", h.last.Act.Name, h.cursorText())
	}
	h.press("ctrl+r")
	if _, spans = h.doc("a.txt"); len(spans) != 0 || h.last.Job.Kind != session.Redo {
		t.Fatalf("redo: %+v", spans)
	}
	h.press("u", "u")
	if _, spans = h.doc("a.txt"); len(spans) != 1 || spans[0].Label != "PERSON" {
		t.Fatalf("undo twice (delete, relabel): %+v", spans)
	}
}

func TestVisualSelectionTagsInThreeKeys(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.enter(0)
	h.moveTo("Tomas", 0)
	if n := h.press("v"); n != 1 || h.mode() != "SELECT" || !h.pane().Visual() {
		t.Fatalf("v: mode %q", h.mode())
	}
	if s := h.status(); s.Span != "“Tomas” (1 word)" {
		t.Fatalf("status while selecting: %q", s.Span)
	}
	h.press("w")
	if s := h.status(); s.Span != "“Tomas Berg” (2 words)" {
		t.Fatalf("status while selecting: %q", s.Span)
	}
	h.press("1")
	_, spans := h.doc("a.txt")
	if len(spans) != 1 || spans[0].Start != runeIndex(t, storyA, "Tomas Berg", 0) || spans[0].Text != "Tomas Berg" || h.pane().Visual() {
		t.Fatalf("v w 1: %+v (visual %v)", spans, h.pane().Visual())
	}
	// v twice drops the selection; esc drops it before leaving.
	h.press("v", "v")
	if h.pane().Selecting() {
		t.Fatal("v v should drop the selection")
	}
	h.press("v", "esc")
	if h.pane().Selecting() || !h.f.Active() {
		t.Fatal("esc should drop the selection first, staying in annotate mode")
	}
}

func TestTagAllInArticleSkipsOverlaps(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.enter(0)
	h.press("w", "shift+right", "1") // PERSON “Ilse Varga”
	// “Varga” alone, then a: the other lone “Varga” is tagged, the one
	// inside “Ilse Varga” is skipped, “Vargas” is another word.
	h.moveTo("Varga said", 0)
	h.press("1", "a")
	_, spans := h.doc("a.txt")
	var vargas []int
	for _, sp := range spans {
		if sp.Text == "Varga" && sp.Label == "PERSON" {
			vargas = append(vargas, sp.Start)
		}
	}
	want := []int{runeIndex(t, storyA, "Varga said", 0), runeIndex(t, storyA, "Varga left", 0)}
	if len(vargas) != 2 || vargas[0] != want[0] || vargas[1] != want[1] || len(spans) != 3 {
		t.Fatalf("tag all: %+v", spans)
	}
	if d := h.last.Job.Done; !strings.Contains(d, "Tagged 1 × “Varga” as PERSON") || !strings.Contains(d, "1 skipped (overlap with PERSON “Ilse Varga”)") {
		t.Fatalf("message %q", d)
	}
	h.press("a")
	if h.host.msg != "No other “Varga” to tag as PERSON; 1 skipped (overlap with PERSON “Ilse Varga”), 2 already tagged" {
		t.Fatalf("a again: %q", h.host.msg)
	}
	// One undo takes back the whole tag-all, and only it.
	h.press("u")
	if _, spans = h.doc("a.txt"); len(spans) != 2 {
		t.Fatalf("undo tag all left %+v", spans)
	}
	// a on an untagged word waits for the label, in the status bar.
	h.moveTo("Petro said", 0)
	h.press("a")
	if s := h.status(); s.Message != "Tag every “Petro” as: press 1–9 (esc cancels)" || h.mode() != "ANNOTATE" {
		t.Fatalf("a on an untagged word should ask for the label: %q", s.Message)
	}
	h.press("1")
	n := 0
	_, spans = h.doc("a.txt")
	for _, sp := range spans {
		if sp.Text == "Petro" {
			n++
		}
	}
	if n != 2 || h.host.Top() != nil && h.status().Message != "" {
		t.Fatalf("a 1 on “Petro”: %d spans, want both occurrences: %+v", n, spans)
	}
	// esc cancels the wait; any other key cancels it and does its own work.
	h.moveTo("Harbour", 0)
	h.press("a", "esc")
	if h.host.msg != "Tag all cancelled" || !h.f.Active() {
		t.Fatalf("esc on the wait: %q", h.host.msg)
	}
	h.press("a", "w")
	if h.cursorText() != "Board" || h.status().Message != "" {
		t.Fatalf("w on the wait should move on: %q", h.cursorText())
	}
}

func TestOverlapRefusedInTheUIAndByTheStore(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.enter(0)
	h.press("w", "shift+right", "1") // “Ilse Varga”
	// Select from the span to “Port”: it overlaps the span.
	h.press("g", "w", "v", "w", "w")
	if s, e, _ := h.pane().Selection(); string(h.pane().Runes()[s:e]) != "Ilse Varga of Port" {
		t.Fatalf("selection %q", string(h.pane().Runes()[s:e]))
	}
	h.press("3")
	if h.host.msg != "Cannot tag: the selection overlaps PERSON “Ilse Varga” — entities do not overlap (x deletes it)" {
		t.Fatalf("no overlap explanation: %q", h.host.msg)
	}
	if _, spans := h.doc("a.txt"); len(spans) != 1 || !h.pane().Selecting() {
		t.Fatalf("overlap stored, or the selection dropped: %+v", spans)
	}
	h.press("esc")

	// Another instance tags “Port Ellis” behind this one's back: the pane
	// does not know, the store refuses, and the screen keeps what it had.
	ps := runeIndex(t, storyA, "Port Ellis", 0)
	if _, err := openStore(t, h.path).Do(context.Background(), store.Action{Name: "tag GPE", Ops: []store.Op{{Kind: store.OpAddSpan, Article: "a.txt",
		Span: model.Span{Start: ps, End: ps + 10, Label: "GPE", Text: "Port Ellis"}}}}); err != nil {
		t.Fatal(err)
	}
	h.moveTo("Port", 0)
	h.press("4")
	if !strings.HasPrefix(h.host.msg, "Not saved: it would overlap GPE “Port Ellis”") || len(h.host.fails) != 1 {
		t.Fatalf("store refusal not explained: %q", h.host.msg)
	}
	for _, sp := range h.pane().Spans() {
		if sp.Label == "LOC" {
			t.Fatal("a refused span is shown as saved")
		}
	}
}

func TestEntityJumps(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.enter(0)
	h.press("n")
	if h.host.msg != "No entities tagged in this article yet" {
		t.Fatalf("n with none: %q", h.host.msg)
	}
	for _, name := range []string{"Tomas Berg", "Ilse Varga", "Zoë Ng"} {
		h.moveTo(strings.Fields(name)[0], 0)
		h.press("shift+right", "1")
	}
	h.press("g", "n")
	if h.cursorText() != "Ilse Varga" {
		t.Fatalf("n from the top: %q", h.cursorText())
	}
	h.press("n")
	if h.cursorText() != "Tomas Berg" {
		t.Fatalf("second n: %q", h.cursorText())
	}
	h.press("n", "n")
	if h.cursorText() != "Ilse Varga" || h.host.msg != "Wrapped to the first entity" {
		t.Fatalf("n past the last: %q %q", h.cursorText(), h.host.msg)
	}
	h.press("N")
	if h.cursorText() != "Zoë Ng" || h.host.msg != "Wrapped to the last entity" {
		t.Fatalf("N wraps to the last: %q", h.cursorText())
	}
}

func TestLabelsFromTheContext(t *testing.T) {
	c := noColor()
	c.Labels = []string{"PERSON", "PLACE"}
	h := newHarnessCtx(t, entityArticles(), "", 120, 38, c)
	h.enter(0)
	if !strings.Contains(celltest.Plain(h.view()), "1 PERSON 2 PLACE") {
		t.Fatalf("legend:\n%s", celltest.Plain(h.view()))
	}
	h.press("2")
	h.press("w", "3")
	if sp := h.pane().Spans(); len(sp) != 1 || sp[0].Label != "PLACE" || h.host.msg != "No label 3: the label set has 2 (PERSON, PLACE)" {
		t.Fatalf("labels: %+v %q", sp, h.host.msg)
	}
}

// A failed save changes nothing on screen and does not stop the queue.
func TestFailedSaveChangesNothingOnScreen(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.enter(0)
	h.press("w", "shift+right")
	h.st.Close() // the disk goes away
	h.press("1")
	if !strings.HasPrefix(h.host.msg, "Not saved:") || len(h.pane().Spans()) != 0 || !h.pane().Selecting() {
		t.Fatalf("after a failed save: %q, spans %+v, selection %v", h.host.msg, h.pane().Spans(), h.pane().Selecting())
	}
	if h.sess.Pending() {
		t.Fatal("the queue is stuck after an error")
	}
}

// d toggles done and back (as stored when its turn comes); it works from
// annotate mode as from anywhere an article is selected, and u undoes it.
func TestDoneToggles(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.r.sel = 0
	h.run(h.r.Show())
	h.press("d", "d", "d") // not in annotate mode: annotate's keys from anywhere
	doc, _ := h.doc("a.txt")
	if doc == nil || doc.Status != model.StatusDone {
		t.Fatalf("d d d: %+v", doc)
	}
	if s := h.status(); s.DoneN != 1 || s.Status != model.StatusDone {
		t.Fatalf("progress: %+v", s)
	}
	h.enter(0)
	h.press("d")
	if doc, _ = h.doc("a.txt"); doc.Status != model.StatusInProgress || h.last.Job.Done != "Marked in progress (not done)" {
		t.Fatalf("d in annotate mode: %q", doc.Status)
	}
	h.press("u")
	if doc, _ = h.doc("a.txt"); doc.Status != model.StatusDone || h.last.Act.Name != "mark in progress a.txt" {
		t.Fatalf("undo done: %q %q", doc.Status, h.last.Act.Name)
	}
	// With the list moved off the article shown, d says so.
	h.r.sel = -1
	h.press("d")
	if h.host.msg != "No article loaded yet" {
		t.Fatalf("d with nothing loaded: %q", h.host.msg)
	}
}

// changedArticles is entityArticles with a.txt edited on disk: a paragraph
// added at the top, and “Zoë Ng” gone.
func changedArticles() []*model.Article {
	arts := entityArticles()
	arts[0].Text = "A new first paragraph, added by the editors.\n\n" + strings.Replace(storyA, "said Zoë Ng in", "said a visitor in", 1)
	return arts
}

func TestChangedOnDiskAndReanchor(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.enter(0)
	h.press("w", "shift+right", "1") // Ilse Varga
	h.moveTo("Zoë", 0)
	h.press("shift+right", "1") // Zoë Ng: will be lost
	h.moveTo("Gustavo", 0)
	h.press("shift+right", "1")
	h.press("R")
	if h.host.msg != "Nothing to re-anchor: the text on disk is the annotated one" {
		t.Fatalf("R on an unchanged article: %q", h.host.msg)
	}
	h.press("esc")

	h2 := newHarness(t, changedArticles(), h.path, 120, 38)
	h2.enter(0)
	if !h2.pane().Changed() || h2.pane().Text() != storyA || !strings.Contains(celltest.Plain(h2.view()), "changed on disk") {
		t.Fatalf("annotate mode should show the stored snapshot, marked changed")
	}
	if h2.host.msg != "The text changed on disk since it was annotated: showing the stored snapshot (R re-anchors)" {
		t.Fatalf("message on entering: %q", h2.host.msg)
	}
	h2.press("R")
	q, ok := h2.asking()
	if !ok || !strings.Contains(celltest.Plain(q.View()), "PERSON “Zoë Ng”") || q.Prompt() != "Re-anchor and delete 1 annotation that no longer occur? y/esc" {
		t.Fatalf("the lost span is not listed before re-anchoring")
	}
	h2.press("y")
	newText := changedArticles()[0].Text
	doc, spans := h2.doc("a.txt")
	if doc.Text != newText || doc.Hash != model.HashText(newText) || len(spans) != 2 {
		t.Fatalf("after re-anchoring: text changed %v, spans %+v", doc.Text == newText, spans)
	}
	for _, sp := range spans {
		if model.RuneSlice(newText, sp.Start, sp.End) != sp.Text {
			t.Fatalf("span %+v does not point at its text", sp)
		}
	}
	if d := h2.last.Job.Done; d != "Re-anchored 2 spans onto the new text; deleted 1 that no longer occur (u brings them back)" {
		t.Fatalf("message %q", d)
	}
	if h2.sess.Changed("a.txt") || h2.pane().Changed() || h2.pane().Text() != newText {
		t.Fatal("still marked changed after re-anchoring")
	}
	// One undo restores the old snapshot and all three spans.
	h2.press("u")
	doc, spans = h2.doc("a.txt")
	if doc.Text != storyA || len(spans) != 3 || !h2.pane().Changed() || h2.pane().Text() != storyA {
		t.Fatalf("undo re-anchor: old text %v, spans %+v", doc.Text == storyA, spans)
	}
}

func TestTagAcrossTheCorpus(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.enter(0)
	h.press("w", "shift+right", "1") // Ilse Varga in a.txt
	h.press("A")
	q, ok := h.asking()
	if !ok || !strings.HasPrefix(q.Prompt(), "Tag 2 × “Ilse Varga” as PERSON in 1 article") || !strings.HasSuffix(q.Prompt(), "? y/esc") {
		t.Fatalf("A should find the two in b.txt and ask: %q", h.host.msg)
	}
	h.press("y")
	doc, spans := h.doc("b.txt")
	if doc == nil || len(spans) != 2 || doc.Status != model.StatusInProgress || spans[1].Start != runeIndex(t, storyB, "Ilse Varga", 1) {
		t.Fatalf("b.txt after A: %+v %+v", doc, spans)
	}
	if doc, _ := h.doc("c.txt"); doc != nil {
		t.Fatal("an article without the name was snapshotted")
	}
	h.press("A")
	if h.host.msg != "No “Ilse Varga” left to tag as PERSON in the corpus; 3 already tagged" {
		t.Fatalf("A again: %q", h.host.msg)
	}
	h.press("u")
	if _, spans = h.doc("b.txt"); len(spans) != 0 {
		t.Fatalf("one undo should take back the corpus-wide tag: %+v", spans)
	}
	if _, spans = h.doc("a.txt"); len(spans) != 1 {
		t.Fatalf("undo went too far: %+v", spans)
	}
}

// ] and [ go to the next and previous article in annotate mode, saving the
// place in the one left.
func TestSwitchArticles(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.enter(0)
	h.press("w", "w")
	pos := h.pane().CursorOffset()
	h.press("]")
	if !h.f.Active() || h.pane().ID() != "b.txt" || h.r.saved[len(h.r.saved)-1] != pos {
		t.Fatalf("] went to %q (saved %v)", h.pane().ID(), h.r.saved)
	}
	h.press("]", "]")
	if h.host.msg != "No more articles" || h.pane().ID() != "c.txt" {
		t.Fatalf("] past the last: %q on %q", h.host.msg, h.pane().ID())
	}
	h.press("[", "[")
	if h.pane().ID() != "a.txt" || h.pane().CursorOffset() != pos {
		t.Fatalf("back on a.txt at %d, want %d", h.pane().CursorOffset(), pos)
	}
	h.press("esc")
	if h.f.Active() || h.host.Top() != nil {
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
	h := newHarnessCtx(t, entityArticles(), "", 120, 38, c)
	h.enter(0)
	h.press("w", "shift+right", "!", "g", "w", "v", "w", "w", "#")
	if !strings.HasSuffix(h.host.msg, "(X deletes it)") {
		t.Fatalf("overlap refusal: %q", h.host.msg)
	}
	h.press("q")
	h.moveTo("Port", 0)
	h.press("a")
	if s := h.status(); s.Message != "Tag every “Port” as: press !–( (q cancels)" {
		t.Fatalf("label wait: %q", s.Message)
	}
	h.press("q")
	if !strings.Contains(celltest.Plain(h.view()), "! PERSON") {
		t.Fatalf("legend:\n%s", celltest.Plain(h.view()))
	}
	h.moveTo("Zoë", 0)
	h.press("shift+right", "!", "q")

	arts := changedArticles()
	h2 := newHarnessCtx(t, arts, h.path, 120, 38, c)
	h2.enter(0)
	if !strings.HasSuffix(h2.host.msg, "(ctrl+a re-anchors)") {
		t.Fatalf("changed on disk: %q", h2.host.msg)
	}
	h2.press("ctrl+a")
	q, ok := h2.asking()
	if !ok || !strings.HasSuffix(q.Prompt(), "? Y/q") || !strings.Contains(celltest.Plain(q.View()), "Press Y to re-anchor and delete them, q to keep") {
		t.Fatalf("question: %q", q.Prompt())
	}
	h2.press("Y")
	if !strings.HasSuffix(h2.last.Job.Done, "(U brings them back)") {
		t.Fatalf("re-anchored: %q", h2.last.Job.Done)
	}
}

// The annotate box and the panel fit every size, with the panel open or
// not, and say how far down the text is.
func TestViewFits(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.enter(0)
	h.press("w", "shift+right", "1")
	for _, size := range [][2]int{{20, 6}, {40, 12}, {69, 20}, {70, 20}, {250, 70}, {3, 3}} {
		for _, panel := range []bool{false, true} {
			h.host.w, h.host.h = size[0], size[1]
			h.host.stack[0].SetSize(size[0], size[1])
			if shown, _ := h.pane().Panel(); shown != panel {
				h.press("e")
			}
			v := h.view()
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
	h.host.stack[0].SetSize(120, 38)
	if !strings.Contains(celltest.Plain(h.view()), "100%") {
		t.Fatalf("a short article is all on screen:\n%s", celltest.Plain(h.view()))
	}
}
