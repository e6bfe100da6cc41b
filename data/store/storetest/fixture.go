package storetest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
)

// The fixture the export and import tests share: text that trips every
// offset unit — an emoji family (ZWJ sequence, 5 code points, 8 UTF-16
// units), a thumbs-up with a skin tone, a decomposed accent (e + U+0301),
// CJK, astral-plane Fraktur letters — spans that cross a line break,
// quotations with and without a speaker span, ids that are unsafe as file
// names, and labelled pairs.
const (
	TextA = "Mayor Ilse Varga of Port Ellis met 👩‍👩‍👧 families.\n" +
		"“We will rebuild the pier,” said Ilse Varga 👍🏽 on Monday.\n" +
		"Zoe\u0301 Ng visited 東京都 with 小池百合子. The 𝔘𝔫𝔦𝔬𝔫 of\nHarbour Workers agreed to talk."
	TextB = "Ilse Varga spoke in Port Ellis. =SUM(A1) said the U.S. Navy."
	TextC = "Ilse Varga spoke in Port Ellis today."
)

// IDs are the fixture's article ids: a path, a traversal, an upper-case
// name, a Windows device name.
var IDs = []string{"news/a first story.txt", "../../b.txt", "C.TXT", "con.txt"}

// Span builds a span over the nth (0-based) occurrence of word in text.
func Span(t testing.TB, text, word, label string, nth int) model.Span {
	t.Helper()
	b := 0
	for k := 0; ; k++ {
		i := strings.Index(text[b:], word)
		if i < 0 {
			t.Fatalf("%q (#%d) not in text", word, nth)
		}
		if k == nth {
			b += i
			break
		}
		b += i + len(word)
	}
	start := model.RuneLen(text[:b])
	return model.Span{Start: start, End: start + model.RuneLen(word), Label: label, Text: word}
}

// do applies act, failing the test when the store refuses it.
func do(t testing.TB, s *store.SQLite, act store.Action) store.Action {
	t.Helper()
	done, err := s.Do(context.Background(), act)
	if err != nil {
		t.Fatalf("%s: %v", act.Name, err)
	}
	return done
}

// Fixture fills a fresh store at dir/fixture.db through the same actions
// the UI uses; the store is closed when the test ends.
func Fixture(t testing.TB, dir string) *store.SQLite {
	t.Helper()
	s, err := store.OpenSQLite(filepath.Join(dir, "fixture.db"), "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	arts := []*model.Article{
		{ID: IDs[0], Path: IDs[0], Title: "Pier", Source: "Harbour Times", URL: "https://example.org/pier?x=1", Date: "2026-03-02", Text: TextA},
		{ID: IDs[1], Path: IDs[1], Title: "Spoke", Source: "=Wire", Date: "2026-03-01", Text: TextB},
		{ID: IDs[2], Path: IDs[2], Title: "Spoke too", Source: "Coast News", Date: "2026-03-01", Text: TextC},
		{ID: IDs[3], Path: IDs[3], Title: "Empty", Source: "Coast News", Text: "Nothing tagged here."},
	}
	a := arts[0]
	var speaker model.Span
	for _, sp := range []struct {
		word, label string
		nth         int
	}{
		{"Ilse Varga", "PERSON", 0}, {"Port Ellis", "GPE", 0}, {"👩‍👩‍👧 families", "NORP", 0},
		{"Ilse Varga", "PERSON", 1}, {"Zoe\u0301 Ng", "PERSON", 0}, {"東京都", "GPE", 0},
		{"小池百合子", "PERSON", 0}, {"𝔘𝔫𝔦𝔬𝔫 of\nHarbour Workers", "ORG", 0}, {"Monday", "DATE", 0},
	} {
		span := Span(t, TextA, sp.word, sp.label, sp.nth)
		if sp.word == "Zoe\u0301 Ng" {
			span.Canonical = "Zoë Ng"
		}
		done := do(t, s, store.Action{Name: "tag", Article: a, Ops: []store.Op{{Kind: store.OpAddSpan, Article: a.ID, Span: span}}})
		if sp.nth == 1 {
			speaker = done.Ops[0].Span
		}
	}
	q1 := Span(t, TextA, "We will rebuild the pier,", "", 0)
	q2 := Span(t, TextA, "The 𝔘𝔫𝔦𝔬𝔫 of\nHarbour Workers agreed to talk", "", 0)
	q3 := Span(t, TextA, "met", "", 0)
	do(t, s, store.Action{Name: "quotes", Article: a, Ops: []store.Op{
		{Kind: store.OpAddQuote, Article: a.ID, Quote: model.QuoteAnn{Start: q1.Start, End: q1.End, Text: q1.Text, Speaker: "Ilse Varga", SpeakerSpan: speaker.ID, MentionStart: speaker.Start, MentionEnd: speaker.End, Kind: model.QuoteDirect}},
		{Kind: store.OpAddQuote, Article: a.ID, Quote: model.QuoteAnn{Start: q2.Start, End: q2.End, Text: q2.Text, Kind: model.QuoteParaphrase}},
		// Rejected suggestions are not exported.
		{Kind: store.OpAddQuote, Article: a.ID, Quote: model.QuoteAnn{Start: q3.Start, End: q3.End, Text: q3.Text, Kind: model.QuoteScare, Status: model.QuoteRejected}},
	}})
	b := arts[1]
	for _, w := range []struct{ word, label string }{{"Ilse Varga", "PERSON"}, {"Port Ellis", "GPE"}, {"U.S. Navy", "ORG"}} {
		do(t, s, store.Action{Name: "tag", Article: b, Ops: []store.Op{{Kind: store.OpAddSpan, Article: b.ID, Span: Span(t, TextB, w.word, w.label, 0)}}})
	}
	q := Span(t, TextB, "=SUM(A1)", "", 0)
	// A mention that is no entity span ("the U.S. Navy" around the tagged
	// "U.S. Navy"): brat carries it as a Speaker_mention of its own.
	m := Span(t, TextB, "the U.S. Navy", "", 0)
	do(t, s, store.Action{Name: "quote", Ops: []store.Op{{Kind: store.OpAddQuote, Article: b.ID, Quote: model.QuoteAnn{Start: q.Start, End: q.End, Text: q.Text, Speaker: "-Ilse Varga", MentionStart: m.Start, MentionEnd: m.End, Kind: model.QuotePartial}}}})
	do(t, s, store.Action{Name: "done", Ops: []store.Op{{Kind: store.OpSetStatus, Article: b.ID, Status: model.StatusDone}}})
	c := arts[2]
	do(t, s, store.Action{Name: "tag", Article: c, Ops: []store.Op{{Kind: store.OpAddSpan, Article: c.ID, Span: Span(t, TextC, "Ilse Varga", "PERSON", 0)}}})
	do(t, s, store.Action{Name: "snapshot", Article: arts[3], Ops: []store.Op{{Kind: store.OpSetStatus, Article: arts[3].ID, Status: model.StatusInProgress}}})
	do(t, s, store.Action{Name: "pairs", Ops: []store.Op{
		{Kind: store.OpSetDupLabel, A: b.ID, B: c.ID, DupLabel: model.LabelNearDup},
		{Kind: store.OpSetDupLabel, A: a.ID, B: b.ID, DupLabel: model.LabelSameStory},
		{Kind: store.OpSetDupLabel, A: a.ID, B: arts[3].ID, DupLabel: model.LabelNotDup},
		{Kind: store.OpSetCanonical, Article: c.ID, Flag: true},
	}})
	return s
}
