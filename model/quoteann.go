package model

// QuoteKind says how a quotation sits in its sentence. The detector
// (model/quote) finds it and a QuoteAnn stores it, so it lives here.
type QuoteKind string

const (
	// QuoteDirect is a full quoted utterance: it starts its sentence, or
	// follows its cue ("X said: “…”", "“…,” X said"), or spans paragraphs.
	QuoteDirect QuoteKind = "direct"
	// QuotePartial is quoted words inside a sentence of the writer's own
	// ("… must immediately end “communications and other agreements” until …").
	QuotePartial QuoteKind = "partial"
	// QuoteScare is one or two quoted words that are not an utterance of
	// their own: scare quotes, terms, titles.
	QuoteScare QuoteKind = "scare"
)

// QuoteParaphrase marks a reported statement the user tagged by hand that is
// not in quotation marks.
const QuoteParaphrase QuoteKind = "paraphrase"

// QuoteAnn is a quotation the user accepted (or rejected, so the detector's
// suggestion is not offered again): [Start, End) in code points of the
// article's stored cleaned text, covering the quoted words.
type QuoteAnn struct {
	ID          int64     `json:"id,omitempty"`
	Start       int       `json:"start"`
	End         int       `json:"end"`
	Text        string    `json:"text"`
	Speaker     string    `json:"speaker"`
	SpeakerSpan int64     `json:"speaker_span,omitempty"` // id of the entity span naming the speaker; 0 when none
	Kind        QuoteKind `json:"kind"`
	Status      string    `json:"status"` // QuoteAccepted or QuoteRejected
	Source      string    `json:"source,omitempty"`
}

const (
	QuoteAccepted = "accepted"
	QuoteRejected = "rejected"
)

// Unreviewed reports an imported quotation no one has reviewed yet: a
// rejected one is a decision already.
func (q QuoteAnn) Unreviewed() bool {
	return q.Source != "" && q.Status == QuoteAccepted
}
