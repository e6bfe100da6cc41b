package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"storydesk/data/corpus"
	"storydesk/data/export"
	"storydesk/data/importer"
	"storydesk/data/store"
	"storydesk/model"
)

// runExport writes the annotation store in one of export.Formats.
func runExport(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := subcommandFlags("export", "export --format FORMAT [--out FILE|DIR] [--db PATH] [--only-done] [--all-articles] [--rejected] [PATH...]", stderr)
	format := fs.String("format", "", "`FORMAT`: "+strings.Join(export.Formats, ", "))
	out := fs.String("out", "", "output `FILE` (jsonl, conll, w3c; default stdout) or DIR (brat, csv; required)")
	dbPath := fs.String("db", "", "annotation store `PATH` or postgres://… server (default: the store of the corpus in PATHs, else of the sample corpus)")
	annotator := fs.String("annotator", "", "export `NAME`'s layer (default: the store's only layer, else your own: the config file's name, else the OS user)")
	layer := fs.String("layer", "", "export a named `LAYER`: gold (the adjudicated one)")
	onlyDone := fs.Bool("only-done", false, "only articles marked done")
	allArticles := fs.Bool("all-articles", false, "with PATHs, also the articles not annotated yet, with no annotations")
	rejected := fs.Bool("rejected", false, "jsonl: also the rejected entity suggestions, one record each answered \"reject\" (Prodigy's ner.teach form)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	known := false
	for _, f := range export.Formats {
		known = known || f == *format
	}
	switch {
	case !known:
		fmt.Fprintf(stderr, "storydesk export: give --format, one of %s\n", strings.Join(export.Formats, ", "))
		fs.Usage()
		return errUsage
	case export.ToDir(*format) && (*out == "" || *out == "-"):
		fmt.Fprintf(stderr, "storydesk export: --format %s writes several files: give a directory with --out\n", *format)
		return errUsage
	case *allArticles && fs.NArg() == 0:
		fmt.Fprintln(stderr, "storydesk export: --all-articles needs the corpus PATHs")
		return errUsage
	case *rejected && *format != export.FormatJSONL:
		fmt.Fprintf(stderr, "storydesk export: --rejected is for --format jsonl (Prodigy's reject answers); %s has no place for them\n", *format)
		return errUsage
	}

	var only *corpus.Corpus // the corpus named, to export its articles only
	path := *dbPath
	if fs.NArg() > 0 {
		c, err := corpus.Open(fs.Args(), stdin)
		if c != nil {
			reportProblems(stderr, c.Problems)
		}
		if err != nil {
			return err
		}
		only = c
		if path == "" {
			path = store.DefaultPath(c)
		}
	} else if path == "" {
		c, err := corpus.OpenSample()
		if err != nil {
			return err
		}
		path = store.DefaultPath(c)
	}
	// Reading must not create a store: a mistyped --db is an error.
	if !storeExists(path) {
		return fmt.Errorf("no annotation store at %s (nothing annotated yet, or give --db)", model.SanitizeLine(path))
	}
	ann, err := openStore(path, "")
	if err != nil {
		return err
	}
	defer ann.Close()
	who, err := readLayer(ann, *annotator, *layer)
	if err != nil {
		return err
	}
	src := ann.Layer(who)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, err := export.Write(ctx, src, export.Options{
		Format: *format, Out: *out, Stdout: stdout, OnlyDone: *onlyDone,
		Corpus: only, AllArticles: *allArticles, Rejected: *rejected,
		Problem: func(p string) { fmt.Fprintln(stderr, "storydesk: skipped", p) },
	})
	if err != nil {
		return err
	}
	dest := *out
	if dest == "" || dest == "-" {
		dest = "stdout"
	}
	rej := ""
	if *rejected {
		rej = fmt.Sprintf(", %d rejected suggestions", st.Rejections)
	}
	fmt.Fprintf(stderr, "storydesk: exported %d articles (%d entities, %d quotations%s) of %s's layer from %s to %s\n",
		st.Articles, st.Spans, st.Quotes, rej, model.SanitizeLine(who), storeName(path), model.SanitizeLine(dest))
	if st.Skipped > 0 || (only != nil && len(only.Problems) > 0) {
		return errSkipped
	}
	return nil
}

// runImport reads span JSON lines (spaCy, Prodigy, or storydesk's own jsonl
// export) and brat standoff (a directory, or an .ann with its .txt) into the
// annotation store.
func runImport(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := subcommandFlags("import", "import [--db PATH|postgres://…] [--annotator NAME | --layer gold] FILE.jsonl|BRATDIR|FILE.ann...", stderr)
	dbPath := fs.String("db", "", "annotation store `PATH` or postgres://… server (default: the one `storydesk FILE.jsonl` or `storydesk BRATDIR` uses)")
	annotator := fs.String("annotator", "", "import into `NAME`'s layer (default: the config file's name, else the OS user)")
	layer := fs.String("layer", "", "import into a named `LAYER`: gold")
	if err := parseSubcommand(fs, args); err != nil {
		return err
	}
	files := fs.Args()
	path := *dbPath
	if path == "" {
		var named []string
		for _, f := range files {
			switch {
			case f == "-":
			case isBratFile(f):
				named = append(named, filepath.Dir(f)) // its folder, as `storydesk DIR` opens it
			default:
				named = append(named, f)
			}
		}
		c := &corpus.Corpus{} // stdin only: the stdin store, as `storydesk -` uses
		if len(named) > 0 {
			var err error
			if c, err = corpus.Open(named, nil); err != nil {
				return err
			}
		}
		path = store.DefaultPath(c)
	}
	if *layer != "" && *layer != GoldLayer || *layer != "" && *annotator != "" {
		return fmt.Errorf("--layer takes only %s, and not with --annotator: %w", GoldLayer, errUsage)
	}
	who, err := annotatorName(*annotator)
	if err != nil {
		return err
	}
	if *layer != "" {
		who = GoldLayer
	}
	ann, err := openStore(path, who)
	if err != nil {
		return err
	}
	defer ann.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	failed := false
	imported := 0
	for _, name := range files {
		if isBratDir(name) || isBratFile(name) {
			st, err := importer.Brat(ctx, ann, name, importer.Options{Problem: func(p corpus.Problem) {
				fmt.Fprintln(stderr, "storydesk: skipped", p.String())
			}})
			if err != nil {
				var se *store.Error
				if ctx.Err() != nil || errors.As(err, &se) {
					// The store failed (or the user stopped it): the next file would too.
					return importStopped(st, err)
				}
				fmt.Fprintln(stderr, "storydesk: skipped", err)
				failed = true
				continue
			}
			msg := fmt.Sprintf("storydesk: imported %d brat documents from %s into %s (%d entities, %d quotations)",
				st.Articles, model.SanitizeLine(name), storeName(path), st.Spans, st.Quotes)
			if st.Failed > 0 {
				msg += fmt.Sprintf("; %d bad lines or documents skipped", st.Failed)
				failed = true
			}
			fmt.Fprintln(stderr, msg)
			imported += st.Articles
			continue
		}
		r, closeFn, err := openImport(name, stdin)
		if err != nil {
			fmt.Fprintln(stderr, "storydesk: skipped", model.SanitizeLine(name)+":", err)
			failed = true
			continue
		}
		st, err := importer.JSONL(ctx, ann, r, importer.Options{Name: name, Problem: func(p corpus.Problem) {
			fmt.Fprintln(stderr, "storydesk: skipped", p.String())
		}})
		closeFn()
		if err != nil {
			return importStopped(st, err)
		}
		msg := fmt.Sprintf("storydesk: imported %d records from %s into %s (%d entities, %d quotations, %d pair labels)",
			st.Articles, model.SanitizeLine(name), storeName(path), st.Spans, st.Quotes, st.Pairs)
		msg += answersSummary(st)
		if st.Ignored > 0 {
			msg += fmt.Sprintf("; %d relations, choices or extra annotations with no storydesk equivalent left out", st.Ignored)
		}
		if st.Bare > 0 && st.Bare == st.Articles {
			msg += fmt.Sprintf("\nstorydesk: %s: found text but no annotations in any record (expected \"spans\", doccano's \"label\" or \"entities\", spaCy's \"entities\" or Label Studio's \"annotations\")", model.SanitizeLine(name))
		} else if st.Bare > 0 {
			msg += fmt.Sprintf("; %d records had text but no annotations", st.Bare)
		}
		if st.Failed > 0 {
			msg += fmt.Sprintf("; %d bad lines skipped", st.Failed)
			failed = true
		}
		fmt.Fprintln(stderr, msg)
		imported += st.Articles
	}
	if imported > 0 {
		// Imported records often match no corpus file (Prodigy's carry only
		// a text and a hash): the store itself opens them all.
		fmt.Fprintln(stderr, "storydesk: open with: storydesk --db", shellQuote(storeName(path)))
	}
	if failed {
		return errSkipped
	}
	return nil
}

// answersSummary says what an import did with Prodigy's reject and ignore
// answers ("" when there were none).
func answersSummary(st importer.Stats) string {
	var msg string
	if st.Rejected > 0 || st.Rejections > 0 {
		msg += fmt.Sprintf("; %d answered reject, %d rejected suggestions stored (not suggested again, learned as not names)", st.Rejected, st.Rejections)
	}
	if st.Contradicted > 0 {
		msg += fmt.Sprintf("; %d rejections of names stored as annotations left out (the annotations stand)", st.Contradicted)
	}
	if st.Skipped > 0 {
		msg += fmt.Sprintf("; %d answered ignore, skipped", st.Skipped)
	}
	if st.SkippedSpans > 0 {
		msg += fmt.Sprintf("; %d spans answered ignore, skipped", st.SkippedSpans)
	}
	return msg
}

// isBratDir reports whether name is a directory (brat standoff files).
func isBratDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}

// isBratFile reports whether name is a brat .ann file.
func isBratFile(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".ann")
}

// openImport opens a file to import (- is stdin; .gz is decompressed).
func openImport(name string, stdin io.Reader) (io.Reader, func(), error) {
	if name == "-" {
		if stdin == nil {
			return nil, nil, errors.New("nothing to read from standard input")
		}
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	if !strings.HasSuffix(strings.ToLower(name), ".gz") {
		return f, func() { f.Close() }, nil
	}
	zr, err := corpus.NewGzipReader(f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return zr, func() { zr.Close(); f.Close() }, nil
}

// importStopped says how much an import that had to stop had committed
// (whole batches) before it did.
func importStopped(st importer.Stats, err error) error {
	if st.Committed == 0 {
		return err
	}
	return fmt.Errorf("%w (the first %d records were saved before)", err, st.Committed)
}
