package story

import (
	"regexp"
	"strings"
	"time"

	"storydesk/model"
)

// What the timeline shows beside the text: the outlet and the date, read
// from metadata when the file gives them and guessed from the text when it
// does not.

// dated is an article's date and where it came from.
type dated struct {
	t       time.Time
	hasTime bool
	from    string
	note    string
}

// resolveDates dates every article: from its metadata; else from a date
// in its dateline, or the latest full date in its text or an embedded post
// (news is published after what it reports); else from the weekday its
// lead names, placed in the week of the story's earliest dated article.
// All but metadata are marked as guesses.
func resolveDates(docs []*doc) map[string]dated {
	out := map[string]dated{}
	for _, d := range docs {
		if t, ok, hasTime := parseDate(d.a.Date); ok {
			out[d.a.ID] = dated{t: t, hasTime: hasTime, from: DateMetadata}
			continue
		}
		if m := textDate(d.a.Meta["dateline"]); m.ok {
			out[d.a.ID] = dated{t: m.t, from: DateDateline, note: "date in the dateline"}
			continue
		}
		var latest time.Time
		for _, s := range datedTexts(d.a) {
			for _, m := range textDates(s) {
				if m.t.After(latest) {
					latest = m.t
				}
			}
		}
		if !latest.IsZero() {
			out[d.a.ID] = dated{t: latest, from: DateText, note: "latest date written in the text"}
		}
	}
	// The reference: the earliest metadata date, else the earliest guess.
	var ref *doc
	for _, pass := range []bool{true, false} {
		for _, d := range docs {
			dt, ok := out[d.a.ID]
			if !ok || pass && dt.from != DateMetadata {
				continue
			}
			if ref == nil || dt.t.Before(out[ref.a.ID].t) || dt.t.Equal(out[ref.a.ID].t) && d.a.ID < ref.a.ID {
				ref = d
			}
		}
		if ref != nil {
			break
		}
	}
	if ref == nil {
		return out
	}
	for _, d := range docs {
		if _, ok := out[d.a.ID]; ok {
			continue
		}
		if w, name, ok := leadWeekday(d.a.Text); ok {
			out[d.a.ID] = dated{t: nearestWeekday(w, out[ref.a.ID].t), from: DateWeekday,
				note: name + " in its lead, in the week of " + ref.a.ID}
		}
	}
	return out
}

// datedTexts are where an article may write its date: the text, and the
// parts the cleaner removed that carry dates (embedded posts, bylines,
// datelines).
func datedTexts(a *model.Article) []string {
	out := []string{a.Text}
	for _, r := range a.Removed {
		switch r.Reason {
		case model.ReasonEmbed, model.ReasonByline, model.ReasonDateline:
			out = append(out, r.Text)
		}
	}
	return out
}

// reCopyright reads the holder from a copyright footer: "© 2026 The
// Coastal Herald. All rights reserved." or "Copyright 2025 The Associated
// Press."
var reCopyright = regexp.MustCompile(`(?i)(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?([^.\n|©]{2,60}?)\s*(?:\.|\||all rights|$)`)

// orgWords mark the part of a byline that names an organisation rather
// than a person: "Tomas Rehn, Associated Press".
var orgWords = map[string]bool{
	"press": true, "agency": true, "news": true, "reuters": true, "afp": true, "ap": true, "wire": true,
	"times": true, "post": true, "herald": true, "tribune": true, "journal": true, "gazette": true,
	"daily": true, "radio": true, "tv": true, "television": true, "broadcasting": true, "network": true,
	"media": true, "service": true, "courier": true, "telegraph": true, "dpa": true,
}

// outletOf names the article's outlet: the file's source, else the
// holder of the copyright in its footer, else the organisation its byline
// names.
func outletOf(a *model.Article) string {
	if s := model.SanitizeLine(a.Source); s != "" {
		return s
	}
	for _, r := range a.Removed {
		if r.Reason != model.ReasonFooter {
			continue
		}
		if m := reCopyright.FindStringSubmatch(r.Text); m != nil {
			if s := model.SanitizeLine(m[1]); s != "" && !strings.EqualFold(s, "all rights reserved") {
				return s
			}
		}
	}
	for _, part := range strings.FieldsFunc(a.Byline, func(r rune) bool { return r == ',' || r == '|' || r == ';' || r == '/' }) {
		for _, w := range strings.Fields(part) {
			if orgWords[strings.ToLower(strings.Trim(w, ".()"))] {
				return model.SanitizeLine(part)
			}
		}
	}
	return ""
}
