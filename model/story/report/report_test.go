package report_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/story"
	"storydesk/model/story/report"
)

// landslide analyses the parent package's landslide fixtures (see
// ../fixtures_test.go): a wire story, a cut, a changed copy, a rewrite.
func landslide(t *testing.T) *story.Story {
	t.Helper()
	var arts []*model.Article
	for _, n := range []string{"landslide-wire.txt", "landslide-cut.txt", "landslide-changed.txt", "landslide-rewrite.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "fixtures", n))
		if err != nil {
			t.Fatal(err)
		}
		head, body, _ := strings.Cut(string(b), "\n\n")
		a := &model.Article{ID: n, Path: "fixtures/" + n, Text: strings.TrimSpace(body)}
		for _, line := range strings.Split(head, "\n") {
			k, v, _ := strings.Cut(line, ": ")
			switch k {
			case "outlet":
				a.Source = v
			case "byline":
				a.Byline = v
			case "date":
				a.Date = v
			case "title":
				a.Title = v
			}
		}
		a.Words = model.WordCount(a.Text)
		arts = append(arts, a)
	}
	return story.Analyze("landslide-wire.txt", arts, story.AnalyzeOptions{})
}

func TestRecordJSON(t *testing.T) {
	b, err := json.Marshal(report.NewRecord(landslide(t)))
	if err != nil {
		t.Fatal(err)
	}
	var r map[string]any
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "articles", "quotes", "discrepancies", "unique", "dropped", "entities"} {
		if _, ok := r[k]; !ok {
			t.Errorf("record lacks %q", k)
		}
	}
	arts := r["articles"].([]any)
	first := arts[0].(map[string]any)
	for _, k := range []string{"id", "path", "outlet", "date", "relation", "of"} {
		if _, ok := first[k]; !ok {
			t.Errorf("article lacks %q: %v", k, first)
		}
	}
	if first["date"] != "2025-10-14T08:40:00Z" || first["relation"] != "original" || first["date_guessed"] != false {
		t.Errorf("first article: %v", first)
	}
	cut := arts[2].(map[string]any)
	if cut["relation"] != "cut" || cut["of"] != "landslide-wire.txt" || cut["date"] != "2025-10-14" || cut["date_guessed"] != true {
		t.Errorf("the cut: %v", cut)
	}
	q := r["quotes"].([]any)[1].(map[string]any)
	carriers := q["carried_by"].([]any)
	if q["speaker"] != "Piet Sandberg" || len(carriers) != 4 {
		t.Fatalf("second quotation: %v", q)
	}
	last := carriers[3].(map[string]any)
	if last["article"] != "landslide-rewrite.txt" || last["exact"] != false || last["text"] == "" {
		t.Errorf("the rewrite rewords it: %v", last)
	}
	d := r["discrepancies"].([]any)[0].(map[string]any)
	v := d["values"].([]any)[0].(map[string]any)
	if d["kind"] != "casualties" || v["value"] != "23" || len(v["articles"].([]any)) != 3 {
		t.Errorf("first discrepancy: %v", d)
	}
	m := v["mentions"].([]any)[0].(map[string]any)
	for _, k := range []string{"article", "start", "end", "sentence_start", "sentence_end", "sentence"} {
		if _, ok := m[k]; !ok {
			t.Errorf("mention lacks %q", k)
		}
	}
	empty, _ := json.Marshal(report.NewRecord(&story.Story{ID: "x"}))
	if strings.Contains(string(empty), "null") {
		t.Errorf("empty lists are [] not null: %s", empty)
	}
}

func TestMarkdown(t *testing.T) {
	md := report.Markdown(landslide(t))
	for _, want := range []string{
		"# Landslide buries homes in Tollen, killing at least 23\n",
		"## Timeline\n", "| # | Outlet | Date | Byline | Words | Relation | Article |",
		"| 1 | Nordwire | 2025-10-14T08:40:00Z | Hanna Orvik |",
		"| cut of [1] | `landslide-cut.txt` |",
		"copy of [1], 3 changes",
		"## Quotations\n", "| Quotation | Speaker | 1 | 2 | 3 | 4 |",
		"| “We heard a sound like a train and then the lights went out” | Marta Kovel | ✓ | ✓ | ✓ | ✓ |",
		"### Reworded", "~~available~~",
		"## Discrepancies\n", "### casualties: Tuesday, killing at least N people", "- **23**: [1] Nordwire, [3] Brask Evening Post, [4] Valley Courier",
		"### title: Piet Sandberg", "- **Deputy Governor**: [4] Valley Courier",
		"## Only in one article\n", "- [4] Valley Courier: Anna Lind, a primary school teacher",
		"## Dropped by cut copies\n", "- [1] Nordwire, left out by [3] Brask Evening Post: The national weather office",
		"## Entities\n", "| Piet Sandberg |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(md)
	}
}

func TestMarkdownEscapesArticleText(t *testing.T) {
	evil := "Evil | <script>alert(1)</script> *bold* [link](x) `code` \x1b[31mred\x1b]0;title\x07\u202e"
	a := &model.Article{ID: "a|`b`.txt", Source: evil, Title: evil, Byline: evil,
		Text: "“" + evil + " we said so,” said Anna Berg.\n\nAnna Berg left."}
	b := &model.Article{ID: "b", Source: "Other", Text: "Anna Berg stayed. “" + evil + " we said so,” Berg said."}
	md := report.Markdown(story.Analyze("s", []*model.Article{a, b}, story.AnalyzeOptions{}))
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "<script>", "| <", " *bold* ", "[link](x)"} {
		if strings.Contains(md, bad) {
			t.Errorf("report keeps %q:\n%s", bad, md)
		}
	}
	if !strings.Contains(md, `Evil \| \<script\>`) {
		t.Errorf("text should be escaped, not dropped:\n%s", md)
	}
	// Every timeline row keeps its eight cell borders.
	timeline := md[strings.Index(md, "## Timeline"):strings.Index(md, "## Quotations")]
	for _, line := range strings.Split(timeline, "\n") {
		if strings.HasPrefix(line, "| ") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 8 {
			t.Errorf("a cell broke its table: %q", line)
		}
	}
}
