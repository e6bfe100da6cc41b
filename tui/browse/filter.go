package browse

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// filterDoneMsg carries one finished filter scan back to the update loop.
type filterDoneMsg struct {
	gen     int
	query   string // normalised query the scan matched
	version uint64 // item store version of the haystacks scanned
	res     scanResult
	problem string // what a field of the query needs (fuzzy.Parse)
}

// filterResult is the last applied scan: the base for narrowing.
type filterResult struct {
	query   string
	terms   []string
	version uint64
	matches []int32 // in the order shown
	asc     []int32 // ascending: the base the next narrowing scan reads
}

// normaliseQuery lower-cases the query and collapses its spaces; its terms
// are what narrowing compares (fuzzy.Parse reads the query itself).
func normaliseQuery(q string) (string, []string) {
	terms := strings.Fields(strings.ToLower(ui.CleanLine(q)))
	return strings.Join(terms, " "), terms
}

// narrows reports whether every item matching the new terms matches the
// old ones too, so the new scan need only recheck the old matches: each old
// fuzzy word is inside some new word (fuzzy or exact), each exact word
// inside a new exact word, and negated words and fields are kept as they
// were. Fields about annotations (label:, status:, has:, dup:) never
// narrow: what they answer changes with every write.
func narrows(old, new []string) bool {
	if len(old) == 0 {
		return false // an empty filter had no scan to narrow from
	}
	for _, o := range old {
		if !keptBy(o, new) {
			return false
		}
	}
	return true
}

func keptBy(o string, new []string) bool {
	kind := tokenKind(o)
	if kind == tokFact {
		return false
	}
	for _, n := range new {
		switch nk := tokenKind(n); {
		case kind == tokFuzzy && nk == tokFuzzy && strings.Contains(n, o):
			return true
		case kind == tokFuzzy && nk == tokExact && strings.Contains(n[1:], o):
			return true
		case kind == tokExact && nk == tokExact && strings.Contains(n[1:], o[1:]):
			return true
		case (kind == tokNegated || kind == tokField) && n == o:
			return true
		}
	}
	return false
}

type tokKind uint8

const (
	tokFuzzy tokKind = iota
	tokExact
	tokNegated
	tokField // outlet:, date: (they read the haystacks alone)
	tokFact  // label:, status:, has:, dup:
)

// tokenKind classifies one word of a normalised query as fuzzy.Parse does.
func tokenKind(t string) tokKind {
	body := t
	neg := len(body) > 1 && (body[0] == '-' || body[0] == '!')
	if neg {
		body = body[1:]
	}
	if k, _, ok := strings.Cut(body, ":"); ok {
		switch k {
		case "outlet", "date":
			return tokField
		case "label", "status", "has", "dup":
			return tokFact
		}
	}
	switch {
	case neg:
		return tokNegated
	case len(t) > 1 && t[0] == '\'':
		return tokExact
	}
	return tokFuzzy
}

// filterCmd scans haystacks off the update loop. With a base (ascending) it
// only rescans the base's matches (typing one more letter narrows);
// otherwise it scans every item once.
func filterCmd(gen int, query string, m *matcher, problem string, snap haySnap, version uint64, base []int32) tea.Cmd {
	return func() tea.Msg {
		return filterDoneMsg{gen: gen, query: query, version: version, res: m.scan(snap, base), problem: problem}
	}
}
