package model

// Reason says why the cleaner removed part of the raw text. The values are
// shown to users and written to JSON, so they are stable lower-case words.
type Reason string

const (
	ReasonCaption   Reason = "caption"   // photo caption or credit
	ReasonSection   Reason = "section"   // section label ("World", "Politics")
	ReasonByline    Reason = "byline"    // byline or agency line
	ReasonDateline  Reason = "dateline"  // "BOGOTA, Colombia — " prefix, kept as metadata
	ReasonHeadline  Reason = "headline"  // becomes the title
	ReasonStandfirst Reason = "standfirst" // becomes the summary
	ReasonRelated   Reason = "related"   // related-headline list
	ReasonCTA       Reason = "cta"       // call to action: "Sign up", "Read more", "Leave a comment"
	ReasonEmbed     Reason = "embed"     // embedded social post
	ReasonFooter    Reason = "footer"    // copyright / reproduction notice
	ReasonShare     Reason = "share"     // share buttons, cookie notices
	ReasonBoiler    Reason = "boilerplate" // anything else that is not article prose
)

// Removed is one range of raw text the cleaner took out. Start and End are
// Unicode code point offsets into the raw (sanitised) text, End exclusive.
type Removed struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Reason Reason `json:"reason"`
	Text   string `json:"text"`
}

// Cleaned is the result of cleaning one article's raw text.
type Cleaned struct {
	Text     string    // the article body: kept text, paragraphs separated by a blank line
	Removed  []Removed // in raw-text order, not overlapping
	Title    string    // headline found at the top, if any
	Summary  string    // standfirst, if any
	Byline   string    // byline or agency, if any
	Dateline string    // dateline prefix, if any
}
