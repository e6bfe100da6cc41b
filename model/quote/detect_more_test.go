package quote

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/model"
)

func TestQuoteEmptyAndPlain(t *testing.T) {
	if q := Detect(""); q != nil {
		t.Errorf("empty text: %v", q)
	}
	plain := "The minister's plan was approved on Tuesday. It's the students' union, not the teachers', that objected.\n\nNothing here is quoted."
	if q := Detect(plain); len(q) != 0 {
		t.Errorf("apostrophes read as quotations: %+v", q)
	}
	// inch marks and feet in product copy
	specs := "The 34\" monitor and the 65\" TV ship with a 6' cable.\n\nBoth are 22\" deep."
	if q := Detect(specs); len(q) != 0 {
		t.Errorf("inch marks read as quotations: %+v", q)
	}
}

func TestQuoteOptions(t *testing.T) {
	text := "Critics called it a 'stitch-up'. “He said ‘no’ twice,” Smith said."
	def := Detect(text)
	if len(def) != 2 || def[0].Text != "stitch-up" || def[1].Text != "He said ‘no’ twice" {
		t.Fatalf("default: %+v", def)
	}
	d := Detector{NoSingles: true}
	if q := d.Detect(text); len(q) != 1 || q[0].Text != "He said ‘no’ twice" {
		t.Errorf("NoSingles: %+v", q)
	}
	d = Detector{Nested: true}
	q := d.Detect(text)
	if len(q) != 3 || q[2].Text != "no" || !q[2].Nested || q[2].Kind != model.QuoteScare || q[2].SpeakerStart != -1 {
		t.Errorf("Nested: %+v", q)
	}
}

// TestQuoteLineBreaks: CRLF text and hard-wrapped lines read like the same
// text with plain breaks.
func TestQuoteLineBreaks(t *testing.T) {
	plain := "“We will not wait any longer for the ministry to act,” said Ana Torres, a teacher.\n\nShe left."
	crlf := strings.ReplaceAll(plain, "\n", "\r\n")
	wrapped := "“We will not wait any longer for\nthe ministry to act,” said Ana Torres, a teacher.\n\nShe left."
	for name, text := range map[string]string{"crlf": crlf, "wrapped": wrapped} {
		q := Detect(text)
		if len(q) != 1 || q[0].Speaker != "Ana Torres" || q[0].Kind != model.QuoteDirect {
			t.Errorf("%s: %+v", name, q)
			continue
		}
		if got := strings.Join(strings.Fields(q[0].Text), " "); got != "We will not wait any longer for the ministry to act" {
			t.Errorf("%s: text %q", name, q[0].Text)
		}
	}
}

// TestQuoteUnbalancedNeverSwallows: whatever stray marks a scraped text
// holds, a quotation stays inside its paragraph unless every paragraph it
// runs into opens with a mark (the multi-paragraph convention), and an
// unclosed one ends at its paragraph's end (or where the next quotation
// opens: then the first lost its closing mark).
func TestQuoteUnbalancedNeverSwallows(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	marks := []string{"“", "”", "\"", "'", "‘", "’", "«", "»", "„"}
	words := strings.Fields("the minister said that talks would resume on Monday but critics were not convinced and the union called a strike")
	for n := 0; n < 400; n++ {
		var b strings.Builder
		paras := 2 + r.IntN(6)
		for p := 0; p < paras; p++ {
			if p > 0 {
				b.WriteString("\n\n")
			}
			for w := 0; w < 5+r.IntN(25); w++ {
				if w > 0 {
					b.WriteByte(' ')
				}
				if r.IntN(6) == 0 {
					b.WriteString(marks[r.IntN(len(marks))])
				}
				b.WriteString(words[r.IntN(len(words))])
				if r.IntN(7) == 0 {
					b.WriteString(marks[r.IntN(len(marks))])
				}
				if r.IntN(9) == 0 {
					b.WriteString(".")
				}
			}
		}
		text := b.String()
		qs := Detect(text)
		checkQuoteInvariants(t, text, qs)
		rs := []rune(text)
		for _, q := range qs {
			seg := string(rs[q.Start:q.End])
			parts := strings.Split(seg, "\n\n")
			for _, p := range parts[1:] {
				if p == "" || qMarkFam([]rune(p)[0]) == 0 {
					t.Fatalf("quotation runs into a paragraph that does not open with a mark:\n%q\nin\n%q", seg, text)
				}
			}
			if q.Close < 0 {
				end := q.End
				for end < len(rs) && rs[end] != '\n' && qMarkFam(rs[end]) == 0 {
					if !qSpace(rs[end]) && rs[end] != ',' {
						t.Fatalf("unclosed quotation %q stops before its paragraph ends in\n%q", seg, text)
					}
					end++
				}
			}
		}
	}
}

// TestQuoteSeeds reads the five seed articles of the shared workspace (one
// story from five outlets; never copied into the project):
// testdata/quotes/seeds_gold.json gives, per file, only the span, speaker
// and kind of each of its quotations. Every one must be found with its
// speaker and kind, and nothing else reported.
func TestQuoteSeeds(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(files) == 0 {
		t.Skip("seeds not present in ../../../shared/seeds (only present in the shared workspace)")
	}
	gb, err := os.ReadFile(filepath.Join("testdata", "quotes", "seeds_gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold map[string][]struct {
		qGold
		Kind model.QuoteKind `json:"kind"`
	}
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	found, total := 0, 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		text := model.Sanitize(string(raw))
		qs := Detect(text)
		checkQuoteInvariants(t, text, qs)
		gs, ok := gold[name]
		if !ok {
			t.Errorf("%s: no gold", name)
			continue
		}
		if len(qs) != len(gs) {
			t.Errorf("%s: %d quotations, want %d", name, len(qs), len(gs))
		}
		for _, g := range gs {
			total++
			var q *Quote
			for i := range qs {
				if qOverlap(qs[i].Start, qs[i].End, g.Start, g.End) >= 0.8 {
					q = &qs[i]
				}
			}
			if q == nil {
				t.Errorf("%s: quotation %d-%d not found", name, g.Start, g.End)
				continue
			}
			if ok, _ := qSameSpeaker(q.Speaker, g.Speaker); !ok {
				t.Errorf("%s: %q speaker %q, want %q", name, q.Text, q.Speaker, g.Speaker)
				continue
			}
			if q.Kind != g.Kind {
				t.Errorf("%s: %q kind %s, want %s", name, q.Text, q.Kind, g.Kind)
				continue
			}
			found++
		}
	}
	t.Logf("seeds: %d of %d quotations found with their speaker and kind", found, total)
}

func FuzzDetectQuotes(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "quotes", "*.txt"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("“unclosed\n\n“continued\n\n”")
	f.Add("'' '' ‘‘ `` » « „ “ ” ’ '")
	f.Add("Mr. . Dr. Smith said: \"")
	f.Add("“e\u0301 accent” and “👩\u200d👩\u200d👧 family” said 🇳🇴 Ola\u0308.")
	f.Fuzz(func(t *testing.T, text string) {
		qs := Detect(text)
		checkQuoteInvariants(t, text, qs)
		checkQuoteGraphemes(t, text, qs)
		d := Detector{Nested: true}
		d.Detect(text)
	})
}

// TestQuoteSeedsCarriersSymmetric: across the seed articles (one story,
// five outlets, the same quotations reworded, cut and translated
// differently), a quotation of one is found from another's exactly when
// that one's is found from it.
func TestQuoteSeedsCarriersSymmetric(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(files) == 0 {
		t.Skip("seeds not present in ../../../shared/seeds (only present in the shared workspace)")
	}
	texts := make([]string, len(files))
	quotes := make([][]Quote, len(files))
	for i, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[i] = model.Sanitize(string(raw))
		quotes[i] = Detect(texts[i])
	}
	pairs := 0
	for i := range files {
		for j := range files {
			if i >= j {
				continue
			}
			for _, qa := range quotes[i] {
				for _, qb := range quotes[j] {
					ab := qmHits(FindCarriers(qa.Text, texts[j]), qb)
					ba := qmHits(FindCarriers(qb.Text, texts[i]), qa)
					if ab != ba {
						t.Errorf("%s %q → %s %q: %v one way, %v the other", filepath.Base(files[i]), qa.Text,
							filepath.Base(files[j]), qb.Text, ab, ba)
					}
					if ab && ba {
						pairs++
					}
				}
			}
		}
	}
	t.Logf("%d pairs of quotations carry each other", pairs)
}
