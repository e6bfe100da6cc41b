package export

import (
	"encoding/json"
	"io"

	"storydesk/model"
	"storydesk/model/quote"
)

// QuoteRecord is one line of `storydesk quotes --json`: a detected quotation
// with offsets in code points of the article's cleaned text.
type QuoteRecord struct {
	Article string          `json:"article"`
	Path    string          `json:"path"`
	Text    string          `json:"text"`
	Start   int             `json:"start"`
	End     int             `json:"end"`
	Speaker string          `json:"speaker"`
	Cue     string          `json:"cue"`
	Kind    model.QuoteKind `json:"kind"`
	Role    string          `json:"role,omitempty"`
	Via     string          `json:"via,omitempty"`

	// The mention the attribution rests on ("he", "Treasury Secretary
	// Scott Bessent") and the cue, in code points; -1 when there is none.
	SpeakerStart int `json:"speaker_start"`
	SpeakerEnd   int `json:"speaker_end"`
	CueStart     int `json:"cue_start"`
	CueEnd       int `json:"cue_end"`
}

// WriteQuotesJSON writes one JSON line per detected quotation in a.
func WriteQuotesJSON(w io.Writer, a *model.Article, quotes []quote.Quote) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, q := range quotes {
		rec := QuoteRecord{Article: a.ID, Path: a.Path, Text: q.Text, Start: q.Start, End: q.End,
			Speaker: q.Speaker, Cue: q.Cue, Kind: q.Kind, Role: q.Role, Via: q.Via,
			SpeakerStart: q.SpeakerStart, SpeakerEnd: q.SpeakerEnd, CueStart: q.CueStart, CueEnd: q.CueEnd}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}
