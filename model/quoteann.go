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

// ReanchorQuotes moves stored quotations onto newText as Reanchor moves
// spans; a quotation whose speaker's span is lost keeps its speaker but
// loses the link. Those whose words no longer occur come back in lost.
// (Annotate mode's re-anchoring and the cleaner's corrections share it.)
func ReanchorQuotes(oldText, newText string, quotes []QuoteAnn, lostSpans []Span) (placed, lost []QuoteAnn) {
	if len(quotes) == 0 {
		return nil, nil
	}
	as := make([]Span, len(quotes))
	byID := make(map[int64]QuoteAnn, len(quotes))
	for i, q := range quotes {
		as[i] = Span{ID: q.ID, Start: q.Start, End: q.End, Text: q.Text}
		byID[q.ID] = q
	}
	p, l := Reanchor(oldText, newText, as)
	gone := map[int64]bool{}
	for _, sp := range lostSpans {
		gone[sp.ID] = true
	}
	for _, sp := range p {
		q := byID[sp.ID]
		q.Start, q.End = sp.Start, sp.End
		if gone[q.SpeakerSpan] {
			q.SpeakerSpan = 0
		}
		placed = append(placed, q)
	}
	for _, sp := range l {
		lost = append(lost, byID[sp.ID])
	}
	return placed, lost
}
