// Package data holds the annotation store (the Store interface and its
// SQLite implementation), the exporters and the importers. Corpus files are
// read by data/corpus.
package data
