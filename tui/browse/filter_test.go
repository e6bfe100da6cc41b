package browse_test

import (
	"slices"
	"testing"

	"storydesk/tui/browse"
)

func TestNarrows(t *testing.T) {
	cases := []struct {
		old, new string
		want     bool
	}{
		{"riv", "rive", true},
		{"river", "river c", true},
		{"c river", "river co", true},
		{"river", "rive", false},
		{"ab", "b a", false},
		{"", "a", false},
	}
	for _, c := range cases {
		_, o := browse.NormaliseQuery(c.old)
		_, n := browse.NormaliseQuery(c.new)
		if got := browse.Narrows(o, n); got != c.want {
			t.Errorf("narrows(%q, %q) = %v", c.old, c.new, got)
		}
	}
}

// A scan matches every term in the title or the outlet, across chunk
// boundaries, and narrowing rescans only the base.
func TestScan(t *testing.T) {
	n := 10_000
	titles, outlets := make([]string, n), make([]string, n)
	for i := range titles {
		titles[i] = "Story"
		outlets[i] = "Wire"
		if i%1000 == 7 {
			titles[i] = "River Rises"
		}
		if i%2000 == 7 {
			outlets[i] = "Courier"
		}
	}
	all := browse.ScanTitles(titles, outlets, "RIVER", nil)
	if len(all) != 10 || all[9] != 9007 {
		t.Fatalf("river: %v", all)
	}
	both := browse.ScanTitles(titles, outlets, " river   courier ", nil)
	if !slices.Equal(both, []int32{7, 2007, 4007, 6007, 8007}) {
		t.Fatalf("river courier: %v", both)
	}
	if got := browse.ScanTitles(titles, outlets, "river courier", all[:3]); !slices.Equal(got, []int32{7, 2007}) {
		t.Fatalf("narrowed from a base: %v", got)
	}
	if q, terms := browse.NormaliseQuery("  Ab \x1b[31m  CD "); q != "ab cd" || len(terms) != 2 {
		t.Fatalf("normalised %q %q", q, terms)
	}
}
