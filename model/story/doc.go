// Package story analyses a story, one event told by several outlets
// (copies and own write-ups alike; the sub-package group finds them in a
// corpus): who published what and when, and how each piece relates to the
// others; which quotation each outlet carried and in what wording; where
// the outlets disagree on a figure, a name or a title; what only one
// outlet has, and what a cut copy dropped; who and what the story is
// about.
//
// Analyze works on one story's full texts with the heavier machinery:
// quotation detection and matching (model/quote), word diffs
// (model/textdiff), duplicate signatures (model/dup) and, when given, the
// entity recogniser (model/ner). The sub-package report renders a Story
// as JSON records and Markdown.
//
// Everything is deterministic and does no I/O. Offsets are Unicode code
// points into each article's cleaned text, as everywhere in storydesk.
// Text in the results comes from the articles and is untrusted: the
// Markdown renderer escapes it, and a screen must clean it as it cleans
// any article text.
package story
