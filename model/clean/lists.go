package clean

import (
	"strings"
	"unicode"
)

// Lists a body holds.
//
// A run of short lines is the shape of a related-headlines box, but also of
// a news story's own lists: a tennis draw's seeds, an awards story's
// winners, a cup draw's fixtures, a results table, a team line-up. Dropping
// those loses body, which is worse than keeping a footer, so a run is taken
// for the body's own list when the text announces it (a line ending in a
// colon: "The full list of winners:") or when its lines read like entries
// rather than titles (numbered in order, scores, "Home v Away"). Such a run
// neither builds nor breaks a block of prose (block.go), does not make a
// text look like a whole page, and stays with the body when it follows the
// last prose paragraph. Related-headline boxes have their own label
// ("Related stories", "More on this") and no colon, and their lines are
// titles: they are left to the rules that remove them.

// listItemMaxWords is the longest line that counts as a list item.
const listItemMaxWords = 25

// markBodyLists flags the items (and the announcing lines) of the lists a
// body holds.
func markBodyLists(ps []cpara) {
	for i := 0; i < len(ps); i++ {
		if !announcesList(&ps[i]) {
			continue
		}
		end := listRun(ps, i+1)
		if end-(i+1) < 2 {
			continue
		}
		for j := i; j < end; j++ {
			ps[j].list = true
		}
		i = end - 1
	}
	// Runs that need no announcement: numbered in order, or fixtures and
	// scores.
	for i := 0; i < len(ps); {
		j := i
		for j < len(ps) && !ps[j].list && entryLine(&ps[j]) && (j == i || listNumber(ps[j].text) == 0 || listNumber(ps[j].text) == listNumber(ps[j-1].text)+1) {
			j++
		}
		// Not under a related-links label ("Most read"): those are titles,
		// whatever their commas and figures.
		labelled := i > 0 && ps[i-1].k&kRelatedLabel != 0
		if j-i >= 3 && !labelled && (listNumber(ps[i].text) > 0 || allFixtures(ps[i:j])) {
			for x := i; x < j; x++ {
				ps[x].list = true
			}
		}
		i = max(j, i+1)
	}
}

// announcesList: a line ending in a colon that is not furniture ("Share
// this:", "Related:", "Read more:").
func announcesList(p *cpara) bool {
	return p.f.last == ':' && p.f.words >= 1 && p.f.words <= 40 && p.k&(strongNoise|kCTAWord|kShare) == 0 && !p.comment && !p.f.url &&
		!furnitureListLabel(p.low)
}

// furnitureListLabels announce lists that belong to the page, not the story:
// a fact-check's sources, tags, further reading.
var furnitureListLabels = map[string]bool{
	"sources": true, "source": true, "references": true, "see also": true, "related": true, "tags": true,
	"topics": true, "subjects": true, "further reading": true, "more": true, "more stories": true,
	"read more": true, "most read": true, "trending": true, "links": true, "credits": true, "follow us": true,
	"share": true, "share this": true, "related stories": true, "related articles": true, "related links": true,
	"read next": true, "categories": true, "category": true, "filed under": true, "more from": true, "more on this story": true, "recommended": true, "popular": true, "latest": true,
}

// furnitureListLabel: low (a lower-case line ending in a colon) is one of
// furnitureListLabels.
func furnitureListLabel(low string) bool {
	label := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(low), ":"))
	return furnitureListLabels[label]
}

// listRun returns the end (exclusive) of the run of list items from i:
// short lines that are not furniture, through the list's own subheads
// ("Men's seeds:") when items follow them.
func listRun(ps []cpara, i int) int {
	for i < len(ps) {
		switch {
		case listItem(&ps[i]):
			i++
		case announcesList(&ps[i]) && i+1 < len(ps) && listItem(&ps[i+1]):
			i++
		default:
			return i
		}
	}
	return i
}

// listItem: a short line that is not furniture.
func listItem(p *cpara) bool {
	return p.f.words >= 1 && p.f.words <= listItemMaxWords && p.k&(strongNoise|kCTAWord|kShare|kBareURL) == 0 &&
		!p.comment && !p.f.url && !announcesList(p)
}

// entryLine: a list item that reads like an entry of a draw, a table or a
// line-up rather than another story's title: a number or a score in it, a
// bracket, a colon, or two sides ("Rovers v City").
func entryLine(p *cpara) bool {
	if !listItem(p) {
		return false
	}
	if isFixture(p.text) {
		return true
	}
	t := p.text
	if n := listNumber(t); n > 0 {
		_, t, _ = strings.Cut(t, " ")
	}
	return strings.ContainsAny(t, "()[]:0123456789,")
}

// allFixtures: every line is a fixture or a score.
func allFixtures(ps []cpara) bool {
	for i := range ps {
		if !isFixture(ps[i].text) {
			return false
		}
	}
	return true
}

// isFixture: "Rovers v City", "Rovers vs. City", "Rovers 2-1 Town".
func isFixture(t string) bool {
	for _, sep := range []string{" v ", " vs ", " vs. "} {
		if a, b, ok := strings.Cut(t, sep); ok && a != "" && b != "" {
			return true
		}
	}
	return hasScore(t)
}

// hasScore: one or two digits, a dash, one or two digits ("2-1", "3 – 0"),
// standing alone (not "2020-2021", not "Covid-19").
func hasScore(t string) bool {
	rs := []rune(t)
	digits := func(i, step int) (n, end int) {
		for i >= 0 && i < len(rs) && unicode.IsDigit(rs[i]) {
			n++
			i += step
		}
		return n, i
	}
	for i := range rs {
		if rs[i] != '-' && rs[i] != '–' {
			continue
		}
		l := i - 1
		if l >= 0 && rs[l] == ' ' {
			l--
		}
		r := i + 1
		if r < len(rs) && rs[r] == ' ' {
			r++
		}
		nl, before := digits(l, -1)
		nr, after := digits(r, 1)
		if nl >= 1 && nl <= 2 && nr >= 1 && nr <= 2 &&
			(before < 0 || !unicode.IsLetter(rs[before]) && !unicode.IsDigit(rs[before])) &&
			(after >= len(rs) || !unicode.IsLetter(rs[after]) && !unicode.IsDigit(rs[after])) {
			return true
		}
	}
	return false
}

// listNumber is the number a numbered item starts with ("3. Rosa Lindqvist",
// "3) …"), or 0.
func listNumber(t string) int {
	n, k := 0, 0
	for k < len(t) && k < 3 && t[k] >= '0' && t[k] <= '9' {
		n = n*10 + int(t[k]-'0')
		k++
	}
	if k == 0 || k >= len(t) || t[k] != '.' && t[k] != ')' || k+1 < len(t) && t[k+1] != ' ' {
		return 0
	}
	return n
}

// trailingList returns the last paragraph of the list run that follows
// paragraph last (its announcing line and items, and a short sentence
// closing it), or last when none does.
func trailingList(ps []cpara, last, hi int) int {
	j := last + 1
	for j <= hi && j < len(ps) && ps[j].list {
		j++
	}
	if j == last+1 {
		return last
	}
	return j - 1
}

// pageNeutral: a list paragraph that says nothing about whether a text is a
// whole page: its announcing line, or an item that reads like an entry or a
// sentence. Bare short titles ("Opinions", "Who We Are") are also the shape
// of a site's menus, so they still count.
func pageNeutral(p *cpara) bool {
	return p.list && (announcesList(p) || entryLine(p) || p.f.terminal || p.k&kProse != 0)
}
