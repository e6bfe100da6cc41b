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
	ID          int64  `json:"id,omitempty"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Text        string `json:"text"`
	Speaker     string `json:"speaker"`
	SpeakerSpan int64  `json:"speaker_span,omitempty"` // id of the entity span naming the speaker; 0 when none
	// MentionStart and MentionEnd are the code points of the words the
	// attribution rests on ("he", "Treasury Secretary Scott Bessent", "a
	// spokeswoman"), which need not be a tagged span; both 0 when none.
	MentionStart int       `json:"mention_start,omitempty"`
	MentionEnd   int       `json:"mention_end,omitempty"`
	Kind         QuoteKind `json:"kind"`
	Status       string    `json:"status"` // QuoteAccepted or QuoteRejected
	Source       string    `json:"source,omitempty"`
}

const (
	QuoteAccepted = "accepted"
	QuoteRejected = "rejected"
)

// HasMention reports that the quotation records where its speaker is
// mentioned.
func (q QuoteAnn) HasMention() bool { return q.MentionEnd > q.MentionStart }

// Unreviewed reports an imported quotation no one has reviewed yet: a
// rejected one is a decision already.
func (q QuoteAnn) Unreviewed() bool {
	return q.Source != "" && q.Status == QuoteAccepted
}

// MoveMention moves the speaker's mention by d code points, as its
// quotation moved from oldText to newText; a mention that does not read the
// same there (it sat in text that changed) is dropped.
func (q *QuoteAnn) MoveMention(oldText, newText string, d int) {
	if !q.HasMention() {
		return
	}
	was := RuneSlice(oldText, q.MentionStart, q.MentionEnd)
	s, e := q.MentionStart+d, q.MentionEnd+d
	if s < 0 || was == "" || RuneSlice(newText, s, e) != was {
		q.MentionStart, q.MentionEnd = 0, 0
		return
	}
	q.MentionStart, q.MentionEnd = s, e
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
		d := sp.Start - q.Start
		q.Start, q.End = sp.Start, sp.End
		if gone[q.SpeakerSpan] {
			q.SpeakerSpan = 0
		}
		q.MoveMention(oldText, newText, d)
		placed = append(placed, q)
	}
	for _, sp := range l {
		lost = append(lost, byID[sp.ID])
	}
	return placed, lost
}
