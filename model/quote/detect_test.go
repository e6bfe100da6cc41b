package quote

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"storydesk/model"
)

// Fixtures: testdata/quotes/NAME.txt is news prose written for these tests;
// NAME.json lists every quotation the detector must report, in order, with
// its kind and speaker ("" for none); role, cue and via are checked when
// given, "unclosed" expects no closing mark, "nested" a nested quotation.

type qFixture struct {
	Nested bool `json:"nested"`
	Quotes []struct {
		Text     string  `json:"text"`
		Kind     string  `json:"kind"`
		Speaker  string  `json:"speaker"`
		Role     *string `json:"role"`
		Cue      *string `json:"cue"`
		Via      *string `json:"via"`
		Unclosed bool    `json:"unclosed"`
		Nested   bool    `json:"nested"`
	} `json:"quotes"`
}

func TestQuoteFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "quotes", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	total := 0
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			jb, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".json")
			if err != nil {
				t.Fatal(err)
			}
			var fx qFixture
			if err := json.Unmarshal(jb, &fx); err != nil {
				t.Fatal(err)
			}
			text := string(raw)
			d := Detector{Nested: fx.Nested}
			got := d.Detect(text)
			checkQuoteInvariants(t, text, got)
			total += len(fx.Quotes)
			for i := 0; i < len(got) || i < len(fx.Quotes); i++ {
				if i >= len(got) {
					t.Errorf("missing quotation %q", fx.Quotes[i].Text)
					continue
				}
				q := got[i]
				if i >= len(fx.Quotes) {
					t.Errorf("unexpected quotation %q (%s)", q.Text, q.Kind)
					continue
				}
				w := fx.Quotes[i]
				if q.Text != w.Text {
					t.Errorf("quotation %d: %q, want %q", i, q.Text, w.Text)
					continue
				}
				if string(q.Kind) != w.Kind {
					t.Errorf("%q: kind %s, want %s", w.Text, q.Kind, w.Kind)
				}
				if q.Speaker != w.Speaker {
					t.Errorf("%q: speaker %q, want %q (role %q cue %q)", w.Text, q.Speaker, w.Speaker, q.Role, q.Cue)
				}
				if w.Role != nil && q.Role != *w.Role {
					t.Errorf("%q: role %q, want %q", w.Text, q.Role, *w.Role)
				}
				if w.Cue != nil && q.Cue != *w.Cue {
					t.Errorf("%q: cue %q, want %q", w.Text, q.Cue, *w.Cue)
				}
				if w.Via != nil && q.Via != *w.Via {
					t.Errorf("%q: via %q, want %q", w.Text, q.Via, *w.Via)
				}
				if w.Unclosed != (q.Close < 0) {
					t.Errorf("%q: close mark at %d, want unclosed=%v", w.Text, q.Close, w.Unclosed)
				}
				if w.Nested != q.Nested {
					t.Errorf("%q: nested %v, want %v", w.Text, q.Nested, w.Nested)
				}
			}
		})
	}
	if total < 60 {
		t.Errorf("only %d fixture quotations; the brief asks for at least 60", total)
	}
}

// checkQuoteInvariants: offsets are code points into text, Text is the
// slice they cover, marks sit outside it, the speaker span names a
// mention, and quotations come in text order.
func checkQuoteInvariants(t *testing.T, text string, qs []Quote) {
	t.Helper()
	n := utf8.RuneCountInString(text)
	rs := []rune(text)
	last := -1
	for _, q := range qs {
		if q.Start < 0 || q.End > n || q.Start >= q.End {
			t.Errorf("%q: bad span %d-%d", q.Text, q.Start, q.End)
			continue
		}
		if model.RuneSlice(text, q.Start, q.End) != q.Text {
			t.Errorf("Text %q is not the slice %d-%d", q.Text, q.Start, q.End)
		}
		if !q.Nested && q.Start < last {
			t.Errorf("%q out of order", q.Text)
		}
		if !q.Nested {
			last = q.Start
		}
		if q.Open < 0 || q.Open >= q.Start || qMarkFam(rs[q.Open]) == 0 && rs[q.Open] != '`' {
			t.Errorf("%q: opening mark at %d", q.Text, q.Open)
		}
		if q.Close >= 0 && (q.Close < q.End || q.Close >= n || qMarkFam(rs[q.Close]) == 0 && rs[q.Close] != '`') {
			t.Errorf("%q: closing mark at %d", q.Text, q.Close)
		}
		if (q.SpeakerStart < 0) != (q.SpeakerEnd < 0) || q.SpeakerStart > q.SpeakerEnd || q.SpeakerEnd > n {
			t.Errorf("%q: speaker span %d-%d", q.Text, q.SpeakerStart, q.SpeakerEnd)
		}
		if (q.CueStart < 0) != (q.Cue == "") || q.CueStart >= 0 &&
			strings.Join(strings.Fields(model.RuneSlice(text, q.CueStart, q.CueEnd)), " ") != q.Cue {
			t.Errorf("%q: cue %q at %d-%d", q.Text, q.Cue, q.CueStart, q.CueEnd)
		}
		if (q.EntityStart < 0) != (q.EntityEnd < 0) || q.EntityStart > q.EntityEnd || q.EntityEnd > n {
			t.Errorf("%q: entity span %d-%d", q.Text, q.EntityStart, q.EntityEnd)
		} else if q.EntityStart >= 0 {
			// it names the speaker: a word of the name at least
			name := strings.ToLower(model.RuneSlice(text, q.EntityStart, q.EntityEnd))
			shared := false
			for _, w := range strings.FieldsFunc(strings.ToLower(q.Speaker), qSpace) {
				shared = shared || slices.Contains(strings.FieldsFunc(name, qSpace), w)
			}
			if !shared {
				t.Errorf("%q: entity %q for speaker %q", q.Text, name, q.Speaker)
			}
		}
		if q.Speaker != "" && q.SpeakerStart < 0 {
			t.Errorf("%q: speaker %q without a mention", q.Text, q.Speaker)
		}
		switch q.Kind {
		case model.QuoteDirect, model.QuotePartial, model.QuoteScare:
		default:
			t.Errorf("%q: kind %q", q.Text, q.Kind)
		}
	}
}
