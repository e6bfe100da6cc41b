// Package data writes the annotation store out (the exporters) and reads
// annotations in (the importers), through the store.Store interface only.
// Corpus files are read by data/corpus, the store is data/store.
package data
