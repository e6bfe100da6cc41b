// Package store keeps annotations: the Store interface the reader, the
// exporters and the importers use, and its embedded implementation, SQLite
// (one file in WAL mode): running the migrations, the action log behind
// undo and redo, the open-time check and the default paths. All of
// storydesk's SQL is here, one file per stored aggregate (articles.go,
// spans.go, quotes.go, duplabels.go, corrections.go, statuses.go,
// uistate.go, signatures.go, actions.go), so that a second implementation
// (PostgreSQL) follows.
//
// # Sub-packages
//
// Built from (imported by store; they import nothing of its own):
//
//   - schema: the versioned migrations and their PostgreSQL translation.
//   - guard: between database/sql and the driver: failures said in words
//     (Error and Fault, which store re-exports), writes refused into a
//     damaged or read-only file, other programs' files refused at open.
//   - postgres: the PostgreSQL connection (addresses, errors, the ? → $n
//     connector, change notices).
//
// Built on (they import store; store never imports them):
//
//   - docops: a committed action's ops applied to a Doc in memory.
//   - lazy: the reader's default store, created at the first write.
//   - snapshots: the stored snapshots read as a corpus.
//   - corrections: the cleaner corrections index a corpus applies.
//   - storetest: stores for tests and benchmarks.
//
// # Optional capabilities
//
// Besides Store, a store may offer these; callers ask with a type assertion
// and do without when it is missing. *SQLite has them all.
//
//   - ReadOnlyStore: ReadOnly says the store was opened read-only, and why.
//   - CheckedStore: WaitChecked waits for the check of the file made at
//     open (in the background on large stores) and says what it found;
//     Damaged says whether damage was found since.
//   - ReviewCounter: Unreviewed counts each article's imported annotations
//     nobody has reviewed yet.
//   - ModelStore: SaveModel and LoadModel keep trained models by name
//     (the entity recogniser's weights, "ner").
//   - StoryLinker: StoryLinks lists this annotator's story edits (pairs
//     pinned to one story or kept apart), written by OpSetStoryLink.
//   - StoryFeatureCache: StoryFeatures and PutStoryFeatures cache story
//     grouping features (with the article's date) by article ID and hash.
//   - CorrectionSource: AllCorrections lists every cleaner correction, for
//     a corrections.Index (*SQLite's Corrections gives one article's).
//   - corpus.SignatureCache: Signatures and PutSignatures cache duplicate
//     signatures by content hash (declared by its consumer, data/corpus).
//   - DupClusters groups articles by their pair labels and canonical marks
//     (dup.Clusters over DupLabels and Canonicals).
//   - IntegrityCheck runs SQLite's full check (SQLite only).
//   - LayeredStore: Layer opens another annotator's layer read-only;
//     Annotators lists the layers (one per annotator, issue 15).
//   - SessionStore: the session's id, Announce, OtherSessions (undo and
//     redo take back only the session's own actions).
//   - Watcher: other sessions' changes, within about a second.
//
// # PostgreSQL
//
// OpenPostgres gives the same *SQLite over a PostgreSQL server (pgx
// through database/sql): every query here is written in the SQL both
// databases share, and the few differences are behind s.pg (postgres.go,
// migrate_pg.go, exportdocs_pg.go, sessions.go's beginWrite and newID) and
// in data/store/postgres.
package store
