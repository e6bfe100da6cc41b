// Command storydesk opens a corpus of scraped news articles in a terminal UI
// for reading and annotating, and offers subcommands that write data to
// stdout for pipelines:
//
//	storydesk [flags] [PATH...]        open PATHs (files, directories, globs, - for stdin), or the sample corpus
//	storydesk --db X.db                open the articles the store X.db holds (imported ones too)
//	storydesk clean [--json] PATH...   cleaned article text (or JSON lines) to stdout
//	storydesk story [--json] PATH...   the stories of a corpus, analysed (or a Markdown report)
//	storydesk entities [--json] PATH...  the entity recogniser's suggestions
//	storydesk train [--db X.db]        teach the recogniser the store's annotations
//
// main only parses flags and wires the packages together; the work is done
// in data/ (disk), model/ (logic) and tui/ (screen).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"runtime/debug"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"storydesk/data/corpus"
	"storydesk/data/export"
	"storydesk/data/store"
	"storydesk/data/store/lazy"
	"storydesk/data/store/snapshots"
	"storydesk/internal/config"
	"storydesk/model"
	"storydesk/tui"
	"storydesk/tui/ui"
)

// errUsage marks a bad command line: exit status 2, like flag's own errors.
var errUsage = errors.New("usage")

// errSkipped marks a run that wrote everything it could but skipped inputs.
var errSkipped = errors.New("some inputs were skipped")

func main() {
	stdout, stderr := terminalSafe(os.Stdout, os.Stderr)
	err := run(os.Args[1:], os.Stdin, stdout, stderr)
	switch {
	case err == nil:
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		if err != errUsage {
			// A usage error with its own words ("--labels: give 1 to 9
			// labels"); plain errUsage follows a usage text already printed.
			fmt.Fprintln(stderr, "storydesk:", strings.TrimSuffix(err.Error(), ": "+errUsage.Error()))
		}
		os.Exit(2)
	case errors.Is(err, errSkipped):
		os.Exit(1)
	default:
		fmt.Fprintln(stderr, "storydesk:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if helpAsked(args) {
		stderr = stdout // asked-for help is output, not a diagnostic
	}
	cfg, _ := config.Load(config.DefaultPath()) // a broken file is reported by the reader, which needs it
	if err := applyLimit(cfg); err != nil {
		return err
	}
	if len(args) > 0 {
		switch args[0] {
		case "clean":
			return runClean(args[1:], stdin, stdout, stderr)
		case "quotes":
			return runQuotes(args[1:], stdin, stdout, stderr)
		case "export":
			return runExport(args[1:], stdin, stdout, stderr)
		case "import":
			return runImport(args[1:], stdin, stdout, stderr)
		case "dups":
			return runDups(args[1:], stdin, stdout, stderr)
		case "story":
			return runStory(args[1:], stdin, stdout, stderr)
		case "entities":
			return runEntities(args[1:], stdin, stdout, stderr)
		case "train":
			return runTrain(args[1:], stdin, stdout, stderr)
		case "copy":
			return runCopy(args[1:], stderr)
		case "agreement":
			return runAgreement(args[1:], stdin, stdout, stderr)
		case "assign":
			return runAssign(args[1:], stdin, stdout, stderr)
		case "help":
			usage(stdout)
			return nil
		}
		if c := didYouMean(args[0]); c != "" {
			return fmt.Errorf("%q is neither a command nor a file: did you mean %s? (storydesk help lists the commands): %w", args[0], c, errUsage)
		}
	}
	return runTUI(args, stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `storydesk: read, clean and annotate scraped news articles.

Usage:
  storydesk [flags] [PATH...]         open the articles in PATHs in the terminal UI
                                      (no PATH: the embedded sample corpus; --db PATH and
                                      no PATH: the articles that store holds, imported ones too)
  storydesk clean [--json] PATH...    write the cleaned text of each article to stdout
  storydesk quotes [--json] PATH...   write the quotations found, with suggested speakers
  storydesk export --format F [--out FILE|DIR] [--db PATH] [--only-done] [--all-articles] [PATH...]
                                      write the annotations as jsonl (spaCy/Prodigy), brat,
                                      conll, w3c (Web Annotation) or csv (quotes, clusters)
  storydesk import [--db PATH] FILE.jsonl|BRATDIR|FILE.ann...
                                      read span JSON lines (spaCy, Prodigy, storydesk export)
                                      or brat standoff into the annotation store
  storydesk dups [--json] [--threshold X] [--db PATH] PATH...
                                      write the pairs of articles that are copies of each other
  storydesk story [--json | --markdown] [--all] PATH...
                                      group the articles into stories and write each story's
                                      timeline, quotations, discrepancies and unique passages
  storydesk entities [--json] [--db PATH] PATH...
                                      write the people, organisations and places found in
                                      each article (the store's trained model with --db)
  storydesk train [--db PATH] [--only-done] [PATH...]
                                      teach the entity recogniser the store's annotations
                                      and keep the model in the store

  storydesk copy --from STORE --to STORE
                                      copy a whole store (every layer, status and undo step)
                                      into a new one: a .db file into PostgreSQL, or back
  storydesk assign --db STORE --annotators A,B,C [--per-article K] PATH...
                                      give each article to K annotators, balanced
  storydesk agreement [--db STORE] [--json] [PATH...]
                                      how far the annotators agree (span F1, kappa, alpha)

STORE is a .db file or a team's PostgreSQL server: postgres://USER@HOST/DB (see README, Team).
PATH is a file, a directory (read recursively), a glob, or - for stdin.
Formats: .txt, .md (YAML front matter), .html/.htm, .jsonl/.ndjson, any of them .gz.

Flags:
`)
}

// openCorpus opens the named paths, or the sample corpus when there are none.
func openCorpus(paths []string, stdin io.Reader) (*corpus.Corpus, error) {
	if len(paths) == 0 {
		return corpus.OpenSample()
	}
	return corpus.Open(paths, stdin)
}

// openReader picks what the reader shows and the store it writes to: the
// corpus in paths (or the sample corpus) with --db or its default store; or,
// with --db and no path, the articles that store holds, from their
// snapshots — which is how imported records that match no file are opened.
func openReader(paths []string, dbPath, who string, stdin io.Reader) (tui.Source, store.Store, error) {
	if len(paths) == 0 && dbPath != "" {
		// Opening a store as the corpus must not create one: a mistyped
		// --db would show an empty reader.
		if !storeExists(dbPath) {
			return nil, nil, fmt.Errorf("no annotation store at %s: give the corpus PATHs to annotate into a new one, or fill it with `storydesk import --db %s FILE`",
				storeName(dbPath), shellQuote(storeName(dbPath)))
		}
		ann, err := openStore(dbPath, who)
		if err != nil {
			return nil, nil, err
		}
		sc, err := snapshots.Open(context.Background(), ann)
		if err != nil {
			ann.Close()
			return nil, nil, err
		}
		if sc.Len() == 0 {
			ann.Close()
			return nil, nil, fmt.Errorf("the annotation store %s holds no articles yet: give the corpus PATHs to annotate, or fill it with `storydesk import --db %s FILE`",
				storeName(dbPath), shellQuote(storeName(dbPath)))
		}
		return sc, ann, nil
	}
	c, err := openCorpus(paths, stdin)
	if err != nil {
		return nil, nil, err
	}
	if dbPath == "" {
		// The default store is created at the first write: a corpus opened
		// only to read it is left as it was (see lazy.Store).
		lz, err := lazy.Open(c, who)
		if err != nil {
			return nil, nil, err
		}
		return tui.FromCorpus(c), lz, nil
	}
	ann, err := openStore(dbPath, who)
	if err != nil {
		return nil, nil, err
	}
	return tui.FromCorpus(c), ann, nil
}

// shellQuote writes a path so it can be pasted into a shell: as it is when
// it holds only safe characters, else in single quotes. Control characters
// are removed first, as from everything printed.
func shellQuote(s string) string {
	s = model.SanitizeLine(s)
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+:,@%=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func reportProblems(w io.Writer, probs []corpus.Problem) {
	for _, p := range probs {
		fmt.Fprintln(w, "storydesk: skipped", p.String())
	}
}

func runClean(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := subcommandFlags("clean", "clean [--json] PATH...", stderr)
	asJSON := fs.Bool("json", false, "write one JSON object per article per line: id, path, title, byline, text, removed")
	if err := parseSubcommand(fs, args); err != nil {
		return err
	}
	return eachArticle(fs.Args(), stdin, stderr, func(c *corpus.Corpus, a *model.Article) error {
		if *asJSON {
			return export.WriteCleanJSON(stdout, a)
		}
		if len(c.Items) > 1 {
			fmt.Fprintf(stdout, "==> %s <==\n", a.ID)
		}
		_, err := fmt.Fprintf(stdout, "%s\n\n", a.Text)
		return err
	})
}

func runTUI(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("storydesk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	version := fs.Bool("version", false, "print the version and exit")
	dbPath := fs.String("db", "", "annotation store `PATH`, or a team's PostgreSQL server postgres://USER@HOST/DB (default: .storydesk/annotations.db in the corpus, else under $XDG_DATA_HOME/storydesk)")
	annotator := fs.String("annotator", "", "annotator `NAME` (default: the config file's, else the OS user)")
	curate := fs.Bool("curate", false, "adjudicate: open articles with every annotator's layer together (enter), decisions going to the gold layer")
	labels := fs.String("labels", "", "comma-separated label `LIST`: the first nine on keys 1–9, all in the label picker (0 or p), e.g. PERSON,ORG,GPE (default: the config file's, else spaCy's OntoNotes labels)")
	configPath := fs.String("config", config.DefaultPath(), "config file `PATH` (labels, annotator, theme, [keys], [colors])")
	fs.Usage = func() {
		usage(stderr)
		fs.PrintDefaults()
		k := ui.DefaultKeyMap()
		fmt.Fprintf(stderr, "\nConfig file [keys] actions (action = [\"key\", ...]):\n  %s\n", strings.Join(k.ActionNames(), " "))
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if *version {
		fmt.Fprintln(stdout, "storydesk", buildVersion())
		return nil
	}
	cfg, err := config.Load(*configPath)
	if err != nil {
		return err
	}
	if err := applyLimit(cfg); err != nil {
		return err
	}
	keys := ui.DefaultKeyMap()
	if err := keys.Rebind(cfg.Keys); err != nil {
		return fmt.Errorf("config %s: %w", cfg.Path, err)
	}
	if err := ui.CheckLabelColors(cfg.Colors); err != nil {
		return fmt.Errorf("config %s: %w", cfg.Path, err)
	}
	labelSet := cfg.Labels
	if *labels != "" {
		labelSet = model.NormalizeLabels(strings.Split(*labels, ","))
		if len(labelSet) == 0 || len(labelSet) > config.MaxLabels {
			return fmt.Errorf("--labels: give 1 to %d labels, comma-separated (got %d): %w", config.MaxLabels, len(labelSet), errUsage)
		}
	}
	who := *annotator
	if who == "" {
		who = cfg.Annotator
	}
	if who == "" {
		who = osUser()
	}
	if *curate {
		who = GoldLayer // the curator writes gold; the annotators' layers are read beside it
	}
	if !term.IsTerminal(os.Stdout.Fd()) {
		return errors.New("the reader needs a terminal: stdout is not one (for pipelines use `storydesk clean`)")
	}
	tightenReaderGC()
	src, ann, err := openReader(fs.Args(), *dbPath, who, stdin)
	if err != nil {
		return err
	}
	defer ann.Close()
	opts := []tea.ProgramOption{}
	if f, ok := stdin.(*os.File); !ok || !term.IsTerminal(f.Fd()) {
		// The corpus came on stdin (or stdin is not a terminal): read keys from the tty.
		tty, err := os.Open("/dev/tty")
		if err != nil {
			return errors.New("the reader needs a terminal for keyboard input and none is available")
		}
		defer tty.Close()
		opts = append(opts, tea.WithInput(tty))
	}
	m := tui.NewFromSource(src, tui.Options{
		NoColor: os.Getenv("NO_COLOR") != "", KeyMap: &keys,
		Store: ann, Annotator: who, Labels: labelSet, LabelColors: cfg.Colors, Theme: cfg.Theme, Live: true,
		Suggest: true, Curate: *curate, SuggestHidden: !cfg.SuggestionsOn(),
	})
	_, err = tea.NewProgram(m, opts...).Run()
	return err
}

// applyLimit sets the size limit on one article: STORYDESK_MAX_ARTICLE_MB,
// else the config file's max_article_mb, else the default (64 MB).
func applyLimit(cfg config.Config) error {
	mb := int64(cfg.MaxArticleMB)
	if v := os.Getenv("STORYDESK_MAX_ARTICLE_MB"); v != "" {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || n < 1 || n > 1<<20 {
			return fmt.Errorf("STORYDESK_MAX_ARTICLE_MB=%q: give a size in MB, 1 or more: %w", model.SanitizeLine(v), errUsage)
		}
		mb = n
	}
	corpus.SetLimit(mb << 20)
	return nil
}

// osUser names the annotator when neither the flag nor the config does.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "annotator"
}

func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// readerGCPercent is the reader's GOGC. Its background jobs (duplicate
// detection, story grouping) allocate fast over a live heap that grows
// with the corpus; the default of 100 lets the heap reach twice what is
// live before a collection, which put the reader's peak on 100k articles
// at about 460 MB. 50 holds it near 370 MB for about 7% more CPU while the
// jobs run (BENCHMARKS.md, "The reader under 400 MB"); an idle reader
// allocates next to nothing, so it costs nothing then.
const readerGCPercent = 50

// tightenReaderGC applies readerGCPercent unless the user set GOGC.
func tightenReaderGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(readerGCPercent)
	}
}
