package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
)

// importFixture imports testdata/name into a fresh store.
func importFixture(t *testing.T, name string) (*store.SQLite, Stats, []corpus.Problem) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := openTestStore(t, filepath.Join(t.TempDir(), "i.db"))
	var probs []corpus.Problem
	st, err := JSONL(ctx, s, f, Options{Name: name, Problem: func(p corpus.Problem) { probs = append(probs, p) }})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s, st, probs
}

// spanTexts is an article's spans as "LABEL text", in text order.
func spanTexts(t *testing.T, s *store.SQLite, id string) []string {
	t.Helper()
	doc, ok, err := s.Doc(ctx, id)
	if err != nil || !ok {
		t.Fatalf("article %q: ok %v, %v", id, ok, err)
	}
	var out []string
	for _, sp := range doc.Spans {
		if got := model.RuneSlice(doc.Text, sp.Start, sp.End); got != sp.Text {
			t.Errorf("%s: span %q at %d–%d covers %q", id, sp.Text, sp.Start, sp.End, got)
		}
		out = append(out, sp.Label+" "+sp.Text)
	}
	return out
}

func wantSpans(t *testing.T, s *store.SQLite, id string, want ...string) {
	t.Helper()
	if got := spanTexts(t, s, id); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s: spans %q, want %q", id, got, want)
	}
}

func TestImportDoccanoLabels(t *testing.T) {
	s, st, probs := importFixture(t, "doccano.jsonl")
	if len(probs) != 0 || st.Articles != 3 || st.Spans != 5 || st.Bare != 1 {
		t.Fatalf("stats %+v, problems %v", st, probs)
	}
	wantSpans(t, s, "1", "PERSON Zoë Ng", "PERSON François Dupré", "GPE Zürich")
	wantSpans(t, s, "2", "PERSON Ελένη Παππά", "GPE Θεσσαλονίκη")
}

// A quotation entity related to a person is a quotation with that speaker;
// a relation between two people has no place and is counted; a "done"
// category is the article's status.
func TestImportDoccanoRelations(t *testing.T) {
	s, st, probs := importFixture(t, "doccano-relations.jsonl")
	if len(probs) != 0 || st.Articles != 1 || st.Spans != 2 || st.Quotes != 1 || st.Ignored != 1 {
		t.Fatalf("stats %+v, problems %v", st, probs)
	}
	wantSpans(t, s, "10", "PERSON Søren Kierkegaard", "PERSON Ana Løvås")
	doc, _, _ := s.Doc(ctx, "10")
	if len(doc.Quotes) != 1 {
		t.Fatalf("quotes %+v", doc.Quotes)
	}
	q := doc.Quotes[0]
	if q.Text != "We will rebuild the pier," || q.Speaker != "Søren Kierkegaard" || q.SpeakerSpan != doc.Spans[0].ID {
		t.Errorf("quote %+v (spans %+v)", q, doc.Spans)
	}
	if doc.Status != model.StatusDone {
		t.Errorf("status %q, want done", doc.Status)
	}
}

// spaCy v2's training file: one JSON array over several lines, and the
// same pairs as JSON lines.
func TestImportSpacyV2(t *testing.T) {
	for _, name := range []string{"spacy-train.json", "spacy-pairs.jsonl"} {
		s, st, probs := importFixture(t, name)
		if len(probs) != 0 || st.Articles != 2 || st.Spans != 4 {
			t.Fatalf("%s: stats %+v, problems %v", name, st, probs)
		}
		first, second := name+":2", name+":3" // records start on lines 2 and 3 of the array file
		if name == "spacy-pairs.jsonl" {
			first, second = name+":1", name+":2"
		}
		wantSpans(t, s, first, "PERSON Angela Merkel", "GPE Kraków")
		wantSpans(t, s, second, "PERSON Núñez", "GPE Bogotá")
	}
}

// Label Studio: offsets counted in UTF-16 units after an emoji are moved
// onto code points (the results carry the text); the quotation's relation
// names its speaker; "done" is the status; predictions, the cancelled
// annotation and a choice that is no status are not imported.
func TestImportLabelStudio(t *testing.T) {
	s, st, probs := importFixture(t, "labelstudio.json")
	if len(probs) != 0 || st.Articles != 2 || st.Spans != 4 || st.Quotes != 1 || st.Ignored != 1 {
		t.Fatalf("stats %+v, problems %v", st, probs)
	}
	wantSpans(t, s, "7", "PERSON Chloé Martin", "GPE Nantes")
	wantSpans(t, s, "8", "PERSON Jürgen Klopp", "GPE Liverpool")
	doc, _, _ := s.Doc(ctx, "7")
	if len(doc.Quotes) != 1 || doc.Quotes[0].Text != "We are close," || doc.Quotes[0].Speaker != "Chloé Martin" {
		t.Errorf("quotes %+v", doc.Quotes)
	}
	if doc.Status != model.StatusDone || doc.Title != "Ferry talks" {
		t.Errorf("status %q title %q", doc.Status, doc.Title)
	}
}

// Records whose spans cannot be read are refused with the file, the line
// and what was expected, in JSON's words (never a Go type name); the other
// records still import.
func TestImportForeignBadRecords(t *testing.T) {
	lines := []string{
		`{"text":"Zoë Ng","label":[["PERSON",0,6]]}`,                                                    // 1
		`{"text":"Zoë Ng","label":[[0,6,"PERSON"]]}`,                                                    // 2 fine
		`{"text":"Zoë Ng","entities":[{"label":"PERSON","start":0,"end":6}]}`,                           // 3
		`["Zoë Ng", {"entities": [[0, "6", "PERSON"]]}]`,                                                // 4
		`["Zoë Ng", ["PERSON"]]`,                                                                        // 5
		`{"data":{"text":"Zoë Ng"},"annotations":[{"result":[{"type":"labels","value":{"start":0}}]}]}`, // 6
		`42`, // 7
		`{"text":"Zoë Ng","label":{"PERSON":[0,6]}}`, // 8
	}
	s := openTestStore(t, filepath.Join(t.TempDir(), "b.db"))
	st, probs := exImport(t, s, strings.Join(lines, "\n")+"\n", 500)
	want := map[int]string{
		1: `"label"[0]: expected [start, end, "LABEL"]`,
		3: `"entities"[0]: expected {"id", "label", "start_offset", "end_offset"}`,
		4: `"entities"[0]: expected [start, end, "LABEL"]`,
		5: `spaCy training pair`,
		6: `expected "value": {"start", "end", "text", "labels"`,
		7: `expected an object with "text"`,
		8: `"label": expected a list`,
	}
	got := map[int]string{}
	for _, p := range probs {
		got[p.Line] = p.String()
		if strings.Contains(p.Reason, "importRecord") || strings.Contains(p.Reason, "data.") || strings.Contains(p.Reason, "[]") && strings.Contains(p.Reason, "json.") {
			t.Errorf("a Go name in a message: %s", p)
		}
	}
	for line, w := range want {
		if !strings.Contains(got[line], w) || !strings.HasPrefix(got[line], "in.jsonl:") {
			t.Errorf("line %d: want %q, got %q", line, w, got[line])
		}
	}
	if st.Articles != 1 || st.Failed != len(want) {
		t.Errorf("stats %+v problems %v", st, probs)
	}
}

// A bad element of a JSON array file is reported on the line it starts.
func TestImportArrayFileBadElementLine(t *testing.T) {
	in := "[\n  [\"Kraków\", {\"entities\": [[0, 6, \"GPE\"]]}],\n  [\"Kraków\", {\"entities\": [[0, 60, \"GPE\"]]}],\n  [\"Łódź\", {\"entities\": [[0, 4, \"GPE\"]]}]\n]\n"
	s := openTestStore(t, filepath.Join(t.TempDir(), "a.db"))
	st, probs := exImport(t, s, in, 500)
	if st.Articles != 2 || len(probs) != 1 || probs[0].Line != 3 || !strings.Contains(probs[0].Reason, "outside the text") {
		t.Fatalf("stats %+v problems %v", st, probs)
	}
}

// UTF-16 offsets map onto code points, and a surrogate pair is never split.
func TestUTF16ToCodePoint(t *testing.T) {
	text := "a🚢b"
	for _, c := range []struct {
		off, want int
		ok        bool
	}{{0, 0, true}, {1, 1, true}, {2, 0, false}, {3, 2, true}, {4, 3, true}, {5, 0, false}} {
		got, ok := utf16ToCodePoint(text, c.off)
		if ok != c.ok || ok && got != c.want {
			t.Errorf("offset %d: got %d %v, want %d %v", c.off, got, ok, c.want, c.ok)
		}
	}
}

// Prodigy's text classification records carry one "label", a string: they
// import as before (the text, no spans), not as a doccano record refused.
func TestImportProdigyTextcatStillImports(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "p.db"))
	st, probs := exImport(t, s, `{"text":"Zoë Ng spoke.","label":"POLITICS","answer":"accept","_input_hash":7}`+"\n", 500)
	if len(probs) != 0 || st.Articles != 1 || st.Bare != 1 {
		t.Fatalf("stats %+v problems %v", st, probs)
	}
}

// Label Studio before 1.0 exported "completions" where it now writes
// "annotations".
func TestImportLabelStudioCompletions(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "c.db"))
	in := `[{"id": 3, "data": {"text": "Zoë Ng visited Łódź."}, "completions": [{"result": [{"id": "a", "type": "labels", "value": {"start": 0, "end": 6, "text": "Zoë Ng", "labels": ["PERSON"]}}, {"id": "b", "type": "labels", "value": {"start": 15, "end": 19, "text": "Łódź", "labels": ["GPE"]}}]}]}]`
	st, probs := exImport(t, s, in, 500)
	if len(probs) != 0 || st.Articles != 1 || st.Spans != 2 {
		t.Fatalf("stats %+v problems %v", st, probs)
	}
	wantSpans(t, s, "3", "PERSON Zoë Ng", "GPE Łódź")
}
