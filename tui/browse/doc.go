// Package browse is the reader itself, the screen at the bottom of the
// root's stack: the article list (virtualised, with an incremental filter
// that scans off the update loop), the article pane (glamour's reading
// view and the raw view with what the cleaner removed, both rendered in
// commands and cached per article and width), the background read of the
// whole corpus, and the files behind the articles changing or going.
//
// Nothing here knows of annotations, duplicates or corrections: the list
// takes the badges and the copies filter as func hooks, the raw view takes
// the stored corrections as one, and the root hears of what happened
// (an article shown, the corpus read, a file changed) through Hooks.
package browse
