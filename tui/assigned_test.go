package tui

import (
	"strings"
	"testing"

	"storydesk/model"
)

// An annotator with assignments sees their unfinished ones first, and
// their progress on them in the bar; one marked done stays where it is
// until the list is read again, the count moves at once.
func TestAssignedFirst(t *testing.T) {
	path := tempDB(t)
	src := entitySource()
	st := openStore(t, path)
	if _, err := st.Assign(ctx(), []*model.Article{src.arts[1], src.arts[2]}, []string{"tester"}, 1, false); err != nil {
		t.Fatal(err)
	}
	st.Close()
	m, _ := startStore(t, src, path, 120, 30)
	if got := strings.Join(rowTitles(m), ","); got != "Story B,Story C,Story A" {
		t.Fatalf("rows %q, want the assigned B and C first", got)
	}
	if !strings.Contains(plain(m), "assigned 0/2 done") {
		t.Fatalf("no assignment progress in the bar:\n%s", plain(m))
	}
	press(t, m, "d") // Story B done
	if !strings.Contains(plain(m), "assigned 1/2 done") {
		t.Fatalf("progress after done:\n%s", plain(m))
	}
	m.br.Refilter()
	if got := strings.Join(rowTitles(m), ","); got != "Story C,Story A,Story B" {
		t.Fatalf("rows after B is done and the list is read again: %q", got)
	}
	// Without assignments the corpus order stays.
	m2, _ := startStore(t, entitySource(), tempDB(t), 120, 30)
	if got := strings.Join(rowTitles(m2), ","); got != "Story A,Story B,Story C" || strings.Contains(plain(m2), "assigned") {
		t.Fatalf("without assignments: %q\n%s", got, plain(m2))
	}
}
