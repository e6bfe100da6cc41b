package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"storydesk/data/corpus"
	"storydesk/data/export"
	"storydesk/model"
	"storydesk/model/quote"
)

// eachArticle opens the paths named after a subcommand's flags and calls fn
// for every article that loads, in corpus order; problems go to stderr.
func eachArticle(paths []string, stdin io.Reader, stderr io.Writer, fn func(c *corpus.Corpus, a *model.Article) error) error {
	c, err := corpus.Open(paths, stdin)
	if c != nil {
		reportProblems(stderr, c.Problems)
	}
	if err != nil {
		return err
	}
	skipped := len(c.Problems)
	err = c.ForEach(0, func(i int, a *model.Article, err error) error {
		if err != nil {
			skipped++
			fmt.Fprintln(stderr, "storydesk: skipped", err)
			return nil
		}
		return fn(c, a)
	})
	if err != nil {
		return err
	}
	if skipped > 0 {
		return errSkipped
	}
	return nil
}

// subcommandFlags builds a flag set whose usage names the subcommand.
func subcommandFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: storydesk", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parseSubcommand(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err // asked for: status 0
		}
		return errUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	return nil
}

func runQuotes(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := subcommandFlags("quotes", "quotes [--json] PATH...", stderr)
	asJSON := fs.Bool("json", false, "one JSON object per quotation per line: article, path, text, start, end, speaker, speaker_start, speaker_end, cue, cue_start, cue_end")
	if err := parseSubcommand(fs, args); err != nil {
		return err
	}
	return eachArticle(fs.Args(), stdin, stderr, func(c *corpus.Corpus, a *model.Article) error {
		quotes := quote.Detect(a.Text)
		if *asJSON {
			return export.WriteQuotesJSON(stdout, a, quotes)
		}
		for _, q := range quotes {
			speaker := q.Speaker
			if speaker == "" {
				speaker = "?"
			}
			if _, err := fmt.Fprintf(stdout, "%s\t%d-%d\t%s\t%s\n", a.ID, q.Start, q.End, speaker, oneLine(q.Text)); err != nil {
				return err
			}
		}
		return nil
	})
}

// oneLine folds a multi-paragraph quotation onto one line for tabular output.
func oneLine(s string) string {
	out := []rune{}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			r = ' '
		}
		out = append(out, r)
	}
	return string(out)
}
