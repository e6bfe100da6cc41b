package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"time"

	"github.com/charmbracelet/x/term"

	"storydesk/data/corpus"
	"storydesk/data/export"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/ner"
)

// modelName is the name the entity recogniser's weights have in a store
// (the reader's background learning uses the same).
const modelName = "ner"

// runEntities writes the entity recogniser's suggestions for every article:
// `storydesk entities [--json] [--db PATH] PATH...`.
func runEntities(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := subcommandFlags("entities", "entities [--json] [--db PATH] PATH...", stderr)
	asJSON := fs.Bool("json", false, "one JSON object per article per line: id, path, text, entities [{start, end, label, text, score}] (offsets in code points of text)")
	dbPath := fs.String("db", "", "annotation store `PATH` whose trained model (storydesk train) to use; without one, or when it has none, the shipped model")
	if err := parseSubcommand(fs, args); err != nil {
		return err
	}
	m, _, err := loadRecogniser(*dbPath)
	if err != nil {
		return err
	}
	return eachArticle(fs.Args(), stdin, stderr, func(c *corpus.Corpus, a *model.Article) error {
		ents := m.Tag(a.Text)
		if *asJSON {
			return export.WriteEntitiesJSON(stdout, a, ents)
		}
		for _, e := range ents {
			if _, err := fmt.Fprintf(stdout, "%s\t%d-%d\t%s\t%s\t%.2f\n", a.ID, e.Start, e.End, e.Label, oneLine(e.Text), e.Score); err != nil {
				return err
			}
		}
		return nil
	})
}

// loadRecogniser is the store's trained model when dbPath names a store
// that has one, else the shipped model; from says which. It never creates
// a store.
func loadRecogniser(dbPath string) (m *ner.Model, from string, err error) {
	if dbPath != "" {
		if !storeExists(dbPath) {
			return nil, "", fmt.Errorf("no annotation store at %s (give the store `storydesk train` wrote to)", model.SanitizeLine(dbPath))
		}
		ann, err := openStore(dbPath, "")
		if err != nil {
			return nil, "", err
		}
		defer ann.Close()
		blob, ok, err := ann.LoadModel(context.Background(), modelName)
		if err != nil {
			return nil, "", fmt.Errorf("%s: reading the trained model: %w", model.SanitizeLine(dbPath), err)
		}
		if ok {
			m, err := ner.Unmarshal(blob)
			if err != nil {
				return nil, "", fmt.Errorf("%s: the trained model is damaged (%v); run storydesk train again", model.SanitizeLine(dbPath), err)
			}
			return m, "trained", nil
		}
	}
	m, err = ner.Load()
	return m, "shipped", err
}

// trainEpochs is how many passes storydesk train makes over the store's
// articles, continuing from the shipped weights: enough for the
// annotator's conventions to win where they differ from the shipped
// data's, few enough that 1,000 articles train in well under a minute.
const trainEpochs = 8

// runTrain trains the entity recogniser on the store's entity spans and
// keeps it in the store: `storydesk train [--db PATH] [--only-done] [PATH...]`.
func runTrain(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := subcommandFlags("train", "train [--db PATH|postgres://…] [--annotator NAME | --layer gold] [--only-done] [PATH...]", stderr)
	dbPath := fs.String("db", "", "annotation store `PATH` (default: the store of the corpus in PATHs, else of the sample corpus)")
	annotator := fs.String("annotator", "", "learn from `NAME`'s layer (default: the store's only layer, else your own)")
	layer := fs.String("layer", "", "learn from a named `LAYER`: gold (the adjudicated one)")
	onlyDone := fs.Bool("only-done", false, "learn only from articles marked done (default: every article with an entity span, taken as fully annotated)")
	epochs := fs.Int("epochs", trainEpochs, "passes over the articles")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if *epochs < 1 || *epochs > 100 {
		return fmt.Errorf("--epochs: give 1 to 100 (got %d): %w", *epochs, errUsage)
	}
	path := *dbPath
	if path == "" {
		c, err := openCorpus(fs.Args(), stdin)
		if err != nil {
			return err
		}
		path = store.DefaultPath(c)
	}
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	tty := terminalOf(stderr)
	progress := func(format string, a ...any) {
		if tty != nil {
			// Our own words and counts only: written to the terminal as is.
			fmt.Fprintf(tty, "\r\x1b[Kstorydesk train: "+format, a...)
		}
	}
	start := time.Now()
	progress("reading %s", model.SanitizeLine(path))
	docs, st, err := export.NERDocs(ctx, ann.Layer(who), *onlyDone)
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		if tty != nil {
			fmt.Fprint(tty, "\r\x1b[K")
		}
		what := "no article has an entity span yet"
		if *onlyDone {
			what = "no article is marked done yet"
		}
		return fmt.Errorf("nothing to learn from in %s: %s", model.SanitizeLine(path), what)
	}
	base, err := ner.Load()
	if err != nil {
		return err
	}
	progress("preparing %d articles", len(docs))
	m, err := ner.Train(docs, ner.TrainOptions{
		Base: base, Epochs: *epochs, Seed: 1,
		Progress: func(e, n int) {
			progress("epoch %d/%d (%s)", e, n, time.Since(start).Round(time.Second))
		},
	})
	if err != nil {
		return err
	}
	progress("saving")
	blob, err := m.Marshal()
	if err != nil {
		return err
	}
	if err := ann.SaveModel(ctx, modelName, blob); err != nil {
		return err
	}
	if tty != nil {
		fmt.Fprint(tty, "\r\x1b[K")
	}
	fmt.Fprintf(stderr, "storydesk: trained on %d articles (%d fully annotated; %d entities, %d rejected suggestions), %d epochs from the shipped model, in %s; saved in %s (%s bytes)\n",
		st.Articles, st.Complete, st.Spans, st.Rejected, *epochs, time.Since(start).Round(100*time.Millisecond),
		model.SanitizeLine(path), strconv.Itoa(len(blob)))
	fmt.Fprintln(stderr, "storydesk: suggest with: storydesk entities --db", shellQuote(path), "PATH…  (the reader uses it too)")
	return nil
}

// terminalOf is the terminal behind w (unwrapping the sanitiser), or nil:
// progress lines are drawn only there.
func terminalOf(w io.Writer) *os.File {
	if s, ok := w.(*safeWriter); ok {
		w = s.w
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
		return f
	}
	return nil
}
