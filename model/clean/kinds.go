package clean

import (
	"strings"
	"unicode"
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
	if f.words <= 12 && (strings.HasPrefix(lead, "our standards:") || strings.Contains(low, "trust principles")) {
		k |= kFooter // a wire service's standards line under every story
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
	if short && hasAnyPrefixWord(lead, ctaLead) || f.words <= 40 && isSubscriptionPitch(low) {
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
