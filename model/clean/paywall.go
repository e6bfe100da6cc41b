package clean

import "strings"

// Paywall pitches sit inside the article body, so position cannot tell
// them from it; their words do. (Pull quotes, the other such furniture,
// stay: the article-extraction benchmark's hand-made bodies keep them.)

// isSubscriptionPitch: the box a paywall puts after an article's first
// paragraphs ("Subscribe to continue reading", "Get unlimited access for
// £1 a week. Cancel anytime."), addressed to the reader, not reported.
func isSubscriptionPitch(low string) bool {
	if !strings.Contains(low, "subscri") && !strings.Contains(low, "unlimited access") {
		return false
	}
	pitch := strings.Contains(low, "continue reading") || strings.Contains(low, "unlimited access") ||
		strings.Contains(low, "cancel anytime") || strings.Contains(low, "cancel any time") ||
		strings.Contains(low, "free trial") || strings.Contains(low, "already a subscriber") ||
		strings.Contains(low, "subscribe now") || strings.Contains(low, "subscribers only")
	return pitch && !reported(low)
}

// reported: the line reports what someone said.
func reported(low string) bool {
	return containsWord(low, "said") || containsWord(low, "says") || containsWord(low, "told") || strings.Contains(low, "according to")
}
