package dup

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"storydesk/model"
)

func lp(a, b string, l model.DupLabel) LabeledPair { return LabeledPair{A: a, B: b, Label: l} }

func TestClustersCopiesAndStories(t *testing.T) {
	ids := []string{"ap", "cut", "changed", "rewrite", "rewrite-copy", "other", "lone"}
	words := map[string]int{"ap": 600, "cut": 200, "changed": 610, "rewrite": 500, "rewrite-copy": 500, "other": 300, "lone": 100}
	labels := []LabeledPair{
		lp("ap", "cut", model.LabelNearDup),
		lp("changed", "cut", model.LabelNearDup), // joins through cut: transitive
		lp("ap", "rewrite", model.LabelSameStory),
		lp("rewrite", "rewrite-copy", model.LabelDuplicate),
		lp("ap", "other", model.LabelNotDup),
	}
	g := Clusters(ids, labels, nil, func(id string) int { return words[id] })

	want := []Cluster{
		{Canonical: "changed", Members: []string{"ap", "changed", "cut"}},
		{Canonical: "rewrite", Members: []string{"rewrite", "rewrite-copy"}}, // equal length: smallest ID
	}
	if !reflect.DeepEqual(g.Copies, want) {
		t.Errorf("copies:\n got %+v\nwant %+v", g.Copies, want)
	}
	if len(g.Stories) != 1 {
		t.Fatalf("want one story, got %+v", g.Stories)
	}
	s := g.Stories[0]
	if !reflect.DeepEqual(s.Versions, []string{"changed", "rewrite"}) {
		t.Errorf("story versions = %v, want each cluster's canonical once", s.Versions)
	}
	if !reflect.DeepEqual(s.Members, []string{"ap", "changed", "cut", "rewrite", "rewrite-copy"}) {
		t.Errorf("story members = %v", s.Members)
	}
	if len(g.Conflicts) != 0 {
		t.Errorf("no conflicts expected, got %v", g.Conflicts)
	}
	for _, c := range g.Copies {
		if c.Chosen() {
			t.Errorf("%v: nothing was marked", c)
		}
	}
}

func TestClustersSameStoryIsNotACopy(t *testing.T) {
	g := Clusters(nil, []LabeledPair{lp("a", "b", model.LabelSameStory)}, nil, nil)
	if len(g.Copies) != 0 {
		t.Errorf("same-story made a copy cluster: %+v", g.Copies)
	}
	if len(g.Stories) != 1 || !reflect.DeepEqual(g.Stories[0].Versions, []string{"a", "b"}) {
		t.Errorf("stories = %+v", g.Stories)
	}
	// A story that is only one copy cluster is not repeated as a story.
	g = Clusters(nil, []LabeledPair{lp("a", "b", model.LabelDuplicate)}, nil, nil)
	if len(g.Stories) != 0 || len(g.Copies) != 1 {
		t.Errorf("got %+v", g)
	}
}

func TestClustersCanonicalChoice(t *testing.T) {
	labels := []LabeledPair{lp("a", "b", model.LabelDuplicate), lp("b", "c", model.LabelNearDup)}
	length := func(id string) int { return map[string]int{"a": 10, "b": 30, "c": 20}[id] }

	if g := Clusters(nil, labels, nil, length); g.Copies[0].Canonical != "b" {
		t.Errorf("default canonical = %q, want the longest (b)", g.Copies[0].Canonical)
	}
	if g := Clusters(nil, labels, nil, nil); g.Copies[0].Canonical != "a" {
		t.Errorf("without lengths canonical = %q, want the smallest ID (a)", g.Copies[0].Canonical)
	}
	g := Clusters(nil, labels, map[string]bool{"c": true, "zz": true}, length)
	if c := g.Copies[0]; c.Canonical != "c" || !c.Chosen() || !reflect.DeepEqual(c.Marked, []string{"c"}) {
		t.Errorf("marked canonical not used: %+v", c)
	}
	// Two marks in one cluster: both reported, the longer wins.
	g = Clusters(nil, labels, map[string]bool{"c": true, "a": true}, length)
	if c := g.Copies[0]; c.Canonical != "c" || !reflect.DeepEqual(c.Marked, []string{"a", "c"}) {
		t.Errorf("conflicting marks: %+v", c)
	}
}

func TestClustersLastVerdictWinsAndUnknownIDs(t *testing.T) {
	labels := []LabeledPair{
		lp("a", "b", model.LabelDuplicate),
		lp("b", "a", model.LabelNotDup), // the reviewer changed their mind, pair given reversed
		lp("a", "a", model.LabelDuplicate),
		lp("c", "gone", model.LabelDuplicate),
		lp("c", "d", model.DupLabel("maybe")),
	}
	g := Clusters([]string{"a", "b", "c", "d"}, labels, nil, nil)
	if len(g.Copies) != 0 || len(g.Stories) != 0 || len(g.Conflicts) != 0 {
		t.Errorf("want nothing, got %+v", g)
	}
	// With ids nil, the article named only by a label counts.
	g = Clusters(nil, labels, nil, nil)
	if len(g.Copies) != 1 || !reflect.DeepEqual(g.Copies[0].Members, []string{"c", "gone"}) {
		t.Errorf("got %+v", g.Copies)
	}
}

func TestClustersConflicts(t *testing.T) {
	labels := []LabeledPair{
		lp("a", "b", model.LabelDuplicate),
		lp("b", "c", model.LabelNearDup),
		lp("c", "a", model.LabelNotDup),    // contradicted by a-b-c
		lp("a", "d", model.LabelNotDup),    // fine: d is elsewhere
		lp("b", "c", model.LabelNearDup),   // repeated verdict
		lp("c", "e", model.LabelSameStory), // fine
	}
	g := Clusters(nil, labels, nil, nil)
	want := []LabeledPair{lp("a", "c", model.LabelNotDup)}
	if !reflect.DeepEqual(g.Conflicts, want) {
		t.Errorf("conflicts = %v, want %v", g.Conflicts, want)
	}
}

// TestClustersMatchesConnectedComponents checks union-find against a plain
// graph search on random verdicts, in random order.
func TestClustersMatchesConnectedComponents(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	kinds := []model.DupLabel{model.LabelDuplicate, model.LabelNearDup, model.LabelSameStory, model.LabelNotDup}
	for round := range 200 {
		n := 2 + r.IntN(30)
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprintf("art-%02d", i)
		}
		final := map[[2]string]model.DupLabel{}
		var labels []LabeledPair
		for range r.IntN(2 * n) {
			a, b := ids[r.IntN(n)], ids[r.IntN(n)]
			l := kinds[r.IntN(len(kinds))]
			labels = append(labels, lp(a, b, l))
			if a != b {
				final[[2]string{min(a, b), max(a, b)}] = l
			}
		}
		g := Clusters(ids, labels, nil, nil)

		// Reference: depth-first search over copy edges.
		adj := map[string][]string{}
		for p, l := range final {
			if l == model.LabelDuplicate || l == model.LabelNearDup {
				adj[p[0]] = append(adj[p[0]], p[1])
				adj[p[1]] = append(adj[p[1]], p[0])
			}
		}
		seen := map[string]bool{}
		var want [][]string
		for _, id := range ids {
			if seen[id] {
				continue
			}
			var comp []string
			stack := []string{id}
			seen[id] = true
			for len(stack) > 0 {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				comp = append(comp, x)
				for _, y := range adj[x] {
					if !seen[y] {
						seen[y] = true
						stack = append(stack, y)
					}
				}
			}
			if len(comp) > 1 {
				slices.Sort(comp)
				want = append(want, comp)
			}
		}
		var got [][]string
		for _, c := range g.Copies {
			got = append(got, c.Members)
			if c.Canonical != c.Members[0] {
				t.Fatalf("round %d: canonical %q is not the smallest ID of %v", round, c.Canonical, c.Members)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d:\n got %v\nwant %v", round, got, want)
		}
		// Every article is in at most one cluster and one story.
		inCopy, inStory := map[string]int{}, map[string]int{}
		for _, c := range g.Copies {
			for _, m := range c.Members {
				inCopy[m]++
			}
		}
		for _, s := range g.Stories {
			for _, m := range s.Members {
				inStory[m]++
			}
			if len(s.Versions) < 2 {
				t.Fatalf("round %d: story with %d versions", round, len(s.Versions))
			}
		}
		for id, k := range inCopy {
			if k > 1 || inStory[id] > 1 {
				t.Fatalf("round %d: %s in %d clusters, %d stories", round, id, k, inStory[id])
			}
		}
		for _, c := range g.Conflicts {
			if final[[2]string{c.A, c.B}] != c.Label {
				t.Fatalf("round %d: conflict %v is not the final verdict", round, c)
			}
		}
	}
}

// BenchmarkClusters: a 100k-article corpus where reviewers labelled 5,000
// clusters of two to six copies, and a same-story link between every other
// pair of clusters.
func BenchmarkClusters(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 100_000
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("article-%06d", i)
	}
	perm := r.Perm(n)
	var labels []LabeledPair
	next := 0
	for c := range 5000 {
		k := 2 + r.IntN(5)
		for j := 1; j < k; j++ {
			labels = append(labels, lp(ids[perm[next]], ids[perm[next+j]], model.LabelNearDup))
		}
		if c%2 == 1 {
			labels = append(labels, lp(ids[perm[next]], ids[perm[next-1]], model.LabelSameStory))
		}
		next += k
	}
	b.ResetTimer()
	for range b.N {
		Clusters(ids, labels, nil, nil)
	}
}
