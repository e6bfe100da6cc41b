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

// Reanchor moves spans from oldText onto newText: each span goes to the
// occurrence of its exact text in newText nearest its old position (measured
// in code points), without overlapping spans already placed. Spans whose text
// no longer occurs are returned in lost, untouched, so the caller can report
// them; nothing is dropped silently.
func Reanchor(newText string, spans []Span) (placed, lost []Span) {
	runes := []rune(newText)
	var taken []Span
	for _, s := range spans {
		want := []rune(s.Text)
		best, bestDist := -1, 0
		if len(want) > 0 {
			for i := 0; i+len(want) <= len(runes); i++ {
				if runes[i] != want[0] || string(runes[i:i+len(want)]) != s.Text {
					continue
				}
				if _, clash := FindOverlap(taken, i, i+len(want), 0); clash {
					continue
				}
				d := i - s.Start
				if d < 0 {
					d = -d
				}
				if best < 0 || d < bestDist {
					best, bestDist = i, d
				}
			}
		}
		if best < 0 {
			lost = append(lost, s)
			continue
		}
		s.Start, s.End = best, best+len(want)
		taken = append(taken, s)
		placed = append(placed, s)
	}
	return placed, lost
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
