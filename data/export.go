package data

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

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

// ExportFormats lists the formats in the order usage shows them.
var ExportFormats = []string{FormatJSONL, FormatBrat, FormatCoNLL, FormatW3C, FormatCSV}

// ExportToDir reports whether format writes a directory (--out required)
// rather than one file (--out optional, stdout by default).
func ExportToDir(format string) bool { return format == FormatBrat || format == FormatCSV }

// ExportOptions says what to export and where.
type ExportOptions struct {
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

	wrap func(io.Writer) io.Writer // tests: interpose on every file written
}

// ExportStats counts what an export wrote.
type ExportStats struct {
	Articles, Spans, Quotes int
	Skipped                 int // corpus articles that could not be read
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
	opts  ExportOptions
	keep  func(id string) bool // nil: every article
}

// Export writes the store's articles (or those of opts.Corpus) in
// opts.Format. On error nothing is left under a final name that was not
// complete; the error says what failed.
func Export(ctx context.Context, s store.Store, opts ExportOptions) (ExportStats, error) {
	var st ExportStats
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
		err = s.EachDoc(ctx, store.DocFilter{OnlyDone: opts.OnlyDone, Keep: env.keep}, emit)
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

// ProgressEvery is how many articles pass between ExportOptions.Progress calls.
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
}

// exportCorpus walks the corpus in its order: the stored snapshot and
// annotations for articles the store holds, the freshly cleaned text with no
// annotations for the others.
func exportCorpus(ctx context.Context, s store.Store, opts ExportOptions, emit func(*store.ExportDoc) error, st *ExportStats) error {
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
	if ExportToDir(o.Format) {
		if o.Out == "" || o.Out == "-" {
			return nil, fmt.Errorf("--format %s writes several files: give a directory with --out", o.Format)
		}
		if err := os.MkdirAll(o.Out, 0o755); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
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
	return nil, fmt.Errorf("unknown export format %q (known: %s)", o.Format, strings.Join(ExportFormats, ", "))
}

// outFile is one output file: a temporary file beside the final name until
// commit renames it, or the caller's stdout.
type outFile struct {
	*bufio.Writer
	f     *os.File // nil for stdout
	final string
}

// createOut opens path for writing ("" or "-": stdout).
func createOut(path string, stdout io.Writer, wrap func(io.Writer) io.Writer) (*outFile, error) {
	if path == "" || path == "-" {
		if stdout == nil {
			stdout = os.Stdout
		}
		return &outFile{Writer: bufio.NewWriterSize(stdout, 64<<10)}, nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, tempPattern(base))
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var w io.Writer = f
	if wrap != nil {
		w = wrap(f)
	}
	return &outFile{Writer: bufio.NewWriterSize(w, 64<<10), f: f, final: path}, nil
}

// commit flushes the file to disk and gives it its final name.
func (o *outFile) commit() error {
	if err := o.Flush(); err != nil {
		o.abort()
		return fmt.Errorf("export %s: %w", o.name(), err)
	}
	if o.f == nil {
		return nil
	}
	tmp := o.f.Name()
	err := o.f.Chmod(0o644) // CreateTemp makes it private
	if err == nil {
		err = o.f.Sync()
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, o.final)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("export %s: %w", o.final, err)
	}
	o.f = nil
	return nil
}

// abort removes the temporary file (stdout cannot be taken back).
func (o *outFile) abort() {
	if o.f != nil {
		o.f.Close()
		os.Remove(o.f.Name())
		o.f = nil
	}
}

func (o *outFile) name() string {
	if o.final == "" {
		return "stdout"
	}
	return o.final
}

// writeFileAtomic writes one small file of a directory export: the bytes go
// to a temporary name that is renamed only once they are all written.
// Unlike outFile.commit it does not fsync: a brat export is two files per
// article, and a sync each would make a large export take minutes.
func writeFileAtomic(dir, name string, parts [][]byte, wrap func(io.Writer) io.Writer) (tmp string, err error) {
	f, err := os.CreateTemp(dir, tempPattern(name))
	if err != nil {
		return "", err
	}
	tmp = f.Name()
	var w io.Writer = f
	if wrap != nil {
		w = wrap(f)
	}
	for _, p := range parts {
		if _, err = w.Write(p); err != nil {
			break
		}
	}
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// tempPattern is the os.CreateTemp pattern of a file being written as name:
// ".NAME.PID-RANDOM.tmp". The leading dot and the .tmp keep a file left by a
// killed export out of every *.jsonl or *.txt glob; the process id lets the
// next export tell a dead writer's file from a running one's.
func tempPattern(name string) string {
	return "." + name + "." + strconv.Itoa(os.Getpid()) + "-*.tmp"
}

// staleTempAge is how long a temporary file may go unwritten before it is
// taken as abandoned whoever wrote it (a process id may have been reused).
const staleTempAge = time.Hour

// processStart tells this process's own temporary files from those of an
// earlier process that had the same id (containers reuse small ids).
var processStart = time.Now()

// cleanStaleTemps removes what killed exports left at this export's
// destination: for a file, the temporary files of that one name beside it;
// for a directory export, the temporary files of the kinds it writes
// (.txt, .ann, .csv, annotation.conf). Only names of exactly tempPattern's shape go, and only when
// their writer is gone: its process no longer exists, or the file has not
// been written for staleTempAge. A running export's files stay. Failures
// are ignored: the export does not depend on it.
func cleanStaleTemps(opts ExportOptions, started time.Time) {
	if opts.Out == "" || opts.Out == "-" {
		return
	}
	dir, name := filepath.Split(opts.Out)
	if ExportToDir(opts.Format) {
		dir, name = opts.Out, ""
	}
	if dir == "" {
		dir = "."
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		pid, ok := tempOwner(e.Name(), name)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		stale := fi.ModTime().Before(started.Add(-staleTempAge))
		switch {
		case pid == os.Getpid():
			stale = stale || fi.ModTime().Before(processStart)
		case pid > 0:
			if alive, known := processAlive(pid); known && !alive {
				stale = true
			}
		}
		if stale {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// tempOwner reports whether file is a temporary file of tempPattern's shape
// (for name, or for any name when name is ""), and the writer's process id
// (0 for the older ".NAME.RANDOM.tmp" form, which had none).
func tempOwner(file, name string) (pid int, ok bool) {
	rest, ok := strings.CutPrefix(file, ".")
	if !ok {
		return 0, false
	}
	if rest, ok = strings.CutSuffix(rest, ".tmp"); !ok {
		return 0, false
	}
	i := strings.LastIndexByte(rest, '.')
	if i <= 0 || (name != "" && rest[:i] != name) {
		return 0, false
	}
	mid := rest[i+1:]
	p, random, hasPid := strings.Cut(mid, "-")
	if !hasPid {
		p, random = "", mid
	}
	if random == "" || !allDigits(random) || (hasPid && (p == "" || !allDigits(p))) {
		return 0, false
	}
	if name == "" && (!hasPid || !dirExportFile(rest[:i])) {
		// In a directory the user chose, a dot-file of another program can
		// have the same shape (os.CreateTemp's): only our sinks' files with
		// our process-id form are ours.
		return 0, false
	}
	if hasPid {
		pid, _ = strconv.Atoi(p)
	}
	return pid, true
}

// dirExportFile reports whether a directory export (brat, csv) writes files
// of this name.
func dirExportFile(name string) bool {
	switch filepath.Ext(name) {
	case ".txt", ".ann", ".csv":
		return true
	}
	return name == "annotation.conf"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// processAlive says whether process pid exists, when the system can say.
func processAlive(pid int) (alive, known bool) {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false, true // Windows: no such process
	}
	switch err := p.Signal(syscall.Signal(0)); {
	case err == nil, errors.Is(err, syscall.EPERM):
		return true, true // EPERM: it exists, under another user
	case errors.Is(err, os.ErrProcessDone), errors.Is(err, syscall.ESRCH):
		return false, true
	}
	return false, false
}

// safeFileBase turns an article id into a file name that is safe on every
// common file system and unique: ids made only of lower-case ASCII letters,
// digits, '.', '_' and '-' (not starting with '.') keep their name; any
// other id (path separators, "..", upper case — which case-insensitive file
// systems would fold together —, non-ASCII, control characters, NUL, a
// Windows device name) gets its unsafe characters replaced by '_' and a '~'
// and 16 hex digits of the id's SHA-256 appended. A kept name never holds a
// '~', so it cannot collide with a hashed one.
func safeFileBase(id string) string {
	if plainName(id) {
		return id
	}
	var b strings.Builder
	for _, r := range id {
		if b.Len() >= 80 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := strings.TrimLeft(b.String(), ".")
	h := sha256.Sum256([]byte(id))
	return name + "~" + hex.EncodeToString(h[:8])
}

func plainName(id string) bool {
	if id == "" || len(id) > 100 || id[0] == '.' || !utf8.ValidString(id) {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	stem, _, _ := strings.Cut(id, ".")
	switch stem {
	case "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
		"lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9":
		return false
	}
	return true
}
