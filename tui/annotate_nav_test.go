package tui

import (
	"strings"
	"testing"
)

// Reaching a name as a user does, keys in and frame out: f and its first
// letter jump to the only word starting with it, / finds the next matches
// with their count in the status bar, n steps, 1 tags the match, esc
// drops the search, and c names the entity, asked for every span of it;
// the help lists the new keys.
func TestAnnotateJumpSearchAndNameEndToEnd(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	enterAnnotate(t, m)
	apress(t, m, "f")
	if !strings.Contains(plain(m), "JUMP") || !strings.Contains(plain(m), "Jump: type the first letter") {
		t.Fatalf("f:\n%s", plain(m))
	}
	apress(t, m, "g") // "Gustavo", the one g word
	if cursorText(m) != "Gustavo" {
		t.Fatalf("f g put the cursor on %q", cursorText(m))
	}
	apress(t, m, "/")
	typeText(t, m, "petro")
	if f := plain(m); !strings.Contains(f, "SEARCH") || !strings.Contains(f, "/petro  1/2") {
		t.Fatalf("typing a search:\n%s", f)
	}
	apress(t, m, "enter", "n")
	if f := plain(m); !strings.Contains(f, "/petro 2/2") || cursorText(m) != "Petro" {
		t.Fatalf("n: cursor on %q\n%s", cursorText(m), f)
	}
	apress(t, m, "1")
	if !strings.Contains(plain(m), "Tagged “Petro” PERSON") {
		t.Fatalf("1 on a match:\n%s", plain(m))
	}
	apress(t, m, "esc")
	if strings.Contains(plain(m), "/petro") || !m.annotating() {
		t.Fatalf("esc:\n%s", plain(m))
	}
	// The span under the cursor named after "Gustavo Petro", tagged first.
	apress(t, m, "f", "g", "shift+right", "1", "n", "c")
	typeText(t, m, "Gustavo Petro")
	apress(t, m, "enter")
	if !strings.Contains(plain(m), "“Petro” is now Gustavo Petro") {
		t.Fatalf("naming:\n%s", plain(m))
	}
	apress(t, m, "e")
	if f := plain(m); !strings.Contains(f, "Gustavo Petro ×2") {
		t.Fatalf("entities panel:\n%s", f)
	}
	press(t, m, "?")
	if f := plain(m); !strings.Contains(f, "jump to a word") || !strings.Contains(f, "search the article") {
		t.Fatalf("help lacks the new keys:\n%s", f)
	}
}
