package importer

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"storydesk/data/export"
	"storydesk/model"
)

// teachLines are Prodigy records on two texts, as ner.teach and a merged
// dataset save them: one span per binary question, answers accept, reject
// and ignore, and per-span answers in a merged example.
func teachLines() []string {
	text := "Ilse Varga met Zoë Ng in Port Ellis."
	rec := func(answer string, spans ...string) string {
		return fmt.Sprintf(`{"text":%q,"_input_hash":42,"spans":[%s],"answer":%q}`, text, strings.Join(spans, ","), answer)
	}
	span := func(start, end int, label, answer string) string {
		if answer == "" {
			return fmt.Sprintf(`{"start":%d,"end":%d,"label":%q}`, start, end, label)
		}
		return fmt.Sprintf(`{"start":%d,"end":%d,"label":%q,"answer":%q}`, start, end, label, answer)
	}
	return []string{
		rec("accept", span(0, 10, "PERSON", "")),  // 1: an annotation
		rec("reject", span(25, 35, "ORG", "")),    // 2: a rejection
		rec("reject", span(15, 21, "ORG", "")),    // 3: a rejection
		rec("ignore", span(15, 21, "PERSON", "")), // 4: skipped
		// 5: merged: an annotation, a rejection, a skipped span.
		rec("accept", span(15, 21, "PERSON", "accept"), span(25, 35, "PERSON", "reject"), span(0, 10, "PERSON", "ignore")),
		rec("reject", span(0, 10, "PERSON", "")),       // 6: rejects an annotation: it stands
		rec("accept", span(25, 35, "ORG", "")),         // 7: accepts what 2 rejected: the later answer stands
		`{"text":"Nothing to see.","answer":"reject"}`, // 8: no span
		`{"text":"Port Ellis is quiet.","_input_hash":43,"spans":[{"start":0,"end":10,"label":"PERSON"}],"answer":"reject"}`, // 9
		`{"text":"Too short.","spans":[{"start":4,"end":40,"label":"ORG"}],"answer":"reject"}`,                               // 10: bad, reported
	}
}

func spanKeys(spans []model.Span) []string {
	var out []string
	for _, sp := range spans {
		out = append(out, fmt.Sprintf("%s %s", sp.Label, sp.Text))
	}
	slices.Sort(out)
	return out
}

func TestImportProdigyAnswers(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "a.db"))
	input := strings.Join(teachLines(), "\n") + "\n"
	st, probs := exImport(t, s, input, 500)
	want := Stats{Lines: 10, Articles: 3, Spans: 3, Rejected: 5, Rejections: 4, Contradicted: 1, Skipped: 1, SkippedSpans: 1, Failed: 1, Committed: 10}
	if len(probs) != 1 || probs[0].Line != 10 || !strings.Contains(probs[0].Reason, "outside the text") || st != want {
		t.Fatalf("stats\n %+v, want\n %+v; problems %v", st, want, probs)
	}
	doc, ok, _ := s.Doc(ctx, "prodigy:42")
	if !ok {
		t.Fatal("no article for the ner.teach records")
	}
	if got, want := spanKeys(doc.Spans), []string{"ORG Port Ellis", "PERSON Ilse Varga", "PERSON Zoë Ng"}; !slices.Equal(got, want) {
		t.Errorf("annotations %q, want %q", got, want)
	}
	if got, want := spanKeys(doc.Rejected), []string{"ORG Zoë Ng", "PERSON Port Ellis"}; !slices.Equal(got, want) {
		t.Errorf("rejected suggestions %q, want %q", got, want)
	}
	if doc, ok, _ := s.Doc(ctx, "prodigy:43"); !ok || len(doc.Spans) != 0 || len(doc.Rejected) != 1 {
		t.Errorf("a text only rejected: %+v", doc)
	}
	statuses, _ := s.Statuses(ctx)
	if len(statuses) != 2 {
		t.Errorf("a rejected record without spans left an article: %v", statuses)
	}

	// Again: nothing new, the same store.
	st, probs = exImport(t, s, input, 500)
	if len(probs) != 1 || st.Spans != 0 || st.Rejections != 0 {
		t.Errorf("re-import added: %+v %v", st, probs)
	}
	doc2, _, _ := s.Doc(ctx, "prodigy:42")
	if !slices.Equal(spanKeys(doc2.Rejected), spanKeys(doc.Rejected)) || !slices.Equal(spanKeys(doc2.Spans), spanKeys(doc.Spans)) {
		t.Errorf("re-import changed the article: %+v", doc2)
	}
}

// TestExportRejectedRoundTrip: --rejected writes each rejected suggestion
// as a Prodigy reject record, and importing the file into a fresh store
// gives back the same annotations and rejections.
func TestExportRejectedRoundTrip(t *testing.T) {
	src := openTestStore(t, filepath.Join(t.TempDir(), "src.db"))
	exImport(t, src, strings.Join(teachLines()[:9], "\n")+"\n", 500)

	_, plain := exExport(t, src, export.Options{Format: export.FormatJSONL})
	if strings.Contains(string(plain), `"answer"`) {
		t.Errorf("without Rejected the export carries answers:\n%s", plain)
	}
	st, out := exExport(t, src, export.Options{Format: export.FormatJSONL, Rejected: true})
	if st.Rejections != 3 {
		t.Errorf("stats %+v, want 3 rejections", st)
	}
	var answers []string
	for line := range strings.Lines(string(out)) {
		var r struct {
			Text   string
			Meta   struct{ ID string }
			Spans  []jsonlSpan
			Answer *string
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		a := "none"
		if r.Answer != nil {
			a = *r.Answer
			if len(r.Spans) != 1 || pySlice(t, r.Text, r.Spans[0].Start, r.Spans[0].End) != r.Spans[0].Text {
				t.Errorf("reject record without its one span: %s", line)
			}
		}
		answers = append(answers, r.Meta.ID+" "+a)
	}
	// The text only rejected has no record of its own (it would say the
	// text names nothing).
	if want := []string{"prodigy:42 none", "prodigy:42 reject", "prodigy:42 reject", "prodigy:43 reject"}; !slices.Equal(answers, want) {
		t.Errorf("records %q, want %q", answers, want)
	}

	dst := openTestStore(t, filepath.Join(t.TempDir(), "dst.db"))
	ist, probs := exImport(t, dst, string(out), 500)
	if len(probs) != 0 || ist.Rejections != 3 || ist.Spans != 3 {
		t.Fatalf("import of the export: %+v %v", ist, probs)
	}
	for _, id := range []string{"prodigy:42", "prodigy:43"} {
		a, _, _ := src.Doc(ctx, id)
		b, ok, _ := dst.Doc(ctx, id)
		if !ok || !slices.Equal(spanKeys(a.Spans), spanKeys(b.Spans)) || !slices.Equal(spanKeys(a.Rejected), spanKeys(b.Rejected)) {
			t.Errorf("%s after the round trip: %+v, was %+v", id, b, a)
		}
	}
	if _, err := export.Write(ctx, src, export.Options{Format: export.FormatCoNLL, Stdout: &strings.Builder{}, Rejected: true}); err == nil {
		t.Error("Rejected with CoNLL: no error")
	}
}
