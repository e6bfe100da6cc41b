package dups

import "storydesk/model/dup"

// DetectedPairs is how detection stands, for other features that build on
// its pairs (story grouping): the candidate pairs once it has finished,
// and whether it is running now (so a caller waits rather than signing
// every article a second time).
func (f *Feature) DetectedPairs() (pairs []dup.Pair, finished, running bool) {
	if f.finished && f.rep != nil {
		return f.rep.Pairs, true, false
	}
	return nil, false, f.job != nil
}
