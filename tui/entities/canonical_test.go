package entities_test

import (
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/tui/internal/celltest"
	"storydesk/tui/session"
)

const (
	petroA = "Gustavo Petro spoke first. Petro said the port would reopen. Later Petro left, and Petro waved to the Harbour Board. Petrobras fell."
	petroB = "In Bogotá, Petro met the press."
	petroC = "Petro Holdings, the firm, said nothing. Petro Holdings is a company."
)

func petroArticles() []*model.Article {
	var out []*model.Article
	for i, text := range []string{petroA, petroB, petroC} {
		id := string(rune('a'+i)) + ".txt"
		out = append(out, &model.Article{ID: id, Path: id, Title: "Petro " + id, Text: text, Raw: text})
	}
	return out
}

// petroHarness tags, in a.txt, "Gustavo Petro" and every "Petro" as
// PERSON and "Harbour Board" as ORG; in b.txt "Petro" as PERSON; in c.txt
// "Petro" as ORG (another entity, of another label).
func petroHarness(t *testing.T) *harness {
	h := newHarness(t, petroArticles(), "", 120, 38)
	h.Enter(1)
	h.MoveTo("Petro", 0)
	h.Press("1")
	h.Enter(2)
	h.MoveTo("Petro", 0)
	h.Press("2")
	h.Enter(0)
	h.MoveTo("Harbour", 0)
	h.Press("shift+right", "2")
	h.MoveTo("Gustavo", 0)
	h.Press("shift+right", "1")
	h.MoveTo("Petro said", 0)
	h.Press("a", "1")
	if _, spans := h.Doc("a.txt"); len(spans) != 5 {
		t.Fatalf("fixture: %d spans in a.txt: %+v", len(spans), spans)
	}
	return h
}

func canonicals(t *testing.T, h *harness, id string) map[string]int {
	t.Helper()
	out := map[string]int{}
	_, spans := h.Doc(id)
	for _, sp := range spans {
		out[sp.Label+" "+sp.Text+" → "+sp.Canonical]++
	}
	return out
}

// Naming one "Petro" offers to name every "Petro" PERSON of the article:
// y names all three in one action (one undo), and the entities panel shows
// one entity; n names only that span.
func TestCanonicalNameForTheWholeEntity(t *testing.T) {
	h := petroHarness(t)
	h.Press("c")
	h.TypeText("Gustavo Petro")
	h.Press("enter")
	if _, ok := h.Host.Top().(interface{ Prompt() string }); !ok || !strings.Contains(h.Status().Message, "Merge all 3 PERSON “Petro” into “Gustavo Petro”?") {
		t.Fatalf("no question: %q", h.Status().Message)
	}
	h.Press("y")
	got := canonicals(t, h, "a.txt")
	if got["PERSON Petro → Gustavo Petro"] != 3 || got["PERSON Gustavo Petro → "] != 1 || got["ORG Harbour Board → "] != 1 {
		t.Fatalf("after y: %v", got)
	}
	if !strings.HasPrefix(h.Last.Job.Done, "3 × PERSON “Petro” named Gustavo Petro") {
		t.Errorf("message %q", h.Last.Job.Done)
	}
	if b := canonicals(t, h, "b.txt"); b["PERSON Petro → "] != 1 {
		t.Errorf("another article changed without the corpus key: %v", b)
	}
	h.Press("e")
	p := celltest.Plain(h.View())
	if !strings.Contains(p, "Gustavo Petro ×4") || strings.Contains(p, "Petro ×3") {
		t.Fatalf("the panel shows two entities:\n%s", p)
	}
	h.Press("u")
	if got := canonicals(t, h, "a.txt"); got["PERSON Petro → "] != 3 {
		t.Fatalf("one undo: %v", got)
	}
	if p := celltest.Plain(h.View()); !strings.Contains(p, "Petro ×3") {
		t.Fatalf("the panel after undo:\n%s", p)
	}
	// n: only this span.
	h.MoveTo("Petro left", 0)
	h.Press("c")
	h.TypeText("Gustavo Petro")
	h.Press("enter", "n")
	if got := canonicals(t, h, "a.txt"); got["PERSON Petro → Gustavo Petro"] != 1 || got["PERSON Petro → "] != 2 {
		t.Fatalf("after n: %v", got)
	}
	// esc: nothing. A name no entity has yet names rather than merges.
	h.MoveTo("Petro waved", 0)
	h.Press("c")
	h.TypeText("Someone")
	h.Press("enter")
	if !strings.Contains(h.Status().Message, "Name all 2 PERSON “Petro” “Someone”?") {
		t.Errorf("question %q", h.Status().Message)
	}
	h.Press("esc")
	if got := canonicals(t, h, "a.txt"); got["PERSON Petro → Someone"] != 0 || h.Host.Msg != "Canonical name unchanged" {
		t.Fatalf("after esc: %v %q", got, h.Host.Msg)
	}
}

// With the corpus key the entity is named in every stored article, the
// same label only, in one action that one undo takes back.
func TestCanonicalNameAcrossTheCorpus(t *testing.T) {
	h := petroHarness(t)
	h.Press("c")
	h.TypeText("Gustavo Petro")
	h.Press("enter", "A")
	a, b, c := canonicals(t, h, "a.txt"), canonicals(t, h, "b.txt"), canonicals(t, h, "c.txt")
	if a["PERSON Petro → Gustavo Petro"] != 3 || b["PERSON Petro → Gustavo Petro"] != 1 || c["ORG Petro → "] != 1 {
		t.Fatalf("after A: a %v b %v c %v", a, b, c)
	}
	if !strings.Contains(h.Last.Job.Done, "(1 in 1 other article)") {
		t.Errorf("message %q", h.Last.Job.Done)
	}
	h.Press("u")
	if h.Last.Job.Kind != session.Undo {
		t.Fatal("no undo")
	}
	a, b = canonicals(t, h, "a.txt"), canonicals(t, h, "b.txt")
	if a["PERSON Petro → "] != 3 || b["PERSON Petro → "] != 1 {
		t.Fatalf("one undo: a %v b %v", a, b)
	}
}

// The name prompt offers the names of the span's own label first: merging
// one entity into another is naming it after the other.
func TestCanonicalPromptOffersSameLabelFirst(t *testing.T) {
	h := petroHarness(t)
	h.MoveTo("Harbour", 0) // ORG, one mention; "Petro" (PERSON) has three
	h.Press("c")
	v := celltest.Plain(h.View())
	i := strings.Index(v, "tab: ")
	if i < 0 {
		t.Fatalf("no completions:\n%s", v)
	}
	line := v[i : i+strings.Index(v[i:], "\n")]
	if !strings.HasPrefix(line, "tab: Harbour Board · Petro") {
		t.Fatalf("completions %q: the ORG name should come before the PERSON ones", line)
	}
}
