// Package model holds storydesk's shared domain types (an Article and what
// the cleaner removed from it, entity spans, accepted quotations, duplicate
// labels, a reviewer's cleaner corrections) and the text helpers every
// offset goes through: Sanitize, RuneLen, RuneSlice, Offsets, WordCount.
//
// Offsets are Unicode code points of an article's cleaned text (of its raw
// text for removed ranges). The logic builds on these types in clean, quote,
// dup, textdiff and wordtok; model imports none of them and does no I/O.
package model
