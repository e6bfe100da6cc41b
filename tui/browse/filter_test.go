package browse_test

import (
	"slices"
	"strings"
	"testing"

	"storydesk/model/fuzzy"
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
		// Fields stay as they were; words narrow as before.
		{"date:2025-09.. ha", "date:2025-09.. har", true},
		{"outlet:wire ha", "outlet:wire har", true},
		{"date:2025-09 ha", "date:2025-09..2025-10 har", false},
		{"outlet:wire", "outlet:wires", false},
		{"label:person ha", "label:person har", false}, // annotations change with writes
		{"'fer", "'ferr", true},
		{"fer", "'ferry", true},
		{"'fer", "ferry", false},
		{"-strike ha", "-strike har", true},
		{"-strike", "-strikes", false},
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

var filterRows = []browse.FilterRow{
	{"Harbour ferry talks resume", "Port Ellis Courier", "2025-09-14", "a"},  // 0
	{"Ferry strike called off", "Valley Wire", "2025-10-02T08:00:00Z", "b"},  // 1
	{"Wind vote delayed", "Port Ellis Courier", "2025-11-20", "c"},           // 2
	{"Coral pact signed in Kraków", "Βόρειος Τύπος", "", "d"},                // 3
	{"Shipyard reopens after ferry refit", "Valley Wire", "2025-09-30", "e"}, // 4
	{"Festival of jazz opens", "Halvard Gazette", "14 September 2025", "f"},  // 5
}

// Field filters combine with each other and with fuzzy terms.
func TestFilterFields(t *testing.T) {
	labelled := map[string]bool{"a": true, "d": true}
	facts := func(f fuzzy.Field) (func(string, int) bool, bool) {
		switch f.Key {
		case "label":
			return func(id string, _ int) bool { return f.Value == "PERSON" && labelled[id] }, true
		case "dup":
			return func(_ string, i int) bool { return i == 1 || i == 4 }, true
		}
		return nil, false
	}
	for _, c := range []struct {
		q    string
		want []int32
	}{
		{"ferry", []int32{0, 1, 4}},
		{"outlet:courier", []int32{0, 2}},
		{"ferry outlet:wire", []int32{1, 4}},
		{"date:2025-09", []int32{0, 4}},
		{"date:2025-09..2025-10", []int32{0, 1, 4}},
		{"date:2025-10..", []int32{1, 2}},
		{"-outlet:wire date:..2025-12", []int32{0, 2}},
		{"label:PERSON", []int32{0, 3}},
		{"label:person ferry", []int32{0}},
		{"-label:PERSON outlet:wire", []int32{1, 4}},
		{"dup:", []int32{1, 4}},
		{"dup: -'strike", []int32{4}},
		{"kraków", []int32{3}},
		{"τύπος", []int32{3}},
	} {
		got, problem := browse.ScanRows(filterRows, c.q, facts)
		if problem != "" || !slices.Equal(got, c.want) {
			t.Errorf("%q: got %v (%q), want %v", c.q, got, problem, c.want)
		}
	}
	// A field nothing answers, or a value that cannot be read, says so.
	if got, problem := browse.ScanRows(filterRows, "status:done", facts); len(got) != 0 || !strings.Contains(problem, "needs the annotation store") {
		t.Errorf("status without a store: %v %q", got, problem)
	}
	if got, problem := browse.ScanRows(filterRows, "status:finished ferry", facts); len(got) != 0 || !strings.Contains(problem, "new, in-progress or done") {
		t.Errorf("a field that cannot be read should match nothing and say why: %v %q", got, problem)
	}
}

// Fuzzy terms rank: the word-start, contiguous match first.
func TestFilterRanks(t *testing.T) {
	got, _ := browse.ScanRows(filterRows, "fer", nil)
	if len(got) < 3 || got[0] != 0 && got[0] != 1 || !slices.Contains(got, 4) {
		t.Fatalf("fer: %v", got)
	}
	got, _ = browse.ScanRows(filterRows, "wv", nil) // w… v… at word starts: Wind vote
	if len(got) == 0 || got[0] != 2 {
		t.Fatalf("wv: %v", got)
	}
}
