// Package export is the reader's export (ctrl+e): a menu in the status bar,
// keyboard-first like lazygit's, with the options the command line has —
// format (f/tab), destination (o to edit; a default under the corpus's
// .storydesk/exports, or beside the store for the sample corpus, stdin and
// a store opened on its own), only done (d), and, over a corpus, all
// articles (a: the corpus's articles not annotated yet too). The short help
// lists every key; enter exports; the choices are kept for the next ctrl+e.
//
// The export runs on a goroutine once the session's write queue has
// drained (it reads the store, so a queued write would be missing), and
// reports progress through a channel the update loop reads one message at
// a time, so a large corpus never blocks the screen. Quitting cancels it;
// the exporter writes under temporary names, so nothing partial is left
// under the final name.
//
// The root builds the Feature with Deps: the store (Store, which the root
// adapts from its store.Store), the write queue (Queue), the corpus on
// screen and where default names go.
package export
