package adjudicate_test

import (
	"testing"

	"storydesk/model"
	"storydesk/model/adjudicate"
)

func q(s, e int, who string, kind model.QuoteKind, status string) model.QuoteAnn {
	return model.QuoteAnn{Start: s, End: e, Text: "x", Speaker: who, Kind: kind, Status: status}
}

// A speaker named alike (case and spaces aside) agrees; another speaker,
// another kind or no quotation disagrees; a rejected quotation and none
// are one version; gold's quotation decides the place.
func TestCompareQuotes(t *testing.T) {
	alice := adjudicate.Layer{Name: "alice", Spans: []model.Span{{ID: 7, Start: 0, End: 3, Label: "PERSON"}}, Quotes: []model.QuoteAnn{
		q(10, 20, "Zoë  Ng", model.QuoteDirect, model.QuoteAccepted),
		q(30, 40, "Berg", model.QuoteDirect, model.QuoteAccepted),
		q(50, 60, "Petro", model.QuoteDirect, model.QuoteRejected),
	}}
	alice.Quotes[1].SpeakerSpan = 7
	bob := adjudicate.Layer{Name: "bob", Quotes: []model.QuoteAnn{
		q(10, 20, "zoë ng", model.QuoteDirect, model.QuoteAccepted),
		q(30, 40, "Varga", model.QuoteDirect, model.QuoteAccepted),
	}}
	items := adjudicate.CompareQuotes([]adjudicate.Layer{alice, bob}, nil)
	if len(items) != 3 {
		t.Fatalf("%+v", items)
	}
	if !items[0].Agreed || items[0].Decided {
		t.Errorf("same speaker: %+v", items[0])
	}
	if items[1].Agreed || len(items[1].Versions) != 2 || items[1].Versions[0].SpeakerSpan == nil || items[1].Versions[0].SpeakerSpan.ID != 7 {
		t.Errorf("different speakers: %+v", items[1])
	}
	if !items[2].Agreed || items[2].Versions[0].Quote != nil {
		t.Errorf("rejected and none are one version (not a quotation): %+v", items[2])
	}
	gold := []model.QuoteAnn{q(30, 40, "varga", model.QuoteDirect, model.QuoteAccepted)}
	items = adjudicate.CompareQuotes([]adjudicate.Layer{alice, bob}, gold)
	if !items[1].Decided || items[1].Choice != 1 || items[0].Decided {
		t.Errorf("gold took bob's speaker: %+v", items[1])
	}
	if got := adjudicate.QuoteSays(items[1].Versions[0].Quote); got != "said by Berg (direct)" {
		t.Errorf("QuoteSays: %q", got)
	}
}

// Pairs: the same label agrees, a label against none disagrees, gold's
// label decides.
func TestComparePairs(t *testing.T) {
	xy, xz := adjudicate.Pair{A: "x", B: "y"}, adjudicate.Pair{A: "x", B: "z"}
	alice := adjudicate.Layer{Name: "alice", Pairs: map[adjudicate.Pair]model.DupLabel{xy: model.LabelDuplicate, xz: model.LabelNotDup}}
	bob := adjudicate.Layer{Name: "bob", Pairs: map[adjudicate.Pair]model.DupLabel{xy: model.LabelDuplicate}}
	items := adjudicate.ComparePairs([]adjudicate.Layer{alice, bob}, map[adjudicate.Pair]model.DupLabel{xz: model.LabelNotDup})
	if len(items) != 2 || !items[0].Agreed || items[0].Decided || items[1].Agreed || !items[1].Decided || items[1].Choice != 0 || items[1].Versions[1].Label != "" {
		t.Fatalf("%+v", items)
	}
}
