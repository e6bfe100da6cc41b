package export

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/dup"
)

// csv: two spreadsheets for journalists, UTF-8, RFC 4180 (a quotation that
// spans paragraphs keeps its line breaks inside a quoted cell).
//
// quotes.csv — one row per accepted quotation:
//
//	article, outlet, speaker, quote, kind, date, title, url, start, end
//
// clusters.csv — one row per article in a copy cluster or a story:
//
//	cluster, article, outlet, date, canonical, label, story
//
// The grouping is dup.Clusters, the one the duplicates view shows, so the
// spreadsheet and the screen agree. Copy clusters are the connected
// components of the pairs labelled duplicate or near-duplicate (union-find).
// Same-story pairs are different write-ups of one event: they never merge
// copy clusters, but join clusters and single articles into a story (the
// story column). A cluster is named by its canonical article: the one marked
// canonical (the longest of them if several), else the longest — the uncut
// copy of a wire story — then the first id; a story by its best version by
// the same rule. label is how the article belongs to its cluster: duplicate
// or near-duplicate (its strongest copy link), or same-story for an article
// in a story by same-story pairs only (a cluster of its own). Pairs labelled
// not-duplicate form nothing. With a corpus, only pairs with both articles
// in it count; --only-done does not apply to pairs.
//
// Cells come from scraped text, and spreadsheets run a cell that starts with
// = + - or @ as a formula: such cells get a leading apostrophe (the OWASP
// advice for CSV injection), which spreadsheets hide.

type csvSink struct {
	env    *exportEnv
	quotes *outFile
	w      *csv.Writer
}

func newCSVSink(env *exportEnv) (docSink, error) {
	out, err := createOut(filepath.Join(env.opts.Out, "quotes.csv"), nil, env.opts.wrap)
	if err != nil {
		return nil, err
	}
	s := &csvSink{env: env, quotes: out, w: csv.NewWriter(out)}
	s.w.Write([]string{"article", "outlet", "speaker", "quote", "kind", "date", "title", "url", "start", "end"})
	return s, nil
}

func (s *csvSink) doc(d *outDoc) error {
	for _, q := range d.Quotes {
		s.w.Write([]string{csvCell(d.ArticleID), csvCell(d.Source), csvCell(q.Speaker), csvCell(q.Text), string(q.Kind),
			csvCell(d.Date), csvCell(d.Title), csvCell(d.URL), strconv.Itoa(q.Start), strconv.Itoa(q.End)})
	}
	if err := s.w.Error(); err != nil {
		return fmt.Errorf("export %s: %w", s.quotes.name(), err)
	}
	return nil
}

func (s *csvSink) finish() error {
	s.w.Flush()
	if err := s.w.Error(); err != nil {
		s.quotes.abort()
		return fmt.Errorf("export %s: %w", s.quotes.name(), err)
	}
	clusters, err := createOut(filepath.Join(s.env.opts.Out, "clusters.csv"), nil, s.env.opts.wrap)
	if err != nil {
		s.quotes.abort()
		return err
	}
	if err := s.writeClusters(clusters); err != nil {
		clusters.abort()
		s.quotes.abort()
		return err
	}
	if err := s.quotes.commit(); err != nil {
		clusters.abort()
		return err
	}
	return clusters.commit()
}

func (s *csvSink) abort() { s.quotes.abort() }

// ClusterRow is one line of clusters.csv.
type ClusterRow struct {
	Cluster, Article, Outlet, Date string
	Canonical                      bool
	Label                          string
	Story                          string
}

func (s *csvSink) writeClusters(out *outFile) error {
	rows, err := Clusters(s.env.ctx, s.env.store, s.env.keep)
	if err != nil {
		return err
	}
	w := csv.NewWriter(out)
	w.Write([]string{"cluster", "article", "outlet", "date", "canonical", "label", "story"})
	for _, r := range rows {
		w.Write([]string{csvCell(r.Cluster), csvCell(r.Article), csvCell(r.Outlet), csvCell(r.Date), strconv.FormatBool(r.Canonical), r.Label, csvCell(r.Story)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("export %s: %w", out.name(), err)
	}
	return nil
}

// Clusters groups the labelled pairs into duplicate clusters and stories
// with dup.Clusters — the grouping the duplicates view shows — and lays
// them out as rows of clusters.csv, ordered by story, cluster, canonical
// first, then article. keep, when set, limits the pairs to articles it
// accepts.
func Clusters(ctx context.Context, s store.Store, keep func(string) bool) ([]ClusterRow, error) {
	pairs, err := s.DupLabels(ctx)
	if err != nil {
		return nil, err
	}
	flagged, err := s.Canonicals(ctx)
	if err != nil {
		return nil, err
	}
	var labels []dup.LabeledPair
	briefs := map[string]store.ArticleBrief{}
	strongest := map[string]model.DupLabel{} // article → strongest copy link
	for _, p := range pairs {
		if keep != nil && (!keep(p.A) || !keep(p.B)) {
			continue
		}
		labels = append(labels, dup.LabeledPair{A: p.A, B: p.B, Label: p.Label})
		for _, id := range []string{p.A, p.B} {
			if _, ok := briefs[id]; !ok {
				b, _, err := s.Brief(ctx, id)
				if err != nil {
					return nil, err
				}
				briefs[id] = b
			}
			if (p.Label == model.LabelDuplicate || p.Label == model.LabelNearDup) && strongest[id] != model.LabelDuplicate {
				strongest[id] = p.Label
			}
		}
	}
	length := func(id string) int { return briefs[id].Length }
	g := dup.Clusters(nil, labels, flagged, length)

	cluster := map[string]string{} // article → its copy cluster's canonical
	for _, c := range g.Copies {
		for _, m := range c.Members {
			cluster[m] = c.Canonical
		}
	}
	// A story is named by its best version: a reviewer's canonical, else
	// the longest, then the first id (the cluster rule again).
	better := func(a, b string) int {
		if flagged[a] != flagged[b] {
			if flagged[a] {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(length(b), length(a)), cmp.Compare(a, b))
	}
	var rows []ClusterRow
	row := func(id, story string) {
		c, ok := cluster[id]
		if !ok {
			c = id // alone: its own cluster, and its canonical
		}
		label := string(strongest[id])
		if label == "" {
			label = string(model.LabelSameStory)
		}
		b := briefs[id]
		rows = append(rows, ClusterRow{Cluster: c, Article: id, Outlet: b.Source, Date: b.Date, Canonical: c == id, Label: label, Story: story})
	}
	inStory := map[string]bool{}
	for _, st := range g.Stories {
		name := slices.MinFunc(st.Versions, better)
		for _, m := range st.Members {
			inStory[m] = true
			row(m, name)
		}
	}
	for _, c := range g.Copies {
		for _, m := range c.Members {
			if !inStory[m] {
				row(m, c.Canonical)
			}
		}
	}
	slices.SortFunc(rows, func(a, b ClusterRow) int {
		return cmp.Or(cmp.Compare(a.Story, b.Story), cmp.Compare(a.Cluster, b.Cluster),
			-csvBoolCmp(a.Canonical, b.Canonical), cmp.Compare(a.Article, b.Article))
	})
	return rows, nil
}

func csvBoolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// csvCell defuses spreadsheet formulas in untrusted text.
func csvCell(s string) string {
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			return "'" + s
		}
	}
	return s
}
