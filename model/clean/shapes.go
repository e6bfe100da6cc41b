package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"storydesk/model"
)

// Shape tests: what a single paragraph looks like (a byline, a caption
// credit, a share row, a related-stories label…), for classifyKinds.

// isRelatedLabel: the line is just a "related stories" label, or such a
// label, a colon and a headline.
func isRelatedLabel(lead string) bool {
	if lead == "" {
		return false
	}
	bare := strings.TrimRightFunc(lead, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	for _, p := range relatedLead {
		if p[0] != lead[0] {
			continue
		}
		if bare == p || strings.HasPrefix(lead, p) && strings.HasPrefix(strings.TrimLeft(lead[len(p):], " "), ":") {
			return true
		}
	}
	return false
}

// endsWithPostLink: the paragraph's last token is a link to a social post.
func endsWithPostLink(low string) bool {
	// low is normalised: words are separated by single ASCII spaces.
	i := strings.LastIndexByte(low, ' ')
	if strings.IndexByte(low[i+1:], '/') < 0 {
		return false
	}
	last := strings.TrimRight(low[i+1:], ".)]”\"")
	last = strings.TrimPrefix(strings.TrimPrefix(last, "https://"), "http://")
	last = strings.TrimPrefix(last, "www.")
	switch {
	case strings.HasPrefix(last, "t.co/"), strings.HasPrefix(last, "pic.twitter.com/"), strings.HasPrefix(last, "pic.x.com/"),
		strings.HasPrefix(last, "instagram.com/p/"), strings.HasPrefix(last, "bsky.app/profile/"):
		return true
	case (strings.HasPrefix(last, "twitter.com/") || strings.HasPrefix(last, "x.com/")) && strings.Contains(last, "/status/"):
		return true
	}
	return false
}

// lineTail returns the end of a normalised line: its last n bytes or so,
// starting after a space, so that a pattern anchored at the end (whose match
// is short) need not scan a long paragraph from its start.
func lineTail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.IndexByte(s[len(s)-n:], ' '); i >= 0 {
		return s[len(s)-n+i+1:]
	}
	return s
}

func mayStartCopyright(lead string) bool {
	return lead != "" && (lead[0] == 'c' || lead[0] == '(' || lead[0] >= '0' && lead[0] <= '9' || strings.HasPrefix(lead, "©"))
}

// mayForbidReproduction is a cheap filter before reReproduce: one pass
// looking for a word that starts with one of its verbs.
func mayForbidReproduction(low string) bool {
	for i := 0; i < len(low); i++ {
		if c := low[i]; c != 'r' && c != 'c' && c != 'b' {
			continue
		}
		if i == 0 || !isWordByte(low[i-1]) {
			rest := low[i:]
			if strings.HasPrefix(rest, "reproduc") || strings.HasPrefix(rest, "redistribut") || strings.HasPrefix(rest, "republi") ||
				strings.HasPrefix(rest, "rewritten") || strings.HasPrefix(rest, "copied") || strings.HasPrefix(rest, "broadcast") {
				return true
			}
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= utf8.RuneSelf
}

// mayHaveCreditTail is a cheap filter before reCaptionTail, which matches a
// few words at the end of the line: one of its words near the end. (Its
// other form, a bar and an agency, is barCredit.)
func mayHaveCreditTail(low string) bool {
	t := lineTail(low, 120)
	return strings.Contains(t, "photo") || strings.Contains(t, "image") || strings.Contains(t, "picture") ||
		strings.Contains(t, "credit") || strings.Contains(t, "getty") || strings.Contains(t, "shutterstock") ||
		strings.Contains(t, "via ")
}

// barCredit: the line ends in a bar and an agency ("… | AP", "… | File)").
func barCredit(low string) bool {
	i := strings.LastIndexByte(low, '|')
	if i < 0 || len(low)-i > 16 {
		return false
	}
	switch strings.TrimRight(strings.TrimSpace(low[i+1:]), " )") {
	case "ap", "afp", "reuters", "epa", "getty", "ani", "pti", "ians", "file":
		return true
	}
	return false
}

func onlySocialWords(low string) bool {
	n := 0
	for rest := low; ; {
		i := strings.IndexFunc(rest, func(r rune) bool { return model.IsWordRune(r) || r == '-' })
		if i < 0 {
			break
		}
		rest = rest[i:]
		j := strings.IndexFunc(rest, func(r rune) bool { return !model.IsWordRune(r) && r != '-' })
		if j < 0 {
			j = len(rest)
		}
		if !socialWords[rest[:j]] {
			return false
		}
		n++
		rest = rest[j:]
	}
	return n >= 2
}

// isAgencyLine: the line names only a wire service or a staff credit, maybe
// with a dash or brackets ("— AFP", "(Reuters)", "Associated Press").
func isAgencyLine(lead string) bool {
	s := strings.TrimRightFunc(lead, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	s = strings.TrimPrefix(s, "by ")
	if agencies[s] {
		return true
	}
	// "Reuters | AP", "AFP and Reuters", "with AFP": every part an agency.
	if !strings.ContainsAny(s, "|/,&;") && !strings.Contains(s, " and ") {
		return false
	}
	s = strings.ReplaceAll(s, " and ", "|")
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '/' || r == ',' || r == '&' || r == ';' })
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		p = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p), "and "))
		p = strings.TrimPrefix(p, "with ")
		if !agencies[p] {
			return false
		}
	}
	return true
}

// isByline: "By Jane Doe", "By JANE DOE and JOHN ROE, Associated Press",
// "Jane Doe | Reuters", "Jane Doe, Staff Writer": name parts and credit parts
// (agency or role) separated by commas or bars.
func isByline(text, lead string) bool {
	body, hasBy := text, false
	if hasPrefixWord(lead, "by") {
		// lead is text lower-cased past its leading punctuation: the same
		// bytes follow that punctuation in text.
		i := strings.IndexFunc(text, func(r rune) bool { return !(unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)) })
		body, hasBy = text[i+2:], true
	} else if !strings.ContainsAny(text, ",|") {
		return false
	}
	if _, term := lastPunct(text); term && !strings.HasSuffix(text, ".") {
		return false
	}
	names, credit := 0, false
	for _, part := range strings.FieldsFunc(body, func(r rune) bool { return r == ',' || r == '|' || r == '/' || r == ';' }) {
		lp := strings.ToLower(strings.TrimFunc(part, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }))
		if lp == "" {
			continue
		}
		if agencies[lp] || agencies[strings.TrimPrefix(lp, "the ")] {
			credit = true
			continue
		}
		role := false
		for _, w := range strings.Fields(part) {
			lw := strings.ToLower(strings.Trim(w, ".()"))
			r, _ := utf8.DecodeRuneInString(w)
			switch {
			case hasAnyRole(lw):
				role = true
			case nameJoiners[lw], r == '@':
			case unicode.IsUpper(r):
			default:
				return false
			}
		}
		if role {
			credit = true
		} else {
			names++
		}
	}
	return names >= 1 && (credit || hasBy)
}

func hasAnyRole(w string) bool {
	for _, r := range roleWords {
		if w == r || w == r+"s" {
			return true
		}
	}
	return false
}

// isCredits: "Reporting by …; Editing by …", "(Additional reporting by …)".
func isCredits(lead string) bool {
	for _, p := range []string{"reporting by", "additional reporting by", "reporting and writing by", "writing by",
		"editing by", "edited by", "compiled by", "written by", "translated by", "with reporting by",
		"additional reporting", "inputs from", "with inputs from", "(with inputs from"} {
		if strings.HasPrefix(lead, p) {
			return true
		}
	}
	return false
}

// isDateLine: a publication date or time line ("November 11, 2025",
// "Updated: 11 Nov 2025, 10:30 IST", "3 min read", "2 hours ago").
func isDateLine(low string, f *feats) bool {
	lead := stripLead(low)
	for _, p := range []string{"updated", "published", "posted", "last updated", "first published", "modified", "last modified"} {
		if hasPrefixWord(lead, p) {
			return true
		}
	}
	if strings.HasSuffix(lead, "min read") || strings.HasSuffix(lead, "minute read") || strings.HasSuffix(lead, "minutes read") ||
		strings.HasSuffix(lead, " ago") {
		return f.words <= 6
	}
	if f.digitWords == 0 {
		return false
	}
	// "11/20/2019 01:14 PM", "2019-11-13T23:06:00+01:00", "13.11.2019, 23:06"
	if f.words-f.digitWords <= 3 && f.digitWords >= 2 && reNumDate.MatchString(low) {
		return true
	}
	monthWords := 0
	for rest := low; rest != ""; {
		i := strings.IndexFunc(rest, model.IsWordRune)
		if i < 0 {
			break
		}
		rest = rest[i:]
		j := strings.IndexFunc(rest, func(r rune) bool { return !model.IsWordRune(r) })
		if j < 0 {
			j = len(rest)
		}
		if monthSet[rest[:j]] {
			monthWords++
		}
		rest = rest[j:]
	}
	// Mostly date tokens: month, numbers, weekday or time words.
	return monthWords >= 1 && f.words-f.digitWords-monthWords <= 3
}

// isBreadcrumb: "Home > World > Americas", "News / Politics".
func isBreadcrumb(text string) bool {
	seps := 0
	for _, sep := range []string{" > ", " › ", " » ", " / ", " | "} {
		seps += strings.Count(text, sep)
	}
	if seps < 1 {
		return false
	}
	parts := strings.FieldsFunc(text, func(r rune) bool { return r == '>' || r == '›' || r == '»' || r == '/' || r == '|' })
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		r, _ := utf8.DecodeRuneInString(p)
		if p == "" || !unicode.IsUpper(r) || model.WordCount(p) > 3 {
			return false
		}
	}
	return true
}
