package tui

import (
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
)

func TestVisualSelectionTagsInThreeKeys(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	enterAnnotate(t, m)
	moveTo(t, m, "Tomas", 0)
	if n := apress(t, m, "v", "w", "1"); n != 3 {
		t.Fatal(n)
	}
	_, spans := spansOf(t, path, "a.txt")
	start := runeIndex(t, storyA, "Tomas Berg", 0)
	if len(spans) != 1 || spans[0].Start != start || spans[0].Text != "Tomas Berg" || m.ann.visual {
		t.Fatalf("v w 1: %+v (visual %v)", spans, m.ann.visual)
	}
}

func TestTagAllInArticleSkipsOverlaps(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	enterAnnotate(t, m)
	apress(t, m, "w", "shift+right", "1") // PERSON “Ilse Varga”
	// “Varga” alone, then a: the other lone “Varga” is tagged, the one
	// inside “Ilse Varga” is skipped, “Vargas” is another word.
	moveTo(t, m, "Varga said", 0)
	apress(t, m, "1", "a")
	_, spans := spansOf(t, path, "a.txt")
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
	if !strings.Contains(m.message, "Tagged 1 × “Varga” as PERSON") || !strings.Contains(m.message, "1 skipped (overlap with PERSON “Ilse Varga”)") {
		t.Fatalf("message %q", m.message)
	}
	// One undo takes back the whole tag-all, and only it.
	apress(t, m, "u")
	if _, spans = spansOf(t, path, "a.txt"); len(spans) != 2 {
		t.Fatalf("undo tag all left %+v", spans)
	}
	// a on an untagged word waits for the label.
	moveTo(t, m, "Petro", 0) // “Gustavo Petro”: cursor on Gustavo first
	moveTo(t, m, "Petro said", 0)
	apress(t, m, "a")
	if m.labelWait == nil || !strings.Contains(plain(m), "Tag every “Petro” as") {
		t.Fatalf("a on an untagged word should ask for the label:\n%s", plain(m))
	}
	apress(t, m, "1")
	_, spans = spansOf(t, path, "a.txt")
	n := 0
	for _, sp := range spans {
		if sp.Text == "Petro" {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("a 1 on “Petro”: %d spans, want both occurrences: %+v", n, spans)
	}
}

func TestOverlapRefusedInTheUIAndByTheStore(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	enterAnnotate(t, m)
	apress(t, m, "w", "shift+right", "1") // “Ilse Varga”
	// Select from the span to “Port”: it overlaps the span.
	apress(t, m, "g", "w", "v", "w", "w")
	if s, e, _ := m.ann.selection(); string(m.ann.runes[s:e]) != "Ilse Varga of Port" {
		t.Fatalf("selection %q", string(m.ann.runes[s:e]))
	}
	apress(t, m, "3")
	if !strings.Contains(m.message, "overlaps PERSON “Ilse Varga”") {
		t.Fatalf("no overlap explanation: %q", m.message)
	}
	if _, spans := spansOf(t, path, "a.txt"); len(spans) != 1 {
		t.Fatalf("overlap stored: %+v", spans)
	}
	if m.ann.anchor < 0 {
		t.Fatal("a refused tag must keep the selection")
	}
	apress(t, m, "esc")
	if m.ann.anchor >= 0 || !m.annotating {
		t.Fatal("esc should drop the selection first, staying in annotate mode")
	}

	// Another instance tags “Port Ellis” behind this one's back: the UI
	// does not know, the store refuses, and the screen keeps what it had.
	other := openStore(t, path)
	ps := runeIndex(t, storyA, "Port Ellis", 0)
	if _, err := other.Do(ctx(), store.Action{Name: "tag GPE", Ops: []store.Op{{Kind: store.OpAddSpan, Article: "a.txt",
		Span: model.Span{Start: ps, End: ps + 10, Label: "GPE", Text: "Port Ellis"}}}}); err != nil {
		t.Fatal(err)
	}
	moveTo(t, m, "Port", 0)
	apress(t, m, "4")
	if !strings.HasPrefix(m.message, "Not saved: it would overlap GPE “Port Ellis”") {
		t.Fatalf("store refusal not explained: %q", m.message)
	}
	for _, sp := range m.ann.spans {
		if sp.Label == "LOC" {
			t.Fatal("a refused span is shown as saved")
		}
	}
}

func TestEntityJumps(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	enterAnnotate(t, m)
	for _, name := range []string{"Tomas Berg", "Ilse Varga", "Zoë Ng"} {
		moveTo(t, m, strings.Fields(name)[0], 0)
		apress(t, m, "shift+right", "1")
	}
	apress(t, m, "g", "n")
	if cursorText(m) != "Ilse Varga" {
		t.Fatalf("n from the top: %q", cursorText(m))
	}
	apress(t, m, "n")
	if cursorText(m) != "Tomas Berg" {
		t.Fatalf("second n: %q", cursorText(m))
	}
	apress(t, m, "n", "n")
	if cursorText(m) != "Ilse Varga" || !strings.Contains(m.message, "Wrapped") {
		t.Fatalf("n past the last: %q %q", cursorText(m), m.message)
	}
	apress(t, m, "N")
	if cursorText(m) != "Zoë Ng" {
		t.Fatalf("N wraps to the last: %q", cursorText(m))
	}
	// On a span, w moves past the whole span.
	apress(t, m, "g", "n", "w")
	if cursorText(m) != "of" {
		t.Fatalf("w from a span: %q", cursorText(m))
	}
	apress(t, m, "b")
	if cursorText(m) != "Ilse Varga" {
		t.Fatalf("b onto a span: %q", cursorText(m))
	}
}

func TestMotions(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 60, 30)
	enterAnnotate(t, m)
	apress(t, m, ")")
	if cursorText(m) != "Varga" {
		t.Fatalf(") to the second sentence: %q", cursorText(m))
	}
	apress(t, m, ")") // “Mr. Berg” does not end the sentence
	if cursorText(m) != "The" {
		t.Fatalf(") past “Mr.”: %q", cursorText(m))
	}
	apress(t, m, "}")
	if cursorText(m) != "Gustavo" {
		t.Fatalf("} to the last paragraph: %q", cursorText(m))
	}
	apress(t, m, "{")
	if cursorText(m) != "The" {
		t.Fatalf("{ back a paragraph: %q", cursorText(m))
	}
	apress(t, m, "(")
	if cursorText(m) != "Varga" {
		t.Fatalf("( back a sentence: %q", cursorText(m))
	}
	apress(t, m, "G")
	if cursorText(m) != "reopen" {
		t.Fatalf("G: %q", cursorText(m))
	}
	// j/k keep the column: down then up comes back to the same word.
	apress(t, m, "g", "w", "w", "w")
	startWord, startLine := cursorText(m), m.ann.tok(m.ann.cur).Line
	apress(t, m, "j")
	if m.ann.tok(m.ann.cur).Line != startLine+1 {
		t.Fatalf("j: line %d, want %d", m.ann.tok(m.ann.cur).Line, startLine+1)
	}
	apress(t, m, "k")
	if cursorText(m) != startWord {
		t.Fatalf("j k: %q, want %q", cursorText(m), startWord)
	}
	// shift+down selects to the same column a line down, whole tokens.
	apress(t, m, "shift+down")
	s, e, ok := m.ann.selection()
	if !ok || m.ann.lay.Tokens[m.ann.lay.TokenAt(s)].Start != s || m.ann.lay.Tokens[m.ann.lay.TokenAt(e-1)].End != e {
		t.Fatalf("selection %d–%d is not whole tokens", s, e)
	}
	// The cursor stays on screen while moving through the text.
	for i := 0; i < 40; i++ {
		apress(t, m, "j")
		ln := m.ann.tok(m.ann.cur).Line
		if ln < m.ann.top || ln >= m.ann.top+m.ann.textH() {
			t.Fatalf("cursor line %d off screen (top %d, %d lines)", ln, m.ann.top, m.ann.textH())
		}
	}
}
