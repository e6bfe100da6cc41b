package model

// DupLabel is a reviewer's verdict on a candidate pair of articles. It is
// stored with the pair; dup.Clusters reads a set of them.
type DupLabel string

const (
	LabelDuplicate DupLabel = "duplicate"      // the same text
	LabelNearDup   DupLabel = "near-duplicate" // the same source text, edited
	LabelSameStory DupLabel = "same-story"     // a different write-up of one event
	LabelNotDup    DupLabel = "not-duplicate"
)
