package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"storydesk/model"
)

// Paragraph features and the shape tests built on them. Everything here looks
// at one paragraph at a time; clean.go combines the results with position.

// feats are the measurements of one paragraph's normalised text.
type feats struct {
	words      int
	cased      int // words starting with a cased letter
	lower      int // … of which start lower-case
	digitWords int
	terminal   bool // ends a sentence (. ! ? …), closing quotes aside
	last       rune // last rune before closing quotes and brackets
	first      rune // first rune
	url        bool
	spaces     int // spaces between words (after normalisation)
}

func (f *feats) lowerRatio() float64 {
	if f.cased == 0 {
		return 1 // uncased scripts: no evidence either way
	}
	return float64(f.lower) / float64(f.cased)
}

// stopRatio is the share of text's words (measured as f) that are function
// words of several languages, jusText's sign of running text. It takes a
// pass over text, so it is only asked for when needed.
func (f *feats) stopRatio(text string) float64 {
	if f.words == 0 {
		return 0
	}
	return float64(countStops(text)) / float64(f.words)
}

// countStops counts the stop words of text, cutting words as measure does.
func countStops(text string) int {
	n, start := 0, -1
	var prev rune
	for i, r := range text {
		if model.IsWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 && !model.JoinsWord(text, i, r, prev) {
			n += isStopWord(text[start:i])
			start = -1
		}
		prev = r
	}
	if start >= 0 {
		n += isStopWord(text[start:])
	}
	return n
}

// measure computes feats for text (whitespace-normalised) and its lower-case
// form, in one pass over text.
func measure(text, low string) feats {
	var f feats
	f.first, _ = utf8.DecodeRuneInString(text)
	f.last, f.terminal = lastPunct(text)
	if f.terminal && (f.last == '…' || strings.HasSuffix(text, "...")) {
		// A line cut short ("Microsoft rolls out the update to more…") is a
		// truncated title, not a finished sentence.
		f.terminal = false
	}
	f.url = strings.Contains(low, "http") && (strings.Contains(low, "http://") || strings.Contains(low, "https://")) || strings.Contains(low, "www.")

	// Words follow model.WordCount's rule. A word's first letter gives its case.
	// Chinese
	// and Japanese are written without spaces, so there every two
	// characters count as a word more: a paragraph's length is what matters.
	start := -1
	var prev rune
	cjk := 0
	for i, r := range text {
		if r >= 0x3040 && isCJK(r) {
			cjk++
		}
		if model.IsWordRune(r) {
			if start < 0 {
				start = i
				f.words++
				switch {
				case r < utf8.RuneSelf && r >= '0' && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r):
					f.digitWords++
				case r < utf8.RuneSelf && r >= 'a' && r <= 'z' || r >= utf8.RuneSelf && unicode.IsLower(r):
					f.cased++
					f.lower++
				case r < utf8.RuneSelf && r >= 'A' && r <= 'Z' || r >= utf8.RuneSelf && (unicode.IsUpper(r) || unicode.IsTitle(r)):
					f.cased++
				}
			}
		} else {
			if r == ' ' {
				f.spaces++
			}
			if start >= 0 && !model.JoinsWord(text, i, r, prev) {
				start = -1
			}
		}
		prev = r
	}
	f.words += cjk / 2
	return f
}

// isCJK: a Chinese character or Japanese kana.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// isStopWord returns 1 if w, lower-cased, is a stop word.
func isStopWord(w string) int {
	if len(w) > 12 {
		return 0
	}
	var buf [12]byte
	ascii := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	var ok bool
	if ascii {
		_, ok = stopWords[string(buf[:len(w)])]
	} else {
		_, ok = stopWords[strings.ToLower(w)]
	}
	if ok {
		return 1
	}
	return 0
}

// isProse: does the paragraph read like running text? Sentences end with a
// full stop and are mostly lower-case words; a long paragraph dense in
// function words is prose even when a scrape cut off its end.
func (f *feats) isProse(text string) bool {
	if f.url && (f.words < 12 || f.spaces == 0) {
		return false
	}
	if f.terminal && f.words >= 6 && f.lowerRatio() >= 0.3 {
		return true
	}
	return f.words >= 20 && f.lowerRatio() >= 0.45 && f.stopRatio(text) >= 0.15
}

// isHeadlineShape: a single title-like line: a few words, no full stop at the
// end (a question or exclamation is fine), not a list item, not a label.
func isHeadlineShape(text string, f *feats) bool {
	if f.words < 3 || f.words > 25 || f.url {
		return false
	}
	switch f.last {
	case '.', '…', ':', ',', ';', '-', '–', '—', '|', '/', '(':
		return false
	}
	if !(unicode.IsUpper(f.first) || unicode.IsDigit(f.first) || isOpenQuote(f.first) || (f.cased == 0 && unicode.IsLetter(f.first))) {
		return false
	}
	if startsListItem(text) {
		return false
	}
	return true
}

// isSectionShape: a one-to-three word label, every word capitalised.
func isSectionShape(text string, f *feats) bool {
	if f.words < 1 || f.words > 3 || utf8.RuneCountInString(text) > 32 || f.digitWords > 0 || f.url {
		return false
	}
	if f.terminal && f.last != '.' || f.last == '.' && !strings.HasSuffix(text, ".") || f.last == ':' {
		return false
	}
	return f.cased > 0 && f.lower == 0 && f.cased == f.words
}

func isOpenQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '„', '‚', '¿', '¡', '(':
		return true
	}
	return false
}

func startsListItem(text string) bool {
	r, size := utf8.DecodeRuneInString(text)
	switch r {
	case '-', '*', '•', '·', '–', '—', '▪', '►', '>':
		return true
	}
	if unicode.IsDigit(r) {
		rest := strings.TrimLeftFunc(text[size:], unicode.IsDigit)
		return strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, ")")
	}
	return false
}

// stopWords are frequent function words of the languages a news corpus is
// most likely to mix (English first). They measure how much a paragraph reads
// like running text, jusText style.
var stopWords = func() map[string]struct{} {
	lists := []string{
		// English
		"a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself ago already said says told",
		// Spanish
		"el la los las un una unos unas y o de del al en con por para que se su sus es son fue como más pero sin sobre entre este esta estos estas lo le les ya muy también cuando donde",
		// French
		"le les un une des et ou de du au aux en dans par pour que qui ne pas se sa son ses est sont été avec sur comme mais plus cette ce il elle ils elles nous vous leur",
		// German
		"der die das den dem des ein eine einen einem und oder zu im mit von für auf ist sind war nicht sich auch es sie er wir ihr als bei nach aus wie",
		// Portuguese and Italian
		"os as um uma e da do das dos em no na nos nas com por para não é foi ao il lo gli di che non per una sono della",
		// Dutch
		"het een en van op te zijn met voor niet aan er ook maar om bij nog wel door naar dan uit hij zij wij werd wordt",
		// Indonesian and Malay
		"yang dan di ini itu dengan untuk dari tidak ke pada dalam akan ada juga atau karena kita mereka sudah telah oleh sebagai adalah bisa",
		// Russian
		"и в не на что с как по это он она они но из у к за же от то так все о был была было были его её их",
		// Polish
		"i w nie na że się z do jest to jak po o co ale od przez dla jego już tak",
		// Swedish, Danish and Norwegian
		"och att det som är på för med av inte den har till ett om var jeg og til ikke af",
	}
	m := make(map[string]struct{}, 512)
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[w] = struct{}{}
		}
	}
	return m
}()

// stripLead drops leading bullets, dashes, arrows and spaces from a lower-case
// line so a lexicon can match what the line says.
func stripLead(low string) string {
	return strings.TrimLeftFunc(low, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '©' && r != '@' && r != '#' || unicode.IsSymbol(r) && r != '©'
	})
}

// hasPrefixWord reports whether s starts with phrase followed by a word
// boundary.
func hasPrefixWord(s, phrase string) bool {
	if !strings.HasPrefix(s, phrase) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[len(phrase):])
	return r == utf8.RuneError || !model.IsWordRune(r)
}

func hasAnyPrefixWord(s string, phrases []string) bool {
	if s == "" {
		return false
	}
	for _, p := range phrases {
		// Comparing the first byte first skips most phrases without a call.
		if p[0] == s[0] && hasPrefixWord(s, p) {
			return true
		}
	}
	return false
}

// containsWord reports whether phrase occurs in s on word boundaries.
func containsWord(s, phrase string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], phrase)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(phrase):])
		if (i == 0 || !model.IsWordRune(before)) && (i+len(phrase) == len(s) || !model.IsWordRune(after)) {
			return true
		}
		off = i + 1
	}
}

// Calls to action: what a page asks the reader to do. Matched at the start
// of a short line, after bullets and arrows.
var ctaLead = []string{
	"read more", "read also", "also read", "read next", "read the full", "read full", "more:", "see also", "see more",
	"click here", "tap here", "click to", "sign up", "sign in", "log in", "subscribe", "subscribe now", "follow us", "follow me",
	"leave a comment", "add a comment", "post a comment", "join the conversation", "join the discussion", "comments",
	"show comments", "view comments", "scroll for next", "scroll to continue", "scroll down", "continue reading",
	"keep reading", "download the app", "download our app", "get the app", "get our", "don't miss", "do not miss",
	"watch:", "watch now", "watch the video", "listen:", "listen to this article", "listen now", "load more", "show more",
	"report an error", "send us feedback", "support our journalism", "support us", "donate", "become a member",
	"already a subscriber", "get the latest", "stay informed", "stay updated", "want more", "like this story",
	"enjoyed this article", "have a news tip", "got a tip", "write to us", "contact us", "click to read",
}

// Lines that announce a list of other stories.
var relatedLead = []string{
	"related", "related stories", "related articles", "related news", "related coverage", "related content",
	"more from", "more stories", "more news", "more on this", "more on", "more in", "more like this",
	"you may also like", "you might also like", "you may be interested", "recommended", "recommended stories",
	"recommended for you", "trending", "trending now", "top stories", "latest news", "latest stories", "most read",
	"most popular", "popular", "editor's picks", "editors' picks", "also in", "also on", "in other news",
	"what to read next", "read next", "also read", "read more", "read also", "see also", "don't miss",
}

var shareLead = []string{
	"share this", "share on", "share article", "share via", "share:", "share", "tweet this", "email this",
	"print this", "copy link", "copy the link", "share the story", "share story", "share to",
}

// socialWords are the only words of a share-button row.
var socialWords = map[string]bool{
	"facebook": true, "twitter": true, "x": true, "whatsapp": true, "email": true, "e-mail": true, "mail": true,
	"linkedin": true, "reddit": true, "telegram": true, "pinterest": true, "print": true, "copy": true,
	"link": true, "share": true, "messenger": true, "tumblr": true, "flipboard": true, "threads": true,
	"bluesky": true, "sms": true, "comment": true, "comments": true, "save": true, "gift": true, "article": true,
}

var adLines = map[string]bool{
	"advertisement": true, "advertising": true, "ad": true, "sponsored": true, "sponsored content": true,
	"story continues below": true, "story continues below advertisement": true, "continue reading below": true,
	"article continues below": true, "article continues below advertisement": true, "paid content": true,
	"partner content": true, "promoted": true, "ads": true,
}

// tagLead start a line of tags or topics.
var tagLead = []string{"tags", "tagged", "topics", "filed under", "categories", "category", "keywords", "more about", "explore more on these topics"}

// cookieButtons are the buttons of a consent banner.
var cookieButtons = map[string]bool{
	"accept": true, "accept all": true, "accept cookies": true, "accept all cookies": true, "reject all": true,
	"reject": true, "manage preferences": true, "manage cookies": true, "cookie settings": true,
	"cookie preferences": true, "i agree": true, "agree": true, "got it": true, "allow all": true,
	"allow cookies": true, "necessary only": true, "only necessary": true,
}

// agencies are news wire services and generic staff credits: a line that is
// only one of these is a byline.
var agencies = map[string]bool{
	"ap": true, "associated press": true, "the associated press": true, "reuters": true, "afp": true,
	"agence france-presse": true, "agence france presse": true, "bloomberg": true, "dpa": true, "efe": true,
	"ansa": true, "upi": true, "pti": true, "ani": true, "ians": true, "xinhua": true, "kyodo": true,
	"yonhap": true, "tass": true, "ria novosti": true, "anadolu": true, "anadolu agency": true, "aap": true,
	"press trust of india": true, "united press international": true, "europa press": true, "bernama": true,
	"antara": true, "wafa": true, "sputnik": true, "cp": true, "the canadian press": true, "canadian press": true,
	"agencies": true, "news agencies": true, "wire services": true, "staff": true, "staff reporter": true,
	"staff writer": true, "staff report": true, "our correspondent": true, "special correspondent": true,
	"news desk": true, "web desk": true, "online desk": true, "news service": true, "bloomberg news": true,
	"reuters staff": true, "ap staff": true, "afp staff": true, "associated press writer": true,
}

// roleWords mark a "Name, Role" credit line.
var roleWords = []string{"correspondent", "reporter", "writer", "editor", "contributor", "columnist", "staff", "desk", "bureau", "journalist"}

// nameJoiners may appear lower-case inside a person's name or a credit.
var nameJoiners = map[string]bool{
	"and": true, "de": true, "da": true, "del": true, "della": true, "di": true, "do": true, "dos": true,
	"van": true, "von": true, "der": true, "den": true, "la": true, "le": true, "bin": true, "al": true,
	"el": true, "y": true, "e": true, "&": true, "in": true, "for": true, "with": true, "the": true, "of": true,
}

var monthSet = func() map[string]bool {
	m := make(map[string]bool, len(months))
	for _, w := range months {
		m[w] = true
	}
	return m
}()

var months = []string{
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}

var (
	// A photo credit closing a line: "(Photo | AP)", "(AP Photo/Jane Doe)", "[File photo]".
	reCaptionEnd = regexp.MustCompile(`(?i)[(\[]\s*(?:[\p{L}.]+\s+){0,2}(?:photo(?:graph)?s?|image|images|picture|pic|illustration|file\s+photo|credit|courtesy|screenshot|screengrab)\b[^()\[\]]{0,80}[)\]]$`)
	// A credit opening a line: "Photo: Reuters", "FILE PHOTO: …", "Image credit | X".
	reCaptionStart = regexp.MustCompile(`(?i)^(?:file\s+)?(?:photo(?:graph)?s?|image|picture|pic|illustration|graphic|photo credit|image credit|credit|file photo|video)\s*(?::|\||/|—|–|by\s)`)
	// A credit ending a line: "… Photo: Reuters", "… Getty Images", "… via Reuters".
	reCaptionTail = regexp.MustCompile(`(?i)(?:(?:^|[\s.|/])(?:photo(?:graph)?s?|image|picture|credit)\s*(?::|\||by\s)\s*[^\s.!?:]+(?:\s+[^\s.!?:]+){0,4}|getty\s+images?(?:\s+for\s+[^.!?]{1,40})?|shutterstock|\bvia\s+(?:getty|reuters|ap|afp|ap\s+photo|epa|bloomberg)\b[^.!?]{0,30}|\|\s*(?:ap|afp|reuters|epa|getty|ani|pti|ians|file))\s*\)?$`)
	// A numeric date or a time of day.
	reNumDate = regexp.MustCompile(`\b(?:\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{1,2}:\d{2})\b`)
	// AP style: "FILE - President X speaks …"
	reCaptionFile = regexp.MustCompile(`^FILE\s*[-–—]\s`)

	// "— Jane Doe (@janedoe) November 11, 2025"
	reAttribution = regexp.MustCompile(`^[-–—―]+\s*[^()]{1,80}?\(\s*@[\p{L}\p{N}_]{1,30}\s*\)\s*(?:\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}+\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*\.?$`)

	// Copyright notices.
	reCopyright = regexp.MustCompile(`(?i)^(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*(?:\d{4}|by\b|the\b)|\d{4}\s*©)`)
	reReproduce = regexp.MustCompile(`(?:may|must|shall|can)\s+not\s+be\s+(?:\w+,?\s+(?:or\s+)?){0,6}?(?:published|reproduced|redistributed|republished|rewritten|broadcast|copied)|do\s+not\s+(?:reproduce|republish|redistribute|copy)|(?:reproduction|republication|redistribution)\s+(?:\w+\s+){0,4}(?:prohibited|forbidden|not\s+permitted)|no\s+part\s+(?:\w+\s+){0,4}(?:may|can)\s+be\s+(?:reproduced|republished|copied)`)

	// Dateline prefixes of a lead paragraph (matched on its first line).
	// "WASHINGTON (Reuters) - ", "LONDON, Nov 3 (AFP) -", "Bogota, Nov. 11 (EFE): "
	reDatelineAgency = regexp.MustCompile(`^(\p{Lu}[^()\n]{1,60}?)[ \t\p{Zs}]*\(([\p{Lu}][\p{L}\-&. ]{0,30})\)[ \t\p{Zs}]*(?:--?|–|—|:)[ \t\p{Zs}]+`)
	// "BOGOTA, Colombia — ", "BOGOTA: ", "NEW DELHI, Nov 12 — "
	reDatelineCaps = regexp.MustCompile(`^(\p{Lu}[\p{Lu}\p{M}.'’\-]+(?:[ \t\p{Zs}]+\p{Lu}[\p{Lu}\p{M}.'’\-]+){0,3})(,[ \t\p{Zs}]*[^—–:\n]{2,40}?)?[ \t\p{Zs}]*(?:--?|–|—|:)[ \t\p{Zs}]+`)
	// "Bogota, Colombia — " (title case needs the comma part and a long dash)
	reDatelineTitle = regexp.MustCompile(`^(\p{Lu}[\p{Ll}\p{M}'’\-]+(?:[ \t\p{Zs}]+(?:\p{Lu}[\p{L}\p{M}'’\-]+|de|del|da|do|dos|am|an|upon|on|sur|la|le|el|of)){0,3}),[ \t\p{Zs}]*(\p{Lu}[\p{L}\p{M}.'’\-]*(?:[ \t\p{Zs}]+[\p{Lu}\d][\p{L}\p{M}\d.'’\-]*){0,2})[ \t\p{Zs}]*(?:–|—|--)[ \t\p{Zs}]+`)
)

// kind is a bit set of what a paragraph looks like on its own.
type kind uint32

const (
	kFooter kind = 1 << iota
	kEmbedLink
	kEmbedMark
	kAttribution
	kCaption
	kCTA
	kCTAWord // mentions a call to action somewhere (top/bottom only)
	kShare
	kCookie
	kAgency
	kByline
	kCredits
	kSection
	kHeadline
	kDate
	kRelatedLabel
	kAdvert
	kBreadcrumb
	kTags      // "Tags: …", "Topics: …"
	kBareURL   // nothing but a link
	kDatelined // opens with a dateline (set by the cleaner, near the top)
	kProse
)

// strongNoise kinds are removed wherever they occur and never count as body
// prose when locating the body.
const strongNoise = kFooter | kEmbedLink | kEmbedMark | kAttribution | kCaption | kCTA | kShare | kCookie | kAgency | kCredits | kRelatedLabel | kAdvert

// classifyKinds tests one paragraph against every shape.
func classifyKinds(text, low string, f *feats) kind {
	var k kind
	if f.isProse(text) {
		k |= kProse
	}
	lead := stripLead(low)
	short := f.words <= 20

	// Footer: copyright and reproduction notices.
	if f.words <= 60 && (mayStartCopyright(lead) && reCopyright.MatchString(lead) || strings.HasPrefix(lead, "©") ||
		strings.Contains(low, "reserv") && (strings.Contains(low, "all rights reserved") || strings.Contains(low, "todos los derechos reservados") ||
			strings.Contains(low, "tous droits réservés")) || mayForbidReproduction(low) && reReproduce.MatchString(low)) {
		k |= kFooter
	}

	// Embedded social posts.
	if endsWithPostLink(low) && f.words <= 90 {
		k |= kEmbedLink
	}
	if f.words <= 20 && (strings.HasPrefix(lead, "a post shared by") || strings.HasPrefix(lead, "view this post on") ||
		strings.HasPrefix(lead, "view on instagram") || strings.HasPrefix(lead, "view on twitter") ||
		strings.HasPrefix(lead, "view on x") || strings.HasPrefix(lead, "embedded content")) {
		k |= kEmbedMark
	}
	if f.words <= 25 && strings.Contains(text, "(@") && reAttribution.MatchString(text) {
		k |= kAttribution
	}

	// Photo captions and credits.
	if f.words <= 60 {
		if (f.last == ')' || f.last == ']' || strings.HasSuffix(text, ")") || strings.HasSuffix(text, "]")) && reCaptionEnd.MatchString(text) ||
			hasAnyPrefixWord(lead, creditLead) && reCaptionStart.MatchString(lead) ||
			strings.HasPrefix(text, "FILE") && reCaptionFile.MatchString(text) ||
			!f.terminal && (barCredit(low) || mayHaveCreditTail(low) && reCaptionTail.MatchString(lineTail(text, 160))) ||
			f.words <= 4 && creditLines[strings.TrimRightFunc(lead, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })] {
			k |= kCaption
		}
	}

	// Calls to action, share rows, cookie notices, adverts.
	if short && hasAnyPrefixWord(lead, ctaLead) {
		k |= kCTA
	}
	if f.words <= 15 && (containsWord(low, "newsletter") || containsWord(low, "subscribe") || containsWord(low, "click here") ||
		containsWord(low, "sign up") || containsWord(low, "follow us") || containsWord(low, "download") && containsWord(low, "app")) {
		k |= kCTAWord
	}
	if f.words <= 12 && hasAnyPrefixWord(lead, shareLead) && !f.terminal {
		k |= kShare
	}
	if f.words <= 10 && onlySocialWords(low) {
		k |= kShare
	}
	if f.words <= 80 && strings.Contains(low, "cookie") && (containsWord(low, "we use") || containsWord(low, "this site") ||
		containsWord(low, "this website") || containsWord(low, "accept") || containsWord(low, "consent") ||
		containsWord(low, "cookie policy") || containsWord(low, "cookie settings") || containsWord(low, "browsing")) {
		k |= kCookie
	}
	if f.words <= 4 && cookieButtons[strings.TrimRightFunc(lead, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })] {
		k |= kCookie
	}
	if f.words <= 6 && adLines[strings.TrimRight(lead, " .:")] {
		k |= kAdvert
	}
	if f.words <= 25 && isRelatedLabel(lead) {
		k |= kRelatedLabel
	}

	// Bylines and credits.
	if f.words <= 8 && isAgencyLine(lead) {
		k |= kAgency
	}
	if f.words <= 14 && isByline(text, lead) {
		k |= kByline
	}
	if f.words <= 40 && isCredits(lead) {
		k |= kCredits
	}

	// Labels, headlines, dates, breadcrumbs.
	if isSectionShape(text, f) {
		k |= kSection
	}
	if k&kProse == 0 && isHeadlineShape(text, f) {
		k |= kHeadline
	}
	if k&kProse == 0 && f.words <= 14 && isDateLine(low, f) {
		k |= kDate
	}
	if f.words <= 12 && isBreadcrumb(text) {
		k |= kBreadcrumb
	}
	if f.words <= 40 && hasAnyPrefixWord(lead, tagLead) && strings.Contains(lead, ":") {
		k |= kTags
	}
	if f.url && !strings.ContainsAny(text, " ") {
		k |= kBareURL
	}
	return k
}

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

// creditLines are whole lines that only say a picture is there.
var creditLines = map[string]bool{
	"file photo": true, "file image": true, "file picture": true, "file": true, "photo": true, "image": true,
	"representational image": true, "representational photo": true, "representative image": true,
	"image for representation": true, "photo for representation": true, "stock photo": true, "stock image": true,
	"illustration": true, "photo illustration": true, "getty images": true, "screenshot": true, "screengrab": true,
}

// creditLead are the first words of a line that opens with a photo credit.
var creditLead = []string{"photo", "photos", "photograph", "photographs", "image", "picture", "pic", "illustration",
	"graphic", "credit", "file", "video"}

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
