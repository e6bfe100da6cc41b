package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/agree"
)

// runAgreement reports how far the annotators of a store agree: model/agree
// over every layer (the gold one aside), as a table or one JSON object.
func runAgreement(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := subcommandFlags("agreement", "agreement [--db STORE] [--json] [PATH...]", stderr)
	dbPath := fs.String("db", "", "annotation store `PATH` or postgres://… (default: the store of the corpus in PATHs, else of the sample corpus)")
	asJSON := fs.Bool("json", false, "one JSON object: annotators, articles, pairs (a, b, articles, span_f1_exact, span_f1_overlap, dup_kappa, token_kappa, by_label), token_alpha, dup_alpha; null where a figure cannot be computed")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	path, only, err := storeForPaths(*dbPath, fs.Args(), stdin, stderr)
	if err != nil {
		return err
	}
	if !storeExists(path) {
		return fmt.Errorf("no annotation store at %s (nothing annotated yet, or give --db)", storeName(path))
	}
	ann, err := openStore(path, "")
	if err != nil {
		return err
	}
	defer ann.Close()
	var keep func(string) bool
	if only != nil {
		ids := map[string]bool{}
		for _, it := range only.Items {
			ids[it.ID] = true
		}
		keep = func(id string) bool { return ids[id] }
	}
	in, err := store.AgreementInput(context.Background(), ann, keep, GoldLayer)
	if err != nil {
		return err
	}
	rep := agree.Compute(in)
	if rep.Annotators == nil {
		rep.Annotators = []string{}
	}
	if rep.Pairs == nil {
		rep.Pairs = []agree.PairScores{}
	}
	if *asJSON {
		b, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n", b)
		return err
	}
	return writeAgreement(stdout, rep)
}

// writeAgreement is the report as a table, each pair's worst labels first.
func writeAgreement(w io.Writer, r agree.Report) error {
	names := make([]string, len(r.Annotators))
	for i, n := range r.Annotators {
		names[i] = model.SanitizeLine(n)
	}
	fmt.Fprintf(w, "%d articles annotated by two or more of: %s\n", r.Articles, strings.Join(names, ", "))
	if len(r.Pairs) == 0 {
		_, err := fmt.Fprintln(w, "no pair of annotators to compare yet")
		return err
	}
	fmt.Fprintf(w, "%-24s %8s %9s %10s %8s %7s\n", "pair", "articles", "F1 exact", "F1 overlap", "token κ", "dup κ")
	for _, p := range r.Pairs {
		pair := model.SanitizeLine(p.A) + " · " + model.SanitizeLine(p.B)
		fmt.Fprintf(w, "%-24s %8d %9s %10s %8s %7s\n", pair, p.Articles, fig(p.SpanF1Exact), fig(p.SpanF1Overlap), fig(p.TokenKappa), fig(p.DupKappa))
		labels := make([]string, 0, len(p.ByLabel))
		for l := range p.ByLabel {
			labels = append(labels, l)
		}
		// Worst first: where the guidelines need a word.
		sort.Slice(labels, func(i, j int) bool {
			a, b := p.ByLabel[labels[i]].F1Overlap, p.ByLabel[labels[j]].F1Overlap
			if val(a) != val(b) {
				return val(a) < val(b)
			}
			return labels[i] < labels[j]
		})
		var parts []string
		for _, l := range labels {
			s := p.ByLabel[l]
			parts = append(parts, fmt.Sprintf("%s %s/%s (%d·%d)", model.SanitizeLine(l), fig(s.F1Exact), fig(s.F1Overlap), s.A, s.B))
		}
		if len(parts) > 0 {
			fmt.Fprintf(w, "  by label, worst first (F1 exact/overlap, spans each): %s\n", strings.Join(parts, ", "))
		}
	}
	_, err := fmt.Fprintf(w, "Krippendorff's α across everyone: tokens %s, duplicate pairs %s\n", fig(r.TokenAlpha), fig(r.DupAlpha))
	return err
}

func fig(s agree.Score) string {
	if s == nil {
		return "–"
	}
	return fmt.Sprintf("%.3f", *s)
}

func val(s agree.Score) float64 {
	if s == nil {
		return 2 // unknown sorts last
	}
	return *s
}

// storeForPaths is the store a reading command uses: --db, else the store
// of the corpus in paths (returned, to limit the command to its
// articles), else the sample corpus's.
func storeForPaths(db string, paths []string, stdin io.Reader, stderr io.Writer) (string, *corpus.Corpus, error) {
	var only *corpus.Corpus
	if len(paths) > 0 {
		c, err := corpus.Open(paths, stdin)
		if c != nil {
			reportProblems(stderr, c.Problems)
		}
		if err != nil {
			return "", nil, err
		}
		only = c
		if db == "" {
			db = store.DefaultPath(c)
		}
	} else if db == "" {
		c, err := corpus.OpenSample()
		if err != nil {
			return "", nil, err
		}
		db = store.DefaultPath(c)
	}
	return db, only, nil
}
