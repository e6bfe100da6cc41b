package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"storydesk/model"
	"storydesk/model/dup"
)

// DupRecord is one line of `storydesk dups --json`: a candidate pair of
// copies. A < B; AinB is how much of A's text is found in B (1: A is wholly
// inside B, say a cut copy of it), BinA the other way; Containment is the
// larger of the two. Scores have four decimals.
type DupRecord struct {
	A           string  `json:"a"`
	B           string  `json:"b"`
	Jaccard     float64 `json:"jaccard"`
	Containment float64 `json:"containment"`
	AinB        float64 `json:"a_in_b"`
	BinA        float64 `json:"b_in_a"`
	Kind        string  `json:"kind"` // dup.Exact or dup.Near
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// NewDupRecord is the record of one pair.
func NewDupRecord(p dup.Pair) DupRecord {
	return DupRecord{A: p.A, B: p.B, Jaccard: round4(p.Jaccard), Containment: round4(p.Containment()),
		AinB: round4(p.AinB), BinA: round4(p.BinA), Kind: p.Kind}
}

// WriteDupsJSON writes one JSON line per pair.
func WriteDupsJSON(w io.Writer, pairs []dup.Pair) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, p := range pairs {
		if err := enc.Encode(NewDupRecord(p)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// WriteDupsTable writes the pairs as an aligned table for reading: a, b,
// containment, jaccard, kind, with a header; nothing when there are none.
// IDs go through model.SanitizeLine (they already have, at load; this writer
// must not depend on it).
func WriteDupsTable(w io.Writer, pairs []dup.Pair) error {
	if len(pairs) == 0 {
		return nil
	}
	as, bs := make([]string, len(pairs)), make([]string, len(pairs))
	wa, wb := len("a"), len("b")
	for i, p := range pairs {
		as[i], bs[i] = model.SanitizeLine(p.A), model.SanitizeLine(p.B)
		wa, wb = max(wa, ansi.StringWidth(as[i])), max(wb, ansi.StringWidth(bs[i]))
	}
	pad := func(s string, w int) string { return s + strings.Repeat(" ", w-ansi.StringWidth(s)) }
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s  %s  containment  jaccard  kind\n", pad("a", wa), pad("b", wb))
	for i, p := range pairs {
		fmt.Fprintf(bw, "%s  %s  %11.3f  %7.3f  %s\n", pad(as[i], wa), pad(bs[i], wb), p.Containment(), p.Jaccard, p.Kind)
	}
	return bw.Flush()
}
