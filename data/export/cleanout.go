package export

import (
	"encoding/json"
	"io"

	"storydesk/model"
)

// CleanRecord is one line of `storydesk clean --json`. Removed offsets are
// code points into the raw (sanitised) text the loader read.
type CleanRecord struct {
	ID       string          `json:"id"`
	Path     string          `json:"path"`
	Title    string          `json:"title"`
	Byline   string          `json:"byline"`
	Source   string          `json:"source,omitempty"`
	Date     string          `json:"date,omitempty"`
	URL      string          `json:"url,omitempty"`
	Summary  string          `json:"summary,omitempty"`
	Dateline string          `json:"dateline,omitempty"`
	Text     string          `json:"text"`
	Removed  []model.Removed `json:"removed"`
}

// WriteCleanJSON writes one article as a JSON line.
func WriteCleanJSON(w io.Writer, a *model.Article) error {
	rec := CleanRecord{
		ID: a.ID, Path: a.Path, Title: a.Title, Byline: a.Byline, Source: a.Source,
		Date: a.Date, URL: a.URL, Summary: a.Summary, Dateline: a.Meta["dateline"],
		Text: a.Text, Removed: a.Removed,
	}
	if rec.Removed == nil {
		rec.Removed = []model.Removed{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(rec)
}
