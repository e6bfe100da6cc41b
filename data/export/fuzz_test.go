package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
)

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
	// This fuzzes the writers, not durability: no fsync per action.
	s, err := store.OpenSQLiteWith(filepath.Join(dir, "fuzz.db"), "fuzzer", store.SQLiteOptions{NoSync: true})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
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
		ops := []store.Op{{Kind: store.OpAddSpan, Article: id, Span: model.Span{Start: s1, End: e1, Label: label, Text: string(rs[s1:e1]), Canonical: model.SanitizeLine(speaker)}}}
		if s2 := e1 + int(c)%4; s2 < len(rs) {
			e2 := s2 + 1 + int(d)%(len(rs)-s2)
			ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: id, Span: model.Span{Start: s2, End: e2, Label: label + "2", Text: string(rs[s2:e2])}})
		}
		qs := int(c) % len(rs)
		qe := qs + 1 + int(a)%(len(rs)-qs)
		ops = append(ops, store.Op{Kind: store.OpAddQuote, Article: id, Quote: model.QuoteAnn{Start: qs, End: qe, Text: string(rs[qs:qe]), Speaker: model.SanitizeLine(speaker)}})
		if _, err := s.Do(ctx, store.Action{Name: "fuzz", Article: art, Ops: ops}); err != nil {
			t.Fatalf("Do: %v", err)
		}
		corpus := &corpus.Corpus{Items: []corpus.Item{{ID: id}}}
		tmp := t.TempDir()
		for _, format := range Formats {
			out := filepath.Join(tmp, format)
			opts := Options{Format: format, Out: out, Corpus: corpus}
			var stdout bytes.Buffer
			if !ToDir(format) {
				// To stdout: a file export would fsync, a few per second.
				opts.Out, opts.Stdout = "", &stdout
			}
			var problems []string
			opts.Problem = func(p string) { problems = append(problems, p) }
			st, err := Write(ctx, s, opts)
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if !ToDir(format) {
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

func fzBidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}
