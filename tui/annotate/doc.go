// Package annotate is annotate mode: the article's text laid out so every
// screen cell maps to a code point (Pane), a word cursor and selections,
// tagging, deleting and relabelling spans, tag-all in the article and across
// the corpus, the entities panel and canonical names, reviewing imported
// annotations, and the "wherever an article is selected" keys (undo, redo,
// done, re-anchor). Every change is a session.Job: it is shown once the
// store has it.
//
// Annotate mode is a screen pushed over the reader; the canonical-name
// prompt and the tag-all label wait are screens pushed over it. It reaches
// the reader through the Reader interface it declares and is extended (by
// quotes mode) through Extension; it imports no other feature.
package annotate
