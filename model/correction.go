package model

// Correction overrides the cleaner on a range of raw text: every paragraph
// lying wholly inside [Start, End) is kept as body (Keep) or removed with
// ReasonUser. Offsets are code points of the raw (sanitised) text, as in
// Removed; a correction usually names exactly one paragraph (clean.ParaRange).
// A correction that covers no paragraph (the raw text changed since it was
// made) has no effect; clean.UnusedCorrections lists those.
//
// It is the one form of a correction: the store reads and writes it (as
// raw_start, raw_end, keep), the cleaner applies it and the reader shows it.
type Correction struct {
	Start int  `json:"start"`
	End   int  `json:"end"`
	Keep  bool `json:"keep"`
}

// CorrectionFor returns the correction deciding the paragraph [start, end):
// the narrowest one covering it, the later one in corr on a tie (so a
// correction appended to a list overrides an equal one before it).
func CorrectionFor(corr []Correction, start, end int) (Correction, bool) {
	best, found := Correction{}, false
	for _, c := range corr {
		if c.Start > start || c.End < end || c.End <= c.Start {
			continue
		}
		if !found || c.End-c.Start <= best.End-best.Start {
			best, found = c, true
		}
	}
	return best, found
}
