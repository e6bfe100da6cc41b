package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/export"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
)

func exImport(t *testing.T, s *store.SQLite, input string, batch int) (Stats, []corpus.Problem) {
	t.Helper()
	var probs []corpus.Problem
	st, err := JSONL(ctx, s, strings.NewReader(input), Options{Name: "in.jsonl", Batch: batch, Problem: func(p corpus.Problem) { probs = append(probs, p) }})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return st, probs
}

func TestImportRoundTripJSONL(t *testing.T) {
	dir := t.TempDir()
	src := exFixture(t, dir)
	_, first := exExport(t, src, export.Options{Format: export.FormatJSONL})

	dst := openTestStore(t, filepath.Join(dir, "fresh.db"))
	st, probs := exImport(t, dst, string(first), 2)
	if len(probs) != 0 || st.Articles != 4 || st.Spans != 13 || st.Quotes != 3 || st.Failed != 0 || st.Committed != 4 {
		t.Fatalf("import: %+v %v", st, probs)
	}
	_, second := exExport(t, dst, export.Options{Format: export.FormatJSONL})
	if !bytes.Equal(first, second) {
		t.Errorf("round trip changed the export:\n%s\n---\n%s", first, second)
	}
	// Imported annotations say where they came from.
	doc, _, _ := dst.Doc(ctx, exIDs[0])
	if doc.Spans[0].Source != "import:in.jsonl" || doc.Quotes[0].Source != "import:in.jsonl" {
		t.Errorf("source: %+v %+v", doc.Spans[0], doc.Quotes[0])
	}
	// The speaker link points at the re-created span.
	for _, q := range doc.Quotes {
		if q.Speaker == "Ilse Varga" {
			k := spanIndex(doc.Spans, q.SpeakerSpan)
			if k < 0 || doc.Spans[k].Start < q.End || doc.Spans[k].Text != "Ilse Varga" {
				t.Errorf("speaker span lost: %+v", q)
			}
		}
	}
	// Not in the undo log: undo has nothing to take back.
	if _, ok, err := dst.Undo(ctx); ok || err != nil {
		t.Errorf("import should not be undoable as a keystroke: %v %v", ok, err)
	}
	// Importing again changes nothing.
	st, probs = exImport(t, dst, string(first), 500)
	if len(probs) != 0 || st.Spans != 0 || st.Quotes != 0 || st.Articles != 4 {
		t.Errorf("re-import: %+v %v", st, probs)
	}
	if _, third := exExport(t, dst, export.Options{Format: export.FormatJSONL}); !bytes.Equal(first, third) {
		t.Error("re-import changed the store")
	}
}

func TestImportBadLinesReportedOthersImported(t *testing.T) {
	good := func(id, text, word string) string {
		sp := exSpan(t, text, word, "PERSON", 0)
		return fmt.Sprintf(`{"id":%q,"text":%q,"spans":[{"start":%d,"end":%d,"label":"PERSON","text":%q}]}`, id, text, sp.Start, sp.End, word)
	}
	text := "Ilse Varga met Zoë Ng in Port Ellis."
	lines := []string{
		good("g1", text, "Ilse Varga"),  // 1
		`{"id":"bad-json", "text": "x"`, // 2
		// 3: first span fine, second's text disagrees: nothing of the line stays.
		`{"id":"mismatch","text":"Ilse Varga met Zoë Ng.","spans":[{"start":0,"end":10,"label":"PERSON","text":"Ilse Varga"},{"start":15,"end":21,"label":"PERSON","text":"Zoe Ng"}]}`,
		`{"id":"range","text":"short","spans":[{"start":2,"end":9,"label":"X"}]}`,                                         // 4
		`{"id":"overlap","text":"Ilse Varga","spans":[{"start":0,"end":4,"label":"A"},{"start":2,"end":10,"label":"B"}]}`, // 5
		`{"id":"notext","spans":[]}`, // 6
		"",                           // 7: blank, ignored
		`{"id":"rejected","text":"Ilse Varga","spans":[{"start":0,"end":10,"label":"PERSON"}],"answer":"reject"}`, // 8
		`{"id":"kind","text":"Ilse Varga","quotes":[{"start":0,"end":4,"text":"Ilse","kind":"shouted"}]}`,         // 9
		`{"id":"speaker","text":"Ilse Varga","quotes":[{"start":0,"end":4,"text":"Ilse","speaker_span":3}]}`,      // 10
		`{"id":"g1","text":"A different text under the same id."}`,                                                // 11
		`{"id":"types","text":"Ilse","spans":[{"start":"0","end":4,"label":"X"}]}`,                                // 12
		`{"id":"pair","text":"Ilse","duplicates":[{"other":"g1","label":"twins"}]}`,                               // 13
		good("g2", text, "Zoë Ng"),                          // 14
		`{"id":"status","text":"Ilse","status":"finished"}`, // 15
		good("g3", text, "Port Ellis"),                      // 16
	}
	s := openTestStore(t, filepath.Join(t.TempDir(), "i.db"))
	st, probs := exImport(t, s, strings.Join(lines, "\n")+"\n", 3)
	wantBad := map[int]string{2: "not valid JSON", 3: `does not match the text at 15–21`, 4: "outside the text", 5: "overlaps",
		6: `no "text"`, 9: `unknown kind "shouted"`, 10: "speaker_span 3", 11: "different text", 12: `"spans.start": expected a number, got a JSON string`, 13: `unknown label "twins"`, 15: `unknown status`}
	got := map[int]string{}
	for _, p := range probs {
		if p.Path != "in.jsonl" {
			t.Errorf("problem without the file name: %v", p)
		}
		got[p.Line] = p.String()
	}
	for line, want := range wantBad {
		if !strings.Contains(got[line], want) || !strings.HasPrefix(got[line], fmt.Sprintf("in.jsonl:%d: ", line)) {
			t.Errorf("line %d: want a problem containing %q, got %q", line, want, got[line])
		}
	}
	if len(probs) != len(wantBad) || st.Failed != len(wantBad) || st.Rejected != 1 || st.Rejections != 1 || st.Articles != 3 || st.Lines != 15 {
		t.Errorf("stats %+v, problems %v", st, probs)
	}
	// The rejected record's article holds its span as a rejected
	// suggestion, not an annotation.
	if doc, ok, _ := s.Doc(ctx, "rejected"); !ok || len(doc.Spans) != 0 || len(doc.Rejected) != 1 || doc.Rejected[0].Text != "Ilse Varga" {
		t.Errorf("rejected record: %+v", doc)
	}
	statuses, _ := s.Statuses(ctx)
	delete(statuses, "rejected")
	for _, id := range []string{"g1", "g2", "g3"} {
		doc, ok, _ := s.Doc(ctx, id)
		if !ok || len(doc.Spans) != 1 || doc.Text != text {
			t.Errorf("%s not imported: %+v", id, doc)
		}
	}
	if len(statuses) != 3 {
		t.Errorf("bad lines left articles behind: %v", statuses)
	}
	if doc, _, _ := s.Doc(ctx, "g1"); doc.Text != text {
		t.Error("a later line replaced g1's text")
	}
}

func TestImportProdigy(t *testing.T) {
	text := "Ilse Varga 😀 visited Kyōto."
	// Prodigy's ner_manual output: tokens and token indices (ignored), no
	// span text, lower-case labels, an _input_hash, meta, an answer.
	lines := []string{
		`{"text":"Ilse Varga 😀 visited Kyōto.","_input_hash":-1234567890123,"_task_hash":5,"tokens":[{"text":"Ilse","start":0,"end":4,"id":0}],` +
			`"spans":[{"start":0,"end":10,"token_start":0,"token_end":1,"label":"person"},{"start":21,"end":26,"token_start":4,"token_end":4,"label":"GPE"}],` +
			`"meta":{"source":"Harbour Times","score":0.5},"answer":"accept"}`,
		`{"text":"Ignored text.","spans":[],"answer":"ignore"}`,
		`{"text":"No id, no hash.","spans":[{"start":0,"end":2,"label":"X","text":"No"}]}`,
	}
	s := openTestStore(t, filepath.Join(t.TempDir(), "p.db"))
	st, probs := exImport(t, s, strings.Join(lines, "\r\n"), 500)
	if len(probs) != 0 || st.Articles != 2 || st.Skipped != 1 || st.Rejected != 0 {
		t.Fatalf("stats %+v problems %v", st, probs)
	}
	doc, ok, _ := s.Doc(ctx, "prodigy:-1234567890123")
	if !ok || doc.Text != text || doc.Source != "Harbour Times" || len(doc.Spans) != 2 {
		t.Fatalf("prodigy record: %+v", doc)
	}
	if doc.Spans[0].Label != "PERSON" || doc.Spans[0].Text != "Ilse Varga" || doc.Spans[1].Text != "Kyōto" {
		t.Errorf("spans: %+v", doc.Spans)
	}
	// A line without an id gets the id `storydesk in.jsonl` would give it.
	if _, ok, _ := s.Doc(ctx, "in.jsonl:3"); !ok {
		t.Error("no in.jsonl:3")
	}
}

func TestImportSanitizesTextAndMovesOffsets(t *testing.T) {
	// An escape sequence before the span: removed, and the span moved with
	// the text. A span cutting through the sequence cannot be kept.
	esc := "\x1b[31m"
	text := "Red " + esc + "alert for Ilse Varga\x07."
	start := model.RuneLen("Red " + esc + "alert for ")
	js, _ := json.Marshal(text)
	line1 := fmt.Sprintf(`{"id":"a","text":%s,"spans":[{"start":%d,"end":%d,"label":"PERSON","text":"Ilse Varga"}]}`, js, start, start+10)
	// A span starting inside the escape sequence.
	line2 := fmt.Sprintf(`{"id":"b","text":%s,"spans":[{"start":%d,"end":%d,"label":"X"}]}`, js, model.RuneLen("Red \x1b"), model.RuneLen("Red "+esc+"alert"))
	s := openTestStore(t, filepath.Join(t.TempDir(), "s.db"))
	st, probs := exImport(t, s, line1+"\n"+line2+"\n", 500)
	if st.Articles != 1 || len(probs) != 1 || probs[0].Line != 2 || !strings.Contains(probs[0].Reason, "control characters") {
		t.Fatalf("stats %+v problems %v", st, probs)
	}
	doc, _, _ := s.Doc(ctx, "a")
	if doc.Text != "Red alert for Ilse Varga." || model.RuneSlice(doc.Text, doc.Spans[0].Start, doc.Spans[0].End) != "Ilse Varga" {
		t.Errorf("sanitised import: %q %+v", doc.Text, doc.Spans)
	}
	// The problem message quotes nothing raw from the file.
	if strings.ContainsAny(probs[0].String(), "\x1b\x07") {
		t.Errorf("control characters in a message: %q", probs[0].String())
	}
}

func TestImportOverlongLine(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "l.db"))
	long := `{"text":"` + strings.Repeat("a", corpus.MaxArticleBytes+10) + `"}`
	st, probs := exImport(t, s, long+"\n"+`{"id":"ok","text":"fine"}`+"\n", 500)
	if st.Articles != 1 || len(probs) != 1 || probs[0].Line != 1 || !strings.Contains(probs[0].Reason, "longer than") {
		t.Errorf("stats %+v problems %v", st, probs)
	}
}

func TestImportCancelledRollsBackTheOpenBatch(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "c.db"))
	var lines []string
	for i := 0; i < 10; i++ {
		lines = append(lines, fmt.Sprintf(`{"id":"a%d","text":"Ilse Varga %d"}`, i, i))
	}
	c, cancel := context.WithCancel(ctx)
	// Cancel while line 7 is read: lines 1–4 are committed (batch of 4),
	// 5–6 were in the open batch and must not stay.
	r := &cancelAt{r: strings.NewReader(strings.Join(lines, "\n") + "\n"), at: len(strings.Join(lines[:6], "\n")) + 1, cancel: cancel}
	st, err := JSONL(c, s, r, Options{Name: "c.jsonl", Batch: 4})
	if !errors.Is(err, context.Canceled) || st.Committed != 4 {
		t.Fatalf("want a cancellation after 4 committed lines: %v %+v", err, st)
	}
	got, _ := s.Statuses(ctx)
	if len(got) != 4 {
		t.Errorf("want exactly the committed batch in the store, got %v", got)
	}
}

// cancelAt cancels once at bytes have been read.
type cancelAt struct {
	r      io.Reader
	at     int
	cancel func()
}

func (c *cancelAt) Read(p []byte) (int, error) {
	if c.at <= 0 {
		c.cancel()
	}
	if len(p) > c.at && c.at > 0 {
		p = p[:c.at]
	}
	n, err := c.r.Read(p)
	c.at -= n
	return n, err
}
