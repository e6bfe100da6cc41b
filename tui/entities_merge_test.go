package tui

import (
	"strings"
	"testing"
)

// Merging an entity through the root, keys in and frame out: m on a tag
// opens the picker (MERGE) over annotate mode, the tag's label first;
// enter merges in one action that u takes back; the help lists the key.
func TestMergeEntityThroughTheRoot(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 38)
	enterAnnotate(t, m)
	moveTo(t, m, "Gustavo", 0)
	apress(t, m, "shift+right", "1")
	moveTo(t, m, "Petro said", 0)
	apress(t, m, "1")
	moveTo(t, m, "Harbour", 0)
	apress(t, m, "shift+right", "2")
	moveTo(t, m, "Petro said", 0)
	apress(t, m, "m")
	f := plain(m)
	if !strings.Contains(f, "Merge “Petro” into") || !strings.Contains(f, " MERGE ") {
		t.Fatalf("no merge picker:\n%s", f)
	}
	if p, o := strings.Index(f, "PERSON Gustavo Petro"), strings.Index(f, "ORG Harbour Board"); p < 0 || o < 0 || p > o {
		t.Fatalf("the PERSON should be offered before the ORG:\n%s", f)
	}
	apress(t, m, "enter")
	if f := plain(m); !strings.Contains(f, "Merged 1 × PERSON “Petro” into PERSON “Gustavo Petro”; u undoes") {
		t.Fatalf("after enter:\n%s", f)
	}
	_, spans := spansOf(t, path, "a.txt")
	named := 0
	for _, sp := range spans {
		if sp.Text == "Petro" && sp.Canonical == "Gustavo Petro" {
			named++
		}
	}
	if named != 1 {
		t.Fatalf("stored %+v", spans)
	}
	apress(t, m, "e")
	if f := plain(m); !strings.Contains(f, "Gustavo Petro ×2") {
		t.Fatalf("entities panel:\n%s", f)
	}
	apress(t, m, "u")
	if _, spans := spansOf(t, path, "a.txt"); len(spans) != 3 || spans[len(spans)-1].Canonical != "" {
		t.Fatalf("undo: %+v", spans)
	}
	press(t, m, "?")
	if f := plain(m); !strings.Contains(f, "m merge entity into…") {
		t.Fatalf("help lacks the merge key:\n%s", f)
	}
}
