package adjudicate_test

import (
	"testing"

	"storydesk/model"
	"storydesk/model/adjudicate"
)

func sp(s, e int, l string) model.Span { return model.Span{Start: s, End: e, Label: l} }

// Two layers: one span agreed, one relabelled, one split differently, one
// tagged by one layer only.
func TestCompute(t *testing.T) {
	alice := adjudicate.Layer{Name: "alice", Spans: []model.Span{sp(0, 5, "PERSON"), sp(10, 15, "GPE"), sp(20, 30, "ORG"), sp(40, 45, "DATE")}}
	bob := adjudicate.Layer{Name: "bob", Spans: []model.Span{sp(0, 5, "PERSON"), sp(10, 15, "ORG"), sp(20, 24, "ORG"), sp(25, 30, "ORG")}}
	items := adjudicate.Compute([]adjudicate.Layer{alice, bob}, adjudicate.Gold{})
	if len(items) != 4 {
		t.Fatalf("%d items, want 4: %+v", len(items), items)
	}
	if !items[0].Agreed || items[0].Decided || items[0].Start != 0 {
		t.Errorf("agreed item: %+v", items[0])
	}
	relabel := items[1]
	if relabel.Agreed || len(relabel.Versions) != 2 || relabel.Versions[0].Spans[0].Label != "GPE" || relabel.Versions[1].Layers[0] != "bob" {
		t.Errorf("relabel: %+v", relabel)
	}
	split := items[2]
	if split.Start != 20 || split.End != 30 || len(split.Versions[1].Spans) != 2 {
		t.Errorf("split: %+v", split)
	}
	if _, ok := split.Union(0, 1); ok {
		t.Error("the union of overlapping versions was allowed")
	}
	lone := items[3]
	if len(lone.Versions) != 2 || len(lone.Versions[1].Spans) != 0 {
		t.Errorf("one-sided: %+v", lone)
	}

	// Gold takes alice's label, bob's split, and rejects the lone DATE.
	gold := adjudicate.Gold{
		Spans:    []model.Span{sp(0, 5, "PERSON"), sp(10, 15, "GPE"), sp(20, 24, "ORG"), sp(25, 30, "ORG")},
		Rejected: []model.Span{sp(40, 45, "DATE")},
	}
	items = adjudicate.Compute([]adjudicate.Layer{alice, bob}, gold)
	want := []int{0, 0, 1, 1}
	for i, it := range items {
		if !it.Decided || it.Choice != want[i] {
			t.Errorf("item %d: decided %v choice %d, want %d", i, it.Decided, it.Choice, want[i])
		}
	}
	// An edit in gold over part of a place decides only what it covers.
	items = adjudicate.Compute([]adjudicate.Layer{alice, bob}, adjudicate.Gold{Spans: []model.Span{sp(20, 23, "PERSON")}})
	if items[2].Decided {
		t.Errorf("a gold span over bob's first half decided the whole place: %+v", items[2])
	}
}

// Three layers: the two that agree share a version; a union of two
// non-overlapping versions is allowed.
func TestVersionsShared(t *testing.T) {
	a := adjudicate.Layer{Name: "a", Spans: []model.Span{sp(0, 10, "PERSON")}}
	b := adjudicate.Layer{Name: "b", Spans: []model.Span{sp(0, 4, "PERSON")}}
	c := adjudicate.Layer{Name: "c", Spans: []model.Span{sp(5, 10, "PERSON")}}
	items := adjudicate.Compute([]adjudicate.Layer{a, b, c}, adjudicate.Gold{})
	if len(items) != 1 || len(items[0].Versions) != 3 {
		t.Fatalf("%+v", items)
	}
	u, ok := items[0].Union(1, 2)
	if !ok || len(u) != 2 {
		t.Errorf("union of b and c: %v %v", u, ok)
	}
	items = adjudicate.Compute([]adjudicate.Layer{a, a, b}, adjudicate.Gold{})
	if len(items[0].Versions) != 2 || len(items[0].Versions[0].Layers) != 2 {
		t.Errorf("identical layers not one version: %+v", items[0])
	}
	// One layer alone agrees with nobody.
	items = adjudicate.Compute([]adjudicate.Layer{a}, adjudicate.Gold{})
	if len(items) != 1 || items[0].Agreed {
		t.Errorf("lone layer: %+v", items)
	}
}
