package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"storydesk/data/export"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/model"
)

func exImportBrat(t *testing.T, s *store.SQLite, path string) (Stats, []corpus.Problem) {
	t.Helper()
	var probs []corpus.Problem
	st, err := Brat(ctx, s, path, Options{Batch: 2, Problem: func(p corpus.Problem) { probs = append(probs, p) }})
	if err != nil {
		t.Fatalf("import brat: %v", err)
	}
	return st, probs
}

// bratComparable is a jsonl export reduced to what brat carries — text,
// entities and accepted quotations — keyed by text (brat file names do not
// give ids back), with the ids of the articles.
func bratComparable(t *testing.T, b []byte) (map[string]jsonlRecord, map[string]string) {
	t.Helper()
	out, ids := map[string]jsonlRecord{}, map[string]string{}
	for _, r := range exJSONL(t, b) {
		ids[r.Text] = r.Meta.ID
		r.Meta, r.Duplicates, r.Canonical, r.Status, r.Annotator = jsonlMeta{}, nil, false, "", ""
		out[r.Text] = r
	}
	return out, ids
}

// Export to brat, import into a fresh store: the same texts with the same
// entities and quotations — the fixture's emoji ZWJ sequence, skin tone,
// decomposed accent, CJK, astral-plane letters and a span over a line break
// included, so brat's offsets and ours agree in code points.
func TestImportBratRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src := exFixture(t, dir)
	out := filepath.Join(dir, "brat")
	exExport(t, src, export.Options{Format: export.FormatBrat, Out: out})
	_, want := exExport(t, src, export.Options{Format: export.FormatJSONL})

	dst := openTestStore(t, filepath.Join(dir, "fresh.db"))
	st, probs := exImportBrat(t, dst, out)
	if len(probs) != 0 || st.Articles != len(exIDs) || st.Spans != 13 || st.Quotes != 3 || st.Committed != len(exIDs) || st.Failed != 0 {
		t.Fatalf("import: %+v %v", st, probs)
	}
	_, got := exExport(t, dst, export.Options{Format: export.FormatJSONL})
	w, _ := bratComparable(t, want)
	g, ids := bratComparable(t, got)
	if !reflect.DeepEqual(w, g) {
		t.Fatalf("brat round trip changed the annotations:\n%+v\n---\n%+v", w, g)
	}
	for text, r := range g {
		for _, sp := range r.Spans {
			if got := pySlice(t, text, sp.Start, sp.End); got != sp.Text {
				t.Errorf("span %d–%d slices to %q, says %q", sp.Start, sp.End, got, sp.Text)
			}
		}
	}
	// In a fresh store the ids are the .txt names, as `storydesk DIR` gives them.
	if id := ids[exTextB]; id != export.SafeFileBase(exIDs[1])+".txt" {
		t.Errorf("id %q, want the file name %q", id, export.SafeFileBase(exIDs[1])+".txt")
	}
	doc, _, _ := dst.Doc(ctx, export.SafeFileBase(exIDs[0])+".txt")
	if doc == nil || doc.Spans[0].Source != "import:brat" || doc.Path != export.SafeFileBase(exIDs[0])+".txt" {
		t.Errorf("doc %+v", doc)
	}

	// Importing again adds nothing.
	st, probs = exImportBrat(t, dst, out)
	if len(probs) != 0 || st.Spans != 0 || st.Quotes != 0 || st.Articles != len(exIDs) {
		t.Errorf("second import: %+v %v", st, probs)
	}
	// One .ann on its own, into another store.
	one := openTestStore(t, filepath.Join(dir, "one.db"))
	st, probs = exImportBrat(t, one, filepath.Join(out, export.SafeFileBase(exIDs[1])+".ann"))
	if len(probs) != 0 || st.Articles != 1 {
		t.Fatalf("single file: %+v %v", st, probs)
	}
	if d, ok, _ := one.Doc(ctx, export.SafeFileBase(exIDs[1])+".txt"); !ok || d.Text != exTextB || len(d.Spans) != 3 || len(d.Quotes) != 1 {
		t.Errorf("single file: %+v", d)
	}
}

// An export annotated further in brat comes back onto its own articles:
// the store's text and the export's file name identify each one.
func TestImportBratBackIntoItsStore(t *testing.T) {
	dir := t.TempDir()
	s := exFixture(t, dir)
	out := filepath.Join(dir, "brat")
	exExport(t, s, export.Options{Format: export.FormatBrat, Out: out})
	_, before := exExport(t, s, export.Options{Format: export.FormatJSONL})
	// In brat: a new entity in article C.
	ann := filepath.Join(out, export.SafeFileBase(exIDs[2])+".ann")
	sp := exSpan(t, exTextC, "Port Ellis", "GPE", 0)
	f, err := os.OpenFile(ann, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "T9\tGPE %d %d\tPort Ellis\n", sp.Start, sp.End)
	f.Close()

	st, probs := exImportBrat(t, s, out)
	if len(probs) != 0 || st.Articles != len(exIDs) || st.Spans != 1 || st.Quotes != 0 {
		t.Fatalf("import: %+v %v", st, probs)
	}
	statuses, _ := s.Statuses(ctx)
	if len(statuses) != len(exIDs) {
		t.Fatalf("new articles made: %v", statuses)
	}
	d, _, _ := s.Doc(ctx, exIDs[2])
	if len(d.Spans) != 2 || d.Spans[1].Text != "Port Ellis" || d.Spans[1].Source != "import:brat" {
		t.Fatalf("the new entity is not on its article: %+v", d.Spans)
	}
	// Everything else is as it was.
	_, after := exExport(t, s, export.Options{Format: export.FormatJSONL})
	b, a := exJSONL(t, before), exJSONL(t, after)
	for i := range b {
		if b[i].Meta.ID == exIDs[2] {
			a[i].Spans = a[i].Spans[:1]
		}
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("import changed other annotations:\n%+v\n%+v", b, a)
	}
}

// brat's own directories have no index: ids are the file names, nested
// directories included; what is not storydesk's is passed over; a speaker
// with no note is named by its entity.
func TestImportBratWithoutIndex(t *testing.T) {
	dir := t.TempDir()
	text := "Ilse Varga 😀 said: “the pier will open.”\nZoe\u0301 Ng of 東京都 agreed."
	off := func(word string) (int, int) {
		b := strings.Index(text, word)
		if b < 0 {
			t.Fatalf("%q not in text", word)
		}
		s := model.RuneLen(text[:b])
		return s, s + model.RuneLen(word)
	}
	is, ie := off("Ilse Varga")
	qs, qe := off("the pier will open.")
	zs, ze := off("Zoe\u0301 Ng")
	ts, te := off("東京都")
	ann := fmt.Sprintf("T1\tPerson %d %d\tIlse Varga\n", is, ie) +
		fmt.Sprintf("T2\tQuote %d %d\tthe pier will open.\n", qs, qe) +
		"R1\tSpeaker Arg1:T2 Arg2:T1\n" +
		// A discontinuous span whose fragments only a space separates.
		fmt.Sprintf("T3\tPERSON %d %d;%d %d\tZoe\u0301 Ng\n", zs, zs+4, zs+5, ze) +
		fmt.Sprintf("T4\tGPE %d %d\t東京都\n", ts, te) +
		"A1\tNegated T4\n" +
		"R2\tLocatedIn Arg1:T3 Arg2:T4\n" +
		"E1\tMeeting:T3 Agent:T1\n" +
		"N1\tReference T4 Wikipedia:1490\tTokyo\n" +
		"#1\tAnnotatorNotes T1\tthe mayor\n"
	writeTestFile(t, filepath.Join(dir, "sub", "doc1.txt"), text)
	writeTestFile(t, filepath.Join(dir, "sub", "doc1.ann"), ann)
	writeTestFile(t, filepath.Join(dir, "README.txt"), "not an article: no .ann beside it")
	writeTestFile(t, filepath.Join(dir, ".doc2.ann.123.tmp"), "T1\tX 0 1\tn")
	s := openTestStore(t, filepath.Join(dir, "s.db"))
	st, probs := exImportBrat(t, s, dir)
	if len(probs) != 0 || st.Articles != 1 || st.Spans != 3 || st.Quotes != 1 || st.Lines != 10 {
		t.Fatalf("import: %+v %v", st, probs)
	}
	d, ok, _ := s.Doc(ctx, "sub/doc1.txt")
	if !ok || d.Text != text || d.Path != "sub/doc1.txt" {
		t.Fatalf("doc: %+v", d)
	}
	var labels []string
	for _, sp := range d.Spans {
		labels = append(labels, sp.Label+"="+sp.Text)
		if got := model.RuneSlice(text, sp.Start, sp.End); got != sp.Text {
			t.Errorf("span %+v slices to %q", sp, got)
		}
	}
	if strings.Join(labels, ",") != "PERSON=Ilse Varga,PERSON=Zoe\u0301 Ng,GPE=東京都" {
		t.Errorf("spans %v", labels)
	}
	q := d.Quotes[0]
	if q.Text != "the pier will open." || q.Speaker != "Ilse Varga" || q.SpeakerSpan != d.Spans[0].ID || q.Kind != model.QuoteDirect {
		t.Errorf("quote %+v", q)
	}
}

// Bad lines are reported with file and line; the others import.
func TestImportBratBadLines(t *testing.T) {
	dir := t.TempDir()
	text := "Mara Okafor 👩‍👩‍👧 met Tomas Berg in Port Ellis.\nThen they left."
	u16 := len(utf16.Encode([]rune("Mara Okafor 👩‍👩‍👧 met ")))
	lines := []string{
		"T1\tPERSON 0 11\tMara Okafor",                           // 1 good
		"T2\tPERSON 22 32\tTomas Berg",                           // 2 good
		"this line is not brat",                                  // 3 no tab
		"T3\tGPE 36 99\tPort Ellis",                              // 4 outside the text
		fmt.Sprintf("T4\tPERSON %d %d\tTomas Berg", u16, u16+10), // 5 UTF-16 offsets: text differs
		"T5\tORG 28 38\tBerg in Po",                              // 6 overlaps T2
		"T6\tGPE 36 46\tPort Ellis",                              // 7 good
		"T7\tQuote 0 11;48 52\tMara Okafor Then",                 // 8 text between fragments
		"T8\tQuote 48 62\tThen they left",                        // 9 good
		"A1\tKind T8 shouted",                                    // 10 unknown kind
		"A2\tKind T7 direct",                                     // 11 T7 was left out
		"R1\tSpeaker Arg1:T8 Arg2:T5",                            // 12 T5 was left out
		"R2\tSpeaker Arg1:T8 Arg2:T1",                            // 13 good
		"T1\tPERSON 0 4\tMara",                                   // 14 T1 again
		"X1\tsomething",                                          // 15 unknown kind
		"T9\tPERSON x 4\tMara",                                   // 16 not numbers
	}
	writeTestFile(t, filepath.Join(dir, "a.txt"), text)
	writeTestFile(t, filepath.Join(dir, "a.ann"), strings.Join(lines, "\n")+"\n")
	writeTestFile(t, filepath.Join(dir, "b.ann"), "T1\tPERSON 0 4\tMara\n") // no b.txt
	writeTestFile(t, filepath.Join(dir, "c.txt"), "Ilse Varga spoke.")
	writeTestFile(t, filepath.Join(dir, "c.ann"), "T1\tPERSON 0 10\tIlse Varga\n")
	s := openTestStore(t, filepath.Join(t.TempDir(), "s.db"))
	st, probs := exImportBrat(t, s, dir)
	got := map[string]string{}
	for _, p := range probs {
		got[fmt.Sprintf("%s:%d", filepath.Base(p.Path), p.Line)] = p.Reason
	}
	want := map[string]string{
		"a.ann:3":  "not a brat annotation line",
		"a.ann:4":  "36–99 is outside the text (63 characters",
		"a.ann:5":  "is not what",
		"a.ann:6":  "overlaps T2 PERSON",
		"a.ann:8":  "text between its fragments",
		"a.ann:10": "unknown value \"shouted\"",
		"a.ann:11": "T7 was left out",
		"a.ann:12": "T5 was left out",
		"a.ann:14": "T1 is already defined on line 1",
		"a.ann:15": "unknown annotation kind",
		"a.ann:16": "not numbers",
		"b.ann:0":  "its text b.txt: no such file",
	}
	for k, w := range want {
		if !strings.Contains(got[k], w) {
			t.Errorf("%s: want a problem saying %q, got %q", k, w, got[k])
		}
	}
	if len(got) != len(want) || st.Failed != len(want) {
		t.Errorf("problems %d (failed %d), want %d:\n%v", len(got), st.Failed, len(want), got)
	}
	for i := 1; i < len(probs); i++ {
		if probs[i].Path == probs[i-1].Path && probs[i].Line < probs[i-1].Line {
			t.Errorf("problems out of line order: %s before %s", probs[i-1], probs[i])
		}
	}
	for _, p := range probs {
		if !strings.HasPrefix(p.String(), filepath.Join(dir, "")) {
			t.Errorf("problem does not name the file by its path: %s", p)
		}
	}
	if st.Articles != 2 {
		t.Fatalf("articles %d, want a and c", st.Articles)
	}
	d, _, _ := s.Doc(ctx, "a.txt")
	var have []string
	for _, sp := range d.Spans {
		have = append(have, sp.Text)
	}
	if strings.Join(have, "|") != "Mara Okafor|Tomas Berg|Port Ellis" || len(d.Quotes) != 1 || d.Quotes[0].Speaker != "Mara Okafor" {
		t.Errorf("good lines of a.ann: %v %+v", have, d.Quotes)
	}
}

// Re-importing into a store that already holds the article: an entity
// overlapping a different stored span is left out by line; a different text
// refuses the document.
func TestImportBratIntoAStoreThatHasTheArticle(t *testing.T) {
	dir := t.TempDir()
	text := "Mara Okafor met Tomas Berg."
	s := openTestStore(t, filepath.Join(dir, "s.db"))
	a := &model.Article{ID: "a.txt", Text: text}
	exDo(t, s, tag(a, exSpan(t, text, "Tomas", "PERSON", 0)))
	writeTestFile(t, filepath.Join(dir, "brat", "a.txt"), text)
	writeTestFile(t, filepath.Join(dir, "brat", "a.ann"), "T1\tPERSON 0 11\tMara Okafor\nT2\tPERSON 16 26\tTomas Berg\nT3\tQuote 0 4\tMara\nR1\tSpeaker Arg1:T3 Arg2:T2\n")
	writeTestFile(t, filepath.Join(dir, "brat", "b.txt"), "Other text.")
	writeTestFile(t, filepath.Join(dir, "brat", "b.ann"), "T1\tX 0 5\tOther\n")
	exDo(t, s, tag(&model.Article{ID: "b.txt", Text: "Another text."}, exSpan(t, "Another text.", "Another", "X", 0)))
	st, probs := exImportBrat(t, s, filepath.Join(dir, "brat"))
	if len(probs) != 2 || probs[0].Line != 2 || !strings.Contains(probs[0].Reason, "already in the store") ||
		probs[1].Line != 0 || !strings.Contains(probs[1].Reason, "different text") {
		t.Fatalf("problems %v", probs)
	}
	d, _, _ := s.Doc(ctx, "a.txt")
	if st.Articles != 1 || len(d.Spans) != 2 || d.Spans[0].Text != "Mara Okafor" || len(d.Quotes) != 1 || d.Quotes[0].SpeakerSpan != 0 {
		t.Errorf("stats %+v doc %+v", st, d)
	}
}

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkImportBrat10k imports the brat export of 10,000 annotated
// articles into a fresh store.
//
//	go test ./data/importer -run '^$' -bench ImportBrat10k -benchtime 1x
func BenchmarkImportBrat10k(b *testing.B) {
	const n = 10_000
	dir := b.TempDir()
	s, err := store.OpenSQLite(storetest.BulkStore(b, dir, n), "bench")
	if err != nil {
		b.Fatal(err)
	}
	in := filepath.Join(dir, "brat")
	if _, err := export.Write(ctx, s, export.Options{Format: export.FormatBrat, Out: in}); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dst, err := store.OpenSQLite(filepath.Join(dir, fmt.Sprintf("dst%d.db", i)), "bench")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := Brat(ctx, dst, in, Options{})
		b.StopTimer()
		dst.Close()
		if err != nil || st.Articles != n || st.Failed != 0 {
			b.Fatalf("import: %v %+v", err, st)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "documents/s")
}

// A folder without any .ann file is not taken for an empty brat export: the
// user most likely meant the JSON lines files inside it.
func TestImportBratFolderWithoutAnnFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "records.jsonl"), []byte(`{"text":"x"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := openTestStore(t, filepath.Join(t.TempDir(), "annotations.db"))
	st, err := Brat(ctx, s, dir, Options{})
	if err == nil || !strings.Contains(err.Error(), "no brat .ann files") || st.Articles != 0 {
		t.Fatalf("folder without .ann files: %+v, %v", st, err)
	}
}
