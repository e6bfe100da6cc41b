// Package report renders a story's analysis (story.Story) for people and
// programs: Record is its JSON form (one object per story, as `storydesk
// story --json` writes it) and Markdown a readable report with headings
// and tables, for any Markdown viewer. Both are pure: they build values
// and strings, and the caller writes them.
//
// Article text is untrusted: Markdown sanitises and escapes every piece of
// it; JSON needs no escaping beyond its own, and the text was sanitised
// when it was loaded.
package report

import (
	"time"

	"storydesk/model/story"
)

// Record is a story as one JSON object. Offsets are Unicode code points
// into each article's cleaned text.
type Record struct {
	ID            string              `json:"id"`
	Articles      []ArticleRecord     `json:"articles"`
	Quotes        []QuoteRecord       `json:"quotes"`
	Discrepancies []DiscrepancyRecord `json:"discrepancies"`
	Unique        []PassageRecord     `json:"unique"`
	Dropped       []PassageRecord     `json:"dropped"`
	Entities      []EntityRecord      `json:"entities"`
}

// ArticleRecord is one article of the timeline.
type ArticleRecord struct {
	ID          string  `json:"id"`
	Path        string  `json:"path"`
	Title       string  `json:"title"`
	Outlet      string  `json:"outlet"`
	Byline      string  `json:"byline,omitempty"`
	Date        string  `json:"date"` // RFC 3339 with a time of day, else YYYY-MM-DD; "" when unknown
	DateGuessed bool    `json:"date_guessed"`
	DateFrom    string  `json:"date_from,omitempty"` // metadata, dateline, text, weekday
	DateNote    string  `json:"date_note,omitempty"`
	Words       int     `json:"words"`
	Length      int     `json:"length"` // code points
	Relation    string  `json:"relation"`
	Of          string  `json:"of"`
	Containment float64 `json:"containment,omitempty"`
	Edits       int     `json:"edits,omitempty"`
}

// QuoteRecord is one quotation and who carried it.
type QuoteRecord struct {
	Text      string          `json:"text"`
	Speaker   string          `json:"speaker"`
	Article   string          `json:"article"` // where text is from
	Start     int             `json:"start"`
	End       int             `json:"end"`
	CarriedBy []CarrierRecord `json:"carried_by"`
}

// CarrierRecord is one article that carries a quotation.
type CarrierRecord struct {
	Article string `json:"article"`
	Exact   bool   `json:"exact"`
	Quoted  bool   `json:"quoted"` // in quotation marks, not the outlet's own prose
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text,omitempty"` // its wording, when not exact
}

// DiscrepancyRecord is one fact the articles state differently.
type DiscrepancyRecord struct {
	Kind    string        `json:"kind"`
	Context string        `json:"context"`
	Values  []ValueRecord `json:"values"`
}

// ValueRecord is one value and the articles that give it.
type ValueRecord struct {
	Value    string          `json:"value"`
	Articles []string        `json:"articles"`
	Mentions []MentionRecord `json:"mentions"`
}

// MentionRecord is where an article gives the value, and its sentence.
type MentionRecord struct {
	Article       string `json:"article"`
	Start         int    `json:"start"`
	End           int    `json:"end"`
	SentenceStart int    `json:"sentence_start"`
	SentenceEnd   int    `json:"sentence_end"`
	Sentence      string `json:"sentence"`
}

// PassageRecord is a passage of one article.
type PassageRecord struct {
	Article string `json:"article"`
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	By      string `json:"by,omitempty"` // the cut that dropped it (dropped passages)
}

// EntityRecord is one entity of the story.
type EntityRecord struct {
	Text     string        `json:"text"`
	Label    string        `json:"label"`
	Articles []string      `json:"articles"`
	Mentions int           `json:"mentions"`
	Variants []string      `json:"variants,omitempty"`
	At       []PlaceRecord `json:"at"` // its first mention in each article
}

// PlaceRecord is a range of an article's text.
type PlaceRecord struct {
	Article string `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// NewRecord converts a story to its JSON form. Lists are never null.
func NewRecord(s *story.Story) Record {
	r := Record{ID: s.ID, Articles: []ArticleRecord{}, Quotes: []QuoteRecord{}, Discrepancies: []DiscrepancyRecord{},
		Unique: passages(s.Unique), Dropped: passages(s.Dropped), Entities: []EntityRecord{}}
	for _, a := range s.Articles {
		r.Articles = append(r.Articles, ArticleRecord{
			ID: a.ID, Path: a.Path, Title: a.Title, Outlet: a.Outlet, Byline: a.Byline,
			Date: FormatDate(a), DateGuessed: a.Guessed(), DateFrom: a.DateFrom, DateNote: a.DateNote,
			Words: a.Words, Length: a.Length, Relation: string(a.Relation), Of: a.Of,
			Containment: round(a.Containment), Edits: a.Edits,
		})
	}
	for _, q := range s.Quotes {
		qr := QuoteRecord{Text: q.Text, Speaker: q.Speaker, Article: q.Article, Start: q.Start, End: q.End, CarriedBy: []CarrierRecord{}}
		for _, c := range q.Cells {
			if c.Carry == story.CarryMissing {
				continue
			}
			cr := CarrierRecord{Article: c.Article, Exact: c.Carry == story.CarryExact, Quoted: c.Quoted, Start: c.Start, End: c.End}
			if !cr.Exact {
				cr.Text = c.Text
			}
			qr.CarriedBy = append(qr.CarriedBy, cr)
		}
		r.Quotes = append(r.Quotes, qr)
	}
	for _, d := range s.Discrepancies {
		dr := DiscrepancyRecord{Kind: d.Kind, Context: d.Context, Values: []ValueRecord{}}
		for _, v := range d.Values {
			vr := ValueRecord{Value: v.Value, Articles: v.Articles, Mentions: []MentionRecord{}}
			for _, m := range v.Mentions {
				vr.Mentions = append(vr.Mentions, MentionRecord{Article: m.Article, Start: m.Start, End: m.End,
					SentenceStart: m.SentStart, SentenceEnd: m.SentEnd, Sentence: m.Sentence})
			}
			dr.Values = append(dr.Values, vr)
		}
		r.Discrepancies = append(r.Discrepancies, dr)
	}
	for _, e := range s.Entities {
		er := EntityRecord{Text: e.Text, Label: e.Label, Articles: e.Articles, Mentions: e.Mentions, Variants: e.Variants, At: []PlaceRecord{}}
		for _, p := range e.At {
			er.At = append(er.At, PlaceRecord{Article: p.Article, Start: p.Start, End: p.End})
		}
		r.Entities = append(r.Entities, er)
	}
	return r
}

func passages(ps []story.Passage) []PassageRecord {
	out := []PassageRecord{}
	for _, p := range ps {
		out = append(out, PassageRecord{Article: p.Article, Text: p.Text, Start: p.Start, End: p.End, By: p.By})
	}
	return out
}

// FormatDate writes an article's date: RFC 3339 when it has a time of day,
// else the day; "" when unknown.
func FormatDate(a story.Article) string {
	switch {
	case a.Date.IsZero():
		return ""
	case a.HasTime:
		return a.Date.Format(time.RFC3339)
	}
	return a.Date.Format("2006-01-02")
}

// round keeps three decimals: shares are estimates, and long floats make
// the JSON hard to read.
func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
