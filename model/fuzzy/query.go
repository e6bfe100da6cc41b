package fuzzy

import (
	"fmt"
	"strings"
)

// Query is a parsed filter: every term and every field must match.
//
//	word         fuzzy, in the title and outlet (ranked)
//	'word        exact substring
//	-word        must not occur (exact)
//	outlet:bbc   outlet contains bbc
//	date:2025-09, date:2025-09-01..2025-10, date:2025.., date:..2025-06
//	label:PERSON, status:done, has:quotes, has:labels, dup:
//	-field:value the field filter negated
//
// A word with a colon whose key is not a field (a headline's "Update:")
// is an ordinary term.
type Query struct {
	Terms  []Term
	Fields []Field
}

// Term is one word of free text.
type Term struct {
	Text   string // lower-cased
	Exact  bool
	Negate bool
}

// Field is one key:value filter.
type Field struct {
	Key    string // outlet, date, label, status, has, dup
	Value  string // as typed (label values upper-cased)
	Negate bool
	// Lo and Hi bound a date filter (ISO prefixes; "" is open).
	Lo, Hi string
}

// Keys are the field names the filter knows.
var Keys = []string{"outlet", "date", "label", "status", "has", "dup"}

// Parse reads a query. problem is set (and the field left out) when a
// field's value cannot be read, so the filter can say what it expects.
func Parse(q string) (query Query, problem string) {
	for _, tok := range strings.Fields(q) {
		neg := false
		body := tok
		if len(body) > 1 && (body[0] == '-' || body[0] == '!') {
			neg, body = true, body[1:]
		}
		if k, v, ok := strings.Cut(body, ":"); ok && isKey(strings.ToLower(k)) {
			f, p := field(strings.ToLower(k), v, neg)
			if p != "" {
				problem = p
				continue
			}
			query.Fields = append(query.Fields, f)
			continue
		}
		t := Term{Text: strings.ToLower(body), Negate: neg}
		if strings.HasPrefix(t.Text, "'") && len(t.Text) > 1 {
			t.Text, t.Exact = t.Text[1:], true
		}
		if neg {
			t.Exact = true
		}
		query.Terms = append(query.Terms, t)
	}
	return query, problem
}

func isKey(k string) bool {
	for _, key := range Keys {
		if k == key {
			return true
		}
	}
	return false
}

func field(k, v string, neg bool) (Field, string) {
	f := Field{Key: k, Value: v, Negate: neg}
	switch k {
	case "outlet":
		f.Value = strings.ToLower(v)
	case "label":
		f.Value = strings.ToUpper(v)
	case "status":
		switch strings.ToLower(v) {
		case "new", "in-progress", "done":
			f.Value = strings.ToLower(v)
		case "active", "progress", "started":
			f.Value = "in-progress"
		default:
			return f, "status: new, in-progress or done"
		}
	case "has":
		switch strings.ToLower(v) {
		case "quotes", "quote", "quotations":
			f.Value = "quotes"
		case "labels", "label", "spans", "entities":
			f.Value = "labels"
		default:
			return f, "has: quotes or labels"
		}
	case "dup":
		f.Value = strings.ToLower(v)
	case "date":
		lo, hi, ok := DateRange(v)
		if !ok {
			return f, "date: YYYY, YYYY-MM, YYYY-MM-DD or a range A..B"
		}
		f.Lo, f.Hi = lo, hi
	}
	return f, ""
}

// DateRange reads "2025-09", "2025-09..2025-10", "2025.." or "..2025-06":
// bounds are ISO prefixes, inclusive, "" when open.
func DateRange(v string) (lo, hi string, ok bool) {
	if a, b, isRange := strings.Cut(v, ".."); isRange {
		if a != "" && !isoPrefix(a) || b != "" && !isoPrefix(b) || a == "" && b == "" {
			return "", "", false
		}
		return a, b, true
	}
	if !isoPrefix(v) {
		return "", "", false
	}
	return v, v, true
}

// isoPrefix: YYYY, YYYY-MM or YYYY-MM-DD.
func isoPrefix(s string) bool {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// InDates reports whether an article's date (ISO, or starting with an ISO
// date; "" when unknown) falls within [lo, hi], each bound compared on
// its own length (2025-09 holds every day of September).
func InDates(date, lo, hi string) bool {
	return InISODates(NormDate(date), lo, hi)
}

// InISODates is InDates for a date NormDate has already read ("" when
// unknown).
func InISODates(d, lo, hi string) bool {
	if d == "" {
		return false
	}
	if lo != "" && prefixCmp(d, lo) < 0 {
		return false
	}
	if hi != "" && prefixCmp(d, hi) > 0 {
		return false
	}
	return true
}

// prefixCmp compares d with bound on the bound's length.
func prefixCmp(d, bound string) int {
	if len(d) > len(bound) {
		d = d[:len(bound)]
	}
	return strings.Compare(d, bound)
}

// NormDate is the ISO date a date string starts with ("2025-09-14T08:00Z"
// gives "2025-09-14"), "" when it starts with none.
func NormDate(s string) string {
	s = strings.TrimSpace(s)
	for _, n := range []int{10, 7, 4} {
		if len(s) >= n && isoPrefix(s[:n]) {
			return s[:n]
		}
	}
	return ""
}

// String is the query as it reads back, for tests and messages.
func (f Field) String() string {
	neg := ""
	if f.Negate {
		neg = "-"
	}
	return fmt.Sprintf("%s%s:%s", neg, f.Key, f.Value)
}
