package tui

import (
	"strings"
	"testing"
)

// The list counts each article's imported annotations to review and keeps
// the count as they are reviewed; the help lists the review keys.
func TestListCountsImportedToReview(t *testing.T) {
	path := tempDB(t)
	importFixture(t, path)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	row := func(title string) string {
		t.Helper()
		for _, l := range strings.Split(plain(m), "\n") {
			if strings.Contains(l, title) && !strings.Contains(l, "─ "+title) && !strings.Contains(l, "━ "+title) {
				return l
			}
		}
		t.Fatalf("no row %q:\n%s", title, plain(m))
		return ""
	}
	if r := row("Story A"); !strings.Contains(r, "↓5 Story A") {
		t.Fatalf("Story A's row does not count its imports: %q", r)
	}
	if r := row("Story B"); strings.Contains(r, "↓") {
		t.Fatalf("Story B has nothing imported: %q", r)
	}
	enterAnnotate(t, m)
	if p := plain(m); !strings.Contains(p, "i next imported") || !strings.Contains(p, "y accept imported") {
		t.Fatalf("the short help does not offer the review keys:\n%s", p)
	}
	press(t, m, "?")
	if p := plain(m); !strings.Contains(p, "Y accept all imported") || !strings.Contains(p, "I previous imported") {
		t.Fatalf("the help does not list the review keys:\n%s", p)
	}
	press(t, m, "?")
	moveTo(t, m, "Ilse", 0)
	apress(t, m, "y", "esc")
	press(t, m, "esc")
	if r := row("Story A"); !strings.Contains(r, "↓4 Story A") {
		t.Fatalf("after accepting one: %q", r)
	}
	enterAnnotate(t, m)
	apress(t, m, "Y", "esc")
	press(t, m, "esc")
	if r := row("Story A"); strings.Contains(r, "↓") {
		t.Fatalf("nothing left to review, yet the list shows a count: %q", r)
	}
}
