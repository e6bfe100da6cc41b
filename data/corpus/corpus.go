package corpus

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"

	"storydesk/model"
	"storydesk/model/dup"
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

// ProblemError is the error Load returns: the Problem, ready to list.
type ProblemError struct{ Problem Problem }

func (e *ProblemError) Error() string { return e.Problem.String() }

// Item is one article found on the command line, before its contents are read.
type Item struct {
	ID     string // final id: path relative to the root, or the JSONL line's "id" field (relpath:LINE when it has none)
	Path   string // display path (sanitised); JSONL lines are "path:LINE"
	Format string // txt, md, html, jsonl
	ref    ref
}

// Result is one item read in the background by Stream.
type Result struct {
	Index   int            // into Corpus.Items
	Article *model.Article // metadata and word count; body dropped unless the corpus is held in memory
	Problem *Problem       // set when the item could not be read; Article is nil then
	// Hash is model.HashText of the article's cleaned text, taken by Stream
	// before the body is dropped, so later whole-corpus passes (duplicate
	// signatures, changed-on-disk checks) need not read it again.
	Hash string
	// Sketch is the article's duplicate-detection sketch
	// (dup.Signature.Sketch), taken by Stream with Hash: duplicate
	// detection then reads only the texts that may have copies again.
	Sketch dup.Sketch
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

	// Corrections, when set, returns a reviewer's cleaner corrections for
	// an article id; Load, Stream and ForEach clean with them (see
	// correct.go). It is called from their goroutines.
	Corrections func(id string) []model.Correction
}

// ref says where an item's bytes live.
type ref struct {
	src  *source // the file; shared by every line of a JSONL file
	off  int64   // JSONL: byte offset of the line in the (decompressed) file
	n    int32   // JSONL: line length in bytes; 0 for a whole file
	line int32   // JSONL: 1-based line number; 0 for a whole file
}

// source is one file (or stdin) items are read from.
type source struct {
	fsys    fs.FS    // nil: the OS file system
	name    string   // what to open: absolute OS path, or a path in fsys
	display string   // sanitised path for problems
	mem     []byte   // whole (decompressed) content when it is held in memory
	spill   *os.File // a large .jsonl.gz, decompressed to an unlinked temp file
	inMem   bool     // the corpus lives in memory anyway (stdin, fs.FS): Stream keeps bodies
	guessed bool     // no known extension: the format is sniffed from the content
}

// Open finds the articles named on the command line: files, directories
// (recursive), globs, and "-" for stdin. It reads no article bodies (JSONL
// files are scanned for line boundaries and ids only), so it returns quickly
// on large corpora. It fails only when nothing at all could be found; the
// Corpus is returned even then so its Problems can be listed. Per-file
// trouble goes into Corpus.Problems.
func Open(args []string, stdin io.Reader) (*Corpus, error) {
	return openArgs(args, stdin)
}

// OpenFS is Open over a file system such as the embedded sample corpus: every
// supported file under its root, ids relative to it, Root "". Bodies read from
// it are kept by Stream, as they are in memory anyway.
func OpenFS(fsys fs.FS, label string) (*Corpus, error) {
	return openFS(fsys, label)
}

// Load reads item i in full: decoded, sanitised, cleaned, with metadata. Its
// error is a *ProblemError naming the file (and JSONL line).
func (c *Corpus) Load(i int) (*model.Article, error) {
	return c.load(i, nil)
}

// Stream reads every item in the background on up to workers goroutines
// (runtime.NumCPU() when workers <= 0) and calls emit with batches of results
// (in any order, each with its index) until all are read or ctx is cancelled.
// Bodies are dropped from the articles it emits (only metadata and word
// counts are kept) so a 100k corpus fits in memory, unless the corpus lives in
// memory anyway (stdin, OpenFS); call Load for the body of the article on
// screen. emit is called from Stream's own goroutine, one batch at a time, and
// Stream returns once every item has been emitted or ctx is cancelled (then
// without emitting the rest, after the workers have finished their current
// item).
func (c *Corpus) Stream(ctx context.Context, workers int, emit func([]Result)) {
	c.stream(ctx, workers, emit)
}
