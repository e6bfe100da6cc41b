// Package schema is the annotation store's tables: the versioned
// migrations (written in the SQL SQLite and PostgreSQL share) and their
// translation for PostgreSQL. It imports nothing of storydesk's; the store
// (data/store) runs the migrations and keeps the version (SQLite's PRAGMA
// user_version, PostgreSQL's storydesk_schema table).
package schema

// Migrations bring a database from version i to i+1. Only ever append: a
// released migration never changes.
var Migrations = []string{
	// 1: articles (snapshot), spans, the action log for undo, UI state.
	`CREATE TABLE articles (
		id         TEXT PRIMARY KEY,
		text       TEXT NOT NULL,
		hash       TEXT NOT NULL,
		title      TEXT NOT NULL DEFAULT '',
		path       TEXT NOT NULL DEFAULT '',
		source     TEXT NOT NULL DEFAULT '',
		url        TEXT NOT NULL DEFAULT '',
		date       TEXT NOT NULL DEFAULT '',
		meta       TEXT NOT NULL DEFAULT '{}',
		status     TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','in-progress','done')),
		annotator  TEXT NOT NULL DEFAULT '',
		created_at TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);
	CREATE TABLE spans (
		id         INTEGER PRIMARY KEY,
		article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start      INTEGER NOT NULL CHECK (start >= 0),
		"end"      INTEGER NOT NULL CHECK ("end" > start),
		label      TEXT NOT NULL,
		text       TEXT NOT NULL,
		canonical  TEXT NOT NULL DEFAULT '',
		source     TEXT NOT NULL DEFAULT '',
		annotator  TEXT NOT NULL DEFAULT '',
		created_at TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);
	CREATE INDEX spans_by_article ON spans(article_id, start);
	CREATE TABLE actions (
		id         INTEGER PRIMARY KEY,
		annotator  TEXT NOT NULL,
		name       TEXT NOT NULL,
		ops        TEXT NOT NULL,
		undone     INTEGER NOT NULL DEFAULT 0,
		created_at TEXT NOT NULL
	);
	CREATE INDEX actions_by_annotator ON actions(annotator, undone, id);
	CREATE TABLE state (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);`,
	// 2: quotations, duplicate labels and clusters, the duplicate-signature
	// cache, and cleaner corrections.
	`CREATE TABLE quotes (
		id           INTEGER PRIMARY KEY,
		article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start        INTEGER NOT NULL CHECK (start >= 0),
		"end"        INTEGER NOT NULL CHECK ("end" > start),
		text         TEXT NOT NULL,
		speaker      TEXT NOT NULL DEFAULT '',
		speaker_span INTEGER REFERENCES spans(id) ON DELETE SET NULL,
		kind         TEXT NOT NULL DEFAULT 'direct' CHECK (kind IN ('direct','partial','paraphrase','scare')),
		status       TEXT NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted','rejected')),
		source       TEXT NOT NULL DEFAULT '',
		annotator    TEXT NOT NULL DEFAULT '',
		created_at   TEXT NOT NULL,
		updated_at   TEXT NOT NULL
	);
	CREATE INDEX quotes_by_article ON quotes(article_id, start);
	CREATE TABLE dup_labels (
		a          TEXT NOT NULL,
		b          TEXT NOT NULL,
		label      TEXT NOT NULL CHECK (label IN ('duplicate','near-duplicate','same-story','not-duplicate')),
		annotator  TEXT NOT NULL DEFAULT '',
		created_at TEXT NOT NULL,
		PRIMARY KEY (a, b),
		CHECK (a < b)
	);
	CREATE TABLE dup_canonical (
		article_id TEXT PRIMARY KEY
	);
	CREATE TABLE dup_signatures (
		hash    TEXT PRIMARY KEY,
		version INTEGER NOT NULL,
		sig     BLOB NOT NULL
	);
	CREATE TABLE corrections (
		article_id TEXT NOT NULL,
		raw_start  INTEGER NOT NULL,
		raw_end    INTEGER NOT NULL CHECK (raw_end > raw_start),
		keep       INTEGER NOT NULL,
		annotator  TEXT NOT NULL DEFAULT '',
		created_at TEXT NOT NULL,
		PRIMARY KEY (article_id, raw_start, raw_end)
	);`,
	// 3: where a quotation's speaker is mentioned (code points; 0, 0 when
	// not recorded).
	`ALTER TABLE quotes ADD COLUMN mention_start INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE quotes ADD COLUMN mention_end INTEGER NOT NULL DEFAULT 0;`,
	// 4: entity suggestions (issue 14): trained models by name (storydesk
	// train, the reader's background learning) and the suggestions an
	// annotator rejected, so they are not offered again.
	`CREATE TABLE models (
		name       TEXT PRIMARY KEY,
		blob       BLOB NOT NULL,
		updated_at TEXT NOT NULL
	);
	CREATE TABLE rejections (
		article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start      INTEGER NOT NULL CHECK (start >= 0),
		"end"      INTEGER NOT NULL CHECK ("end" > start),
		label      TEXT NOT NULL,
		text       TEXT NOT NULL,
		annotator  TEXT NOT NULL DEFAULT '',
		created_at TEXT NOT NULL,
		PRIMARY KEY (article_id, start, "end", label)
	);`,
	// 5: story_links: an annotator's hand edits to story grouping (pairs
	// pinned to one story or kept apart), each annotator's own;
	// story_features: the grouping features cache (derived data).
	`CREATE TABLE story_links (
		annotator  TEXT NOT NULL,
		a          TEXT NOT NULL,
		b          TEXT NOT NULL,
		link       TEXT NOT NULL CHECK (link IN ('pin','apart')),
		created_at TEXT NOT NULL,
		PRIMARY KEY (annotator, a, b),
		CHECK (a < b)
	);
	CREATE TABLE story_features (
		article_id TEXT PRIMARY KEY,
		hash       TEXT NOT NULL,
		version    INTEGER NOT NULL,
		date       TEXT NOT NULL,
		keys       BLOB NOT NULL
	);`,
	// 6: layers (issue 15): every status, duplicate label, canonical mark and
	// correction belongs to one annotator, as spans and quotations already
	// recorded; each action records the session that did it (undo is the
	// session's own); sessions says who is open; changes is the feed live
	// readers follow. Portable SQL: PostgreSQL runs it too (Postgres).
	migrationLayers,
	// 7: rejected suggestions belong to the annotator who rejected them,
	// like every other layer.
	`CREATE TABLE rejections_layered (
		annotator  TEXT NOT NULL,
		article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start      INTEGER NOT NULL CHECK (start >= 0),
		"end"      INTEGER NOT NULL CHECK ("end" > start),
		label      TEXT NOT NULL,
		text       TEXT NOT NULL,
		created_at TEXT NOT NULL,
		PRIMARY KEY (annotator, article_id, start, "end", label)
	);
	INSERT INTO rejections_layered(annotator, article_id, start, "end", label, text, created_at)
		SELECT annotator, article_id, start, "end", label, text, created_at FROM rejections;
	DROP TABLE rejections;
	ALTER TABLE rejections_layered RENAME TO rejections;`,
}

// Version is the newest schema this binary knows.
var Version = len(Migrations)
