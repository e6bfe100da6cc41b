package story_test

import (
	"os"
	"path/filepath"
	"testing"

	"storydesk/model"
	"storydesk/model/story"
)

// FuzzAnalyze analyses a story of two texts: no panic, and every offset it
// gives lies in its article and slices it to the text given with it.
func FuzzAnalyze(f *testing.F) {
	wire, _ := os.ReadFile(filepath.Join("testdata", "fixtures", "landslide-wire.txt"))
	rewrite, _ := os.ReadFile(filepath.Join("testdata", "fixtures", "landslide-rewrite.txt"))
	f.Add(string(wire), string(rewrite))
	f.Add("“A b c d,” said X Y. 42 people died.", "“A b c d e,” X Y said. At least 43 people died on Tuesday.")
	f.Add("Governor Ann Lee, 52, said “no”.\n\n€1.5 million", "Deputy Governor Ann Lée, 53, said “no.”")
	f.Add("\u202e“\x00”\n\n\n", "“”“”\"\"«»")
	f.Add("The fund is worth 3 million.", "The fund is worth 4 million.")
	f.Fuzz(func(t *testing.T, a, b string) {
		arts := []*model.Article{
			{ID: "a", Text: model.Sanitize(a)},
			{ID: "b", Text: model.Sanitize(b), Date: "2026-03-03"},
		}
		text := map[string]string{"a": arts[0].Text, "b": arts[1].Text}
		s := story.Analyze("s", arts, story.AnalyzeOptions{})
		in := func(what, id string, start, end int) {
			if n := model.RuneLen(text[id]); start < 0 || end < start || end > n {
				t.Fatalf("%s: %d:%d outside %s (%d code points)", what, start, end, id, n)
			}
		}
		for _, q := range s.Quotes {
			in("quotation", q.Article, q.Start, q.End)
			for _, c := range q.Cells {
				if c.Carry == story.CarryMissing {
					continue
				}
				in("cell", c.Article, c.Start, c.End)
				if model.RuneSlice(text[c.Article], c.Start, c.End) != c.Text {
					t.Fatalf("cell %q is not its text", c.Text)
				}
			}
		}
		for _, d := range s.Discrepancies {
			for _, v := range d.Values {
				for _, m := range v.Mentions {
					in("mention", m.Article, m.Start, m.End)
					in("sentence", m.Article, m.SentStart, m.SentEnd)
					if model.RuneSlice(text[m.Article], m.SentStart, m.SentEnd) != m.Sentence {
						t.Fatalf("sentence %q is not its text", m.Sentence)
					}
				}
			}
		}
		for _, p := range append(s.Unique, s.Dropped...) {
			in("passage", p.Article, p.Start, p.End)
			if model.RuneSlice(text[p.Article], p.Start, p.End) != p.Text {
				t.Fatalf("passage %q is not its text", p.Text)
			}
		}
	})
}
