package storetest

import (
	"bytes"
	"fmt"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
)

// The suite's cases for what suggestions and stories keep in the store:
// rejected suggestions and story links are each annotator's own and
// undoable; trained models and the story features cache are shared; a
// quotation keeps its speaker's mention.

// testRejectionsPerLayer: a rejected suggestion is in its annotator's
// documents only, and undo takes it back.
func testRejectionsPerLayer(t *testing.T, open func(string) store.Store) {
	alice, bob := open("alice"), open("bob")
	a := StoryArticle("a.txt")
	sp := SpanOf(t, Story, "Port Ellis", "GPE")
	act(t, alice, store.Action{Name: "reject", Article: a, Ops: []store.Op{{Kind: store.OpSetReject, Article: a.ID, Span: sp, Flag: true}}})
	act(t, bob, Tag(a, SpanOf(t, Story, "Kyōto", "GPE")))
	if d := doc(t, alice, a.ID); len(d.Rejected) != 1 || d.Rejected[0].Text != "Port Ellis" || d.Rejected[0].Label != "GPE" || d.Rejected[0].Start != sp.Start {
		t.Fatalf("alice's rejections: %+v", d.Rejected)
	}
	if d := doc(t, bob, a.ID); len(d.Rejected) != 0 {
		t.Fatalf("bob sees alice's rejection: %+v", d.Rejected)
	}
	// Bob may reject the same suggestion: his own row, not a clash.
	act(t, bob, store.Action{Name: "reject", Article: a, Ops: []store.Op{{Kind: store.OpSetReject, Article: a.ID, Span: sp, Flag: true}}})
	undo(t, alice)
	if d := doc(t, alice, a.ID); len(d.Rejected) != 0 {
		t.Fatalf("undone rejection still there: %+v", d.Rejected)
	}
	if d := doc(t, bob, a.ID); len(d.Rejected) != 1 {
		t.Fatalf("alice's undo took bob's rejection: %+v", d.Rejected)
	}
	// Export reads them when asked, from the layer exported only.
	for _, c := range []struct {
		s    store.Store
		f    store.DocFilter
		want int
	}{{bob, store.DocFilter{Rejected: true}, 1}, {bob, store.DocFilter{}, 0}, {alice, store.DocFilter{Rejected: true}, 0}} {
		n := 0
		if err := c.s.EachDoc(bg, c.f, func(d *store.ExportDoc) error {
			n += len(d.Rejected)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if n != c.want {
			t.Errorf("EachDoc(%+v): %d rejections, want %d", c.f, n, c.want)
		}
	}
}

// testModelsShared: a saved model is read back whole by any session, and
// saving again replaces it.
func testModelsShared(t *testing.T, open func(string) store.Store) {
	alice, bob := open("alice"), open("bob")
	ms, ok := alice.(store.ModelStore)
	mb, ok2 := bob.(store.ModelStore)
	if !ok || !ok2 {
		t.Fatal("the store keeps no models")
	}
	if _, found, err := mb.LoadModel(bg, "ner"); err != nil || found {
		t.Fatalf("a new store has a model: %v %v", found, err)
	}
	for _, blob := range [][]byte{{0, 1, 2, 255, 0}, bytes.Repeat([]byte{7, 0}, 40000)} {
		if err := ms.SaveModel(bg, "ner", blob); err != nil {
			t.Fatal(err)
		}
		got, found, err := mb.LoadModel(bg, "ner")
		if err != nil || !found || !bytes.Equal(got, blob) {
			t.Fatalf("model read back: found %v, %d bytes (want %d), %v", found, len(got), len(blob), err)
		}
	}
}

// testStoryLinksPerLayer: a pinned pair is its annotator's, in order, and
// undo removes it.
func testStoryLinksPerLayer(t *testing.T, open func(string) store.Store) {
	alice, bob := open("alice"), open("bob")
	links := func(s store.Store) string {
		l, ok := s.(store.StoryLinker)
		if !ok {
			t.Fatal("the store keeps no story links")
		}
		ls, err := l.StoryLinks(bg)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(ls)
	}
	act(t, alice, store.Action{Name: "pin", Ops: []store.Op{{Kind: store.OpSetStoryLink, A: "b.txt", B: "a.txt", Link: store.StoryPin}}})
	act(t, bob, store.Action{Name: "apart", Ops: []store.Op{{Kind: store.OpSetStoryLink, A: "a.txt", B: "b.txt", Link: store.StoryApart}}})
	if got := links(alice); got != "[{a.txt b.txt pin}]" {
		t.Fatalf("alice's links: %s", got)
	}
	if got := links(bob); got != "[{a.txt b.txt apart}]" {
		t.Fatalf("bob's links: %s", got)
	}
	undo(t, alice)
	if got := links(alice); got != "[]" {
		t.Fatalf("after undo: %s", got)
	}
}

// testStoryFeaturesCache: features are kept by version and read back for
// the ids asked.
func testStoryFeaturesCache(t *testing.T, open func(string) store.Store) {
	s := open("alice")
	c, ok := s.(store.StoryFeatureCache)
	if !ok {
		t.Fatal("the store caches no story features")
	}
	f := store.StoryFeature{ID: "a.txt", Hash: "h1", Date: "2026-01-02", Keys: []byte{1, 0, 0, 0, 9, 0, 0, 0}}
	if err := c.PutStoryFeatures(bg, 3, []store.StoryFeature{f}); err != nil {
		t.Fatal(err)
	}
	got, err := c.StoryFeatures(bg, 3, []string{"a.txt", "none.txt"})
	if err != nil || len(got) != 1 || got["a.txt"].Hash != "h1" || got["a.txt"].Date != f.Date || !bytes.Equal(got["a.txt"].Keys, f.Keys) {
		t.Fatalf("features read back: %+v %v", got, err)
	}
	if got, err := c.StoryFeatures(bg, 4, []string{"a.txt"}); err != nil || len(got) != 0 {
		t.Fatalf("another version's features: %+v %v", got, err)
	}
}

// testQuoteMention: a quotation keeps where its speaker is mentioned.
func testQuoteMention(t *testing.T, open func(string) store.Store) {
	s := open("alice")
	a := StoryArticle("a.txt")
	q := SpanOf(t, Story, "We are done,", "")
	m := SpanOf(t, Story, "Zoë Ng", "")
	qa := model.QuoteAnn{Start: q.Start, End: q.End, Text: q.Text, Speaker: "Zoë Ng", MentionStart: m.Start, MentionEnd: m.End, Kind: model.QuoteDirect}
	act(t, s, store.Action{Name: "quote", Article: a, Ops: []store.Op{{Kind: store.OpAddQuote, Article: a.ID, Quote: qa}}})
	d := doc(t, s, a.ID)
	if len(d.Quotes) != 1 || d.Quotes[0].MentionStart != m.Start || d.Quotes[0].MentionEnd != m.End {
		t.Fatalf("quotation read back: %+v", d.Quotes)
	}
}
