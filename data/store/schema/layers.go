package schema

// migrationLayers moves a one-layer store to one layer per annotator. What
// an older store recorded is kept: a span or quotation stays with the
// annotator who made it (the article's first annotator when none was
// recorded), an article's status goes to its first annotator, and canonical
// marks (and labels and corrections that recorded nobody) go to the
// annotator with the most actions. seqs keeps SQLite from handing a
// deleted span's id to a new one (see the store's newID).
const migrationLayers = `CREATE TABLE statuses (
		annotator  TEXT NOT NULL,
		article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		status     TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','in-progress','done')),
		assigned   INTEGER NOT NULL DEFAULT 0,
		updated_at TEXT NOT NULL,
		PRIMARY KEY (annotator, article_id)
	);
	UPDATE spans SET annotator = (SELECT annotator FROM articles WHERE articles.id = spans.article_id) WHERE annotator = '';
	UPDATE quotes SET annotator = (SELECT annotator FROM articles WHERE articles.id = quotes.article_id) WHERE annotator = '';
	INSERT INTO statuses(annotator, article_id, status, updated_at) SELECT annotator, id, status, updated_at FROM articles;
	INSERT INTO statuses(annotator, article_id, status, updated_at)
		SELECT annotator, article_id, 'new', max(updated_at) FROM spans WHERE true GROUP BY annotator, article_id
		ON CONFLICT DO NOTHING;
	INSERT INTO statuses(annotator, article_id, status, updated_at)
		SELECT annotator, article_id, 'new', max(updated_at) FROM quotes WHERE true GROUP BY annotator, article_id
		ON CONFLICT DO NOTHING;
	CREATE INDEX statuses_by_article ON statuses(article_id);
	CREATE INDEX spans_by_layer ON spans(annotator, article_id, start);
	CREATE INDEX quotes_by_layer ON quotes(annotator, article_id, start);
	CREATE TABLE dup_labels_layered (
		annotator  TEXT NOT NULL,
		a          TEXT NOT NULL,
		b          TEXT NOT NULL,
		label      TEXT NOT NULL CHECK (label IN ('duplicate','near-duplicate','same-story','not-duplicate')),
		created_at TEXT NOT NULL,
		PRIMARY KEY (annotator, a, b),
		CHECK (a < b)
	);
	INSERT INTO dup_labels_layered(annotator, a, b, label, created_at)
		SELECT CASE WHEN annotator = '' THEN coalesce((SELECT annotator FROM actions GROUP BY annotator ORDER BY count(*) DESC, annotator LIMIT 1), '') ELSE annotator END, a, b, label, created_at FROM dup_labels;
	DROP TABLE dup_labels;
	ALTER TABLE dup_labels_layered RENAME TO dup_labels;
	CREATE TABLE dup_canonical_layered (
		annotator  TEXT NOT NULL,
		article_id TEXT NOT NULL,
		PRIMARY KEY (annotator, article_id)
	);
	INSERT INTO dup_canonical_layered(annotator, article_id)
		SELECT coalesce((SELECT annotator FROM actions GROUP BY annotator ORDER BY count(*) DESC, annotator LIMIT 1), ''), article_id FROM dup_canonical;
	DROP TABLE dup_canonical;
	ALTER TABLE dup_canonical_layered RENAME TO dup_canonical;
	CREATE TABLE corrections_layered (
		annotator  TEXT NOT NULL,
		article_id TEXT NOT NULL,
		raw_start  INTEGER NOT NULL,
		raw_end    INTEGER NOT NULL CHECK (raw_end > raw_start),
		keep       INTEGER NOT NULL,
		created_at TEXT NOT NULL,
		PRIMARY KEY (annotator, article_id, raw_start, raw_end)
	);
	INSERT INTO corrections_layered(annotator, article_id, raw_start, raw_end, keep, created_at)
		SELECT CASE WHEN annotator = '' THEN coalesce((SELECT annotator FROM actions GROUP BY annotator ORDER BY count(*) DESC, annotator LIMIT 1), '') ELSE annotator END, article_id, raw_start, raw_end, keep, created_at FROM corrections;
	DROP TABLE corrections;
	ALTER TABLE corrections_layered RENAME TO corrections;
	ALTER TABLE actions ADD COLUMN session TEXT NOT NULL DEFAULT '';
	CREATE TABLE sessions (
		id        TEXT PRIMARY KEY,
		annotator TEXT NOT NULL,
		started   INTEGER NOT NULL,
		seen      INTEGER NOT NULL
	);
	CREATE TABLE seqs (
		name TEXT PRIMARY KEY,
		last INTEGER NOT NULL
	);
	CREATE TABLE changes (
		seq        INTEGER PRIMARY KEY,
		article_id TEXT NOT NULL,
		annotator  TEXT NOT NULL,
		session    TEXT NOT NULL,
		at         INTEGER NOT NULL
	);`
