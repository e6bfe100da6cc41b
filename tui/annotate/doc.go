// Package annotate is annotate mode: the article's text laid out so every
// screen cell maps to a code point (Pane), a word cursor and selections,
// the jump motion and search within the article, tagging, deleting and
// relabelling spans, tag-all in the article and across the corpus,
// reviewing imported annotations, and the "wherever an article is
// selected" keys (undo, redo, done, re-anchor). Every change is a
// session.Job: it is shown once the store has it.
//
// Annotate mode is a screen pushed over the reader; the tag-all label
// wait, the jump (JUMP), the search prompt (SEARCH) and the kept search
// are screens pushed over it. It reaches the reader through the Reader
// interface it declares and is extended through hooks it declares too:
// Extension (quotes mode), Entities (the entities panel and canonical
// names, tui/entities) and Suggestions (entity suggestions, tui/suggest);
// it imports no other feature.
package annotate
