package docops_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/data/store/docops"
	"storydesk/model"
)

var ctx = context.Background()

// TestApplyOpsMatchesStore applies a seeded run of actions (tags, relabels,
// canonical names, deletions, quotations with speaker links, statuses, a
// text change, undo and redo) to a real store and to a document in memory,
// and after each one compares the document with the store's own.
func TestApplyOpsMatchesStore(t *testing.T) {
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "a.db"), "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	words := strings.Fields("Ilse Varga met Tomas Berg in Port Ellis on Monday and “Zoë Ng” said the talks went well")
	text := strings.Join(words, " ")
	text2 := "Today: " + text
	art := &model.Article{ID: "a.txt", Path: "a.txt", Title: "A", Text: text}
	// Word offsets in code points.
	wordAt := func(text string, i int) model.Span {
		rs := []rune(text)
		n, start := -1, -1
		for k := 0; k <= len(rs); k++ {
			if k == len(rs) || rs[k] == ' ' {
				if start >= 0 {
					n++
					if n == i {
						return model.Span{Start: start, End: k, Text: string(rs[start:k])}
					}
				}
				start = -1
				continue
			}
			if start < 0 {
				start = k
			}
		}
		return model.Span{}
	}
	act, err := st.Do(ctx, store.Action{Name: "first", Article: art,
		Ops: []store.Op{{Kind: store.OpSetStatus, Article: art.ID, Status: model.StatusInProgress}}})
	if err != nil {
		t.Fatal(err)
	}
	_ = act
	mem, _, err := st.Doc(ctx, art.ID)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	labels := []string{"PERSON", "ORG", "GPE"}
	inPlace := 0
	check := func(step int, what string, act store.Action, undo bool) {
		t.Helper()
		ops := act.Applied(undo)
		got, ok := docops.Apply(mem, ops)
		if !ok {
			t.Fatalf("step %d (%s): Apply refused %+v", step, what, act.Ops)
		}
		want, _, err := st.Doc(ctx, art.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(norm(got), norm(want)) {
			t.Fatalf("step %d (%s), Apply:\nmemory %+v\nstore  %+v", step, what, norm(got), norm(want))
		}
		if len(ops) <= 16 {
			if !docops.CanApplyInPlace(mem, ops) {
				t.Fatalf("step %d (%s): CanApplyInPlace refused %+v", step, what, ops)
			}
			inPlace++
			docops.ApplyInPlace(mem, ops)
			if !reflect.DeepEqual(norm(mem), norm(want)) {
				t.Fatalf("step %d (%s), ApplyInPlace:\nmemory %+v\nstore  %+v", step, what, norm(mem), norm(want))
			}
		}
		mem = got
	}
	kinds := map[string]int{}
	for step := 0; step < 400; step++ {
		var ops []store.Op
		what := ""
		switch r := rng.IntN(10); {
		case r < 3: // tag a free word
			sp := wordAt(mem.Text, rng.IntN(len(words)))
			if _, clash := model.FindOverlap(mem.Spans, sp.Start, sp.End, 0); clash {
				continue
			}
			sp.Label = labels[rng.IntN(3)]
			what, ops = "add-span", []store.Op{{Kind: store.OpAddSpan, Article: art.ID, Span: sp}}
		case r < 4 && len(mem.Spans) > 0: // relabel or name
			sp := mem.Spans[rng.IntN(len(mem.Spans))]
			sp.Label, sp.Canonical = labels[rng.IntN(3)], []string{"", "Someone"}[rng.IntN(2)]
			what, ops = "set-span", []store.Op{{Kind: store.OpSetSpan, Article: art.ID, Span: sp}}
		case r < 5 && len(mem.Spans) > 0:
			sp := mem.Spans[rng.IntN(len(mem.Spans))]
			what, ops = "del-span", []store.Op{{Kind: store.OpDelSpan, Article: art.ID, Span: model.Span{ID: sp.ID}}}
		case r < 6: // a quotation, linked to a span when there is one
			a, b := rng.IntN(len(words)), rng.IntN(len(words))
			s, e := wordAt(mem.Text, min(a, b)), wordAt(mem.Text, max(a, b))
			q := model.QuoteAnn{Start: s.Start, End: e.End, Text: string([]rune(mem.Text)[s.Start:e.End]), Speaker: "X"}
			if len(mem.Spans) > 0 {
				q.SpeakerSpan = mem.Spans[rng.IntN(len(mem.Spans))].ID
			}
			for _, o := range mem.Quotes {
				if o.Start == q.Start && o.End == q.End {
					q.Start = -1
				}
			}
			if q.Start < 0 {
				continue
			}
			what, ops = "add-quote", []store.Op{{Kind: store.OpAddQuote, Article: art.ID, Quote: q}}
		case r < 7 && len(mem.Quotes) > 0:
			q := mem.Quotes[rng.IntN(len(mem.Quotes))]
			q.Status, q.Speaker = []string{model.QuoteAccepted, model.QuoteRejected}[rng.IntN(2)], "Y"
			what, ops = "set-quote", []store.Op{{Kind: store.OpSetQuote, Article: art.ID, Quote: q}}
		case r < 8:
			what, ops = "set-status", []store.Op{{Kind: store.OpSetStatus, Article: art.ID, Status: []model.Status{model.StatusDone, model.StatusInProgress}[rng.IntN(2)]}}
		case r < 9 && rng.IntN(3) == 0: // re-anchoring's shape: everything goes, the text changes
			nt := text2
			if mem.Text == text2 {
				nt = text
			}
			for _, q := range mem.Quotes {
				ops = append(ops, store.Op{Kind: store.OpDelQuote, Article: art.ID, Quote: model.QuoteAnn{ID: q.ID}})
			}
			for _, sp := range mem.Spans {
				ops = append(ops, store.Op{Kind: store.OpDelSpan, Article: art.ID, Span: model.Span{ID: sp.ID}})
			}
			what, ops = "set-text", append(ops, store.Op{Kind: store.OpSetText, Article: art.ID, Text: nt})
		default:
			undo := rng.IntN(2) == 0
			var act store.Action
			var ok bool
			if undo {
				act, ok, err = st.Undo(ctx)
			} else {
				act, ok, err = st.Redo(ctx)
			}
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				what = map[bool]string{true: "undo", false: "redo"}[undo]
				kinds[what]++
				check(step, what, act, undo)
			}
			continue
		}
		if ops == nil {
			continue
		}
		act, err := st.Do(ctx, store.Action{Name: what, Ops: ops})
		if err != nil {
			continue // refused (a quotation over a changed text …): nothing applied
		}
		kinds[what]++
		check(step, what, act, false)
	}
	if inPlace < 100 {
		t.Errorf("only %d actions applied in place", inPlace)
	}
	for _, k := range []string{"add-span", "set-span", "del-span", "add-quote", "set-quote", "set-status", "set-text", "undo", "redo"} {
		if kinds[k] == 0 {
			t.Errorf("the run never did %s: %v", k, kinds)
		}
	}
}

// norm makes empty and nil slices alike.
func norm(d *store.Doc) store.Doc {
	out := *d
	if len(out.Spans) == 0 {
		out.Spans = nil
	}
	if len(out.Quotes) == 0 {
		out.Quotes = nil
	}
	return out
}

// TestApplyOpsRefusesUnknown: an op on a span or quotation the document
// does not hold is refused (the caller reads the article back), and
// nothing is changed.
func TestApplyOpsRefusesUnknown(t *testing.T) {
	doc := &store.Doc{ArticleID: "a", Spans: []model.Span{{ID: 1, Start: 0, End: 2, Text: "ab", Label: "ORG"}}}
	for _, ops := range [][]store.Op{
		{{Kind: store.OpDelSpan, Article: "a", Span: model.Span{ID: 2}}},
		{{Kind: store.OpSetSpan, Article: "a", Span: model.Span{ID: 2}}},
		{{Kind: store.OpDelSpan, Article: "a", Span: model.Span{ID: 1}}, {Kind: store.OpSetSpan, Article: "a", Span: model.Span{ID: 1}}},
		{{Kind: store.OpSetQuote, Article: "a", Quote: model.QuoteAnn{ID: 1}}},
	} {
		if docops.CanApplyInPlace(doc, ops) {
			t.Errorf("CanApplyInPlace accepted %+v", ops)
		}
		if _, ok := docops.Apply(doc, ops); ok {
			t.Errorf("Apply accepted %+v", ops)
		}
	}
	if len(doc.Spans) != 1 || doc.Spans[0].ID != 1 {
		t.Errorf("the document changed: %+v", doc.Spans)
	}
	// Ops on another article do not concern it.
	other := []store.Op{{Kind: store.OpDelSpan, Article: "b", Span: model.Span{ID: 9}}}
	if !docops.CanApplyInPlace(doc, other) {
		t.Error("an op on another article was refused")
	}
}
