package data

import (
	"context"
	"errors"
	"fmt"
	"io"

	"storydesk/model"
)

// Problem is one input that could not be read, named by file and (for JSONL)
// line. The rest of the corpus still loads.
type Problem struct {
	Path   string // sanitised, as shown to the user
	Line   int    // 1-based line for JSONL; 0 when the whole file is affected
	Reason string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Reason)
	}
	return fmt.Sprintf("%s: %s", p.Path, p.Reason)
}

// Item is one article found on the command line, before its contents are read.
type Item struct {
	ID     string // provisional id (JSONL lines get their "id" field once read)
	Path   string // display path (sanitised)
	Format string // txt, md, html, jsonl
	ref    ref
}

// Result is one item read in the background by Stream.
type Result struct {
	Index   int            // into Corpus.Items
	Article *model.Article // metadata and word count; body dropped unless the corpus is held in memory
	Problem *Problem       // set when the item could not be read; Article is nil then
}

// Corpus is what the command line named: the items found (in a stable order)
// and the problems met while finding them. Reading the items is separate so
// the UI can show the list before every body has been read.
type Corpus struct {
	Root     string // absolute directory ids are relative to; "" for the sample corpus and stdin
	Label    string // short name shown in the UI
	Sample   bool   // the embedded sample corpus
	Items    []Item
	Problems []Problem
}

// ref says where an item's bytes live. (Placeholder: the loader fills it in.)
type ref struct{}

// Open finds the articles named on the command line: files, directories
// (recursive), globs, and "-" for stdin. It reads no bodies (JSONL files are
// scanned for line boundaries only), so it returns quickly on large corpora.
// It fails only when nothing at all could be found; per-file trouble goes into
// Corpus.Problems.
func Open(args []string, stdin io.Reader) (*Corpus, error) {
	return nil, errors.New("not implemented yet")
}

// Load reads item i in full: decoded, sanitised, cleaned, with metadata.
func (c *Corpus) Load(i int) (*model.Article, error) {
	return nil, errors.New("not implemented yet")
}

// Stream reads every item in the background on up to workers goroutines and
// calls emit with batches of results (in any order, each with its index) until
// all are read or ctx is cancelled. Bodies are dropped from the articles it
// emits (only metadata and word counts are kept) so a 100k corpus fits in
// memory; call Load for the body of the article on screen. emit is called from
// one goroutine at a time.
func (c *Corpus) Stream(ctx context.Context, workers int, emit func([]Result)) {
}
