package story

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates: reading the publication date from metadata, finding dates and
// weekdays in a text, and placing a weekday next to a known date.

// dateLayouts are the metadata date forms read, most specific first.
var dateLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05",
	"2006-01-02 15:04", "2006-01-02", "2006/01/02", time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822,
	"Mon, 2 Jan 2006 15:04:05 -0700", "January 2, 2006 15:04", "January 2, 2006", "Jan 2, 2006", "2 January 2006",
	"2 Jan 2006", "20060102",
}

// ParseDate reads a metadata date (ISO 8601, RFC 3339 or 1123, "March 3,
// 2026", "3 March 2026"). hasTime says whether it gave a time of day too.
// Anything else gives ok false.
func ParseDate(s string) (t time.Time, ok bool) {
	t, ok, _ = parseDate(s)
	return t, ok
}

func parseDate(s string) (t time.Time, ok, hasTime bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true, strings.Contains(l, "15")
		}
	}
	if m := textDate(s); m.ok {
		return m.t, true, false
	}
	return time.Time{}, false, false
}

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// Full dates written out in text: "November 11, 2025", "Nov. 11 2025",
// "11 November 2025", "2025-11-11".
var (
	reMonthDay = regexp.MustCompile(`(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b`)
	reDayMonth = regexp.MustCompile(`(?i)\b(\d{1,2}) (jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,? (\d{4})\b`)
	reISO      = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// dateMatch is a date found in a text, at byte offset at.
type dateMatch struct {
	t  time.Time
	at int
	ok bool
}

// textDate returns the first full date written in s.
func textDate(s string) dateMatch {
	ds := textDates(s)
	if len(ds) == 0 {
		return dateMatch{}
	}
	return ds[0]
}

// textDates returns every full date written in s, in text order.
func textDates(s string) []dateMatch {
	var out []dateMatch
	add := func(at int, y, mo, d string) {
		yy, _ := strconv.Atoi(y)
		dd, _ := strconv.Atoi(d)
		m, ok := months[strings.ToLower(mo)]
		if !ok {
			n, _ := strconv.Atoi(mo)
			m = time.Month(n)
		}
		if yy < 1900 || yy > 2200 || m < 1 || m > 12 || dd < 1 || dd > 31 {
			return
		}
		t := time.Date(yy, m, dd, 0, 0, 0, 0, time.UTC)
		if t.Day() != dd {
			return // 31 June
		}
		out = append(out, dateMatch{t: t, at: at, ok: true})
	}
	for _, m := range reMonthDay.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[6]:m[7]], s[m[2]:m[3]], s[m[4]:m[5]])
	}
	for _, m := range reDayMonth.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]])
	}
	for _, m := range reISO.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]])
	}
	// Text order, so "first" means first written.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].at < out[j-1].at; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var reWeekday = regexp.MustCompile(`\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b`)

// leadWeekday returns the weekday a text's lead names last ("late Monday
// … said Tuesday": Tuesday, the day the news is from), looking at its
// first paragraphs only: further down, weekdays tell the background.
func leadWeekday(text string) (time.Weekday, string, bool) {
	lead := text
	for i, n := 0, 0; i < len(text); i++ {
		if text[i] == '\n' && i+1 < len(text) && text[i+1] == '\n' {
			if n++; n == 2 {
				lead = text[:i]
				break
			}
		}
	}
	if len(lead) > 1200 {
		lead = lead[:1200]
	}
	ms := reWeekday.FindAllString(lead, -1)
	if len(ms) == 0 {
		return 0, "", false
	}
	best := ms[0]
	for _, m := range ms[1:] {
		if later(weekdays[strings.ToLower(m)], weekdays[strings.ToLower(best)]) {
			best = m
		}
	}
	return weekdays[strings.ToLower(best)], best, true
}

// later reports whether weekday a comes after b within the same news
// cycle: the nearer forward step wins ("Sunday" after "Saturday", "Monday"
// after "Sunday").
func later(a, b time.Weekday) bool {
	d := (int(a) - int(b) + 7) % 7
	return d > 0 && d <= 3
}

// nearestWeekday returns the date with weekday w nearest to ref (within
// three days either side).
func nearestWeekday(w time.Weekday, ref time.Time) time.Time {
	d := (int(w) - int(ref.Weekday()) + 7) % 7
	if d > 3 {
		d -= 7
	}
	y, m, day := ref.Date()
	return time.Date(y, m, day+d, 0, 0, 0, 0, time.UTC)
}
