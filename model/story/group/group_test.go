package group_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"storydesk/model"
	"storydesk/model/story/group"
)

// The fixtures' stories (see ../fixtures_test.go for what each is).
var (
	landslide = []string{"landslide-changed.txt", "landslide-cut.txt", "landslide-rewrite.txt", "landslide-wire.txt"}
	korva     = []string{"korva-cut.txt", "korva-slide.txt"}
	flood     = []string{"tollen-flood-courier.txt", "tollen-flood-wire.txt"}
)

func TestGroupFixtures(t *testing.T) {
	g := groupArticles(t, fixtures(t), group.Overrides{}, group.Options{})
	want := [][]string{korva, landslide, flood}
	if got := storiesOf(g); !reflect.DeepEqual(got, want) {
		t.Errorf("stories:\n got %v\nwant %v", got, want)
		for _, c := range g.Clusters {
			t.Logf("%s: %v", c.ID, c.Links)
		}
		t.Logf("refused: %v", g.Refused)
	}
	for i, a := range fixtures(t) {
		if c := g.Clusters[g.Of[i]]; !slices.Contains(c.Members, a.ID) {
			t.Errorf("Of[%d] = %d, a cluster without %s", i, g.Of[i], a.ID)
		}
	}
	// The cut and the changed copy are in by duplicate detection, the
	// rewrite by its features.
	c := g.Clusters[0]
	if c.ID != "landslide-changed.txt" || len(c.Links) != 3 {
		t.Fatalf("largest story %s has links %v", c.ID, c.Links)
	}
	kinds := map[string]string{}
	for _, l := range c.Links {
		kinds[l.A+" "+l.B] = l.Kind
	}
	if kinds["landslide-cut.txt landslide-wire.txt"] != group.LinkCopy ||
		kinds["landslide-changed.txt landslide-wire.txt"] != group.LinkCopy {
		t.Errorf("copies should be linked as copies: %v", c.Links)
	}
}

func TestGroupWindowKeepsEventsInOnePlaceApart(t *testing.T) {
	arts := fixtures(t)
	// The flood in the valley in March names the landslide's governor,
	// geologist, villages and a witness: by features alone it is close
	// enough to join.
	g := groupArticles(t, arts, group.Overrides{}, group.Options{WindowDays: -1})
	if got := storiesOf(g); len(got) != 2 || len(got[1]) != 6 {
		t.Fatalf("without the window the valley's two events should join: %v", got)
	}
	// With the window, pairs of articles dated too far apart are not
	// linked at all. An undated article that links to both events cannot
	// chain them either: the link that would stretch the story is refused.
	for _, a := range arts {
		if a.ID == "tollen-flood-courier.txt" {
			a.Date = ""
		}
	}
	g = groupArticles(t, arts, group.Overrides{}, group.Options{})
	if got := storiesOf(g); !reflect.DeepEqual(got, [][]string{korva, landslide, flood}) {
		t.Errorf("with the window: %v", got)
	}
	found := false
	for _, l := range g.Refused {
		found = found || l.Refused == group.RefusedWindow && slices.Contains(flood, l.B) && slices.Contains(landslide, l.A)
	}
	if !found {
		t.Errorf("the link between the flood and the landslide should be refused for the dates: %v", g.Refused)
	}
}

func TestGroupOverrides(t *testing.T) {
	arts := fixtures(t)
	// Split: the annotator keeps the rewrite apart from the wire group.
	g := groupArticles(t, arts, group.Overrides{Apart: [][2]string{{"landslide-rewrite.txt", "landslide-wire.txt"}}}, group.Options{})
	if got := storiesOf(g); !reflect.DeepEqual(got, [][]string{korva, {"landslide-changed.txt", "landslide-cut.txt", "landslide-wire.txt"}, flood}) {
		t.Errorf("apart: %v", got)
	}
	refused := false
	for _, l := range g.Refused {
		refused = refused || l.Refused == group.RefusedApart
	}
	if !refused {
		t.Errorf("the link kept apart should be listed as refused: %v", g.Refused)
	}

	// Split by pins: the same, named.
	g = groupArticles(t, arts, group.Overrides{Pins: map[string]string{
		"landslide-rewrite.txt": "story:b", "landslide-wire.txt": "story:a",
	}}, group.Options{})
	byID := map[string]group.Cluster{}
	for _, c := range g.Clusters {
		byID[c.ID] = c
	}
	if a, b := byID["story:a"], byID["story:b"]; len(a.Members) != 3 || !a.Pinned || !reflect.DeepEqual(b.Members, []string{"landslide-rewrite.txt"}) {
		t.Errorf("pinned split: a=%v b=%v", a, b)
	}

	// Merge: the annotator pins the Korva mudslide and the March flood
	// together; their copies and write-ups follow, the October landslide
	// does not (its dates lie outside what the annotator joined).
	g = groupArticles(t, arts, group.Overrides{Pins: map[string]string{
		"korva-slide.txt": "m", "tollen-flood-wire.txt": "m",
	}}, group.Options{})
	want := append(slices.Clone(korva), flood...)
	slices.Sort(want)
	if got := storiesOf(g); !reflect.DeepEqual(got, [][]string{want, landslide}) {
		t.Errorf("merge: %v", got)
	}
	if c := g.Clusters[g.Of[slices.IndexFunc(arts, func(a *model.Article) bool { return a.ID == "korva-cut.txt" })]]; c.ID != "m" || !c.Pinned {
		t.Errorf("the merged story is named by its pin: %+v", c)
	}
}

func TestGroupDeterministic(t *testing.T) {
	arts := fixtures(t)
	want := storiesOf(groupArticles(t, arts, group.Overrides{}, group.Options{}))
	r := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		r.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
		if got := storiesOf(groupArticles(t, arts, group.Overrides{}, group.Options{Workers: 3})); !reflect.DeepEqual(got, want) {
			t.Fatalf("another order, other stories:\n got %v\nwant %v", got, want)
		}
	}
}

func TestGroupEdgeCases(t *testing.T) {
	if g := group.Stories(nil, nil, group.Overrides{}, group.Options{}); len(g.Clusters) != 0 || len(g.Of) != 0 {
		t.Errorf("nothing to group: %+v", g)
	}
	a := fixture(t, "landslide-wire.txt")
	items := []group.Item{group.ItemOf(a), group.ItemOf(a), {ID: "empty"}, {ID: "stale", Features: group.Features{Version: -1, Keys: group.ItemOf(a).Features.Keys}}}
	g := group.Stories(items, nil, group.Overrides{Pins: map[string]string{"unknown": "x"}, Apart: [][2]string{{"unknown", "empty"}}}, group.Options{})
	if len(g.Clusters) != 3 || g.Of[0] != g.Of[1] {
		t.Errorf("an ID given twice is one article; an empty or stale one stands alone: %+v", g)
	}
}

func TestExtractFeatures(t *testing.T) {
	a := group.Extract("The mayor of Port Ellis, Ilse Varga, said 42 people died. “We will search all night,” Varga said.")
	b := group.Extract("“We will search all night,” said Mayor Ilse Varga of Port Ellis, where 42 people died.")
	shared := 0
	for _, k := range a.Keys {
		if _, ok := slices.BinarySearch(b.Keys, k); ok {
			shared++
		}
	}
	// Port, Ellis, Port Ellis, Ilse, Varga, Ilse Varga, "42 people", and
	// the quotation's words: "we will search all", "will search all night".
	if shared < 9 {
		t.Errorf("two sentences of one event share %d features", shared)
	}
	if f := group.Extract(""); len(f.Keys) != 0 || f.Version != group.FeaturesVersion {
		t.Errorf("empty text: %+v", f)
	}
	if !slices.IsSorted(a.Keys) {
		t.Error("keys not sorted")
	}
}

func TestExtractQuotesOnlyClosed(t *testing.T) {
	kinds := func(text string) map[uint32]int {
		m := map[uint32]int{}
		for _, k := range group.Extract(text).Keys {
			m[k>>29]++
		}
		return m
	}
	const quoteKind = 3
	if n := kinds("He said: “we will not leave anyone behind today,” and left.")[quoteKind]; n != 4 {
		t.Errorf("a closed quotation of seven words makes four keys, got %d", n)
	}
	// The closing mark lost: the rest of the paragraph is not a quotation.
	if n := kinds("He said: “we will not leave anyone behind today, and left.\n\nThe end came soon after that.")[quoteKind]; n != 0 {
		t.Errorf("an unclosed quotation makes no keys, got %d", n)
	}
	// A text cut short inside a quotation: its words are quoted.
	if n := kinds("He said: “we will not leave anyone behind today")[quoteKind]; n != 4 {
		t.Errorf("a quotation the text ends in makes keys, got %d", n)
	}
	if n := kinds("\"Straight quotes work the same way here,\" she said.")[quoteKind]; n != 4 {
		t.Errorf("straight quotes: %d", n)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("“A b c d,” said Ilse Varga of Port Ellis, where 42 people died.")
	f.Add("\"\"“”«»\n\n\u00a0É.U. 4,000 x")
	f.Fuzz(func(t *testing.T, text string) {
		k := group.Extract(text).Keys
		for i := 1; i < len(k); i++ {
			if k[i] <= k[i-1] {
				t.Fatal("keys not sorted and unique")
			}
		}
	})
}
