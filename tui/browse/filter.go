package browse

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// filterDoneMsg carries one finished filter scan back to the update loop.
type filterDoneMsg struct {
	gen     int
	query   string  // normalised query the scan matched
	version uint64  // item store version of the haystacks scanned
	matches []int32 // item indices, ascending (best first when ranked)
	ranked  bool
	problem string // what a field of the query needs (fuzzy.Parse)
}

// filterResult is the last applied scan: the base for narrowing.
type filterResult struct {
	query   string
	terms   []string
	version uint64
	matches []int32
}

// normaliseQuery lower-cases the query and collapses its spaces; its terms
// are what narrowing compares (fuzzy.Parse reads the query itself).
func normaliseQuery(q string) (string, []string) {
	terms := strings.Fields(strings.ToLower(ui.CleanLine(q)))
	return strings.Join(terms, " "), terms
}

// narrows reports whether every item matching old terms is a superset of
// those matching new terms, i.e. each old term is inside some new term.
func narrows(old, new []string) bool {
	if len(old) == 0 || !plainQuery(old) || !plainQuery(new) {
		return false // an empty filter had no scan to narrow from
	}
	for _, o := range old {
		found := false
		for _, n := range new {
			if strings.Contains(n, o) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// filterCmd scans haystacks off the update loop. With a base it only rescans
// the base's matches (typing one more letter narrows); otherwise it scans
// every item once.
func filterCmd(gen int, query string, m *matcher, problem string, snap haySnap, version uint64, base []int32) tea.Cmd {
	return func() tea.Msg {
		return filterDoneMsg{gen: gen, query: query, version: version, matches: m.scan(snap, base), ranked: m.ranked, problem: problem}
	}
}
