package clean

import (
	"strings"

	"storydesk/model"
)

// Cleaned is the result of cleaning one article's raw text.
type Cleaned struct {
	Text     string          // the article body: kept text, paragraphs separated by a blank line
	Removed  []model.Removed // in raw-text order, not overlapping
	Title    string          // headline found at the top, if any
	Summary  string          // standfirst, if any
	Byline   string          // byline or agency, if any
	Dateline string          // dateline prefix, if any
}

// Zone is where a paragraph sits relative to the article body.
type Zone int

const (
	ZoneTop    Zone = iota // before the first body paragraph: headline, labels, byline
	ZoneBody               // from the first to the last body paragraph
	ZoneBottom             // after the last body paragraph: related links, footers
)

// Para is what a Cleaner knows about one paragraph when its Classify hook is
// asked about it.
type Para struct {
	Text       string  // whitespace-normalised text
	Start, End int     // trimmed range of the raw text, in code points (End exclusive)
	Index      int     // position among the article's paragraphs
	Count      int     // number of paragraphs in the article
	Zone       Zone    // top, body or bottom
	Words      int     // model.WordCount of Text, plus one per two Chinese or Japanese characters
	Prose      bool    // reads like running text (sentences, function words)
	LowerRatio float64 // share of cased words that start lower-case
	StopRatio  float64 // share of words that are function words
	Repeated   bool    // listed in Cleaner.Repeated
}

// Cleaner separates article prose from the furniture a scraper picked up.
// The zero value is ready to use; Clean uses one with no options.
//
// It works on paragraphs (see segment.go for how raw text is cut):
// each is measured (length, sentence ending, case, function-word density,
// links) and tested against shapes (caption credit, byline, call to action,
// headline, social-post link, copyright…). The body is the span from the
// first to the last paragraph that reads as prose and is not strong noise;
// the header above it may reach down to a byline. Position then decides:
// strong noise goes wherever it is, while headlines, labels, standfirsts and
// related-headline runs are only taken from above or below the body. Inside
// the body a paragraph is kept unless the evidence is unambiguous.
//
// A whole page (menus, teaser lists, comment threads and footers around the
// article: see block.go) is recognised by how much lies outside its
// densest block of prose. The body is then looked for inside that block
// only, the headline just above it, and everything else goes as
// navigation, comments or the like.
type Cleaner struct {
	// Repeated holds RepeatKey forms of lines known to recur across many
	// articles of one outlet (see RepeatedLines). Such a paragraph is removed
	// as boilerplate unless it is long body prose.
	Repeated map[string]bool

	// Classify, when set, is asked about every paragraph before the built-in
	// rules. decided=false defers to them; decided=true removes the paragraph
	// with reason, or keeps it when reason is "".
	Classify func(p Para) (reason model.Reason, decided bool)

	// HeaderParas is how many paragraphs at the top (on a whole page: just
	// above the body) may belong to the header (headline, standfirst,
	// byline); 0 means 8.
	HeaderParas int

	// Extracted says the text is already an article body taken out of its
	// page (by an HTML extractor), so whole-page detection is skipped: the
	// extractor has done that job with more to go on, and a second pass
	// would only cut body paragraphs it took for page furniture.
	Extracted bool
}

// Clean cleans raw (already sanitised) article text with the default Cleaner.
//
// Guarantees: kept text keeps its characters, only whitespace changes (runs
// of whitespace inside a paragraph become one space, paragraphs are joined by
// exactly "\n\n", ends are trimmed); blank lines separate paragraphs, and so
// do single line breaks unless the text is hard-wrapped (see
// segment.go). Every removed range is trimmed and equals its slice of
// raw, so raw's non-space characters are exactly Text's (in order) plus the
// removed ones. An article that is already normalised and has no noise comes
// back unchanged with nothing removed.
func Clean(raw string) Cleaned {
	var c Cleaner
	return c.Clean(raw)
}

// cpara is one paragraph being cleaned.
type cpara struct {
	span
	text     string
	low      string
	f        feats
	k        kind
	k0       kind         // k as the paragraph's own text gives it, before its neighbours
	reason   model.Reason // "" keeps it
	forced   bool         // decided by the hook
	comment  bool         // part of a readers' comment thread
	teaser   bool         // part of a list of teasers for other stories
	listDate bool         // a date line in a list's rhythm
	list     bool         // an item of a list the body announces or numbers (see lists.go)
	under    int          // 1 + index of the page headline it is the first prose under; 0 if none
	title    bool         // repeats the page title
	copy     bool         // the article's paragraphs run together again (page metadata)
	credited bool         // above a picture credit: a caption on a page
	cut      span         // dateline prefix removed from a kept paragraph
}

// Clean separates raw into body text, removed ranges and metadata.
func (c *Cleaner) Clean(raw string) Cleaned { return c.CleanWith(raw, nil) }

// CleanWith is Clean with a reviewer's corrections applied last (see
// model.Correction): each paragraph a correction covers is kept or removed as it
// says, and nothing else changes, so a correction never moves another
// paragraph's verdict.
func (c *Cleaner) CleanWith(raw string, corr []model.Correction) Cleaned {
	ps, out := c.decide(raw, nil)
	c.settle(raw, ps, &out)
	if len(corr) > 0 {
		applyCorrections(ps, corr, &out)
	}

	// Assemble the body and the removed ranges, in raw order.
	var b strings.Builder
	b.Grow(len(raw))
	for i := range ps {
		p := &ps[i]
		if p.reason != "" {
			out.Removed = append(out.Removed, model.Removed{Start: p.rs, End: p.re, Reason: p.reason, Text: raw[p.bs:p.be]})
			continue
		}
		if p.cut.be > p.cut.bs {
			out.Removed = append(out.Removed, model.Removed{Start: p.cut.rs, End: p.cut.re, Reason: model.ReasonDateline, Text: raw[p.cut.bs:p.cut.be]})
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p.keptText(raw))
	}
	out.Text = b.String()
	return out
}

// decide cuts raw into paragraphs (unless given, see analyse) and gives
// each its verdict (a reason, a dateline cut), filling the metadata;
// corrections are not applied.
func (c *Cleaner) decide(raw string, given []cpara) ([]cpara, Cleaned) {
	ps, repeated := c.analyse(raw, given)
	lo, hi := mainBlock(ps, repeated)
	page := !c.Extracted && lo >= 0 && isPage(ps, lo, hi)
	if !page {
		lo, hi = 0, len(ps)-1
	}

	start, end := c.findBody(ps, repeated, lo, hi, page)
	if c.Classify != nil {
		decided := false
		for i := range ps {
			p := &ps[i]
			reason, ok := c.Classify(Para{
				Text: p.text, Start: p.rs, End: p.re, Index: i, Count: len(ps), Zone: zoneOf(i, start, end),
				Words: p.f.words, Prose: p.k&kProse != 0, LowerRatio: p.f.lowerRatio(),
				StopRatio: p.f.stopRatio(p.text), Repeated: repeated[i],
			})
			if ok {
				p.reason, p.forced, decided = reason, true, true
			}
		}
		if decided {
			start, end = c.findBody(ps, repeated, lo, hi, page)
		}
	}
	var out Cleaned
	c.resolve(ps, start, end, repeated, page, &out)
	c.dateline(raw, ps, start, &out)
	return ps, out
}

// measure fills what p's own text says about it: lower-case form,
// features, kinds.
func (p *cpara) measure() {
	p.low = lower(p.text)
	p.f = measure(p.text, p.low)
	p.k = classifyKinds(p.text, p.low, &p.f)
	p.k0 = p.k
}

// keptText is what a kept paragraph contributes to the body: its
// normalised text after any dateline cut.
func (p *cpara) keptText(raw string) string {
	if p.cut.be > p.cut.bs {
		return normSpace(raw[p.cut.be:p.be])
	}
	return p.text
}

// analyse cuts raw into paragraphs and measures and classifies each, then
// marks what their neighbours say about them. ps, when given, is raw's
// paragraphs already cut and measured (see settle).
func (c *Cleaner) analyse(raw string, ps []cpara) ([]cpara, []bool) {
	if ps == nil {
		groups := paragraphs(raw, splitLines(raw))
		ps = make([]cpara, len(groups))
		for i, g := range groups {
			p := &ps[i]
			p.span = span{bs: g[0].bs, rs: g[0].rs, be: g[len(g)-1].be, re: g[len(g)-1].re}
			p.text = normSpace(raw[p.bs:p.be])
			p.measure()
		}
	}
	c.markEmbeds(ps)
	markCredited(ps)
	for i := 0; i < len(ps) && i < c.headerParas(); i++ {
		if p := &ps[i]; p.k&kProse != 0 {
			if n, _ := matchDateline(firstLine(raw[p.bs:p.be])); n > 0 {
				p.k |= kDatelined
			}
		}
	}

	repeated := make([]bool, len(ps))
	if len(c.Repeated) > 0 {
		for i := range ps {
			repeated[i] = c.Repeated[ps[i].low]
		}
	}

	// Whole-page structure: comment threads and teaser lists.
	markComments(ps)
	markCopies(ps)
	markTeasers(ps, repeated)
	markListDates(ps)
	markBodyLists(ps)
	markAnchor(ps, repeated)
	markAnchor(ps, repeated)
	return ps, repeated
}

func zoneOf(i, start, end int) Zone {
	switch {
	case start < 0 || i >= start && i <= end:
		return ZoneBody
	case i < start:
		return ZoneTop
	}
	return ZoneBottom
}

// markEmbeds extends social-post detection to the post text above an
// attribution line ("— Name (@handle) Month D, YYYY"), and to bare link
// lines between them.
func (c *Cleaner) markEmbeds(ps []cpara) {
	for i := range ps {
		if ps[i].k&kAttribution == 0 {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			p := &ps[j]
			if p.k&(kEmbedLink|kAttribution) != 0 {
				break // the post already ends with its link
			}
			if p.f.url && p.f.words <= 6 {
				p.k |= kEmbedLink // a bare link line
				continue
			}
			// The post text: tweet-sized, not noise of another kind, and not
			// the sentence introducing it ("She wrote:").
			if p.f.words <= 70 && p.re-p.rs <= 400 && p.k&(strongNoise&^kEmbedLink) == 0 && p.f.last != ':' {
				p.k |= kEmbedLink
			}
			break
		}
	}
}

// bodyCandidate: prose that is not strong noise and not a byline.
func bodyCandidate(p *cpara, repeated bool) bool {
	if p.k&kProse == 0 || p.k&(strongNoise|kByline) != 0 {
		return false
	}
	if repeated && p.f.words < 25 {
		return false
	}
	return true
}

// findBody returns the first and last paragraph of the body (-1, -1 when
// nothing reads as prose: then everything counts as body).
func (c *Cleaner) findBody(ps []cpara, repeated []bool, lo, hi int, page bool) (int, int) {
	first, last := -1, -1
	for i := lo; i <= hi && i < len(ps); i++ {
		if ps[i].forced && ps[i].reason == "" || !ps[i].forced && bodyCandidate(&ps[i], repeated[i]) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return -1, -1
	}
	// A list the body announces or numbers belongs to it, also after the
	// last prose paragraph (a draw's seeds, the winners, the fixtures).
	last = trailingList(ps, last, hi)
	// A header can hold a standfirst above the byline: when a byline or date
	// line follows the first prose paragraph closely, the body starts after
	// it; when a paragraph opening with a dateline does, the body starts
	// there (a dateline opens the body).
	if page {
		// On a page the byline block under a standfirst can be longer
		// (names, handles, dates, share buttons): the body starts after it
		// when only such lines separate the first prose from the next.
		// The block may end in short sentences.
		for j := last + 1; j <= hi && j < len(ps); j++ {
			if shortSentence(&ps[j]) {
				last = j
			}
		}
		meta := false
		for h := first + 1; h < len(ps) && h <= hi && h <= first+12; h++ {
			if bodyCandidate(&ps[h], repeated[h]) {
				if meta && ps[first].f.words <= 60 {
					first = h
				}
				break
			}
			if ps[h].k&(kAgency|kByline|kDate) != 0 || hasPrefixWord(ps[h].low, "by") {
				meta = true
			}
		}
		return first, last
	}
	limit := c.headerParas()
	for h := first + 1; h < len(ps) && h < limit && h <= first+2; h++ {
		datelined := ps[h].k&kDatelined != 0 && ps[first].k&kDatelined == 0 && bodyCandidate(&ps[h], repeated[h])
		if ps[h].k&(kAgency|kByline|kDate) == 0 && !datelined {
			continue
		}
		ok := true
		for j := first; j < h; j++ {
			if ps[j].f.words > 60 {
				ok = false
			}
		}
		if !ok {
			break
		}
		if datelined {
			first = h
			break
		}
		next := -1
		for j := h + 1; j <= last; j++ {
			if bodyCandidate(&ps[j], repeated[j]) {
				next = j
				break
			}
		}
		if next > 0 {
			first = next
		}
		break
	}
	return first, last
}

func (c *Cleaner) headerParas() int {
	if c.HeaderParas <= 0 {
		return 8
	}
	return c.HeaderParas
}

func firstLine(s string) string {
	if nl := strings.IndexByte(s, '\n'); nl >= 0 {
		return s[:nl]
	}
	return s
}
