// Package export writes the annotation store out in the formats NLP tools
// and spreadsheets read (jsonl, brat, CoNLL, W3C Web Annotation, CSV), and
// the CLI's clean, quotes and dups output. It reads the store through the
// store.Store interface only, streaming (EachDoc), and writes every file
// under a temporary name renamed when complete, so an interrupted export
// never leaves a half-written file under its final name.
package export
