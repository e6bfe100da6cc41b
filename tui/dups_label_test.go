package tui

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	dataexport "storydesk/data/export"
	"storydesk/tui/internal/keytest"
)

// A pair label snapshots both articles, so that an export made of nothing
// but labels carries both texts: a dataset of duplicate pairs whose
// articles are missing is no dataset.
func TestDupsLabelSnapshotsBothArticles(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	st := openStore(t, path)
	for _, id := range []string{dupAP, dupCut, dupChanged} {
		if _, found, err := st.Doc(ctx(), id); found || err != nil {
			t.Fatalf("%s in the store before any label (%v): the test would prove nothing", id, err)
		}
	}
	openDupsScreen(t, m)
	selectPair(t, m, dupAP, dupCut)
	press(t, m, "1")
	// Labelled before its comparison has loaded (the load j started is
	// never run): the articles are read for the label.
	selectPair(t, m, dupAP, dupCut)
	m.Update(keytest.Key("j"))
	m.Update(keytest.Key("j"))
	if sel := selectedPair(t, m); !contains(sel, dupChanged, dupCut) || !contains(infoLine(t, m), "comparing…") {
		t.Fatalf("not on changed ⇄ truncated, uncompared: %q %q", sel, infoLine(t, m))
	}
	press(t, m, "2")

	out := filepath.Join(t.TempDir(), "labels.jsonl")
	if _, err := dataexport.Write(ctx(), st, dataexport.Options{Format: "jsonl", Out: out}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type rec struct {
		Text       string              `json:"text"`
		Meta       struct{ ID string } `json:"meta"`
		Duplicates []struct{ Other, Label string }
	}
	got := map[string]rec{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var r rec
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		got[r.Meta.ID] = r
	}
	want := map[string][]string{dupAP: {dupCut}, dupCut: {dupAP, dupChanged}, dupChanged: {dupCut}}
	if len(got) != len(want) {
		t.Errorf("exported %d articles, want %d", len(got), len(want))
	}
	for id, others := range want {
		r, ok := got[id]
		if !ok {
			t.Errorf("%s missing from the export", id)
			continue
		}
		a, err := m.br.Source().Load(m.itemIndex(id))
		if err != nil || r.Text != a.Text {
			t.Errorf("%s: exported text differs from the article's (%v)", id, err)
		}
		var gotOthers []string
		for _, d := range r.Duplicates {
			gotOthers = append(gotOthers, d.Other)
		}
		slices.Sort(gotOthers)
		if !slices.Equal(gotOthers, others) {
			t.Errorf("%s: duplicates %v, want %v", id, gotOthers, others)
		}
	}
}
