// Package annotest exists for tests: it stands in for the reader's root
// around annotate mode, so that the black-box tests of annotate and of the
// features that plug into it (entities, suggest, quotes) drive it as the
// root does without each keeping a copy of the driver.
//
// A Harness holds a screen stack and status line (Host), a reader with a
// list of articles (Reader), a real SQLite store with its write queue
// (session.Session), annotate mode, and the features a test adds in the
// root's order (Add). Run hands each message to the session first and to
// the features after, and lets them sync after every message, as the root
// does; Press sends keys to the top screen and then to the features'
// global keys. Each test package wires its own feature in a small
// constructor of its own and keeps here only what the packages share.
//
// It imports annotate, the entities (AddEntities) and what they stand on
// (session, ui, widgets, the store), never the root.
package annotest
