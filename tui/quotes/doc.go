// Package quotes is quotes mode: the article's quotations, stored and
// suggested by the detector (model/quote), listed in a panel beside
// annotate mode's text and highlighted in it; accepting, rejecting,
// re-kinding and tagging them by hand; the speaker prompt; and the
// who-carried-it search over the corpus with its screen.
//
// It extends annotate mode through annotate's hook (Hook matches
// annotate.Extension) without importing it: what it needs of annotate
// mode, the reader and the session it declares in deps.go, and the root
// satisfies them (tui/wire_quotes.go).
package quotes
