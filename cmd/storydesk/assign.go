package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
)

// runAssign gives each article of a corpus to k annotators of a team store.
func runAssign(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := subcommandFlags("assign", "assign --db STORE --annotators A,B,C [--per-article K] [--reopen] PATH...", stderr)
	dbPath := fs.String("db", "", "annotation store `PATH` or postgres://… (default: the corpus's store)")
	names := fs.String("annotators", "", "comma-separated annotator `NAMES` to share the articles between")
	k := fs.Int("per-article", 1, "how many annotators each article goes to (`K`)")
	reopen := fs.Bool("reopen", false, "send the articles back for correction: an assigned annotator who marked one done gets it back in progress")
	if err := parseSubcommand(fs, args); err != nil {
		return err
	}
	var team []string
	seen := map[string]bool{}
	for _, n := range strings.Split(*names, ",") {
		if n = strings.TrimSpace(n); n != "" && !seen[n] {
			seen[n] = true
			team = append(team, n)
		}
	}
	switch {
	case len(team) == 0:
		return fmt.Errorf("--annotators: name the annotators, comma-separated: %w", errUsage)
	case *k < 1 || *k > len(team):
		return fmt.Errorf("--per-article must be between 1 and the number of annotators (%d), got %d: %w", len(team), *k, errUsage)
	}
	c, err := corpus.Open(fs.Args(), stdin)
	if c != nil {
		reportProblems(stderr, c.Problems)
	}
	if err != nil {
		return err
	}
	path := *dbPath
	if path == "" {
		path = store.DefaultPath(c)
	}
	var arts []*model.Article
	skipped := 0
	if err := c.ForEach(0, func(i int, a *model.Article, err error) error {
		if err != nil {
			skipped++
			fmt.Fprintln(stderr, "storydesk: skipped", err)
			return nil
		}
		arts = append(arts, a)
		return nil
	}); err != nil {
		return err
	}
	ann, err := openStore(path, "")
	if err != nil {
		return err
	}
	defer ann.Close()
	st, err := ann.Assign(context.Background(), arts, team, *k, *reopen)
	if err != nil {
		return err
	}
	given := make([]string, 0, len(team))
	sort.Strings(team)
	for _, n := range team {
		given = append(given, fmt.Sprintf("%s %d", model.SanitizeLine(n), st.Given[n]))
	}
	msg := fmt.Sprintf("storydesk: assigned %d articles to %d annotators each in %s: new assignments %s; %d kept",
		len(arts), *k, storeName(path), strings.Join(given, ", "), st.Kept)
	if *reopen {
		msg += fmt.Sprintf("; %d sent back for correction", st.Reopened)
	}
	fmt.Fprintln(stderr, msg)
	if skipped > 0 || len(c.Problems) > 0 {
		return errSkipped
	}
	return nil
}
