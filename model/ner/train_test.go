package ner_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"storydesk/model"
	"storydesk/model/ner"
)

// toyDocs are made-up sentences with one pattern: "<person> met <person>
// in <place>", names invented so nothing is known of them but the pattern.
func toyDocs(t testing.TB) []ner.Doc {
	people := []string{"Zorblax Quint", "Mirela Vosk", "Tavi Orrun", "Bexley Nunn", "Quorra Dell", "Ivo Strand", "Pell Anwar", "Dagny Roe"}
	places := []string{"Frobnia", "Vlemmore", "Ostrava Minor", "Keldport", "Sarnath Bay", "Uskelund"}
	var docs []ner.Doc
	for i := range 60 {
		a, b := people[i%len(people)], people[(i*3+1)%len(people)]
		p := places[(i*5+2)%len(places)]
		docs = append(docs, parseMarked(t, fmt.Sprintf("[[PERSON %s]] met [[PERSON %s]] in [[GPE %s]] on day %d.", a, b, p, i), "toy"))
	}
	return docs
}

func TestTrainLearnsToyPattern(t *testing.T) {
	m, err := ner.Train(toyDocs(t), ner.TrainOptions{Epochs: 5, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	got := m.Tag("Grellin Tosk met Anouk Pyre in Hathersage on day 99.")
	want := []string{"PERSON Grellin Tosk", "PERSON Anouk Pyre", "GPE Hathersage"}
	if g := entityStrings(got); !slices.Equal(g, want) {
		t.Errorf("Tag = %q, want %q", g, want)
	}
	for _, e := range got {
		if e.Score <= 0 || e.Score > 1 {
			t.Errorf("score %v of %q is not a probability", e.Score, e.Text)
		}
	}
	if l := m.Labels(); !slices.Equal(l, []string{"PERSON", "GPE"}) {
		t.Errorf("Labels = %v", l)
	}
}

func entityStrings(es []ner.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Label+" "+e.Text)
	}
	return out
}

func TestTrainIsDeterministic(t *testing.T) {
	docs := append(toyDocs(t), readFixtures(t)...)
	var outs [][]byte
	for range 2 {
		m, err := ner.Train(docs, ner.TrainOptions{Epochs: 3, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		b, err := m.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two trainings on the same docs gave different weights")
	}
	m, _ := ner.Train(docs, ner.TrainOptions{Epochs: 3, Seed: 4})
	if b, _ := m.Marshal(); bytes.Equal(b, outs[0]) {
		t.Error("another seed gave the same weights: the seed orders nothing")
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	m, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := ner.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := m2.Marshal()
	if !bytes.Equal(b, b2) {
		t.Error("Marshal(Unmarshal(b)) != b")
	}
	for _, d := range readFixtures(t) {
		if g1, g2 := m.Tag(d.Text), m2.Tag(d.Text); !slices.Equal(g1, g2) {
			t.Fatalf("%s: tags differ after a round trip:\n%v\n%v", d.Source, g1, g2)
		}
	}
	if !slices.Equal(m.Labels(), m2.Labels()) {
		t.Errorf("labels %v became %v", m.Labels(), m2.Labels())
	}
}

func TestUnmarshalRejectsGarbage(t *testing.T) {
	m, _ := ner.Load()
	good, _ := m.Marshal()
	for name, b := range map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("hello"),
		"truncated": good[:len(good)/2],
	} {
		if _, err := ner.Unmarshal(b); err == nil || !errors.Is(err, ner.ErrFormat) {
			t.Errorf("%s: err = %v, want ErrFormat", name, err)
		}
	}
}

func TestUpdateLearnsCorrection(t *testing.T) {
	base, _ := ner.Load()
	m := base.Clone()
	var docs []ner.Doc
	for _, s := range []string{
		"Shares of [[ORG Zentrix Quantal]] rose on Monday.",
		"Analysts said [[ORG Zentrix Quantal]] would cut jobs.",
		"[[ORG Zentrix Quantal]] reported higher sales in [[GPE Ohio]].",
	} {
		docs = append(docs, parseMarked(t, s, "update"))
	}
	if err := m.Update(docs...); err != nil {
		t.Fatal(err)
	}
	got := entityStrings(m.Tag("Zentrix Quantal said it would hire 200 people."))
	if !slices.Contains(got, "ORG Zentrix Quantal") {
		t.Errorf("after Update: %q, want ORG Zentrix Quantal", got)
	}
	// The shipped model is untouched.
	b1, _ := base.Marshal()
	b2, _ := ner.Load()
	if b3, _ := b2.Marshal(); !bytes.Equal(b1, b3) {
		t.Error("updating a clone changed the shipped model")
	}
}

// TestRejectionIsLearned feeds back a rejected suggestion as an incomplete
// doc with the span in Rejected, and checks it is not suggested again.
func TestRejectionIsLearned(t *testing.T) {
	m, err := ner.Train(toyDocs(t), ner.TrainOptions{Epochs: 5, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	text := "Grellin Tosk met Anouk Pyre in Hathersage on day 99."
	var rejected model.Span
	for _, e := range m.Tag(text) {
		if e.Text == "Hathersage" {
			rejected = model.Span{Start: e.Start, End: e.End, Label: e.Label}
		}
	}
	if rejected.Label == "" {
		t.Fatal("the toy model did not suggest Hathersage")
	}
	for range 3 {
		if err := m.Update(ner.Doc{Text: text, Rejected: []model.Span{rejected}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range m.Tag(text) {
		if e.Start == rejected.Start && e.End == rejected.End && e.Label == rejected.Label {
			t.Errorf("still suggests the rejected %s %q", e.Label, e.Text)
		}
	}
	// The people were not rejected and are still found.
	if got := entityStrings(m.Tag(text)); !slices.Contains(got, "PERSON Grellin Tosk") {
		t.Errorf("after the rejection: %q", got)
	}
}

func TestTrainContinuesFromBase(t *testing.T) {
	base, _ := ner.Load()
	docs := []ner.Doc{parseMarked(t, "The [[EVENT Zentrix Summit]] opened in [[GPE Oslo]] on Monday.", "x")}
	m, err := ner.Train(docs, ner.TrainOptions{Base: base, Epochs: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(m.Labels(), "EVENT") || !slices.Contains(m.Labels(), "PERSON") {
		t.Errorf("labels %v: want the base's and EVENT", m.Labels())
	}
	if got := entityStrings(m.Tag("Treasury Secretary Scott Bessent spoke in Paris.")); !slices.Contains(got, "PERSON Scott Bessent") {
		t.Errorf("continued model lost what the base knew: %q", got)
	}
	if _, err := ner.Train(nil, ner.TrainOptions{}); err == nil {
		t.Error("training on nothing did not fail")
	}
	if _, err := ner.Train([]ner.Doc{{Text: "No names here.", Complete: true}}, ner.TrainOptions{}); err == nil {
		t.Error("training on docs without a label did not fail")
	}
}

func TestTagEmptyAndOdd(t *testing.T) {
	m, _ := ner.Load()
	for _, s := range []string{"", "   \n\t", "!!!", "👍", strings.Repeat("a", 5000), "\xff\xfe"} {
		for _, e := range m.Tag(s) {
			if e.Start < 0 || e.End > model.RuneLen(s) || e.Start >= e.End {
				t.Errorf("%q: bad entity %+v", s, e)
			}
		}
	}
}

// TestConcurrentTagAndUpdate tags from several goroutines while the same
// model is updated (run with -race to check the locking).
func TestConcurrentTagAndUpdate(t *testing.T) {
	base, _ := ner.Load()
	m := base.Clone()
	docs := readFixtures(t)
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				d := docs[(g*10+i)%len(docs)]
				for _, e := range m.Tag(d.Text) {
					if e.End > model.RuneLen(d.Text) {
						t.Errorf("entity past the end: %+v", e)
					}
				}
			}
		}()
	}
	for i := range 3 {
		if err := m.Update(docs[i]); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
}
