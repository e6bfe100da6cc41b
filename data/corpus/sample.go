package corpus

import (
	"embed"
	"io/fs"
)

// sampleFS is the sample corpus shown by `storydesk` with no arguments.
//
// Every event, place, company and person in it is invented (Veridia, Port
// Ellis, Karvik and Sorn Island do not exist); real agencies and countries
// appear only as the kind of scrape noise and context real articles carry.
// The files are written to exercise every part of the app, and the tests in
// sample_test.go hold them to it:
//
//   - wire-ferry-ap.txt: the agency original of the ferry story, in full.
//     Section label ("World"), headline, standfirst, byline ("By Tomas
//     Rehn"), agency line ("Associated Press"), dateline "PORT ELLIS, Veridia
//     (AP) — ", AP copyright footer. Blank-line paragraphs. "at least 42
//     people". Curly and straight quotes, a partial quote ("a race against
//     the sea"), a multi-sentence quote, "it's" inside a quote, cues said /
//     told / according to / said in a statement, "U.S. Navy".
//   - wire-ferry-truncated.txt: the same wire copy cut after its fourth
//     paragraph (the key quote survives). Photo caption "(Photo | AP)" above
//     the section label, agency line, dateline rewritten as "PORT ELLIS: ",
//     a five-line related-headlines list and "SCROLL FOR NEXT".
//   - wire-ferry-changed.txt: the full wire copy with single-newline
//     paragraphs and two edits: "at least 47 people" (headline and first
//     paragraph) instead of 42, and the second paragraph's last sentence
//     reworded ("By dawn, rescue crews had pulled 118 people from the icy
//     water."). Share line, "By Tomas Rehn, Associated Press", CTAs in the
//     middle of the body ("Read more:", "Sign up for our morning
//     newsletter"), "Leave a comment", "©" footer, cookie line.
//   - wire-ferry-rewrite.md: another outlet's own account of the same event
//     (YAML front matter title/source/date/url/author). Same facts, the same
//     key quote from Mayor Ilse Varga, then "Varga" alone; "US Navy". An
//     embedded post ending in a t.co link with its "— Ilse Varga
//     (@IlseVargaPE) March 3, 2026" line; “the workers' union” and "it's"
//     inside quotes.
//   - business-shipyard.txt: section label, headline, standfirst, caption
//     ending "Photo: AFP/Getty Images", dateline "KARVIK (Reuters) - ",
//     "Reporting by ...; Editing by ..." credit, "Leave a comment". Money in
//     €, $ and shares; a single-quoted quote nested in a curly double one;
//     "he said" and "added".
//   - clean-lighthouse.txt: no noise at all; the cleaner must return it
//     unchanged.
//   - politics-wind-vote.txt: single-newline paragraphs; section, headline,
//     caption ("Photo: Lina Berg/Reuters"), byline, dateline "HALVARD,
//     Veridia — ", "Read more:", newsletter CTA, "©" footer. Quotes: a pair
//     opened with “ and closed with ", one opened with " and closed with ”,
//     a multi-paragraph quote (no closing mark before the next paragraph's
//     “), a straight single quote nested in a straight double one, and the
//     cues said:, told, warned in a statement, wrote in a post on X, "she
//     said".
//   - science-coral-pact.txt: share line, headline, mixed-case dateline
//     "Halvard (AFP) - ", an embedded post in Spanish (with an emoji) and its
//     "— Rosa Iturbe (@RosaIturbeCL)" line, "Read more:", agency line "AFP"
//     at the end, "Dr." inside a sentence.
//   - culture-jazz-festival.html: a small page with nav, kicker, headline,
//     standfirst, byline, figure caption, share links, a "Most read" aside
//     and a copyright/cookie footer around the article; an &amp; entity.
//   - briefs.jsonl: three short articles (briefs-001 sport, with byline and
//     © footer inside its text; briefs-002 weather; briefs-003 science),
//     each with id/title/source/date/url/text and an unknown crawl_id field.
//
//go:embed sample
var sampleFS embed.FS

// OpenSample opens the embedded sample corpus (what `storydesk` with no
// arguments shows).
func OpenSample() (*Corpus, error) {
	sub, err := fs.Sub(sampleFS, "sample")
	if err != nil {
		return nil, err
	}
	c, err := OpenFS(sub, "sample corpus")
	if c != nil {
		c.Sample = true
	}
	return c, err
}
