package model

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
)

// Status is an article's review state.
type Status string

const (
	StatusNew        Status = "new"
	StatusInProgress Status = "in-progress"
	StatusDone       Status = "done"
)

// Span is one entity annotation: [Start, End) in code points of the article's
// stored cleaned text, with its label and the text it covers (kept so a span
// can be checked, and re-anchored if the text changes).
type Span struct {
	ID        int64  `json:"id,omitempty"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Label     string `json:"label"`
	Text      string `json:"text"`
	Canonical string `json:"canonical,omitempty"` // joins variants: "Petro" → "Gustavo Petro"
	Source    string `json:"source,omitempty"`    // where it came from when not typed here (an import)
}

// Overlaps reports whether [start, end) shares a code point with s.
func (s Span) Overlaps(start, end int) bool { return start < s.End && s.Start < end }

// FindOverlap returns the first span in spans that overlaps [start, end),
// ignoring the span whose ID is except (0 ignores none).
func FindOverlap(spans []Span, start, end int, except int64) (Span, bool) {
	for _, s := range spans {
		if (except == 0 || s.ID != except) && s.Overlaps(start, end) {
			return s, true
		}
	}
	return Span{}, false
}

// SortSpans orders spans by position.
func SortSpans(spans []Span) {
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].Start != spans[j].Start {
			return spans[i].Start < spans[j].Start
		}
		return spans[i].End < spans[j].End
	})
}

// HashText is the content hash that tells whether an article's cleaned text
// has changed since it was annotated.
func HashText(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// Reanchor moves spans from oldText onto newText. Each span goes to an
// occurrence of its exact text in newText, preferring the one whose
// surrounding words match the old context, then the one nearest where the
// span would be after the shift seen in the spans placed before it (so a
// paragraph added at the top does not pull spans onto earlier mentions).
// Spans are never placed overlapping each other. Spans whose text no longer
// occurs come back in lost, untouched, for the caller to report: nothing is
// dropped silently.
func Reanchor(oldText, newText string, spans []Span) (placed, lost []Span) {
	oldRunes, runes := []rune(oldText), []rune(newText)
	sorted := append([]Span(nil), spans...)
	SortSpans(sorted)
	var taken []Span
	delta := 0
	for _, s := range sorted {
		want := []rune(s.Text)
		best, bestScore := -1, 0
		for i := 0; len(want) > 0 && i+len(want) <= len(runes); i++ {
			if runes[i] != want[0] || string(runes[i:i+len(want)]) != s.Text {
				continue
			}
			clash := false
			for _, t := range taken {
				if t.Overlaps(i, i+len(want)) {
					clash = true
					break
				}
			}
			if clash {
				continue
			}
			ctx := contextMatch(oldRunes, s.Start, s.End, runes, i, i+len(want))
			dist := i - (s.Start + delta)
			if dist < 0 {
				dist = -dist
			}
			// Context dominates; distance breaks ties.
			score := ctx*len(runes) - dist
			if best < 0 || score > bestScore {
				best, bestScore = i, score
			}
		}
		if best < 0 {
			lost = append(lost, s)
			continue
		}
		delta = best - s.Start
		s.Start, s.End = best, best+len(want)
		taken = append(taken, s)
		placed = append(placed, s)
	}
	return placed, lost
}

// contextMatch counts how many code points before and after two ranges agree
// (up to 24 on each side).
func contextMatch(a []rune, as, ae int, b []rune, bs, be int) int {
	n := 0
	for k := 1; k <= 24 && as-k >= 0 && bs-k >= 0 && as-k < len(a) && a[as-k] == b[bs-k]; k++ {
		n++
	}
	for k := 0; k < 24 && ae+k < len(a) && be+k < len(b) && ae+k >= 0 && a[ae+k] == b[be+k]; k++ {
		n++
	}
	return n
}

// NormalizeLabels upper-cases and de-duplicates a label list, keeping order.
func NormalizeLabels(labels []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range labels {
		l = strings.ToUpper(strings.TrimSpace(l))
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	return out
}

// DefaultLabels are spaCy's OntoNotes entity names, so exports load in spaCy.
var DefaultLabels = []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "DATE", "MONEY"}
