// Package story groups articles into stories (one event told by several
// outlets, copies and own write-ups alike) and analyses a story: who
// published what and when, and how each piece relates to the others; which
// quotation each outlet carried and in what wording; where the outlets
// disagree on a figure, a name or a title; what only one outlet has, and
// what a cut copy dropped; who and what the story is about.
//
// Grouping (Extract, Group) runs over a whole corpus and uses only cheap
// proxies computed once per text: capitalised names, quoted words, figures
// with their unit, a sample of the text's phrases, and the duplicate pairs
// model/dup finds. Analysis (Analyze) runs on one story's full texts and
// uses the heavier machinery: quotation detection and matching
// (model/quote), word diffs (model/textdiff) and, when given, the entity
// recogniser (model/ner).
//
// Everything is deterministic and does no I/O. Offsets are Unicode code
// points into each article's cleaned text, as everywhere in storydesk.
// Text in the results comes from the articles and is untrusted: Markdown
// escapes it, and a screen must clean it as it cleans any article text.
package story
