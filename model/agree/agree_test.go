package agree_test

import (
	"math"
	"testing"

	"storydesk/model"
	"storydesk/model/agree"
)

func sp(s, e int, l string) model.Span { return model.Span{Start: s, End: e, Label: l} }

func near(t *testing.T, what string, got agree.Score, want float64) {
	t.Helper()
	if got == nil {
		t.Fatalf("%s: nil, want %.4f", what, want)
	}
	if math.Abs(*got-want) > 1e-9 {
		t.Fatalf("%s: %.6f, want %.6f", what, *got, want)
	}
}

// Two annotators over two articles, computed by hand.
//
// a1 "Ann Lee met Bob Ray in Oslo ." alice: PERSON 0-7, PERSON 12-19, GPE 23-27
//
//	bob:   PERSON 0-7, PERSON 12-15 (Bob only), LOC 23-27
//
// a2 "Acme hired Cy ." alice: ORG 0-4; bob: ORG 0-4, PERSON 11-13
//
// Exact: PERSON 1 match, ORG 1 → 2 matched; alice 4 spans, bob 5 spans:
// F1 = 4/9. Overlap (same label): PERSON 2, ORG 1 → 3: F1 = 6/9.
func TestPairFigures(t *testing.T) {
	in := agree.Input{Docs: map[string]agree.Doc{
		"a1": {Text: "Ann Lee met Bob Ray in Oslo .", Spans: map[string][]model.Span{
			"alice": {sp(0, 7, "PERSON"), sp(12, 19, "PERSON"), sp(23, 27, "GPE")},
			"bob":   {sp(0, 7, "PERSON"), sp(12, 15, "PERSON"), sp(23, 27, "LOC")},
		}},
		"a2": {Text: "Acme hired Cy .", Spans: map[string][]model.Span{
			"alice": {sp(0, 4, "ORG")},
			"bob":   {sp(0, 4, "ORG"), sp(11, 13, "PERSON")},
		}},
		"a3": {Text: "Only carol was here .", Spans: map[string][]model.Span{
			"carol": {sp(0, 4, "PERSON")},
		}},
	}}
	r := agree.Compute(in)
	if r.Articles != 2 || len(r.Annotators) != 3 || len(r.Pairs) != 3 {
		t.Fatalf("report %+v", r)
	}
	p := r.Pairs[0] // alice–bob
	if p.A != "alice" || p.B != "bob" || p.Articles != 2 {
		t.Fatalf("pair %+v", p)
	}
	near(t, "exact", p.SpanF1Exact, 4.0/9)
	near(t, "overlap", p.SpanF1Overlap, 6.0/9)
	near(t, "PERSON exact", p.ByLabel["PERSON"].F1Exact, 2.0/5)
	near(t, "PERSON overlap", p.ByLabel["PERSON"].F1Overlap, 4.0/5)
	near(t, "GPE exact", p.ByLabel["GPE"].F1Exact, 0)
	if p.ByLabel["LOC"].B != 1 || p.ByLabel["LOC"].A != 0 {
		t.Fatalf("LOC counts %+v", p.ByLabel["LOC"])
	}
	// Tokens (a1: Ann Lee met Bob Ray in Oslo . ; a2: Acme hired Cy .):
	// alice P P O P P O G O | Ø O O O ; bob P P O P O O L O | Ø O P O
	// 12 tokens, 9 agree: po = 9/12. alice: P4 O6 G1 Ø1; bob: P4 O6 L1 Ø1
	// (Ø is ORG). pe = (4·4 + 6·6 + 1·1)/144 = 53/144.
	po, pe := 9.0/12, 53.0/144
	near(t, "token kappa", p.TokenKappa, (po-pe)/(1-pe))
	if p.DupKappa != nil {
		t.Fatalf("dup kappa without labels: %v", *p.DupKappa)
	}
	// carol shares no article with anyone.
	for _, q := range r.Pairs[1:] {
		if q.Articles != 0 || q.SpanF1Exact != nil || q.TokenKappa != nil {
			t.Fatalf("pair with no shared article: %+v", q)
		}
	}
}

// Overlapping matches are one to one: two short spans inside one long one
// match it once.
func TestOverlapIsOneToOne(t *testing.T) {
	in := agree.Input{Docs: map[string]agree.Doc{"a": {Text: "New York City Hall", Spans: map[string][]model.Span{
		"x": {sp(0, 18, "FAC")},
		"y": {sp(0, 8, "FAC"), sp(9, 18, "FAC")},
	}}}}
	p := agree.Compute(in).Pairs[0]
	near(t, "overlap", p.SpanF1Overlap, 2.0/3)
	near(t, "exact", p.SpanF1Exact, 0)
}

// Cohen's kappa on duplicate labels, over the pairs both labelled.
// x: d d n s ; y: d n n s (4 shared). po = 3/4; x d2 n1 s1, y d1 n2 s1:
// pe = (2+2+1)/16 = 5/16.
func TestDupKappaAndAlpha(t *testing.T) {
	d, n, s := model.LabelDuplicate, model.LabelNotDup, model.LabelSameStory
	in := agree.Input{Dups: map[string]map[agree.Pair]model.DupLabel{
		"x": {{"a", "b"}: d, {"a", "c"}: d, {"b", "c"}: n, {"c", "d"}: s, {"x", "y"}: d},
		"y": {{"a", "b"}: d, {"a", "c"}: n, {"b", "c"}: n, {"c", "d"}: s},
	}}
	r := agree.Compute(in)
	p := r.Pairs[0]
	near(t, "dup kappa", p.DupKappa, (0.75-5.0/16)/(1-5.0/16))
	// Alpha over the same four pairs (the pair only x labelled is left
	// out): values d d | d n | n n | s s. n = 8, counts d3 n3 s2;
	// disagreeing ordered pairs: 2 (d,n and n,d) each weight 1.
	// alpha = 1 - (n-1)·Do / Σ n_c n_k = 1 - 7·2/(2·(3·3+3·2+3·2)) = 1 - 14/42.
	near(t, "dup alpha", r.DupAlpha, 1-14.0/42)
}

// Perfect agreement gives 1; a single category everywhere gives nil.
func TestEdgeCases(t *testing.T) {
	same := []model.Span{sp(0, 3, "ORG")}
	r := agree.Compute(agree.Input{Docs: map[string]agree.Doc{"a": {Text: "ACME rose", Spans: map[string][]model.Span{"x": same, "y": same}}}})
	near(t, "exact", r.Pairs[0].SpanF1Exact, 1)
	near(t, "token kappa", r.Pairs[0].TokenKappa, 1)
	near(t, "alpha", r.TokenAlpha, 1)
	r = agree.Compute(agree.Input{Dups: map[string]map[agree.Pair]model.DupLabel{
		"x": {{"a", "b"}: model.LabelDuplicate}, "y": {{"a", "b"}: model.LabelDuplicate}}})
	if r.Pairs[0].DupKappa != nil || r.DupAlpha != nil {
		t.Fatal("one category: chance agreement is total, kappa and alpha are undefined")
	}
}
