package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/model"
)

func exExport(t testing.TB, s *store.SQLite, opts Options) (Stats, []byte) {
	t.Helper()
	var out bytes.Buffer
	if opts.Stdout == nil {
		opts.Stdout = &out
	}
	st, err := Write(ctx, s, opts)
	if err != nil {
		t.Fatalf("export %s: %v", opts.Format, err)
	}
	return st, out.Bytes()
}

func exJSONL(t testing.TB, b []byte) []jsonlRecord {
	t.Helper()
	var recs []jsonlRecord
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r jsonlRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("bad line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	return recs
}

// pySlice is Python's text[start:end]: code points.
func pySlice(t testing.TB, text string, start, end int) string {
	t.Helper()
	rs := []rune(text)
	if start < 0 || end > len(rs) || start > end {
		t.Fatalf("offsets %d–%d outside a text of %d code points", start, end, len(rs))
	}
	return string(rs[start:end])
}

func TestExportJSONLShapeAndOffsets(t *testing.T) {
	s := exFixture(t, t.TempDir())
	st, out := exExport(t, s, Options{Format: FormatJSONL})
	recs := exJSONL(t, out)
	if len(recs) != 4 || st.Articles != 4 {
		t.Fatalf("want 4 articles, got %d records (stats %+v)", len(recs), st)
	}
	byID := map[string]jsonlRecord{}
	spans, quotes := 0, 0
	for _, r := range recs {
		byID[r.Meta.ID] = r
		for _, sp := range r.Spans {
			spans++
			if got := pySlice(t, r.Text, sp.Start, sp.End); got != sp.Text {
				t.Errorf("%s: span %d–%d slices to %q, says %q", r.Meta.ID, sp.Start, sp.End, got, sp.Text)
			}
		}
		for _, q := range r.Quotes {
			quotes++
			if got := pySlice(t, r.Text, q.Start, q.End); got != q.Text {
				t.Errorf("%s: quote slices to %q, says %q", r.Meta.ID, got, q.Text)
			}
		}
	}
	if spans != 13 || quotes != 3 || st.Spans != 13 || st.Quotes != 3 {
		t.Errorf("want 13 spans and 3 accepted quotes, got %d and %d (stats %+v)", spans, quotes, st)
	}
	a := byID[exIDs[0]]
	if a.Meta.URL != "https://example.org/pier?x=1" || a.Meta.Title != "Pier" || a.Meta.Source != "Harbour Times" || a.Annotator != "tester" || a.Status != "new" {
		t.Errorf("meta/status: %+v %q %q", a.Meta, a.Status, a.Annotator)
	}
	// The speaker link is an index into spans, and points at the second
	// "Ilse Varga".
	q := a.Quotes[0]
	if q.SpeakerSpan == nil || a.Spans[*q.SpeakerSpan].Text != "Ilse Varga" || a.Spans[*q.SpeakerSpan].Start < q.End {
		t.Errorf("speaker_span: %+v", q)
	}
	// The mention the attribution rests on, in code points; null when none.
	if sp := a.Spans[*q.SpeakerSpan]; q.SpeakerStart == nil || q.SpeakerEnd == nil || *q.SpeakerStart != sp.Start || *q.SpeakerEnd != sp.End {
		t.Errorf("speaker_start/speaker_end: %+v", q)
	}
	if a.Quotes[1].SpeakerStart != nil || a.Quotes[1].SpeakerEnd != nil {
		t.Errorf("a quotation without a mention has speaker_start: %+v", a.Quotes[1])
	}
	if a.Quotes[1].SpeakerSpan != nil || a.Quotes[1].Kind != "paraphrase" {
		t.Errorf("second quote: %+v", a.Quotes[1])
	}
	// Code points, not UTF-16 units: "Zoé" after the family emoji is at the
	// same index Python gives.
	for _, sp := range a.Spans {
		if sp.Text == "Zoe\u0301 Ng" {
			if want := model.RuneLen(exTextA[:strings.Index(exTextA, "Zoe\u0301")]); sp.Start != want {
				t.Errorf("Zoé at %d, want %d", sp.Start, want)
			}
			if u16 := len(utf16.Encode([]rune(exTextA[:strings.Index(exTextA, "Zoe\u0301")]))); u16 == sp.Start {
				t.Errorf("fixture should make UTF-16 and code point offsets differ")
			}
			if sp.Canonical != "Zoë Ng" {
				t.Errorf("canonical lost: %+v", sp)
			}
		}
	}
	b := byID[exIDs[1]]
	if b.Status != "done" || len(b.Duplicates) != 2 {
		t.Errorf("b: status %q duplicates %+v", b.Status, b.Duplicates)
	}
	if c := byID[exIDs[2]]; !c.Canonical || len(c.Duplicates) != 1 || c.Duplicates[0] != (jsonlDup{Other: exIDs[1], Label: "near-duplicate"}) {
		t.Errorf("c: %+v", c)
	}
	// Empty annotations are [] (not null): Prodigy and spaCy iterate them.
	if !bytes.Contains(out, []byte(`"text":"Nothing tagged here.","meta":{"id":"con.txt"`)) || !bytes.Contains(out, []byte(`"spans":[],"quotes":[]`)) {
		t.Errorf("empty article record: %s", out)
	}

	_, done := exExport(t, s, Options{Format: FormatJSONL, OnlyDone: true})
	if recs := exJSONL(t, done); len(recs) != 1 || recs[0].Meta.ID != exIDs[1] {
		t.Errorf("--only-done: %d records", len(recs))
	}
}

// bratDoc reads one exported .txt/.ann pair and checks every text-bound
// annotation against the text: each fragment slices the text (code points),
// holds no line break, and the fragments joined by spaces are the text field.
func bratDoc(t *testing.T, dir, base string) (text string, lines []string) {
	t.Helper()
	txt, err := os.ReadFile(filepath.Join(dir, base+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	ann, err := os.ReadFile(filepath.Join(dir, base+".ann"))
	if err != nil {
		t.Fatal(err)
	}
	text = string(txt)
	for _, line := range strings.Split(strings.TrimSuffix(string(ann), "\n"), "\n") {
		if line == "" {
			continue
		}
		lines = append(lines, line)
		if line[0] != 'T' {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			t.Fatalf("T line without three tab-separated fields: %q", line)
		}
		typ, offs, _ := strings.Cut(f[1], " ")
		var frags []string
		for _, fr := range strings.Split(offs, ";") {
			a, b, _ := strings.Cut(fr, " ")
			s, err1 := strconv.Atoi(a)
			e, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil {
				t.Fatalf("bad offsets in %q", line)
			}
			frag := pySlice(t, text, s, e)
			if strings.Contains(frag, "\n") {
				t.Errorf("%s: fragment %q holds a line break", base, frag)
			}
			frags = append(frags, frag)
		}
		if got := strings.Join(frags, " "); got != f[2] {
			t.Errorf("%s %s: fragments give %q, text field %q", base, typ, got, f[2])
		}
	}
	return text, lines
}

func TestExportBrat(t *testing.T) {
	dir := t.TempDir()
	s := exFixture(t, dir)
	out := filepath.Join(dir, "brat")
	exExport(t, s, Options{Format: FormatBrat, Out: out})
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, e := range entries {
		n := e.Name()
		names[n] = true
		if strings.HasSuffix(n, ".tmp") || strings.ContainsAny(n, "/\\\x00") || strings.HasPrefix(n, ".") {
			t.Errorf("unsafe or temporary file left: %q", n)
		}
	}
	if len(entries) != 2*len(exIDs)+1 || !names["annotation.conf"] {
		t.Fatalf("want a .txt and .ann per article plus annotation.conf, got %v", names)
	}
	// Nothing escaped the output directory.
	if _, err := os.Stat(filepath.Join(dir, "b.txt.txt")); err == nil {
		t.Fatal("a ../ id wrote outside the output directory")
	}
	text, lines := bratDoc(t, out, SafeFileBase(exIDs[0]))
	if text != exTextA {
		t.Fatal(".txt is not the stored text")
	}
	all := strings.Join(lines, "\n")
	// The ORG span crosses a line break: two fragments.
	org := exSpan(t, exTextA, "𝔘𝔫𝔦𝔬𝔫 of\nHarbour Workers", "ORG", 0)
	nl := org.Start + model.RuneLen("𝔘𝔫𝔦𝔬𝔫 of")
	if want := "\tORG " + strconv.Itoa(org.Start) + " " + strconv.Itoa(nl) + ";" + strconv.Itoa(nl+1) + " " + strconv.Itoa(org.End) + "\t𝔘𝔫𝔦𝔬𝔫 of Harbour Workers"; !strings.Contains(all, want) {
		t.Errorf("discontinuous ORG missing (%q) in\n%s", want, all)
	}
	// The speaker relation names the quote and the second Ilse Varga.
	speaker := exSpan(t, exTextA, "Ilse Varga", "", 1)
	var quoteT, speakerT string
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if strings.HasPrefix(f[1], "Quote ") && strings.HasPrefix(f[2], "We will rebuild") {
			quoteT = f[0]
		}
		if f[1] == "PERSON "+strconv.Itoa(speaker.Start)+" "+strconv.Itoa(speaker.End) {
			speakerT = f[0]
		}
	}
	if quoteT == "" || speakerT == "" || !strings.Contains(all, "\tSpeaker Arg1:"+quoteT+" Arg2:"+speakerT) || !strings.Contains(all, "\tKind "+quoteT+" direct") {
		t.Errorf("speaker relation or kind attribute missing (%s, %s):\n%s", quoteT, speakerT, all)
	}
	if !strings.Contains(all, "AnnotatorNotes "+quoteT+"\tspeaker: Ilse Varga") || !strings.Contains(all, "canonical: Zoë Ng") {
		t.Errorf("notes missing:\n%s", all)
	}
	// The speaker's mention is that entity span: a Mention relation to it.
	if !strings.Contains(all, "\tMention Arg1:"+quoteT+" Arg2:"+speakerT) {
		t.Errorf("mention relation to the speaker's span missing:\n%s", all)
	}
	// In b, the mention "the U.S. Navy" is no entity span: a Speaker_mention
	// of its own, which the relation names.
	_, bl := bratDoc(t, out, SafeFileBase(exIDs[1]))
	ball := strings.Join(bl, "\n")
	m := exSpan(t, storetest.TextB, "the U.S. Navy", "", 0)
	var mentionT, partT string
	for _, l := range bl {
		f := strings.Split(l, "\t")
		if f[1] == "Speaker_mention "+strconv.Itoa(m.Start)+" "+strconv.Itoa(m.End) && f[2] == "the U.S. Navy" {
			mentionT = f[0]
		}
		if strings.HasPrefix(f[1], "Quote ") {
			partT = f[0]
		}
	}
	if mentionT == "" || !strings.Contains(ball, "\tMention Arg1:"+partT+" Arg2:"+mentionT) {
		t.Errorf("Speaker_mention or its relation missing:\n%s", ball)
	}
	for _, id := range exIDs[1:] {
		bratDoc(t, out, SafeFileBase(id))
	}
	conf, _ := os.ReadFile(filepath.Join(out, "annotation.conf"))
	for _, want := range []string{"[entities]\nDATE\nGPE\nNORP\nORG\nPERSON\nSpeaker_mention\nQuote\n", "Speaker\tArg1:Quote, Arg2:<ENTITY>", "Mention\tArg1:Quote, Arg2:<ENTITY>", "<OVERLAP>", "Kind\tArg:Quote, Value:direct|partial|paraphrase|scare", "[events]", "[attributes]"} {
		if !strings.Contains(string(conf), want) {
			t.Errorf("annotation.conf lacks %q:\n%s", want, conf)
		}
	}
}

func TestSafeFileBase(t *testing.T) {
	seen := map[string]string{}
	for _, id := range []string{"story.txt", "Story.txt", "story.TXT", "../../etc/passwd", "/etc/passwd", "a\x00b", "a/b", "a_b", "a:b", "..",
		".hidden", "con", "CON.txt", "nul.txt", "über.txt", strings.Repeat("x", 300), "a b", "a\\b", "2024/01/story.txt", "2024_01_story.txt"} {
		b := SafeFileBase(id)
		if b == "" || b == "." || b == ".." || strings.ContainsAny(b, "/\\\x00: ") || strings.HasPrefix(b, ".") || len(b) > 120 || filepath.IsAbs(b) {
			t.Errorf("%q → unsafe %q", id, b)
		}
		// Unique even on a case-insensitive file system.
		if prev, ok := seen[strings.ToLower(b)]; ok {
			t.Errorf("%q and %q both map to %q", prev, id, b)
		}
		seen[strings.ToLower(b)] = id
	}
	if SafeFileBase("story.txt") != "story.txt" || SafeFileBase("2024_01_story.txt") != "2024_01_story.txt" {
		t.Error("plain ids should keep their names")
	}
}

// conllEntity is an entity read back from BIO tags, placed in the text.
type conllEntity struct {
	start, end int
	label      string
}

// readCoNLL checks the CoNLL output's structure and places every token in
// texts (in order), returning each document's entities.
func readCoNLL(t *testing.T, out []byte, texts []string) [][]conllEntity {
	t.Helper()
	var docs [][]conllEntity
	var rs []rune
	pos := 0
	var cur *conllEntity
	closeEnt := func() {
		if cur != nil {
			docs[len(docs)-1] = append(docs[len(docs)-1], *cur)
			cur = nil
		}
	}
	lines := strings.Split(string(out), "\n")
	for n, line := range lines {
		if line == "" {
			closeEnt() // a sentence break ends any entity
			continue
		}
		if line == "-DOCSTART- -X- O O" {
			closeEnt()
			if len(docs) > 0 && strings.TrimSpace(string(rs[pos:])) != "" {
				t.Errorf("doc %d: text left untokenised: %q", len(docs), string(rs[pos:]))
			}
			if n+1 >= len(lines) || lines[n+1] != "" {
				t.Errorf("line %d: -DOCSTART- not followed by a blank line", n+1)
			}
			rs = []rune(texts[len(docs)])
			pos = 0
			docs = append(docs, nil)
			continue
		}
		f := strings.Split(line, " ")
		if len(f) != 4 || f[1] != "-X-" || f[2] != "_" {
			t.Fatalf("line %d: want `token -X- _ TAG`, got %q", n+1, line)
		}
		tok, tag := f[0], f[3]
		for pos < len(rs) && strings.TrimSpace(string(rs[pos])) == "" {
			pos++
		}
		tr := []rune(tok)
		if pos+len(tr) > len(rs) || string(rs[pos:pos+len(tr)]) != tok {
			t.Fatalf("line %d: token %q is not the next text (%q)", n+1, tok, string(rs[pos:min(pos+20, len(rs))]))
		}
		start, end := pos, pos+len(tr)
		pos = end
		switch {
		case tag == "O":
			closeEnt()
		case strings.HasPrefix(tag, "B-"):
			closeEnt()
			cur = &conllEntity{start: start, end: end, label: tag[2:]}
		case strings.HasPrefix(tag, "I-"):
			if cur == nil || cur.label != tag[2:] {
				t.Fatalf("line %d: %s does not continue an entity", n+1, tag)
			}
			cur.end = end
		default:
			t.Fatalf("line %d: bad tag %q", n+1, tag)
		}
	}
	closeEnt()
	return docs
}

func TestExportCoNLLTagsAlign(t *testing.T) {
	s := exFixture(t, t.TempDir())
	var texts []string
	var want [][]conllEntity
	err := s.EachDoc(ctx, store.DocFilter{}, func(d *store.ExportDoc) error {
		texts = append(texts, d.Text)
		var ents []conllEntity
		for _, sp := range d.Spans {
			ents = append(ents, conllEntity{sp.Start, sp.End, sp.Label})
		}
		want = append(want, ents)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, out := exExport(t, s, Options{Format: FormatCoNLL})
	got := readCoNLL(t, out, texts)
	if len(got) != len(want) {
		t.Fatalf("want %d documents, got %d", len(want), len(got))
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("doc %d: want entities %v, got %v", i, want[i], got[i])
			continue
		}
		for k := range want[i] {
			if got[i][k] != want[i][k] {
				t.Errorf("doc %d: entity %d: want %v (%q), got %v (%q)", i, k, want[i][k],
					pySlice(t, texts[i], want[i][k].start, want[i][k].end), got[i][k], pySlice(t, texts[i], got[i][k].start, got[i][k].end))
			}
		}
	}
	// Sentences: the first article's three lines are (at least) three
	// sentences, except that the ORG crossing the last line break keeps its
	// two lines together; "U.S." ends no sentence.
	if !bytes.Contains(out, []byte("families -X- _ I-NORP\n. -X- _ O\n\n“ -X- _ O\n")) {
		t.Errorf("no sentence break after the first line:\n%s", out)
	}
	if !bytes.Contains(out, []byte("of -X- _ I-ORG\nHarbour -X- _ I-ORG\n")) {
		t.Errorf("the ORG across a line break was split:\n%s", out)
	}
	if !bytes.Contains(out, []byte("U.S. -X- _ B-ORG\nNavy -X- _ I-ORG\n")) {
		t.Errorf("U.S. Navy:\n%s", out)
	}
	// CJK: a character per token, the names tagged character by character.
	if !bytes.Contains(out, []byte("小 -X- _ B-PERSON\n池 -X- _ I-PERSON\n")) {
		t.Errorf("CJK tokens:\n%s", out)
	}
}

func TestConllTokensSplitAtSpanEdgesAndGlueGraphemes(t *testing.T) {
	text := "Ilse Varga's 👩‍👩‍👧 don't 3.5% well-known 🇫🇷 Zoe\u0301 (Kyōto)."
	rs := []rune(text)
	// A span ending inside a word ("Varga" of "Varga's") and one starting
	// inside ("known").
	spans := []model.Span{exSpan(t, text, "Ilse Varga", "PERSON", 0), exSpan(t, text, "known", "X", 0)}
	var got []string
	for _, tk := range conllTokens(rs, spans, nil, nil) {
		got = append(got, string(rs[tk.start:tk.end]))
	}
	want := []string{"Ilse", "Varga", "'", "s", "👩‍👩‍👧", "don't", "3.5", "%", "well", "-", "known", "🇫🇷", "Zoe\u0301", "(", "Kyōto", ")", "."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("tokens\n got %q\nwant %q", got, want)
	}
}

func TestExportW3C(t *testing.T) {
	s := exFixture(t, t.TempDir())
	texts := map[string]string{} // target source → text
	urls := map[string]bool{}
	err := s.EachDoc(ctx, store.DocFilter{}, func(d *store.ExportDoc) error {
		if d.URL != "" {
			texts[d.URL] = d.Text
			urls[d.URL] = true
		} else {
			texts["urn:storydesk:article:"+strings.ReplaceAll(strings.ReplaceAll(d.ArticleID, "/", "%2F"), " ", "%20")] = d.Text
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, out := exExport(t, s, Options{Format: FormatW3C})
	var coll struct {
		Context string `json:"@context"`
		ID      string `json:"id"`
		Type    string `json:"type"`
		Total   int    `json:"total"`
		First   struct {
			ID    string `json:"id"`
			Type  string `json:"type"`
			Items []struct {
				ID         string `json:"id"`
				Type       string `json:"type"`
				Motivation string `json:"motivation"`
				Body       []struct{ Type, Value, Source, Purpose string }
				Target     struct {
					Source   string
					Selector []struct {
						Type                  string
						Exact, Prefix, Suffix string
						Start, End            int
					}
				}
			} `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(out, &coll); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if coll.Context != "http://www.w3.org/ns/anno.jsonld" || coll.Type != "AnnotationCollection" || coll.ID == "" || coll.First.Type != "AnnotationPage" || coll.First.ID == "" {
		t.Errorf("collection header: %+v", coll)
	}
	if coll.Total != 16 || len(coll.First.Items) != 16 {
		t.Fatalf("want 13 entities + 3 quotes, total %d items %d", coll.Total, len(coll.First.Items))
	}
	ids := map[string]bool{}
	for _, it := range coll.First.Items {
		if it.Type != "Annotation" || it.ID == "" || ids[it.ID] || len(it.Body) == 0 || it.Body[0].Type != "TextualBody" {
			t.Errorf("annotation: %+v", it)
		}
		ids[it.ID] = true
		text, ok := texts[it.Target.Source]
		if !ok {
			t.Fatalf("target %q is no article", it.Target.Source)
		}
		if len(it.Target.Selector) != 2 || it.Target.Selector[0].Type != "TextQuoteSelector" || it.Target.Selector[1].Type != "TextPositionSelector" {
			t.Fatalf("selectors: %+v", it.Target.Selector)
		}
		q, p := it.Target.Selector[0], it.Target.Selector[1]
		if got := pySlice(t, text, p.Start, p.End); got != q.Exact {
			t.Errorf("position %d–%d slices to %q, exact is %q", p.Start, p.End, got, q.Exact)
		}
		if want := pySlice(t, text, max(0, p.Start-32), p.Start); q.Prefix != want {
			t.Errorf("prefix %q, want %q", q.Prefix, want)
		}
		if want := pySlice(t, text, p.End, min(len([]rune(text)), p.End+32)); q.Suffix != want {
			t.Errorf("suffix %q, want %q", q.Suffix, want)
		}
	}
	var linked bool
	for _, it := range coll.First.Items {
		for _, b := range it.Body {
			if b.Purpose == "linking" {
				linked = ids[b.Source]
			}
		}
	}
	if !linked {
		t.Error("the quote's speaker link does not name an exported annotation")
	}
}

func TestExportCSV(t *testing.T) {
	dir := t.TempDir()
	s := exFixture(t, dir)
	out := filepath.Join(dir, "csv")
	exExport(t, s, Options{Format: FormatCSV, Out: out})
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	q := read("quotes.csv")
	if strings.Join(q[0], ",") != "article,outlet,speaker,quote,kind,date,title,url,start,end" || len(q) != 4 {
		t.Fatalf("quotes.csv: %q", q)
	}
	var multi, formula bool
	for _, r := range q[1:] {
		if strings.Contains(r[3], "\n") {
			multi = true
		}
		if r[0] == exIDs[1] {
			formula = r[1] == "'=Wire" && r[2] == "'-Ilse Varga" && r[3] == "'=SUM(A1)"
		}
	}
	if !multi || !formula {
		t.Errorf("multi-line quote kept %v, formulas defused %v: %q", multi, formula, q)
	}
	c := read("clusters.csv")
	got := map[string][]string{}
	for _, r := range c[1:] {
		got[r[1]] = r
	}
	// b and c are near-duplicates, c marked canonical; a joins their story
	// by a same-story pair; d is only in a not-duplicate pair: absent.
	want := map[string]string{
		exIDs[2]: "C.TXT,C.TXT,Coast News,2026-03-01,true,near-duplicate,C.TXT",
		exIDs[1]: "C.TXT,../../b.txt,'=Wire,2026-03-01,false,near-duplicate,C.TXT",
		exIDs[0]: "news/a first story.txt,news/a first story.txt,Harbour Times,2026-03-02,true,same-story,C.TXT",
	}
	if len(c) != 4 || strings.Join(c[0], ",") != "cluster,article,outlet,date,canonical,label,story" {
		t.Fatalf("clusters.csv: %q", c)
	}
	for id, w := range want {
		if strings.Join(got[id], ",") != w {
			t.Errorf("%s: got %q, want %q", id, strings.Join(got[id], ","), w)
		}
	}
}

func TestClustersUnionFindAndCanonical(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "c.db"))
	add := func(id, date, text string) {
		a := &model.Article{ID: id, Path: id, Date: date, Text: text, Source: "S-" + id}
		exDo(t, s, store.Action{Name: "snap", Article: a, Ops: []store.Op{{Kind: store.OpSetStatus, Article: id, Status: model.StatusNew}}})
	}
	add("a", "2026-01-02", "short")
	add("b", "2026-01-01", "longer text")
	add("c", "2026-01-01", "the longest text of all")
	add("d", "", "x")
	add("e", "2026-01-05", "y")
	add("f", "2026-01-05", "z")
	// a–b duplicate, b–c near-duplicate: one cluster {a, b, c} even though a
	// and c were never compared. d–e same-story joins {d} and {e} into a
	// story, and e–c same-story joins that story to {a, b, c}'s. f only in a
	// not-duplicate pair.
	exDo(t, s, store.Action{Name: "pairs", Ops: []store.Op{
		{Kind: store.OpSetDupLabel, A: "a", B: "b", DupLabel: model.LabelDuplicate},
		{Kind: store.OpSetDupLabel, A: "b", B: "c", DupLabel: model.LabelNearDup},
		{Kind: store.OpSetDupLabel, A: "d", B: "e", DupLabel: model.LabelSameStory},
		{Kind: store.OpSetDupLabel, A: "c", B: "e", DupLabel: model.LabelSameStory},
		{Kind: store.OpSetDupLabel, A: "e", B: "f", DupLabel: model.LabelNotDup},
	}})
	rows, err := Clusters(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join([]string{r.Cluster, r.Article, strconv.FormatBool(r.Canonical), r.Label, r.Story}, " "))
	}
	// Unflagged: the longest, c.
	want := []string{
		"c c true near-duplicate c", "c a false duplicate c", "c b false duplicate c",
		"d d true same-story c", "e e true same-story c",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("clusters\n got %q\nwant %q", got, want)
	}
	// A reviewer's canonical wins over the rule.
	exDo(t, s, store.Action{Name: "canon", Ops: []store.Op{{Kind: store.OpSetCanonical, Article: "a", Flag: true}}})
	rows, _ = Clusters(ctx, s, nil)
	if rows[0].Cluster != "a" || !rows[0].Canonical || rows[0].Story != "a" {
		t.Errorf("flagged canonical ignored: %+v", rows[0])
	}
	// Limited to a corpus: pairs with an article outside it do not count.
	rows, _ = Clusters(ctx, s, func(id string) bool { return id != "b" })
	for _, r := range rows {
		if r.Article == "a" || r.Article == "b" {
			t.Errorf("a is linked only through b, which is outside the corpus: %+v", r)
		}
	}
}

// failAfter fails writes once n bytes have gone through.
type failAfter struct {
	w io.Writer
	n int
}

var errInjected = errors.New("injected write failure")

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) <= f.n {
		f.n -= len(p)
		return f.w.Write(p)
	}
	k, _ := f.w.Write(p[:f.n])
	f.n = 0
	return k, errInjected
}

// listDir names every file under dir.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, rel)
		}
		return nil
	})
	sort.Strings(names)
	return names
}

func TestExportFailureLeavesNoPartialFile(t *testing.T) {
	base := t.TempDir()
	s := exFixture(t, base)
	for _, format := range Formats {
		for _, after := range []int{0, 10, 200} {
			t.Run(format+"/"+strconv.Itoa(after), func(t *testing.T) {
				dir := t.TempDir()
				out := filepath.Join(dir, "out."+format)
				if !ToDir(format) {
					// An earlier export under the final name survives a failed one.
					if err := os.WriteFile(out, []byte("previous export\n"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				opts := Options{Format: format, Out: out, wrap: func(w io.Writer) io.Writer { return &failAfter{w: w, n: after} }}
				_, err := Write(ctx, s, opts)
				if !errors.Is(err, errInjected) {
					t.Fatalf("want the injected failure, got %v", err)
				}
				files := listDir(t, dir)
				for _, f := range files {
					if strings.HasSuffix(f, ".tmp") {
						t.Errorf("temporary file left: %s", f)
					}
				}
				if ToDir(format) {
					// Nothing is complete when the very first write fails; later
					// failures may leave whole files only (checked by bratDoc).
					if after == 0 && len(files) != 0 {
						t.Errorf("files left after a failed export: %v", files)
					}
					for _, f := range files {
						if strings.HasSuffix(f, ".ann") {
							bratDoc(t, out, strings.TrimSuffix(filepath.Base(f), ".ann"))
						}
					}
					return
				}
				if len(files) != 1 {
					t.Errorf("want only the previous export, got %v", files)
				}
				if b, _ := os.ReadFile(out); string(b) != "previous export\n" {
					t.Errorf("the previous export was replaced by %q", b)
				}
			})
		}
	}
}

func TestExportWritesFilesAtomicallyAndPublicly(t *testing.T) {
	dir := t.TempDir()
	s := exFixture(t, dir)
	out := filepath.Join(dir, "sub", "x.jsonl")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	exExport(t, s, Options{Format: FormatJSONL, Out: out})
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	if files := listDir(t, filepath.Dir(out)); len(files) != 1 {
		t.Errorf("want just x.jsonl, got %v", files)
	}
	if _, err := Write(ctx, s, Options{Format: FormatBrat}); err == nil {
		t.Error("brat without --out should fail")
	}
	if _, err := Write(ctx, s, Options{Format: "xml", Stdout: io.Discard}); err == nil || !strings.Contains(err.Error(), "jsonl") {
		t.Errorf("unknown format: %v", err)
	}
}

func TestExportCorpusAllArticles(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	os.MkdirAll(corpusDir, 0o755)
	for name, body := range map[string]string{
		"one.txt": "Harbour workers in Port Ellis voted on Monday to end a strike that had closed the docks for nine days.\n",
		"two.txt": "Shipping companies said the first vessels would be unloaded on Tuesday morning in Port Ellis.\n",
	} {
		if err := os.WriteFile(filepath.Join(corpusDir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := corpus.Open([]string{corpusDir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	one, err := c.Load(0)
	if err != nil || one.ID != "one.txt" {
		t.Fatalf("load: %v %v", one, err)
	}
	s := openTestStore(t, filepath.Join(dir, "s.db"))
	exDo(t, s, store.Action{Name: "tag", Article: one, Ops: []store.Op{{Kind: store.OpAddSpan, Article: one.ID, Span: exSpan(t, one.Text, "Port Ellis", "GPE", 0)}}})
	// An article the store holds that is not in this corpus.
	other := &model.Article{ID: "elsewhere.txt", Text: "Elsewhere."}
	exDo(t, s, store.Action{Name: "snap", Article: other, Ops: []store.Op{{Kind: store.OpSetStatus, Article: other.ID, Status: model.StatusDone}}})

	_, out := exExport(t, s, Options{Format: FormatJSONL, Corpus: c})
	if recs := exJSONL(t, out); len(recs) != 1 || recs[0].Meta.ID != "one.txt" || len(recs[0].Spans) != 1 {
		t.Errorf("corpus export: %+v", recs)
	}
	st, out := exExport(t, s, Options{Format: FormatJSONL, Corpus: c, AllArticles: true})
	recs := exJSONL(t, out)
	if len(recs) != 2 || st.Articles != 2 || recs[0].Meta.ID != "one.txt" || recs[1].Meta.ID != "two.txt" {
		t.Fatalf("--all-articles: %+v", recs)
	}
	if len(recs[1].Spans) != 0 || recs[1].Status != "new" || !strings.HasPrefix(recs[1].Text, "Shipping companies") {
		t.Errorf("unannotated article: %+v", recs[1])
	}
	_, out = exExport(t, s, Options{Format: FormatJSONL, Corpus: c, AllArticles: true, OnlyDone: true})
	if recs := exJSONL(t, out); len(recs) != 0 {
		t.Errorf("--only-done with nothing done in the corpus: %+v", recs)
	}
}

func TestExportCancelledLeavesNothing(t *testing.T) {
	s := exFixture(t, t.TempDir())
	c, cancel := context.WithCancel(ctx)
	cancel()
	for _, format := range Formats {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		if _, err := Write(c, s, Options{Format: format, Out: out}); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: want context.Canceled, got %v", format, err)
		}
		if files := listDir(t, dir); len(files) != 0 {
			t.Errorf("%s: a cancelled export left %v", format, files)
		}
	}
}
