package corpus

import (
	"bytes"
	"errors"
	"io/fs"
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
	fzCheckGraphemes(t, a.Raw, a.Removed)
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
