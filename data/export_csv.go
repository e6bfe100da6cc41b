package data

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"

	"storydesk/model"
)

// csv: two spreadsheets for journalists, UTF-8, RFC 4180 (a quotation that
// spans paragraphs keeps its line breaks inside a quoted cell).
//
// quotes.csv — one row per accepted quotation:
//
//	article, outlet, speaker, quote, kind, date, title, url, start, end
//
// clusters.csv — one row per article in a labelled duplicate pair:
//
//	cluster, article, outlet, date, canonical, label, story
//
// Duplicate clusters are the connected components of the pairs labelled
// duplicate or near-duplicate (union-find): copies of one text. Same-story
// pairs are different write-ups of one event, so they do not merge duplicate
// clusters; they join clusters into stories, the story column. cluster and
// story are named by their canonical article: the one marked canonical in
// storydesk (if several in one cluster, the longest of them), else the
// longest (the uncut copy of a wire story), then the first id — the rule the
// duplicates view uses, so the spreadsheet and the screen agree. label is how the article belongs to its cluster: duplicate or
// near-duplicate (its strongest link inside the cluster), or same-story for
// an article alone in its cluster, linked to the story only by same-story
// pairs. Pairs labelled not-duplicate form nothing. With a corpus, only
// pairs with both articles in it count; --only-done does not apply to pairs.
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

func (s *csvSink) doc(d *ExportDoc) error {
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
// (see the csv format above), ordered by story, cluster, canonical first,
// then article. keep, when set, limits the pairs to articles it accepts.
func Clusters(ctx context.Context, s *SQLiteStore, keep func(string) bool) ([]ClusterRow, error) {
	pairs, err := s.DupLabels(ctx)
	if err != nil {
		return nil, err
	}
	flagged, err := s.Canonicals(ctx)
	if err != nil {
		return nil, err
	}
	dup, story := newIDUnion(), newIDUnion()
	strongest := map[string]model.DupLabel{} // article → strongest dup-cluster link
	for _, p := range pairs {
		if keep != nil && (!keep(p.A) || !keep(p.B)) {
			continue
		}
		switch p.Label {
		case model.LabelDuplicate, model.LabelNearDup:
			dup.union(p.A, p.B)
			story.union(p.A, p.B)
			for _, id := range []string{p.A, p.B} {
				if strongest[id] != model.LabelDuplicate {
					strongest[id] = p.Label
				}
			}
		case model.LabelSameStory:
			dup.add(p.A)
			dup.add(p.B)
			story.union(p.A, p.B)
		}
	}
	type member struct {
		id    string
		brief ArticleBrief
		flag  bool
	}
	members := map[string]*member{}
	for id := range story.parent {
		b, _, err := s.Brief(ctx, id)
		if err != nil {
			return nil, err
		}
		members[id] = &member{id: id, brief: b, flag: flagged[id]}
	}
	// better orders candidates for canonical: marked canonical, longest
	// text, first id.
	better := func(a, b *member) int {
		if a.flag != b.flag {
			if a.flag {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.brief.Length, a.brief.Length); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	}
	pick := func(groups map[string][]*member) map[string]string {
		best := map[string]string{} // root → canonical id
		for root, ms := range groups {
			best[root] = slices.MinFunc(ms, better).id
		}
		return best
	}
	dupGroups, storyGroups := map[string][]*member{}, map[string][]*member{}
	for id, m := range members {
		dupGroups[dup.find(id)] = append(dupGroups[dup.find(id)], m)
		storyGroups[story.find(id)] = append(storyGroups[story.find(id)], m)
	}
	dupCanon, storyCanon := pick(dupGroups), pick(storyGroups)
	var rows []ClusterRow
	for id, m := range members {
		c := dupCanon[dup.find(id)]
		label := string(strongest[id])
		if label == "" {
			label = string(model.LabelSameStory)
		}
		rows = append(rows, ClusterRow{Cluster: c, Article: id, Outlet: m.brief.Source, Date: m.brief.Date,
			Canonical: c == id, Label: label, Story: storyCanon[story.find(id)]})
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

// idUnion over article ids, with path halving.
type idUnion struct{ parent map[string]string }

func newIDUnion() *idUnion { return &idUnion{parent: map[string]string{}} }

func (u *idUnion) add(x string) {
	if _, ok := u.parent[x]; !ok {
		u.parent[x] = x
	}
}

func (u *idUnion) find(x string) string {
	u.add(x)
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *idUnion) union(a, b string) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		if rb < ra {
			ra, rb = rb, ra
		}
		u.parent[rb] = ra
	}
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
