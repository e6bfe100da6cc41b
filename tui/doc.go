// Package tui is storydesk's terminal reader and annotator, built on Bubble
// Tea v2.
//
// The root model (New) keeps a stack of screens and routes keys and
// messages; the reader itself (tui/browse: the list, the article pane, the
// filter) is the screen at the bottom. Each pane is a component with
// SetSize, Update, View and help bindings, sharing one common context
// (size, styles, keymap, labels, background) rather than globals.
// Everything slow — reading the corpus, loading an article, rendering
// markdown, filtering 100k titles, every annotation store call — runs in
// tea.Cmds and comes back as typed messages, so the update loop only ever
// does work proportional to what is on screen.
//
// Annotate mode (enter on the article pane; tui/annotate, wired in
// wire_annotate.go) is a screen pushed over the reader. It lays the
// article's stored snapshot out with tui/layout, so every screen cell maps
// to a code point: the cursor rests on words, selections are whole tokens,
// and the spans, selection and cursor become non-overlapping layout.Marks
// per visible line.
// Writes go through one queue in key order; an action is built when its turn
// comes, against the documents as saved by the writes before it, and shown
// as done only when the store's answer (with the document re-read) arrives.
// On an error the screen keeps what it had and the status bar says why.
//
// The entities panel and canonical names (tui/entities, wired in
// wire_entities.go) and entity suggestions (tui/suggest, wired in
// wire_suggest.go) plug into annotate mode through hooks it declares
// (annotate.Entities, annotate.Suggestions), as quotes mode does.
//
// Quotes mode (Q, tui/quotes, wired in wire_quotes.go; annotate mode's
// extension through annotate's hook) lists the article's quotations — stored ones
// and the detector's suggestions, run in a tea.Cmd — in a side panel (below
// the text on narrow terminals) and layers them over the annotate styles:
// italic plus a margin bar, never a width change. Its actions go through
// the same write queue; the who-carried-it search (C) runs over the corpus
// on a goroutine with quote.Matcher, as corpus-wide tagging does.
//
// Corrections (tui/correct, wired in wire_correct.go): in the raw view a paragraph cursor and t keep a
// paragraph the cleaner removed or remove a kept one. Each correction is one
// undoable action that also moves the article's spans and quotations onto
// the new cleaned text (asking first when some would be lost), and loads
// apply the stored corrections, so every view shows the corrected text.
//
// Duplicates (D, tui/dups, wired in wire_dups.go): detection runs in the
// background once the corpus is read, with the store as signature cache;
// the duplicates screen lists candidate pairs by score with a side-by-side
// word diff (stacked when narrow), labels them through the write queue,
// derives copy clusters and their canonical copy, and can hide copies from
// the list. M marks any two articles and compares them.
//
// Export (ctrl+e, tui/export) writes what is saved, off the update loop, once
// the write queue has drained.
//
// The terminal: colours come from one theme for a light or dark background
// (asked of the terminal) and are dropped entirely when the terminal's
// colour profile has none (NO_COLOR, TERM=dumb): then markers, border
// weight and attributes carry every distinction. Every screen lays itself
// out in the terminal's size, down to a few cells, and clampView is only
// the last defence.
//
// Text shown here comes from untrusted files. It has been sanitised at load
// (model.Sanitize); the view boundary sanitises again, escapes it before it
// reaches glamour, and keeps only SGR styling from glamour's output. The
// annotate view replaces any tab or control with one rune, keeping offsets.
package tui
