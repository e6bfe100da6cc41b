package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"storydesk/data/corpus"
	"storydesk/data/export"
	"storydesk/data/store"
	"storydesk/model"
)

// Fuzz targets for the importers: whatever a span JSONL file or a brat
// .txt/.ann pair holds, the import must not panic; every problem names the
// file (and line) in one safe line; every span stored lies inside its text
// and slices it to its own text; and what was imported, exported and
// imported again into a fresh store is the same spans.

// fzStore opens a fresh throw-away store: a copy of an empty store made
// once per process, so that an input does not pay for the migrations three
// times (the store's open and schema checks still run on the copy).
func fzStore(t *testing.T) *store.SQLite {
	t.Helper()
	fzEmpty.once.Do(func() {
		dir, err := os.MkdirTemp("", "storydesk-fuzz-")
		if err != nil {
			fzEmpty.err = err
			return
		}
		defer os.RemoveAll(dir)
		p := filepath.Join(dir, "empty.db")
		s, err := store.OpenSQLiteWith(p, "fuzzer", store.SQLiteOptions{NoSync: true})
		if err != nil {
			fzEmpty.err = err
			return
		}
		if fzEmpty.err = s.Close(); fzEmpty.err == nil {
			fzEmpty.b, fzEmpty.err = os.ReadFile(p)
		}
	})
	if fzEmpty.err != nil {
		t.Fatal(fzEmpty.err)
	}
	p := filepath.Join(t.TempDir(), "f.db")
	if err := os.WriteFile(p, fzEmpty.b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.OpenSQLiteWith(p, "fuzzer", store.SQLiteOptions{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fzEmpty is the empty store fzStore copies.
var fzEmpty struct {
	once sync.Once
	b    []byte
	err  error
}

func fzCheckProblem(t *testing.T, p corpus.Problem) {
	t.Helper()
	s := p.String()
	if p.Path == "" || strings.TrimSpace(p.Reason) == "" || !utf8.ValidString(s) {
		t.Fatalf("problem without file or reason, or not UTF-8: %q", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			t.Fatalf("problem holds control %U: %q", r, s)
		}
	}
}

// fzSpans exports s as jsonl and returns each article's spans, keyed by
// text, checking that every span slices its text to its own text.
func fzSpans(t *testing.T, s *store.SQLite) map[string][]jsonlSpan {
	t.Helper()
	_, b := exExport(t, s, export.Options{Format: export.FormatJSONL})
	out := map[string][]jsonlSpan{}
	for _, r := range exJSONL(t, b) {
		n := model.RuneLen(r.Text)
		for _, sp := range r.Spans {
			if sp.Start < 0 || sp.End > n || sp.Start >= sp.End {
				t.Fatalf("span %d–%d outside the text (%d code points)", sp.Start, sp.End, n)
			}
			if got := model.RuneSlice(r.Text, sp.Start, sp.End); got != sp.Text {
				t.Fatalf("span %d–%d slices to %q, says %q", sp.Start, sp.End, got, sp.Text)
			}
		}
		spans := append([]jsonlSpan(nil), r.Spans...)
		for i := range spans {
			if spans[i].Canonical == spans[i].Text {
				spans[i].Canonical = "" // the same name: brat writes no note for it
			}
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
		out[r.Text] = append(out[r.Text], spans...)
	}
	return out
}

// fzRoundTrip exports s in format, imports that into a fresh store and
// checks the spans come back the same.
func fzRoundTrip(t *testing.T, s *store.SQLite, want map[string][]jsonlSpan, format string) {
	t.Helper()
	s2 := fzStore(t)
	switch format {
	case export.FormatJSONL:
		_, b := exExport(t, s, export.Options{Format: export.FormatJSONL})
		if _, err := JSONL(ctx, s2, bytes.NewReader(b), Options{Name: "again.jsonl", Problem: func(p corpus.Problem) {
			t.Fatalf("re-importing our own export: %v", p)
		}}); err != nil {
			t.Fatal(err)
		}
	case export.FormatBrat:
		dir := filepath.Join(t.TempDir(), "again")
		exExport(t, s, export.Options{Format: export.FormatBrat, Out: dir})
		if _, err := Brat(ctx, s2, dir, Options{Problem: func(p corpus.Problem) {
			t.Fatalf("re-importing our own brat export: %v", p)
		}}); err != nil && len(want) > 0 {
			t.Fatal(err)
		}
		want = fzBratLabels(want)
	}
	if got := fzSpans(t, s2); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Fatalf("%s round trip changed the spans:\n got %+v\nwant %+v", format, got, want)
	}
}

// fzBratLabels is want with each label in brat's storage form, all a brat
// export can hold: characters outside [A-Za-z0-9_-] become '_' (a type
// read from another tool's .ann, "Quo\xa1e", comes back "QUO_E").
func fzBratLabels(want map[string][]jsonlSpan) map[string][]jsonlSpan {
	out := make(map[string][]jsonlSpan, len(want))
	for text, spans := range want {
		spans = append([]jsonlSpan(nil), spans...)
		for i := range spans {
			spans[i].Label = strings.Map(func(r rune) rune {
				if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
					return r
				}
				return '_'
			}, spans[i].Label)
		}
		out[text] = spans
	}
	return out
}

// FuzzImportJSONL imports bytes as a span JSONL file (spaCy, Prodigy or
// storydesk records).
func FuzzImportJSONL(f *testing.F) {
	for _, s := range []string{
		`{"text":"Ilse Varga met Tom Reyes in Oslo.","spans":[{"start":0,"end":10,"label":"PERSON"},{"start":28,"end":32,"label":"GPE"}]}`,
		`{"text":"Zoë 😀 met 東京 officials.","spans":[{"start":0,"end":3,"label":"person","text":"Zoë"},{"start":10,"end":12,"label":"GPE"}],"_input_hash":12,"answer":"accept"}`,
		`{"text":"rejected","spans":[],"answer":"reject"}` + "\n" + `{"text":"bad span","spans":[{"start":5,"end":99,"label":"X"}]}`,
		`{"id":"a","text":"“We will not wait,” she said.","spans":[],"quotes":[{"start":1,"end":17,"text":"We will not wait","speaker":"she"}],"status":"done"}`,
		`{"text":"Esc \u001b]0;PWNED\u0007 here","spans":[{"start":0,"end":3,"label":"P\u001b[2J"}]}` + "\n{broken\n\n" + `{"text":42}`,
		`{"text":"e\u0301lan and 👩\u200d👩\u200d👧 family","spans":[{"start":0,"end":5,"label":"WORD"}]}`,
	} {
		f.Add([]byte(s + "\n"))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s := fzStore(t)
		_, err := JSONL(ctx, s, bytes.NewReader(b), Options{Name: "f.jsonl", Problem: func(p corpus.Problem) {
			fzCheckProblem(t, p)
			if p.Line < 1 {
				t.Fatalf("a bad line without its number: %v", p)
			}
		}})
		if err != nil {
			t.Fatalf("the import stopped: %v", err)
		}
		want := fzSpans(t, s)
		fzRoundTrip(t, s, want, export.FormatJSONL)
	})
}

// FuzzImportBrat imports a brat .txt and .ann pair.
func FuzzImportBrat(f *testing.F) {
	for _, c := range [][2]string{
		{"Ilse Varga met Tom Reyes in Oslo.", "T1\tPERSON 0 10\tIlse Varga\nT2\tPERSON 15 24\tTom Reyes\nT3\tGPE 28 32\tOslo\n#1\tAnnotatorNotes T1\tcanonical: Ilse Varga\n"},
		{"“We will not wait,” said Ilse Varga.", "T1\tQuote 1 17\tWe will not wait\nT2\tPERSON 25 35\tIlse Varga\nR1\tSpeaker Arg1:T1 Arg2:T2\nA1\tKind T1 direct\n"},
		{"Zoë 😀 met 東京 officials.\nSecond line.", "T1\tPERSON 0 3\tZoë\nT2\tGPE 10 12\t東京\nT3\tORG 13 22;23 29\tofficials Second\n"},
		{"Text with a bell\x07 and \x1b[2J escapes.", "T1\tX 0 4\tText\nT2\t\x1b[2J 5 9\twith\nT3\tY 16 17\t\x07\nbad line\nT9\tZ 100 200\tfar\n"},
		{"e\u0301lan 👩\u200d👩\u200d👧 family", "T1\tWORD 0 5\te\u0301lan\nT2\tEMOJI 6 11\t👩\u200d👩\u200d👧\nE1\tEvent:T1\nN1\tReference T1 Wiki:1\tx\n"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, txt, ann string) {
		dir := filepath.Join(t.TempDir(), "brat")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "doc.txt"), []byte(txt), 0o644)
		os.WriteFile(filepath.Join(dir, "doc.ann"), []byte(ann), 0o644)
		s := fzStore(t)
		_, err := Brat(ctx, s, dir, Options{Problem: func(p corpus.Problem) { fzCheckProblem(t, p) }})
		if err != nil {
			t.Fatalf("the import stopped: %v", err)
		}
		want := fzSpans(t, s)
		fzRoundTrip(t, s, want, export.FormatJSONL)
		fzRoundTrip(t, s, want, export.FormatBrat)
	})
}
