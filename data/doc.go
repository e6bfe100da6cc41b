// Package data reads annotations into the store (the importers: jsonl and
// brat), through the store's bulk writer (store.Store.BeginImport) only.
package data
