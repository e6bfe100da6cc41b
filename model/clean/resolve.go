package clean

import (
	"strings"
	"unicode"

	"storydesk/model"
)

// Deciding each paragraph: its kinds and where it sits (above, in or below
// the body) give the reason it is removed, or none.

// resolve turns kinds and position into a removal reason for each paragraph
// and fills the metadata.
func (c *Cleaner) resolve(ps []cpara, start, end int, repeated []bool, page bool, out *Cleaned) {
	headline, standfirst := -1, -1
	runEnd := 0 // end of the last headline run looked at
	// On a whole page only the paragraphs just above the body can be its
	// header; what lies further up is the page's own furniture.
	header, head := 0, -1
	if page && start > 0 {
		header = max(0, start-c.headerParas())
		head = pageHeadline(ps, start)
	}
	for i := range ps {
		p := &ps[i]
		if p.forced || p.reason != "" {
			continue
		}
		zone := zoneOf(i, start, end)
		k := p.k
		switch {
		case i == head:
			headline = i
			p.reason = model.ReasonHeadline
			out.Title = p.text
			if i == 0 && !p.title {
				out.Title = siteTitle(p.text)
			}
		case p.comment && zone != ZoneBody:
			p.reason = model.ReasonComment
		case page && p.credited:
			p.reason = model.ReasonCaption
		case k&(kEmbedLink|kEmbedMark|kAttribution) != 0:
			p.reason = model.ReasonEmbed
		case k&kFooter != 0 && (zone != ZoneBody || k&kProse == 0 || p.f.words <= 40):
			p.reason = model.ReasonFooter
		case k&kCaption != 0 && k&kByline != 0 && p.f.words <= 5:
			p.reason = model.ReasonByline
		case k&kCaption != 0:
			p.reason = model.ReasonCaption
		case k&(kShare|kCookie) != 0:
			p.reason = model.ReasonShare
		case k&kAdvert != 0:
			p.reason = model.ReasonBoiler
		case k&kRelatedLabel != 0:
			// "Related", "More from …": the label and the headline-shaped
			// lines after it; "Related: headline" is one itself.
			p.reason = model.ReasonRelated
			if k&kCTA != 0 && !strings.Contains(p.text, ":") {
				p.reason = model.ReasonCTA
			}
			for j := i + 1; j < len(ps) && relatedLine(&ps[j]) && ps[j].k&(kProse|strongNoise) == 0 && !ps[j].forced && !ps[j].comment; j++ {
				ps[j].reason = model.ReasonRelated
			}
		case k&kCTA != 0:
			p.reason = model.ReasonCTA
		case repeated[i] && !(k&kProse != 0 && p.f.words >= 25 && zone == ZoneBody):
			// Recurs across the outlet's articles: furniture, not this story.
			p.reason = model.ReasonBoiler
		case k&(kAgency|kCredits) != 0 || k&kByline != 0 && (zone != ZoneBody || p.f.words <= 6 && hasPrefixWord(stripLead(p.low), "by")):
			p.reason = model.ReasonByline
			switch {
			case k&kCredits != 0 || zone == ZoneBody:
			case page && (zone != ZoneTop || i < header):
				// A page's other bylines belong to teasers and widgets.
			case out.Byline == "":
				out.Byline = bylineName(p.text)
			case k&kAgency != 0 && i > 0 && ps[i-1].reason == model.ReasonByline && !strings.Contains(out.Byline, ","):
				// "By Jane Doe" then "Associated Press" on the next line.
				out.Byline += ", " + bylineName(p.text)
			}
		case zone == ZoneBody:
			// Inside the body only the unambiguous shapes above are removed.
		case k&kCTAWord != 0 && k&kProse == 0:
			p.reason = model.ReasonCTA
		case k&(kDate|kBreadcrumb|kTags|kBareURL) != 0:
			p.reason = model.ReasonBoiler
		case page && zone == ZoneTop && i < header:
			p.reason = model.ReasonNav
		case !page && zone == ZoneTop && headline < 0 && k&kHeadline != 0 && !(k&kSection != 0 && c.betterHeadlineBelow(ps, i, start)):
			headline = i
			p.reason = model.ReasonHeadline
			out.Title = p.text
		case zone == ZoneTop && k&kSection != 0:
			p.reason = model.ReasonSection
		case zone == ZoneTop && headline >= 0 && standfirst < 0 && (k&kProse != 0 || k&kHeadline != 0 && p.f.words >= 6):
			standfirst = i
			p.reason = model.ReasonStandfirst
			out.Summary = p.text
		case zone == ZoneBottom && k&kSection != 0:
			p.reason = model.ReasonBoiler // tag lists, "Ends"
		case zone == ZoneBottom && k&kHeadline != 0 && k&kProse == 0 && i >= runEnd:
			// A run of two or more headline-shaped lines after the body.
			j := i
			for j < len(ps) && ps[j].k&kHeadline != 0 && ps[j].k&(kProse|strongNoise) == 0 && !ps[j].forced {
				j++
			}
			runEnd = j
			// Not when the text before announces a list ("demands include:").
			if j-i >= 2 && !(i > 0 && ps[i-1].f.last == ':') || page {
				for x := i; x < j; x++ {
					ps[x].reason = model.ReasonRelated
				}
			}
		}
		if page && p.reason == "" && zone != ZoneBody {
			p.reason = model.ReasonNav
			if zone == ZoneBottom {
				p.reason = model.ReasonBoiler
			}
		}
	}
	if page && start >= 0 {
		removeInlineLists(ps, start, end)
	}
}

// betterHeadlineBelow: a short all-capitalised line (a section label shape)
// yields the headline to a longer headline-shaped line further down the
// header.
func (c *Cleaner) betterHeadlineBelow(ps []cpara, i, start int) bool {
	for j := i + 1; j < start; j++ {
		if ps[j].k&kHeadline != 0 && ps[j].k&kSection == 0 && ps[j].k&strongNoise == 0 {
			return true
		}
	}
	return false
}

// bylineName strips "By", dashes and brackets from a byline.
func bylineName(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = s[3:]
	}
	return strings.Trim(s, " ()[]|—–-:;,")
}

// relatedLine: a line under a related-links label: headline-shaped, or a
// numbered or bulleted title ("1. Man rescued from quarry" under "Most
// read"), but not an entry of the body's own list.
func relatedLine(p *cpara) bool {
	if p.list {
		return false
	}
	return p.k&kHeadline != 0 || startsListItem(p.text) && !p.f.terminal && p.f.words <= 20
}
