package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"storydesk/model"
)

// Whole-page scrapes.
//
// A scraper that keeps a whole page wraps the article in menus, teaser lists,
// newsletter boxes, comment threads and footers. The article is then the
// densest block of prose on the page: paragraphs of running text, close
// together, with at most a few short lines (subheads, captions, list items)
// between them. mainBlock scores every paragraph, jusText style, by how much
// it reads as body prose (long prose earns its length, short prose little,
// everything else costs, more the longer a stretch without prose runs), and
// takes the contiguous run with the best total (a maximum-sum subarray).
//
// Some furniture is prose too, so it is recognised first by its shape and
// scored apart: comment threads (a heading, "Name says:" lines, times and
// "Reply" buttons between posts), teaser lists (short summaries each alone
// under a title line), date lines in a list's rhythm, captions above a
// picture credit, and a copy of the whole article run together (page
// metadata). And the page usually says where the article is: its first
// line is the page title ("Headline | Site"), repeated as the headline just
// above the body, so the block holding the first prose under a repeat of
// the title wins.
//
// A text counts as a page when enough lies outside the block (isPage); a
// tidy article, with at most a header and a few lines of furniture around
// its body, is cleaned as before.

// goodWords is how long prose must be to count fully towards a block;
// shorter prose (teaser summaries, one-line asides) neither builds a block
// nor breaks one.
const goodWords = 20

// blockValue is what paragraph p adds to a block that includes it. A soft
// cost is one that does not grow along a stretch without prose: the lines
// a body holds between its paragraphs (pictures, embeds, list items).
func blockValue(p *cpara, repeated bool) (v int, soft bool) {
	w := p.f.words
	switch {
	case p.comment:
		return -10 - w, false
	case p.copy:
		return -w, false
	case p.listDate:
		return -20 - w, false
	case p.under > 0:
		return w + anchorBonus, false
	case p.teaser || isDataRow(p) || p.list:
		return 0, true
	case p.credited:
		return 0, true
	case bodyCandidate(p, repeated) && w >= goodWords:
		return w, false
	case bodyCandidate(p, repeated) || shortSentence(p):
		return max(1, w/4), false
	case p.k&(kEmbedLink|kEmbedMark|kAttribution|kCaption|kAdvert) != 0:
		return 0, true // embedded posts, pictures and adverts sit inside bodies
	case p.k&(strongNoise|kByline|kDate) != 0:
		return -6 - w/4, false
	case w >= 3 && p.f.lower*2 >= p.f.cased && p.f.cased > 0:
		// A short line in lower case ("Eat every 2–3 hours") reads as a
		// list item; menus and headline lists are capitalised.
		return -1, true
	}
	return -2 - w/5, false
}

// maxGapCost caps the growing cost of a stretch without prose.
const maxGapCost = 10

// mainBlock returns the first and last paragraph of the densest block of
// prose, or -1, -1 when nothing counts as prose. When the page repeats its
// title over a paragraph (see markAnchor), the block is the best one
// holding that paragraph: the headline says where the article is.
func mainBlock(ps []cpara, repeated []bool) (int, int) {
	vals := make([]int, len(ps))
	gap := 0 // paragraphs since the last one that added to a block
	for i := range ps {
		v, soft := blockValue(&ps[i], repeated[i])
		// A long stretch without prose is a stronger boundary than its
		// parts: each paragraph of it costs more than the one before.
		if v > 0 {
			gap = 0
		} else if !soft {
			gap++
			v -= min(gap, maxGapCost)
		}
		vals[i] = v
	}
	best, bestLo, bestHi := 0, -1, -1
	sum, lo := 0, 0
	for i, v := range vals {
		if sum <= 0 {
			sum, lo = 0, i
		}
		sum += v
		if sum > best {
			best, bestLo, bestHi = sum, lo, i
		}
	}
	// The best block through an anchored paragraph: the best run ending
	// there joined to the best run starting there, both short of a line
	// repeating the title (another copy of the headline starts something
	// else: a gallery, a teaser).
	aBest, aLo, aHi := 0, -1, -1
	for a := range ps {
		if ps[a].under == 0 {
			continue
		}
		// The article starts below its headline.
		left, l, s := 0, a, 0
		for i := a - 1; i >= ps[a].under; i-- {
			if s += vals[i]; s > left {
				left, l = s, i
			}
		}
		right, r, s := 0, a, 0
		for i := a + 1; i < len(vals) && !ps[i].title; i++ {
			if s += vals[i]; s > right {
				right, r = s, i
			}
		}
		if t := left + vals[a] + right; t > aBest {
			aBest, aLo, aHi = t, l, r
		}
	}
	if aLo >= 0 {
		return aLo, aHi
	}
	return bestLo, bestHi
}

// markComments flags the paragraphs of comment threads. A thread opens
// with a heading ("34 responses to …", "Leave a reply") that a post header
// follows closely, or with a post header of its own kind ("Name says:" with
// its time, "Reply" buttons) that another follows; it runs on while post
// headers keep coming, and ends with the last post's text.
func markComments(ps []cpara) {
	for i := 0; i < len(ps); i++ {
		kind := 0 // of the thread's post headers: 1 "says:" and buttons, 2 times
		switch {
		case isCommentHeading(ps[i].low) && ps[i].k&kProse == 0:
			for j := i + 1; j < len(ps) && j <= i+4 && kind == 0; j++ {
				kind = postHeader(ps, j)
			}
		case isCommentMeta(ps, i):
			for j := i + 1; j < len(ps) && j <= i+12 && kind == 0; j++ {
				if isCommentMeta(ps, j) {
					kind = 1
				}
			}
		}
		if kind == 0 {
			continue
		}
		// The thread runs on while headers of its kind keep coming.
		last := i
		for j := i + 1; j < len(ps) && j <= last+8; j++ {
			if postHeader(ps, j) == kind {
				last = j
			}
		}
		// The last post: its other header lines, then its text.
		end := last + 1
		for end < len(ps) && end <= last+2 && postHeader(ps, end) != 0 {
			end++
		}
		for end < len(ps) && ps[end].k&kProse != 0 {
			end++
		}
		// The reply form under it ("Leave a Reply").
		for end < len(ps) && isCommentHeading(ps[end].low) && ps[end].k&kProse == 0 {
			end++
		}
		for j := i; j < end; j++ {
			ps[j].comment = true
		}
		i = end - 1
	}
}

// postHeader tells whether paragraph i is a line between the posts of a
// thread: 1 for a comment's header or button, 2 for a time line, else 0.
func postHeader(ps []cpara, i int) int {
	switch {
	case isCommentMeta(ps, i):
		return 1
	case ps[i].k&kDate != 0 && ps[i].k&kProse == 0:
		return 2
	}
	return 0
}

// isCommentMeta: a comment's header ("Name says:" with the time on it or
// next to it, so that an interview's "Name says:" does not count) or one of
// its buttons ("Reply").
func isCommentMeta(ps []cpara, i int) bool {
	p := &ps[i]
	if p.f.words > 16 {
		return false
	}
	if isReplyButton(p.low) {
		return true
	}
	low := strings.TrimRight(p.low, " ")
	says := false
	for _, suf := range []string{" says:", " said:", " wrote:", " writes:", " says", " commented:", " replied:"} {
		says = says || strings.HasSuffix(low, suf)
	}
	if !says {
		return false
	}
	if p.f.digitWords > 0 {
		return true
	}
	for j := i - 1; j <= i+1; j += 2 {
		if j >= 0 && j < len(ps) && ps[j].k&kDate != 0 {
			return true
		}
	}
	for j := i + 1; j < len(ps) && j <= i+4; j++ {
		if isReplyButton(ps[j].low) {
			return true
		}
	}
	return false
}

func isReplyButton(low string) bool {
	lead := strings.TrimRight(stripLead(low), " .:↓")
	switch lead {
	case "reply", "replies", "reply to this comment", "log in to reply", "report", "report abuse", "flag",
		"like", "likes", "dislike", "upvote", "downvote", "balas", "responder", "répondre", "antworten", "rispondi",
		"reply report", "like reply", "reply share", "share reply", "permalink", "report comment":
		return true
	}
	return false
}

// isCommentHeading: the line above a comment thread.
func isCommentHeading(low string) bool {
	if len(low) > 300 {
		return false
	}
	lead := stripLead(low)
	if hasAnyPrefixWord(lead, commentHeads) {
		return true
	}
	// "34 responses to …", "12 comments", "One response"
	_, rest, ok := strings.Cut(lead, " ")
	if !ok {
		return false
	}
	second, _, _ := strings.Cut(rest, " ")
	return commentCounts[strings.TrimRight(second, ":")]
}

var commentHeads = []string{"comments", "comment", "leave a reply", "leave a comment", "responses", "discussion",
	"join the discussion", "join the conversation", "reader comments", "all comments", "show comments", "view comments"}

var commentCounts = map[string]bool{"comments": true, "comment": true, "responses": true, "response": true,
	"replies": true, "reply": true, "thoughts": true, "reactions": true, "tanggapan": true, "komentar": true,
	"comentarios": true, "commentaires": true, "kommentare": true}

// isPage: the text around the block is a page's furniture rather than an
// article's header and footer: many paragraphs lie outside it.
func isPage(ps []cpara, lo, hi int) bool {
	n := 0
	for i := range ps {
		if (i < lo || i > hi) && ps[i].k&strongNoise == 0 && !pageNeutral(&ps[i]) {
			n++
		}
	}
	return n >= 15
}

// shortSentence: a sentence too short to count as prose ("Nobody was
// hurt."), which a body may hold but which proves nothing.
func shortSentence(p *cpara) bool {
	return p.f.terminal && p.f.words >= 3 && p.f.lower > 0 && p.k&(strongNoise|kByline|kDate|kCTAWord) == 0 && !p.comment
}

// markListDates flags date lines with another date line close by: the
// rhythm of teaser lists and comment threads ("2H ago", "Nov 18"), rare
// inside an article's body.
func markListDates(ps []cpara) {
	last := -10 // the last date line seen
	for i := range ps {
		if ps[i].k&kDate == 0 || ps[i].k&kProse != 0 {
			continue
		}
		if i-last <= 5 {
			ps[i].listDate = true
			ps[last].listDate = true
		}
		last = i
	}
}

// teaserMaxWords is the longest prose paragraph that can be a teaser's
// summary.
const teaserMaxWords = 60

// markTeasers flags lists of teasers: runs of at least three short prose
// paragraphs each standing alone between title and meta lines (a headline,
// an author, a date), the shape of "more stories" lists. Such a run neither
// builds a block nor breaks one: a list article has the same shape, so
// whether it is the body depends on what lies around it.
func markTeasers(ps []cpara, repeated []bool) {
	isProse := func(i int) bool { return bodyCandidate(&ps[i], repeated[i]) || shortSentence(&ps[i]) }
	first, last, n := -1, -1, 0 // the current run: its first and last summary, and its length
	flush := func() {
		if n >= 3 {
			for i := first; i <= last; i++ {
				ps[i].teaser = true
			}
		}
		first, last, n = -1, -1, 0
	}
	for i := 0; i < len(ps); {
		if !isProse(i) {
			i++
			continue
		}
		j := i + 1 // the end of this stretch of consecutive prose
		for j < len(ps) && isProse(j) {
			j++
		}
		if j-i > 1 || ps[i].f.words > teaserMaxWords {
			flush()
			i = j
			continue
		}
		// A lone short paragraph: it continues the run when the gap since
		// the run's last one is short and holds a headline-shaped line.
		if n > 0 {
			head := false
			for g := last + 1; g < i; g++ {
				head = head || isListTitle(&ps[g])
			}
			if i-last-1 > 4 || !head {
				flush()
			}
		}
		if n == 0 {
			first = i
		}
		last = i
		n++
		i = j
	}
	flush()
}

// isDataRow: a table row, mostly numbers ("3 Kevin Harvick 5033 4 6 15").
func isDataRow(p *cpara) bool {
	return p.f.words >= 3 && p.f.digitWords*2 >= p.f.words && p.k&(strongNoise|kDate) == 0
}

// isListTitle: a line that can head a list item: headline-shaped or a
// bulleted title, and not furniture of another kind.
func isListTitle(p *cpara) bool {
	if p.k&strongNoise != 0 || p.k&kProse != 0 || p.f.words < 2 {
		return false
	}
	return p.k&kHeadline != 0 || startsListItem(p.text) || strings.HasPrefix(p.text, "»")
}

// anchorBonus is the weight of the first prose under the page's headline.
const anchorBonus = 50

// markAnchor finds the article's headline on a page: a line that repeats
// the page title (the scrape's first line, "Headline | Site"), and marks
// the first long prose paragraph under it, where the article starts. The
// headline may recur in teaser lists, so every repetition followed closely
// by prose counts.
func markAnchor(ps []cpara, repeated []bool) {
	if len(ps) < 10 {
		return
	}
	title := &ps[0]
	if title.k&kProse != 0 || title.f.words < 3 || title.f.words > 40 {
		return
	}
	for i := 1; i < len(ps); i++ {
		p := &ps[i]
		if p.f.words < 3 || p.f.words > 40 || !isTitleHead(title.low, p.low) {
			continue
		}
		p.title = true
		for j := i + 1; j < len(ps) && j <= i+12; j++ {
			if q := &ps[j]; bodyCandidate(q, repeated[j]) && q.f.words >= goodWords && !q.teaser && !q.comment {
				q.under = i + 1
				break
			}
		}
	}
}

// isTitleHead: head is the page title, or its part before the site's name
// ("Headline - Site", "Headline | Section | Site").
func isTitleHead(title, head string) bool {
	if !strings.HasPrefix(title, head) {
		return false
	}
	rest := strings.TrimLeft(title[len(head):], " ")
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	switch r {
	case '|', '-', '–', '—', ':', '·', '•', '«', '»', '/':
		return true
	}
	return false
}

// copyMinWords is the shortest paragraph checked for being a copy of the
// article run together (page metadata such as a JSON "articleBody").
const copyMinWords = 150

// markCopies flags long paragraphs that repeat two consecutive paragraphs
// of the page run together: a copy of the article in the page's metadata.
func markCopies(ps []cpara) {
	var byStart map[string]int // first bytes of each paragraph → its index
	const probe = 40
	for i := range ps {
		p := &ps[i]
		if p.f.words < copyMinWords {
			continue
		}
		if byStart == nil {
			byStart = make(map[string]int, len(ps))
			for j := len(ps) - 1; j >= 0; j-- {
				if t := ps[j].text; len(t) >= probe && ps[j].f.words < copyMinWords {
					byStart[t[:probe]] = j
				}
			}
		}
		j, ok := byStart[p.text[:probe]]
		if !ok || j+1 >= len(ps) || !strings.HasPrefix(p.text, ps[j].text) {
			continue
		}
		rest := strings.TrimLeft(p.text[len(ps[j].text):], " ")
		next := ps[j+1].text
		if len(next) >= probe && strings.HasPrefix(rest, next[:probe]) {
			p.copy = true
		}
	}
}

// markCredited flags a picture's caption by the short credit line under it
// ("Photo: Jane Doe, AP"): on a page, the text above the credit describes
// the picture. A gallery often repeats the caption, so an identical copy
// above counts too. (In a tidy article a credit can follow body text whose
// picture had no caption, so there the flag only weighs against the block.)
func markCredited(ps []cpara) {
	for i := 1; i < len(ps); i++ {
		if ps[i].k&kCaption == 0 || ps[i].f.words > 8 {
			continue
		}
		p := &ps[i-1]
		if p.k&(strongNoise|kByline|kDate) != 0 || p.f.words < 5 || p.f.words > 60 {
			continue
		}
		p.credited = true
		if i >= 2 && sameStart(ps[i-2].text, p.text) && ps[i-2].k&strongNoise == 0 {
			ps[i-2].credited = true
		}
	}
}

// sameStart: a and b open with the same 40 bytes (or are equal).
func sameStart(a, b string) bool {
	const n = 40
	if len(a) < n || len(b) < n {
		return a == b
	}
	return a[:n] == b[:n]
}

// pageHeadline picks the article's headline on a page: the nearest line
// above the body that repeats the page title, else the headline-shaped line
// there sharing most words with the title, else the page title itself when
// it names a site ("Headline | Site"). -1 when there is none.
func pageHeadline(ps []cpara, start int) int {
	lo := max(1, start-12)
	for i := start - 1; i >= lo; i-- {
		if ps[i].title {
			return i
		}
	}
	if len(ps) == 0 || ps[0].k&kProse != 0 {
		return -1
	}
	words := titleWords(ps[0].low)
	best, bestShare := -1, 0.6
	for i := start - 1; i >= lo; i-- {
		p := &ps[i]
		if p.k&kHeadline == 0 || p.k&(strongNoise|kByline|kDate|kSection) != 0 || p.f.words < 3 {
			continue
		}
		in, n := 0, 0
		for _, w := range strings.FieldsFunc(p.low, func(r rune) bool { return !model.IsWordRune(r) }) {
			n++
			if words[w] {
				in++
			}
		}
		if share := float64(in) / float64(n); share > bestShare {
			best, bestShare = i, share
		}
	}
	if best >= 0 {
		return best
	}
	// The page title: one naming a site, or headline-shaped and long
	// enough not to be a button ("Skip to main content").
	if t := &ps[0]; t.f.words <= 40 && (t.f.words >= 3 && siteTitle(t.text) != t.text || t.f.words >= 5 && t.k&kHeadline != 0 && t.k&strongNoise == 0) {
		return 0
	}
	return -1
}

func titleWords(low string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return !model.IsWordRune(r) }) {
		m[w] = true
	}
	return m
}

// siteTitle cuts the site's name off a page title: "Headline | Section |
// Site" and "Headline - Site" give "Headline". A title without a separator
// comes back as is.
func siteTitle(t string) string {
	cut := -1
	if i := strings.Index(t, " | "); i > 0 {
		cut = i
	} else {
		for _, sep := range []string{" - ", " – ", " — "} {
			if i := strings.LastIndex(t, sep); i > cut {
				cut = i
			}
		}
	}
	if cut <= 0 || model.WordCount(t[:cut]) < 3 {
		return t
	}
	return strings.TrimSpace(t[:cut])
}

// removeInlineLists takes out the teaser boxes a page sets inside its
// article ("Most read": a run of other stories' titles and kickers): runs
// of at least five paragraphs without prose, three or more of them titles.
// A body's own subheads stand alone, and its lists are not made of titles.
func removeInlineLists(ps []cpara, start, end int) {
	for i := start; i <= end; {
		j, titles := i, 0
		for j <= end && ps[j].k&kProse == 0 && !shortSentence(&ps[j]) && !ps[j].list {
			if isTitle(&ps[j]) {
				titles++
			}
			j++
		}
		if j-i >= 5 && titles >= 3 {
			for x := i; x < j; x++ {
				if ps[x].reason == "" && !ps[x].forced {
					ps[x].reason = model.ReasonRelated
				}
			}
		}
		i = max(j, i+1)
	}
}

// isTitle: another story's title: headline-shaped, capitalised, five words
// or more.
func isTitle(p *cpara) bool {
	r := p.f.first
	return p.k&kHeadline != 0 && p.f.words >= 5 && (unicode.IsUpper(r) || isOpenQuote(r))
}
