package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/model/ner"
	"storydesk/model/story"
	"storydesk/model/story/group"
	"storydesk/model/story/report"
)

// runStory groups the articles into stories and analyses each: `storydesk
// story [--json | --markdown] [--all] PATH...`. Only wiring: grouping and
// analysis are model/story's, reading the corpus data's.
//
// Articles are read twice: once for every article's grouping features and
// duplicate signature (bodies dropped as it goes, so memory stays flat),
// then again for the members of each story analysed.
func runStory(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := subcommandFlags("story", "story [--json | --markdown] [--all] PATH...", stderr)
	asJSON := fs.Bool("json", false, "one JSON object per story per line: id, articles, quotes, discrepancies, unique, dropped, entities")
	asMarkdown := fs.Bool("markdown", false, "a Markdown report per story (timeline, quotations, discrepancies, unique passages, entities)")
	all := fs.Bool("all", false, "also the stories of a single article")
	if err := parseSubcommand(fs, args); err != nil {
		return err
	}
	if *asJSON && *asMarkdown {
		fmt.Fprintln(stderr, "storydesk story: give --json or --markdown, not both")
		return errUsage
	}

	var corp *corpus.Corpus
	var items []group.Item
	sigs := dup.NewIndex(dup.Options{})
	err := eachArticle(fs.Args(), stdin, stderr, func(c *corpus.Corpus, a *model.Article) error {
		corp = c
		items = append(items, group.ItemOf(a))
		sigs.Add(a.ID, dup.Sign(a.Text))
		return nil
	})
	skipped := errors.Is(err, errSkipped)
	if err != nil && !skipped {
		return err
	}
	if corp == nil {
		return err
	}
	pairs, err := sigs.Pairs(context.Background(), 0, nil)
	if err != nil {
		return err
	}
	g := group.Stories(items, pairs, group.Overrides{}, group.Options{})

	tagger, err := ner.Load()
	if err != nil {
		fmt.Fprintf(stderr, "storydesk: entities without labels (%s)\n", model.SanitizeLine(err.Error()))
		tagger = nil
	}
	index := make(map[string]int, len(corp.Items))
	for i, it := range corp.Items {
		index[it.ID] = i
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	first := true
	for _, cl := range g.Clusters {
		if len(cl.Members) < 2 && !*all {
			continue
		}
		var arts []*model.Article
		for _, id := range cl.Members {
			a, err := corp.Load(index[id])
			if err != nil {
				// Changed or gone since the first pass.
				fmt.Fprintln(stderr, "storydesk: skipped", model.SanitizeLine(err.Error()))
				skipped = true
				continue
			}
			arts = append(arts, a)
		}
		s := story.Analyze(cl.ID, arts, story.AnalyzeOptions{NER: tagger})
		switch {
		case *asJSON:
			err = enc.Encode(report.NewRecord(s))
		case *asMarkdown:
			if !first {
				_, err = io.WriteString(stdout, "\n---\n\n")
			}
			if err == nil {
				_, err = io.WriteString(stdout, report.Markdown(s))
			}
		default:
			err = writeStoryLines(stdout, s, first)
		}
		if err != nil {
			return err
		}
		first = false
	}
	if skipped {
		return errSkipped
	}
	return nil
}

// writeStoryLines lists a story's timeline, one tab-separated line per
// article (story, article, relation, of, date, outlet), stories apart by a
// blank line.
func writeStoryLines(w io.Writer, s *story.Story, first bool) error {
	if !first {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
	}
	for _, a := range s.Articles {
		date := report.FormatDate(a)
		if a.Guessed() {
			date += "?"
		}
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", model.SanitizeLine(s.ID), model.SanitizeLine(a.ID),
			a.Relation, model.SanitizeLine(a.Of), date, model.SanitizeLine(a.Outlet)); err != nil {
			return err
		}
	}
	return nil
}
