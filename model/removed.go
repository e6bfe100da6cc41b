package model

import "sort"

// Reason says why the cleaner removed part of the raw text. The values are
// shown to users and written to JSON, so they are stable lower-case words.
type Reason string

const (
	ReasonCaption    Reason = "caption"     // photo caption or credit
	ReasonSection    Reason = "section"     // section label ("World", "Politics")
	ReasonByline     Reason = "byline"      // byline or agency line
	ReasonDateline   Reason = "dateline"    // "BOGOTA, Colombia — " prefix, kept as metadata
	ReasonHeadline   Reason = "headline"    // becomes the title
	ReasonStandfirst Reason = "standfirst"  // becomes the summary
	ReasonRelated    Reason = "related"     // related-headline list
	ReasonCTA        Reason = "cta"         // call to action: "Sign up", "Read more", "Leave a comment"
	ReasonEmbed      Reason = "embed"       // embedded social post
	ReasonFooter     Reason = "footer"      // copyright / reproduction notice
	ReasonShare      Reason = "share"       // share buttons, cookie notices
	ReasonBoiler     Reason = "boilerplate" // anything else that is not article prose
	ReasonNav        Reason = "navigation"  // page furniture around the article: menus, teaser lists, widgets
	ReasonComment    Reason = "comments"    // readers' comment thread
	ReasonUser       Reason = "user"        // removed by the reviewer (a Correction)
)

// Removed is one range of raw text the cleaner took out. Start and End are
// Unicode code point offsets into the raw (sanitised) text, End exclusive.
type Removed struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Reason Reason `json:"reason"`
	Text   string `json:"text"`
}

// RemovedPara returns the removed range that takes out the whole paragraph
// [start, end), if any. removed is in raw order (as in Article and
// clean.Cleaned); a range inside the paragraph (a dateline cut off a kept
// one) does not count: that paragraph is kept.
func RemovedPara(removed []Removed, start, end int) (Removed, bool) {
	i := sort.Search(len(removed), func(i int) bool { return removed[i].End > start })
	if i < len(removed) && removed[i].Start <= start && removed[i].End >= end {
		return removed[i], true
	}
	return Removed{}, false
}
