package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode/utf32"

	xunicode "golang.org/x/text/encoding/unicode"

	"storydesk/model"
)

// Fuzz targets for the loaders: whatever bytes a file holds, Open and Load
// must not panic, and what they return must be safe and consistent (see
// fzCheckArticle). Each target's seeds mix the sample corpus (real shapes)
// with odd inputs; `go test` runs the seeds, .ci/run fuzzes each briefly.
// FuzzObjectScanner (jsonl_test.go) covers the JSON line scanner itself.

// fzSeeds are odd inputs every loader gets: encodings, line ends, controls
// and escape sequences, binary data, emptiness.
func fzSeeds() [][]byte {
	text := "Harbour strike ends\n\nHarbour workers in Port Ellis voted on Monday to end a strike.\n\n“We have what we came for,” said Mara Okafor.\n"
	utf16le, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(text))
	utf16be, _ := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(text))
	utf32le, _ := utf32.UTF32(utf32.LittleEndian, utf32.UseBOM).NewEncoder().Bytes([]byte(text))
	latin1, _ := charmap.ISO8859_1.NewEncoder().Bytes([]byte("Café société à Zürich\n\nLe maire a dit « non » à la réforme.\n"))
	return [][]byte{
		[]byte(text),
		nil,
		[]byte("   \n\t\n"),
		[]byte("\xef\xbb\xbf" + text),
		utf16le, utf16be, utf32le,
		append([]byte{0xff, 0xfe}, 'a'), // a UTF-16 BOM and an odd byte count
		latin1,
		[]byte(strings.ReplaceAll(text, "\n", "\r\n")),
		[]byte(strings.ReplaceAll(text, "\n", "\r")),
		[]byte("Title \x1b]0;PWNED\x07 \x1b]52;c;SGVsbG8=\x07\n\nBody \x1b[2J\x1b[H with \x9b31m C1 \u009d0;x\u009c and \x1bPdcs\x1b\\ text, \u202eevil\u202c.\n"),
		[]byte("\x00\x01\x02\x03\xff\xfe binary\x00"),
		[]byte("\x1f\x8b\x08\x00 not really gzip"),
		[]byte("\xff\xfe\xfd invalid UTF-8 \xc3\x28 \xe2\x82"),
		[]byte(strings.Repeat("word ", 3000)), // one long line
		[]byte("\f\v\x1b[31mred\x1b[0m\n\n\a\b"),
	}
}

// fzLoadAll opens a one-file corpus named name holding b and loads every
// item, checking each result; it returns the articles loaded.
func fzLoadAll(t *testing.T, name string, b []byte) []*model.Article {
	t.Helper()
	c, err := OpenFS(fstest.MapFS{name: {Data: b}}, "fuzz")
	if c == nil {
		t.Fatalf("OpenFS returned no corpus (err %v)", err)
	}
	for _, p := range c.Problems {
		fzCheckProblem(t, p)
	}
	if err != nil {
		if len(c.Items) != 0 {
			t.Fatalf("error %v with %d items", err, len(c.Items))
		}
		fzCheckLine(t, "open error", err.Error())
		return nil
	}
	var arts []*model.Article
	for i, it := range c.Items {
		fzCheckLine(t, "item id", it.ID)
		fzCheckLine(t, "item path", it.Path)
		a, err := c.Load(i)
		if err != nil {
			var pe *ProblemError
			if !errors.As(err, &pe) {
				t.Fatalf("Load(%d) error %T %v is not a *ProblemError", i, err, err)
			}
			fzCheckProblem(t, pe.Problem)
			continue
		}
		fzCheckArticle(t, a)
		arts = append(arts, a)
	}
	return arts
}

// fzCheckLine fails when a one-line field could drive a terminal or break a
// line: invalid UTF-8, any control (tab and newline included), bidi marks.
func fzCheckLine(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s %q is not valid UTF-8", what, s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || fzBidi(r) || r == '\uFEFF' {
			t.Fatalf("%s %q holds control %U", what, s, r)
		}
	}
}

// fzCheckText is fzCheckLine for bodies, where \n and \t are allowed.
func fzCheckText(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s is not valid UTF-8: %q", what, s)
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || fzBidi(r) || r == '\uFEFF') {
			t.Fatalf("%s holds control %U: %q", what, r, s)
		}
	}
}

func fzBidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

func fzCheckProblem(t *testing.T, p Problem) {
	t.Helper()
	if p.Path == "" || strings.TrimSpace(p.Reason) == "" {
		t.Fatalf("problem without a file or a reason: %+v", p)
	}
	fzCheckLine(t, "problem path", p.Path)
	fzCheckLine(t, "problem", p.String())
}

// fzCheckArticle asserts what every loaded article promises: metadata is
// one safe line each, bodies (when not dropped by Stream) are sanitised, every removed range slices the
// raw text to its own text, and the cleaned text plus the removed ranges
// account for every non-space character of the raw text, in order.
func fzCheckArticle(t *testing.T, a *model.Article) {
	t.Helper()
	for what, s := range map[string]string{"id": a.ID, "path": a.Path, "format": a.Format, "title": a.Title,
		"source": a.Source, "byline": a.Byline, "date": a.Date, "url": a.URL, "summary": a.Summary} {
		fzCheckLine(t, what, s)
	}
	for k, v := range a.Meta {
		fzCheckLine(t, "meta key", k)
		fzCheckLine(t, "meta "+k, v)
	}
	if a.Title == "" || a.ID == "" {
		t.Fatalf("article without title or id: %+v", a)
	}
	if !a.HasBody() {
		return // Stream dropped it: metadata only
	}
	fzCheckText(t, "raw", a.Raw)
	fzCheckText(t, "text", a.Text)
	if strings.TrimSpace(a.Text+a.Raw) == "" {
		t.Fatalf("%s: loaded with no text at all", a.ID)
	}
	if w := model.WordCount(a.Text); w != a.Words {
		t.Fatalf("%s: Words %d, text has %d", a.ID, a.Words, w)
	}
	fzCheckPartition(t, a.Raw, a.Text, a.Removed)
}

// fzCheckPartition: removed ranges are in order, apart, and slice raw to
// their Text; the non-space characters of raw outside them are exactly
// text's, in order. (One pass without a []rune copy: it runs over 50 MB.)
func fzCheckPartition(t *testing.T, raw, text string, removed []model.Removed) {
	t.Helper()
	off := model.NewOffsets(raw)
	prev := 0
	for i, r := range removed {
		if r.Start < prev || r.End <= r.Start || r.End > off.Len() {
			t.Fatalf("removed[%d] [%d,%d) out of order or range (raw %d runes)", i, r.Start, r.End, off.Len())
		}
		if got := raw[off.ByteAt(r.Start):off.ByteAt(r.End)]; got != r.Text {
			t.Fatalf("removed[%d] [%d,%d) slices raw to %q, says %q", i, r.Start, r.End, got, r.Text)
		}
		if r.Reason == "" {
			t.Fatalf("removed[%d] %q has no reason", i, r.Text)
		}
		prev = r.End
	}
	// nextKept returns the next non-space rune of text from byte ti.
	ti := 0
	nextKept := func() (rune, bool) {
		for ti < len(text) {
			r, size := utf8.DecodeRuneInString(text[ti:])
			ti += size
			if !unicode.IsSpace(r) {
				return r, true
			}
		}
		return 0, false
	}
	k, ri := 0, 0
	for _, r := range raw {
		for ri < len(removed) && k >= removed[ri].End {
			ri++
		}
		if (ri >= len(removed) || k < removed[ri].Start) && !unicode.IsSpace(r) {
			if got, ok := nextKept(); !ok || got != r {
				t.Fatalf("cleaned text does not match raw minus removed ranges at raw code point %d (%q): text has %q", k, r, got)
			}
		}
		k++
	}
	if r, ok := nextKept(); ok {
		t.Fatalf("cleaned text has %q beyond what raw minus removed ranges holds", r)
	}
}

// fzSampleSeeds adds the sample corpus files with the given extensions.
func fzSampleSeeds(f *testing.F, exts ...string) {
	err := fs.WalkDir(sampleFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, e := range exts {
			if strings.HasSuffix(p, e) {
				b, err := fs.ReadFile(sampleFS, p)
				if err != nil {
					return err
				}
				f.Add(b)
			}
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
}

// FuzzLoadText loads bytes as a .txt file and as a file with no extension
// (whose format is sniffed: text, or HTML when it starts like a page).
func FuzzLoadText(f *testing.F) {
	fzSampleSeeds(f, ".txt")
	for _, s := range fzSeeds() {
		f.Add(s)
	}
	f.Add([]byte("<!doctype html><title>sniffed</title><p>A page with no extension, long enough to read as prose here.</p>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fzLoadAll(t, "a.txt", b)
		fzLoadAll(t, "noext", b)
	})
}

// FuzzLoadMarkdown loads bytes as a .md file (YAML front matter, markdown
// syntax stripped to text).
func FuzzLoadMarkdown(f *testing.F) {
	fzSampleSeeds(f, ".md")
	for _, s := range fzSeeds() {
		f.Add(s)
	}
	for _, s := range []string{
		"---\ntitle: \"Esc \\e]0;x\\a \\x1b[2J\"\ndate: 2026-01-01\ntags: [a, b]\n---\n# Heading \x1b]52;c;QQ==\x07\n\nBody text here, long enough.\n",
		"---\ntitle: only front matter\n---\n",
		"---\nunterminated: front\nmatter\n\nbody",
		"---\r\ntitle: CRLF\r\n---\r\n\r\nBody with **bold** and [a link](http://x.example) and `code`.\r\n",
		"# H1 #\n\n> quote\n\n- list\n- items\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n",
		"---\ntitle: 'single ''quoted'''\nauthor: \"\\u202eevil\"\n---\ntext",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fzLoadAll(t, "a.md", b)
	})
}

// FuzzLoadHTML loads bytes as an .html page (trafilatura extraction, the
// page's charset, metadata from meta tags).
func FuzzLoadHTML(f *testing.F) {
	fzSampleSeeds(f, ".html")
	for _, s := range fzSeeds() {
		f.Add(s)
	}
	for _, s := range []string{
		"<html><head><title>T \x1b]0;PWNED\x07</title><meta name=author content=\"\x9b2J\"><script>document.write('<p>x</p>')</script><style>p{}</style></head>" +
			"<body><article><p>Harbour workers voted on Monday to end a strike that had closed the docks for nine days.</p>" +
			"<p>&#27;]52;c;QQ==&#7; &#x9b;31m entity escapes &#8238;</p></article></body></html>",
		"<meta charset=\"windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0, this is a Cyrillic page in its own charset.</p>",
		"<html><body>" + strings.Repeat("<script>var a=1;</script><style>.x{}</style>", 50) + "<p>Only this paragraph is text.</p></body></html>",
		"<p><p><p><div></span></table><td>unbalanced</p>",
		"<html>" + strings.Repeat("<div>", 300) + "deep" + strings.Repeat("</div>", 300),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fzLoadAll(t, "a.html", b)
	})
}

// FuzzLoadJSONL loads bytes as a .jsonl file: every line is an item, broken
// ones a problem naming the line.
func FuzzLoadJSONL(f *testing.F) {
	fzSampleSeeds(f, ".jsonl")
	for _, s := range fzSeeds() {
		f.Add(s)
	}
	for _, s := range []string{
		`{"id":"a","title":"T \u001b]0;PWNED\u0007","text":"Body \u001b[2J text \u009b31m and \u202e.","author":"\u0085x","extra":{"k":"\u001b]52;c;QQ==\u0007"}}` + "\n",
		"{\"text\":\"ok line\"}\n{broken\n\n{\"text\":42}\n{\"id\":\"dup\",\"text\":\"x\"}\n{\"id\":\"dup\",\"text\":\"y\"}\n",
		"{\"id\":\"\\u0000\\n\\t\",\"text\":\"id of controls\"}\r\n{\"content\":\"crlf line\"}\r\n",
		"{\"text\":\"\\ud800 lone surrogate \\udfff\"}\n{\"text\":\"unterminated",
		"\xef\xbb\xbf{\"text\":\"after a BOM\"}\n",
		"{\"id\":[\"x\",{\"y\":1}],\"body\":\"nested id\",\"text\":null}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		arts := fzLoadAll(t, "a.jsonl", b)
		// Ids stay unique whatever the lines say.
		seen := map[string]bool{}
		for _, a := range arts {
			if seen[a.ID] {
				t.Fatalf("id %q given twice", a.ID)
			}
			seen[a.ID] = true
		}
		// Piped in, the same bytes load the same way (stdin is sniffed).
		c, err := Open([]string{"-"}, bytes.NewReader(b))
		if err == nil {
			for i := range c.Items {
				if a, err := c.Load(i); err == nil {
					fzCheckArticle(t, a)
				}
			}
		}
	})
}

// FuzzExport annotates one article (text, id, label and speaker from the
// fuzzer; two spans and a quotation at fuzzed places) and exports it in
// every format, checking each output: valid UTF-8 with no control
// characters beyond the format's own line breaks and tabs, and every offset
// slicing the text to what the output says it covers.
func FuzzExport(f *testing.F) {
	f.Add("Mayor Ilse Varga of Port Ellis met the Harbour Board.\n\n“We will not wait,” she said.", "a.txt", "PERSON", "Ilse Varga", uint16(6), uint16(10), uint16(20), uint16(3))
	f.Add("東京 and Zoë 😀 met.\nLine two\twith a tab.\n\nPara three.", "dir/../x y.txt", "per son", "=cmd|' /C calc'!A0", uint16(0), uint16(2), uint16(1), uint16(40))
	f.Add("a\nb\nc\nd", "CON", "ORG", "", uint16(1), uint16(3), uint16(0), uint16(1))
	f.Add("x", "\x1b]0;PWNED\x07", "\x1b[31m", "-1+1", uint16(0), uint16(1), uint16(0), uint16(0))
	f.Add("Dr. Ng said: “It is done.” Then… she left! (Really?) 4,000 U.S. dollars.", "Ünïcödé/ID", "MONEY", "@Ng", uint16(50), uint16(15), uint16(2), uint16(7))

	dir := f.TempDir()
	s, err := OpenStore(filepath.Join(dir, "fuzz.db"), "fuzzer")
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	// This fuzzes the writers, not durability: no fsync per action.
	s.db.SetMaxOpenConns(1)
	if _, err := s.db.Exec("PRAGMA synchronous = OFF"); err != nil {
		f.Fatal(err)
	}
	n := 0
	f.Fuzz(func(t *testing.T, rawText, rawID, rawLabel, speaker string, a, b, c, d uint16) {
		text := model.Sanitize(rawText)
		rs := []rune(text)
		if len(rs) == 0 {
			return
		}
		n++
		id := model.SanitizeLine(rawID) + "#" + strconv.Itoa(n)
		label := "PERSON"
		if ls := model.NormalizeLabels([]string{model.SanitizeLine(rawLabel)}); len(ls) > 0 {
			label = ls[0]
		}
		// Two spans apart, and a quotation that may overlap them.
		s1 := int(a) % len(rs)
		e1 := s1 + 1 + int(b)%(len(rs)-s1)
		art := &model.Article{ID: id, Path: id, Title: "T", Text: text, URL: model.SanitizeLine("https://example.org/" + rawID)}
		ops := []Op{{Kind: OpAddSpan, Article: id, Span: model.Span{Start: s1, End: e1, Label: label, Text: string(rs[s1:e1]), Canonical: model.SanitizeLine(speaker)}}}
		if s2 := e1 + int(c)%4; s2 < len(rs) {
			e2 := s2 + 1 + int(d)%(len(rs)-s2)
			ops = append(ops, Op{Kind: OpAddSpan, Article: id, Span: model.Span{Start: s2, End: e2, Label: label + "2", Text: string(rs[s2:e2])}})
		}
		qs := int(c) % len(rs)
		qe := qs + 1 + int(a)%(len(rs)-qs)
		ops = append(ops, Op{Kind: OpAddQuote, Article: id, Quote: model.QuoteAnn{Start: qs, End: qe, Text: string(rs[qs:qe]), Speaker: model.SanitizeLine(speaker)}})
		if _, err := s.Do(ctx, Action{Name: "fuzz", Article: art, Ops: ops}); err != nil {
			t.Fatalf("Do: %v", err)
		}
		corpus := &Corpus{Items: []Item{{ID: id}}}
		tmp := t.TempDir()
		for _, format := range ExportFormats {
			out := filepath.Join(tmp, format)
			opts := ExportOptions{Format: format, Out: out, Corpus: corpus}
			var stdout bytes.Buffer
			if !ExportToDir(format) {
				// To stdout: a file export would fsync, a few per second.
				opts.Out, opts.Stdout = "", &stdout
			}
			var problems []string
			opts.Problem = func(p string) { problems = append(problems, p) }
			st, err := Export(ctx, s, opts)
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if !ExportToDir(format) {
				if err := os.WriteFile(out, stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if st.Articles != 1 || len(problems) > 0 {
				t.Fatalf("%s: %d articles, problems %q", format, st.Articles, problems)
			}
			fzCheckExport(t, format, out, text, len(ops)-1)
		}
	})
}

// fzCheckExport checks one article's export in format.
func fzCheckExport(t *testing.T, format, out, text string, spans int) {
	t.Helper()
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) {
			t.Fatalf("%s: %s is not valid UTF-8", format, name)
		}
		for _, r := range string(b) {
			if r != '\n' && r != '\t' && (unicode.IsControl(r) || fzBidi(r)) {
				t.Fatalf("%s: %s holds control %U", format, filepath.Base(name), r)
			}
		}
		return string(b)
	}
	slice := func(start, end int, want string) {
		t.Helper()
		if got := model.RuneSlice(text, start, end); start < 0 || end <= start || got != want {
			t.Fatalf("%s: %d–%d slices the text to %q, the export says %q", format, start, end, got, want)
		}
	}
	switch format {
	case FormatJSONL:
		var rec jsonlRecord
		if err := json.Unmarshal([]byte(read(out)), &rec); err != nil || rec.Text != text {
			t.Fatalf("jsonl: %v (text %q)", err, rec.Text)
		}
		if len(rec.Spans) != spans || len(rec.Quotes) != 1 {
			t.Fatalf("jsonl: %d spans, %d quotes; want %d and 1", len(rec.Spans), len(rec.Quotes), spans)
		}
		for _, sp := range rec.Spans {
			slice(sp.Start, sp.End, sp.Text)
		}
		for _, q := range rec.Quotes {
			slice(q.Start, q.End, q.Text)
		}
	case FormatBrat:
		ents, err := os.ReadDir(out)
		if err != nil {
			t.Fatal(err)
		}
		var txt, ann string
		for _, e := range ents {
			name := e.Name()
			fzCheckLine(t, "brat file name", name)
			if strings.ContainsAny(name, `/\:*?"<>| `) || strings.HasPrefix(name, ".") {
				t.Fatalf("brat: unsafe file name %q", name)
			}
			switch {
			case strings.HasSuffix(name, ".txt"):
				txt = read(filepath.Join(out, name))
			case strings.HasSuffix(name, ".ann"):
				ann = read(filepath.Join(out, name))
			case name != "annotation.conf":
				t.Fatalf("brat: unexpected file %q", name)
			}
		}
		if txt != text {
			t.Fatalf("brat: .txt %q is not the text %q", txt, text)
		}
		for _, line := range strings.Split(strings.TrimSuffix(ann, "\n"), "\n") {
			if !strings.HasPrefix(line, "T") {
				continue
			}
			parts := strings.SplitN(line, "\t", 3)
			if len(parts) != 3 {
				t.Fatalf("brat: line %q does not have three fields", line)
			}
			typ, offs, ok := strings.Cut(parts[1], " ")
			if !ok || typ == "" || strings.Trim(typ, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != "" {
				t.Fatalf("brat: bad type in %q", line)
			}
			var frags []string
			for _, fr := range strings.Split(offs, ";") {
				var s, e int
				if _, err := fmt.Sscanf(fr, "%d %d", &s, &e); err != nil {
					t.Fatalf("brat: bad offsets %q in %q", fr, line)
				}
				frag := model.RuneSlice(text, s, e)
				if e <= s || strings.Contains(frag, "\n") {
					t.Fatalf("brat: fragment %d–%d (%q) in %q", s, e, frag, line)
				}
				frags = append(frags, frag)
			}
			if got := strings.Join(frags, " "); got != parts[2] {
				t.Fatalf("brat: %q: fragments give %q", line, got)
			}
		}
	case FormatCoNLL:
		var toks strings.Builder
		prev := "O"
		for _, line := range strings.Split(read(out), "\n") {
			if line == "" || line == "-DOCSTART- -X- O O" {
				continue
			}
			f := strings.Split(line, " ")
			if len(f) != 4 || f[0] == "" || f[1] != "-X-" || f[2] != "_" {
				t.Fatalf("conll: line %q is not four columns", line)
			}
			tag := f[3]
			switch {
			case tag == "O":
			case strings.HasPrefix(tag, "B-") && len(tag) > 2:
			case strings.HasPrefix(tag, "I-") && (prev == "B-"+tag[2:] || prev == tag):
			default:
				t.Fatalf("conll: tag %q after %q", tag, prev)
			}
			prev = tag
			toks.WriteString(f[0])
		}
		// The tokens are the text's characters, whitespace aside, in order.
		if want := strings.Join(strings.FieldsFunc(text, unicode.IsSpace), ""); toks.String() != want {
			t.Fatalf("conll: tokens %q, text %q", toks.String(), want)
		}
	case FormatW3C:
		var coll struct {
			First struct {
				Items []struct {
					Target struct {
						Selector []map[string]any `json:"selector"`
					} `json:"target"`
				} `json:"items"`
			} `json:"first"`
		}
		if err := json.Unmarshal([]byte(read(out)), &coll); err != nil {
			t.Fatalf("w3c: %v", err)
		}
		if len(coll.First.Items) != spans+1 {
			t.Fatalf("w3c: %d annotations, want %d", len(coll.First.Items), spans+1)
		}
		for _, it := range coll.First.Items {
			var exact string
			start, end := -1, -1
			for _, sel := range it.Target.Selector {
				switch sel["type"] {
				case "TextQuoteSelector":
					exact, _ = sel["exact"].(string)
				case "TextPositionSelector":
					s, _ := sel["start"].(float64)
					e, _ := sel["end"].(float64)
					start, end = int(s), int(e)
				}
			}
			slice(start, end, exact)
		}
	case FormatCSV:
		for _, name := range []string{"quotes.csv", "clusters.csv"} {
			recs, err := csv.NewReader(strings.NewReader(read(filepath.Join(out, name)))).ReadAll()
			if err != nil {
				t.Fatalf("csv: %s: %v", name, err)
			}
			for _, r := range recs {
				for _, cell := range r {
					if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
						t.Fatalf("csv: %s: cell %q would run as a formula", name, cell)
					}
				}
			}
			if name == "quotes.csv" {
				if len(recs) != 2 {
					t.Fatalf("csv: quotes.csv has %d rows, want a header and one quotation", len(recs))
				}
				s, _ := strconv.Atoi(recs[1][8])
				e, _ := strconv.Atoi(recs[1][9])
				// A cell that would start a formula was written with a ' first.
				if q := recs[1][3]; model.RuneSlice(text, s, e) != q {
					slice(s, e, strings.TrimPrefix(q, "'"))
				}
			}
		}
	}
}
