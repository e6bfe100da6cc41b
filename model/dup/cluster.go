package dup

import (
	"cmp"
	"slices"

	"storydesk/model"
)

// Clusters of copies, from reviewers' verdicts on pairs.
//
// A reviewer labels candidate pairs one at a time; what a dataset or an
// editor wants is the sets those verdicts imply: "these six articles are one
// wire story; keep this one". Verdicts are transitive for copies (if B is a
// cut of A and C a retyped B, C is a copy of A), so clusters are the
// connected components of the duplicate and near-duplicate labels
// (union-find).
//
// Same-story is deliberately not a copy link: two outlets' own write-ups of
// one event are different texts, and a dataset that keeps one article per
// cluster must keep both. It forms a looser grouping, Groups.Stories,
// which joins copy clusters (and single articles) about one event, for
// comparing coverage.

// LabeledPair is a reviewer's verdict on two articles.
type LabeledPair struct {
	A, B  string
	Label model.DupLabel
}

// Cluster is a set of articles that are copies of one text.
type Cluster struct {
	// Canonical is the copy to keep: the one a reviewer marked, else the
	// longest (by the length function given to Clusters; ties go to the
	// smallest ID, so the choice is stable across runs).
	Canonical string
	// Marked lists the members a reviewer marked canonical, sorted. More
	// than one means the marks disagree (say, two clusters were joined by a
	// later label); Canonical is then the longest of them.
	Marked []string
	// Members are every article in the cluster, Canonical included, sorted
	// by ID.
	Members []string
}

// Chosen reports whether the canonical copy is a reviewer's choice rather
// than the default.
func (c Cluster) Chosen() bool { return len(c.Marked) > 0 }

// Story is a set of articles about one event: copy clusters and single
// articles joined by same-story labels.
type Story struct {
	// Versions are the distinct texts: each copy cluster's canonical and
	// each article in no copy cluster, sorted by ID.
	Versions []string
	// Members are every article, copies included, sorted by ID.
	Members []string
}

// Groups is what a set of verdicts implies.
type Groups struct {
	// Copies are the copy clusters of two or more articles, ordered by
	// their first member.
	Copies []Cluster
	// Stories are the groups that join two or more distinct versions
	// (a group that is only one copy cluster is in Copies alone), ordered
	// by their first member.
	Stories []Story
	// Conflicts are same-story and not-duplicate verdicts on two articles
	// that other verdicts put in one copy cluster, by (A, B): a reviewer
	// should look at them.
	Conflicts []LabeledPair
}

// Clusters groups articles by the verdicts in labels.
//
// ids is the corpus: labels naming an article not in it (the store can keep
// labels for articles since removed) are ignored; nil means every article
// named by a label. canonical holds the articles reviewers marked as the copy
// to keep (marks outside any cluster are ignored). length gives an article's
// length for the default canonical choice (say, words of its cleaned text);
// nil treats all as equal, so the smallest ID wins.
//
// A pair's verdict is the last one for it in labels, in either order (A, B)
// or (B, A); a verdict on an article and itself, and unknown labels, are
// ignored.
func Clusters(ids []string, labels []LabeledPair, canonical map[string]bool, length func(id string) int) Groups {
	// Only articles named by a label can be in a group, so only they get
	// a number; ids just filters them (a corpus of 100k articles with a few
	// thousand labels costs a few thousand map entries, not 100k).
	index := map[string]int32{}
	var names []string
	for _, l := range labels {
		for _, id := range [2]string{l.A, l.B} {
			if _, ok := index[id]; !ok {
				index[id] = int32(len(names))
				names = append(names, id)
			}
		}
	}
	present := make([]bool, len(names))
	for _, id := range ids {
		if i, ok := index[id]; ok {
			present[i] = true
		}
	}

	// The last verdict per unordered pair.
	type pair struct{ a, b int32 }
	verdict := map[pair]model.DupLabel{}
	var order []pair
	for _, l := range labels {
		a, b := index[l.A], index[l.B]
		if ids != nil && (!present[a] || !present[b]) || a == b {
			continue
		}
		if names[a] > names[b] {
			a, b = b, a
		}
		p := pair{a, b}
		if _, seen := verdict[p]; !seen {
			order = append(order, p)
		}
		verdict[p] = l.Label
	}

	copies, stories := newUnionFind(len(names)), newUnionFind(len(names))
	for _, p := range order {
		switch verdict[p] {
		case model.LabelDuplicate, model.LabelNearDup:
			copies.union(p.a, p.b)
			stories.union(p.a, p.b)
		case model.LabelSameStory:
			stories.union(p.a, p.b)
		}
	}

	var g Groups
	for _, p := range order {
		if l := verdict[p]; (l == model.LabelSameStory || l == model.LabelNotDup) && copies.find(p.a) == copies.find(p.b) {
			g.Conflicts = append(g.Conflicts, LabeledPair{A: names[p.a], B: names[p.b], Label: l})
		}
	}
	slices.SortFunc(g.Conflicts, func(x, y LabeledPair) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})

	size := func(i int32) int {
		if length == nil {
			return 0
		}
		return length(names[i])
	}
	// better reports whether article i is a better default canonical than j.
	better := func(i, j int32) bool {
		if si, sj := size(i), size(j); si != sj {
			return si > sj
		}
		return names[i] < names[j]
	}

	// Copy clusters, keyed by union-find root.
	cluster := map[int32]int{} // copy root -> index in g.Copies
	for _, ms := range groups(copies, names) {
		c := Cluster{Members: make([]string, len(ms))}
		best, bestMarked := ms[0], int32(-1)
		for k, i := range ms {
			c.Members[k] = names[i]
			if better(i, best) {
				best = i
			}
			if canonical[names[i]] {
				c.Marked = append(c.Marked, names[i])
				if bestMarked < 0 || better(i, bestMarked) {
					bestMarked = i
				}
			}
		}
		if bestMarked >= 0 {
			best = bestMarked
		}
		c.Canonical = names[best]
		cluster[copies.find(ms[0])] = len(g.Copies)
		g.Copies = append(g.Copies, c)
	}

	// Stories: one version per copy cluster or lone article.
	for _, ms := range groups(stories, names) {
		var versions []string
		all := make([]string, len(ms))
		seen := map[int]bool{}
		for k, i := range ms {
			all[k] = names[i]
			c, inCluster := cluster[copies.find(i)]
			switch {
			case !inCluster:
				versions = append(versions, names[i])
			case !seen[c]:
				seen[c] = true
				versions = append(versions, g.Copies[c].Canonical)
			}
		}
		if len(versions) < 2 {
			continue
		}
		slices.Sort(versions)
		g.Stories = append(g.Stories, Story{Versions: versions, Members: all})
	}
	return g
}

// groups returns the union-find sets of two or more members, each sorted by
// ID, ordered by their first ID. Singletons (most of a corpus) cost nothing
// beyond a find.
func groups(u unionFind, names []string) [][]int32 {
	slot := map[int32]int{}
	var out [][]int32
	for i := range int32(len(names)) {
		r := u.find(i)
		if u.size[r] < 2 {
			continue
		}
		k, ok := slot[r]
		if !ok {
			k = len(out)
			slot[r] = k
			out = append(out, make([]int32, 0, u.size[r]))
		}
		out[k] = append(out[k], i)
	}
	byName := func(a, b int32) int { return cmp.Compare(names[a], names[b]) }
	for _, g := range out {
		slices.SortFunc(g, byName)
	}
	slices.SortFunc(out, func(a, b []int32) int { return byName(a[0], b[0]) })
	return out
}

// unionFind is a disjoint-set forest with union by size and path halving.
type unionFind struct{ parent, size []int32 }

func newUnionFind(n int) unionFind {
	u := unionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i], u.size[i] = int32(i), 1
	}
	return u
}

func (u unionFind) find(i int32) int32 {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u unionFind) union(a, b int32) {
	a, b = u.find(a), u.find(b)
	if a == b {
		return
	}
	if u.size[a] < u.size[b] {
		a, b = b, a
	}
	u.parent[b] = a
	u.size[a] += u.size[b]
}
