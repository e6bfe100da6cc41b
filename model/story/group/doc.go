// Package group groups a corpus's articles into stories: the same event
// told by several outlets, copies and own write-ups alike. It uses only
// cheap proxies computed once per text (Extract: capitalised names,
// quoted words, figures with their unit, a sample of the text's phrases)
// and the duplicate pairs model/dup finds, so 100,000 articles group in
// seconds; an annotator's hand edits (Overrides) are respected. What a
// story's articles say is analysed by the parent package, story.Analyze.
//
// It is deterministic and does no I/O.
package group
