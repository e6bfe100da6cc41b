// Package importer reads annotations made elsewhere into the store: span
// JSON lines (spaCy, Prodigy, and storydesk's own jsonl export), doccano
// JSONL, spaCy v2 training files, Label Studio JSON exports (formats.go:
// the shape of each record is detected) and brat standoff folders. It writes through the store's bulk writer
// (store.Store.BeginImport: a savepoint per record, batches of records per
// transaction) and holds no SQL, so any Store implementation can be
// imported into. The brat reader finds an export's articles again by
// export.SafeFileBase.
package importer
