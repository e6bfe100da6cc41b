package ner_test

import (
	"bytes"
	"slices"
	"testing"

	"storydesk/model/ner"
)

// cartelDocs teach names that end in a lower-case word ("the Zetrova
// cartel") and, in the same docs, a place followed by one that is not part
// of it ("the Ostrava region").
func cartelDocs(t testing.TB) []ner.Doc {
	var docs []ner.Doc
	for _, s := range []string{
		"Police in [[GPE Sonora]] said the [[ORG Zetrova cartel]] moved the shipment.",
		"The [[ORG Quillan cartel]] is blamed for the killings, officials in the [[GPE Ostrava]] region said.",
		"Prosecutors charged leaders of the [[ORG Marvell cartel]] on Tuesday.",
		"The [[ORG Zetrova cartel]] and the [[ORG Quillan cartel]] fought over the [[GPE Ostrava]] region.",
		"Troops were sent to the [[GPE Ostrava]] region after the [[ORG Marvell cartel]] attacked a convoy.",
		"A judge in [[GPE Texas]] said the [[ORG Zetrova cartel]] had paid the bribes.",
	} {
		docs = append(docs, parseMarked(t, s, "cartels"))
	}
	return docs
}

// TestLearnedLowerCaseTail: a name the annotator tags with a lower-case
// last word keeps it when suggested, while a lower-case word the names
// were taught to stop before is still cut.
func TestLearnedLowerCaseTail(t *testing.T) {
	base, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	text := "Officials said the Zetrova cartel and the Marvell cartel had left the Ostrava region."
	want := []string{"ORG Zetrova cartel", "ORG Marvell cartel", "GPE Ostrava"}
	trained, err := ner.Train(cartelDocs(t), ner.TrainOptions{Base: base, Epochs: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	updated := base.Clone()
	for range 2 {
		if err := updated.Update(cartelDocs(t)...); err != nil {
			t.Fatal(err)
		}
	}
	b, err := trained.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	reloaded, err := ner.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]*ner.Model{"Train": trained, "Update": updated, "Marshal round trip": reloaded} {
		if got := entityStrings(m.Tag(text)); !slices.Equal(got, want) {
			t.Errorf("%s: Tag = %q, want %q", name, got, want)
		}
	}
	// The shipped model was never taught "cartel" as a name's end.
	for _, e := range base.Tag(text) {
		if e.Text == "Zetrova cartel" || e.Text == "Marvell cartel" {
			t.Errorf("shipped model kept an unlearned tail: %+v", e)
		}
	}
}

// TestReadsVersion1Weights: a model saved before the tails (format 1, as
// stores hold them) still loads and tags as it did, cutting every
// lower-case tail; written again it is format 2 with no tails, which is
// what the shipped model is.
func TestReadsVersion1Weights(t *testing.T) {
	base, _ := ner.Load()
	trained, err := ner.Train(cartelDocs(t), ner.TrainOptions{Base: base, Epochs: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]*ner.Model{"shipped": base, "trained": trained} {
		b, err := m.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		v1, err := ner.Version1ForTest(b)
		if err != nil {
			t.Fatal(err)
		}
		old, err := ner.Unmarshal(v1)
		if err != nil {
			t.Fatalf("%s: version 1 weights: %v", name, err)
		}
		text := "Treasury Secretary Scott Bessent met Colombia's Gustavo Petro in the Caribbean region, where the Zetrova cartel works."
		want := entityStrings(m.Tag(text))
		if name == "trained" {
			// Without its tails the trained model cuts the cartel's.
			if !slices.Contains(want, "ORG Zetrova cartel") {
				t.Fatalf("the trained model did not learn the tail: %q", want)
			}
			want = slices.Clone(want)
			for i, w := range want {
				if w == "ORG Zetrova cartel" {
					want[i] = "ORG Zetrova"
				}
			}
		}
		if got := entityStrings(old.Tag(text)); !slices.Equal(got, want) {
			t.Errorf("%s: version 1 tags %q, want %q", name, got, want)
		}
		b2, _ := old.Marshal()
		if same := bytes.Equal(b2, b); same != (name == "shipped") {
			t.Errorf("%s: written again, same bytes = %v", name, same)
		}
	}
}
