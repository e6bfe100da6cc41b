package export

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
)

// Exporters: the annotation store written out in the formats NLP tools and
// spreadsheets read. Every format streams from Store.EachDoc, so memory
// does not grow with the number of articles, and every file is written under
// a temporary name in its own directory and renamed when complete, so a
// failed or interrupted export never leaves a half-written file under the
// final name.

// Export format names, as given to --format.
const (
	FormatJSONL = "jsonl" // spaCy/Prodigy span JSON lines
	FormatBrat  = "brat"  // brat standoff: .txt + .ann per article, annotation.conf
	FormatCoNLL = "conll" // CoNLL-2003 BIO tags
	FormatW3C   = "w3c"   // W3C Web Annotation JSON-LD
	FormatCSV   = "csv"   // quotes.csv and clusters.csv
)

// Formats lists the formats in the order usage shows them.
var Formats = []string{FormatJSONL, FormatBrat, FormatCoNLL, FormatW3C, FormatCSV}

// ToDir reports whether format writes a directory (--out required)
// rather than one file (--out optional, stdout by default).
func ToDir(format string) bool { return format == FormatBrat || format == FormatCSV }

// Options says what to export and where.
type Options struct {
	Format string
	// Out is the output file (jsonl, conll, w3c; "" or "-" writes to
	// Stdout) or directory (brat, csv; required, created if missing).
	Out    string
	Stdout io.Writer
	// OnlyDone keeps only articles marked done.
	OnlyDone bool
	// Corpus, when set, limits the export to its articles (the store may
	// hold others); nil exports everything the store holds.
	Corpus *corpus.Corpus
	// AllArticles, with Corpus, also exports the corpus articles the store
	// has never seen, with empty annotations (text to pre-annotate, e.g. in
	// Prodigy). They are read and cleaned from the corpus files.
	AllArticles bool
	// Problem is told about each corpus article that could not be read.
	Problem func(p string)
	// Progress, when set, is told how many articles have been written so
	// far: every ProgressEvery articles and once more at the end, so a
	// screen can draw a bar without being flooded. It runs on the
	// exporting goroutine and must be quick.
	Progress func(done int)
	// Rejected (jsonl only) also writes the rejected entity suggestions,
	// each as a record of its own answered "reject" with its one span, the
	// way Prodigy's ner.teach stores a "no" (see jsonl.go).
	Rejected bool

	wrap func(io.Writer) io.Writer // tests: interpose on every file written
}

// Stats counts what an export wrote.
type Stats struct {
	Articles, Spans, Quotes int
	Skipped                 int // corpus articles that could not be read
	Rejections              int // rejected suggestions written (Options.Rejected)
}

// outDoc is one article on its way to the writers: the store's ExportDoc,
// and its text indexed by code point once for every writer that maps
// offsets.
type outDoc struct {
	*store.ExportDoc
	off *model.Offsets // of Text, built on first use
}

// offsets indexes the text once for every writer that maps code points.
func (d *outDoc) offsets() *model.Offsets {
	if d.off == nil {
		d.off = model.NewOffsets(d.Text)
	}
	return d.off
}

// docSink is one format's writer.
type docSink interface {
	doc(d *outDoc) error
	// finish writes what follows the last article and moves every file to
	// its final name.
	finish() error
	// abort removes every temporary file; files already complete stay.
	abort()
}

// exportEnv is what a format's writer may need besides the articles.
type exportEnv struct {
	ctx   context.Context
	store store.Store
	opts  Options
	keep  func(id string) bool // nil: every article
}

// Write writes the store's articles (or those of opts.Corpus) in
// opts.Format. On error nothing is left under a final name that was not
// complete; the error says what failed.
func Write(ctx context.Context, s store.Store, opts Options) (Stats, error) {
	var st Stats
	env := &exportEnv{ctx: ctx, store: s, opts: opts}
	if opts.Corpus != nil {
		ids := make(map[string]bool, len(opts.Corpus.Items))
		for _, it := range opts.Corpus.Items {
			ids[it.ID] = true
		}
		env.keep = func(id string) bool { return ids[id] }
	}
	cleanStaleTemps(opts, time.Now())
	sink, err := newSink(env)
	if err != nil {
		return st, err
	}
	emit := func(ed *store.ExportDoc) error {
		d := &outDoc{ExportDoc: ed}
		checkDoc(d, opts.Problem)
		st.Articles++
		st.Spans += len(d.Spans)
		st.Quotes += len(d.Quotes)
		if opts.Rejected {
			st.Rejections += len(d.Rejected)
		}
		if err := sink.doc(d); err != nil {
			return err
		}
		if opts.Progress != nil && st.Articles%ProgressEvery == 0 {
			opts.Progress(st.Articles)
		}
		return nil
	}
	if opts.Corpus != nil && opts.AllArticles {
		err = exportCorpus(ctx, s, opts, emit, &st)
	} else {
		err = s.EachDoc(ctx, store.DocFilter{OnlyDone: opts.OnlyDone, Keep: env.keep, Rejected: opts.Rejected}, emit)
	}
	if err == nil {
		err = sink.finish()
	}
	if err != nil {
		sink.abort()
		return st, err
	}
	if opts.Progress != nil {
		opts.Progress(st.Articles)
	}
	return st, nil
}

// ProgressEvery is how many articles pass between Options.Progress calls.
const ProgressEvery = 256

// checkDoc drops any span or quotation whose offsets do not slice the text
// to exactly its own text, telling problem: the store refuses such spans, so
// this only guards exports against a store edited by other means. Every
// exported offset is then right by construction.
func checkDoc(d *outDoc, problem func(string)) {
	off := d.offsets()
	n := off.Len()
	ok := func(start, end int, text string) bool {
		return start >= 0 && start < end && end <= n && d.Text[off.ByteAt(start):off.ByteAt(end)] == text
	}
	spans := d.Spans[:0]
	for _, sp := range d.Spans {
		if ok(sp.Start, sp.End, sp.Text) {
			spans = append(spans, sp)
		} else if problem != nil {
			problem(fmt.Sprintf("%s: span %d–%d %q does not match the stored text; not exported", d.ArticleID, sp.Start, sp.End, sp.Text))
		}
	}
	d.Spans = spans
	quotes := d.Quotes[:0]
	for _, q := range d.Quotes {
		if ok(q.Start, q.End, q.Text) {
			quotes = append(quotes, q)
		} else if problem != nil {
			problem(fmt.Sprintf("%s: quotation %d–%d does not match the stored text; not exported", d.ArticleID, q.Start, q.End))
		}
	}
	d.Quotes = quotes
	rejected := d.Rejected[:0]
	for _, sp := range d.Rejected {
		if ok(sp.Start, sp.End, sp.Text) {
			rejected = append(rejected, sp)
		} else if problem != nil {
			problem(fmt.Sprintf("%s: rejected suggestion %d–%d %q does not match the stored text; not exported", d.ArticleID, sp.Start, sp.End, sp.Text))
		}
	}
	d.Rejected = rejected
}

// exportCorpus walks the corpus in its order: the stored snapshot and
// annotations for articles the store holds, the freshly cleaned text with no
// annotations for the others.
func exportCorpus(ctx context.Context, s store.Store, opts Options, emit func(*store.ExportDoc) error, st *Stats) error {
	return opts.Corpus.ForEach(0, func(i int, a *model.Article, err error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err != nil {
			st.Skipped++
			if opts.Problem != nil {
				opts.Problem(err.Error())
			}
			return nil
		}
		d, ok, err := s.ExportDocByID(ctx, a.ID)
		if err != nil {
			return err
		}
		if !ok {
			d = &store.ExportDoc{Doc: store.Doc{ArticleID: a.ID, Text: a.Text, Hash: model.HashText(a.Text), Title: a.Title,
				Path: a.Path, Source: a.Source, URL: a.URL, Date: a.Date, Status: model.StatusNew}}
		}
		if opts.OnlyDone && d.Status != model.StatusDone {
			return nil
		}
		return emit(d)
	})
}

func newSink(env *exportEnv) (docSink, error) {
	o := env.opts
	if ToDir(o.Format) {
		if o.Out == "" || o.Out == "-" {
			return nil, fmt.Errorf("--format %s writes several files: give a directory with --out", o.Format)
		}
		if err := os.MkdirAll(o.Out, 0o755); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
	}
	if o.Rejected && o.Format != FormatJSONL {
		return nil, fmt.Errorf("rejected suggestions are exported in jsonl only (as Prodigy's reject answers), not %s", o.Format)
	}
	switch o.Format {
	case FormatJSONL:
		return newJSONLSink(env)
	case FormatCoNLL:
		return newCoNLLSink(env)
	case FormatW3C:
		return newW3CSink(env)
	case FormatBrat:
		return newBratSink(env), nil
	case FormatCSV:
		return newCSVSink(env)
	}
	return nil, fmt.Errorf("unknown export format %q (known: %s)", o.Format, strings.Join(Formats, ", "))
}
