package story_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"storydesk/model"
	"storydesk/model/ner"
	"storydesk/model/story"
	"storydesk/model/textdiff"
)

var (
	nerOnce  sync.Once
	nerModel *ner.Model
)

func tagger(t testing.TB) *ner.Model {
	nerOnce.Do(func() {
		m, err := ner.Load()
		if err != nil {
			t.Fatal(err)
		}
		nerModel = m
	})
	return nerModel
}

// landslideStory analyses the four landslide fixtures.
func landslideStory(t testing.TB) (*story.Story, map[string]*model.Article) {
	t.Helper()
	arts := map[string]*model.Article{}
	var list []*model.Article
	for _, n := range landslide {
		a := fixture(t, n)
		arts[n] = a
		list = append(list, a)
	}
	return story.Analyze("landslide", list, story.AnalyzeOptions{NER: tagger(t)}), arts
}

func articleOf(s *story.Story, id string) story.Article {
	for _, a := range s.Articles {
		if a.ID == id {
			return a
		}
	}
	return story.Article{}
}

func TestTimelineAndRelations(t *testing.T) {
	s, _ := landslideStory(t)
	var order []string
	for _, a := range s.Articles {
		order = append(order, a.ID)
	}
	// By date: on Tuesday the wire at 08:40 and the changed copy at 11:05,
	// then the cut (its date a guess, the day without a time: after the
	// original and its copy), the rewrite the next morning.
	want := []string{"landslide-wire.txt", "landslide-changed.txt", "landslide-cut.txt", "landslide-rewrite.txt"}
	if !reflect.DeepEqual(order, want) {
		t.Errorf("timeline = %v, want %v", order, want)
	}
	wire, changed, cut, rewrite := articleOf(s, want[0]), articleOf(s, want[1]), articleOf(s, want[2]), articleOf(s, want[3])
	if wire.Relation != story.RelOriginal || wire.Of != "" || wire.Outlet != "Nordwire" || wire.Byline != "Hanna Orvik" {
		t.Errorf("wire: %+v", wire)
	}
	if cut.Relation != story.RelCut || cut.Of != wire.ID || cut.Containment < 0.95 {
		t.Errorf("cut: %+v", cut)
	}
	if changed.Relation != story.RelCopy || changed.Of != wire.ID || changed.Edits != 3 {
		t.Errorf("changed copy (three figures changed): %+v", changed)
	}
	if rewrite.Relation != story.RelRewrite || rewrite.Of != wire.ID || rewrite.Containment >= 0.5 {
		t.Errorf("rewrite: %+v", rewrite)
	}
	if wire.Guessed() || !wire.HasTime || wire.Date.Hour() != 8 || wire.DateFrom != story.DateMetadata {
		t.Errorf("the wire's date is its metadata's: %+v", wire)
	}
	if !cut.Guessed() || cut.DateFrom != story.DateWeekday || cut.Date.Format("2006-01-02") != "2025-10-14" || !strings.Contains(cut.DateNote, "Tuesday") {
		t.Errorf("the undated cut says Tuesday, the day of the wire: %+v", cut)
	}
	if cut.Outlet != "Brask Evening Post" || cut.Words == 0 || cut.Length != utf8.RuneCountInString(fixture(t, cut.ID).Text) {
		t.Errorf("cut: %+v", cut)
	}
}

func TestDatesFromText(t *testing.T) {
	dated := &model.Article{ID: "a", Text: "Officials met on Monday.", Removed: []model.Removed{
		{Reason: model.ReasonEmbed, Text: "— Mayor (@mayor) November 11, 2025"}}}
	datelined := &model.Article{ID: "b", Text: "The port reopened.", Meta: map[string]string{"dateline": "KARVIK, March 2, 2026"}}
	weekday := &model.Article{ID: "c", Text: "Talks broke down late Sunday, and the union said Monday it would strike.\n\nIn 2019 a Friday strike closed the port."}
	none := &model.Article{ID: "d", Text: "Nothing here says when."}
	s := story.Analyze("x", []*model.Article{dated, datelined, weekday, none}, story.AnalyzeOptions{})
	got := map[string]string{}
	for _, a := range s.Articles {
		got[a.ID] = a.DateFrom + " " + a.Date.Format("2006-01-02")
	}
	want := map[string]string{
		"a": "text 2025-11-11", "b": "dateline 2026-03-02",
		// The lead's latest weekday (Monday), in the week of the earliest
		// dated article (Tuesday 11 November).
		"c": "weekday 2025-11-10",
		"d": " 0001-01-01",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dates:\n got %v\nwant %v", got, want)
	}
	if last := s.Articles[len(s.Articles)-1]; last.ID != "d" {
		t.Errorf("undated articles come last: %v", s.Articles)
	}
}

func TestParseDate(t *testing.T) {
	if d, ok := story.ParseDate("2025-10-14T08:40:00Z"); !ok || !d.Equal(time.Date(2025, 10, 14, 8, 40, 0, 0, time.UTC)) {
		t.Errorf("ParseDate = %v %v", d, ok)
	}
	for _, s := range []string{"March 3, 2026", "3 March 2026", "2026-03-03", "Tue, 03 Mar 2026 10:00:00 +0000"} {
		if d, ok := story.ParseDate(s); !ok || d.Year() != 2026 || d.Month() != 3 || d.Day() != 3 {
			t.Errorf("ParseDate(%q) = %v %v", s, d, ok)
		}
	}
	if _, ok := story.ParseDate("last week"); ok {
		t.Error("ParseDate read a date from nothing")
	}
}

func TestOutlet(t *testing.T) {
	footer := &model.Article{ID: "f", Text: "x", Byline: "Tomas Rehn, Associated Press",
		Removed: []model.Removed{{Reason: model.ReasonFooter, Text: "© 2026 The Coastal Herald. All rights reserved."}}}
	byline := &model.Article{ID: "b", Text: "x", Byline: "Tomas Rehn, Associated Press"}
	source := &model.Article{ID: "s", Text: "x", Source: "Halvard Gazette", Byline: "Nora Vikström"}
	person := &model.Article{ID: "p", Text: "x", Byline: "Nora Vikström"}
	s := story.Analyze("x", []*model.Article{footer, byline, source, person}, story.AnalyzeOptions{})
	want := map[string]string{"f": "The Coastal Herald", "b": "Associated Press", "s": "Halvard Gazette", "p": ""}
	for _, a := range s.Articles {
		if a.Outlet != want[a.ID] {
			t.Errorf("%s: outlet %q, want %q", a.ID, a.Outlet, want[a.ID])
		}
	}
}

// cellsOf gives a row's carry per article.
func cellsOf(r story.QuoteRow) map[string]story.Carry {
	m := map[string]story.Carry{}
	for _, c := range r.Cells {
		m[c.Article] = c.Carry
	}
	return m
}

func TestQuoteMatrix(t *testing.T) {
	s, arts := landslideStory(t)
	rows := map[string]story.QuoteRow{}
	for _, r := range s.Quotes {
		rows[r.Text] = r
		if len(r.Cells) != len(s.Articles) {
			t.Fatalf("row %q has %d cells for %d articles", r.Text, len(r.Cells), len(s.Articles))
		}
		for i, c := range r.Cells {
			if c.Article != s.Articles[i].ID {
				t.Fatalf("cells are in timeline order: %v", r.Cells)
			}
			if c.Carry != story.CarryMissing && model.RuneSlice(arts[c.Article].Text, c.Start, c.End) != c.Text {
				t.Errorf("cell text %q is not at %d:%d of %s", c.Text, c.Start, c.End, c.Article)
			}
		}
	}
	train := rows["We heard a sound like a train and then the lights went out"]
	if train.Carriers() != 4 || train.Speaker != "Marta Kovel" || s.Quotes[0].Text != train.Text {
		t.Errorf("the quotation all four carry comes first, with its speaker: %+v", s.Quotes[0])
	}
	for _, c := range train.Cells {
		if c.Carry != story.CarryExact || !c.Quoted {
			t.Errorf("carried exactly by all: %+v", c)
		}
	}
	dig := rows["Every available team is digging, and we will not leave anyone under that mud"]
	want := map[string]story.Carry{"landslide-wire.txt": story.CarryExact, "landslide-cut.txt": story.CarryExact,
		"landslide-changed.txt": story.CarryExact, "landslide-rewrite.txt": story.CarryReworded}
	if got := cellsOf(dig); !reflect.DeepEqual(got, want) || dig.Speaker != "Piet Sandberg" {
		t.Fatalf("the governor's quotation, reworded by the rewrite in two sentences: %v %q", got, dig.Speaker)
	}
	re := dig.Cells[3]
	if re.Text != "Every team we have is digging. We will not leave anyone under the mud" || len(re.Diff) == 0 {
		t.Errorf("reworded cell: %+v", re)
	}
	// The diff tiles both wordings: what changed is "available", "and",
	// "that" → "we have", "the".
	var del, ins []string
	for _, op := range re.Diff {
		switch op.Kind {
		case textdiff.Delete:
			del = append(del, model.RuneSlice(dig.Text, op.A0, op.A1))
		case textdiff.Insert:
			ins = append(ins, model.RuneSlice(re.Text, op.B0, op.B1))
		}
	}
	if !slices.Contains(del, "available") || !slices.Contains(ins, "we have") {
		t.Errorf("diff deletes %q, inserts %q", del, ins)
	}
	sun := rows["When the sun came up, half of our street was gone."]
	if got := cellsOf(sun); got["landslide-rewrite.txt"] != story.CarryMissing || sun.Carriers() != 3 {
		t.Errorf("the rewrite leaves out Kovel's second sentence: %v", got)
	}
	for i := 1; i < len(s.Quotes); i++ {
		if s.Quotes[i].Carriers() > s.Quotes[i-1].Carriers() {
			t.Errorf("rows are ordered by carriers: %d after %d", s.Quotes[i].Carriers(), s.Quotes[i-1].Carriers())
		}
	}
}

func TestQuoteCarriedWithoutMarks(t *testing.T) {
	a := &model.Article{ID: "a", Text: "“The water will not reach the old town tonight,” the mayor said."}
	b := &model.Article{ID: "b", Text: "The mayor said the water will not reach the old town tonight, and residents stayed."}
	s := story.Analyze("x", []*model.Article{a, b}, story.AnalyzeOptions{})
	if len(s.Quotes) != 1 {
		t.Fatalf("rows: %+v", s.Quotes)
	}
	c := cellsOf(s.Quotes[0])
	if c["b"] != story.CarryExact || s.Quotes[0].Cells[slices.IndexFunc(s.Quotes[0].Cells, func(c story.QuoteCell) bool { return c.Article == "b" })].Quoted {
		t.Errorf("b carries the words as its own prose: %+v", s.Quotes[0].Cells)
	}
}

// discrepancy finds the discrepancy of a kind whose values include want.
func discrepancy(s *story.Story, kind string, want ...string) (story.Discrepancy, bool) {
	for _, d := range s.Discrepancies {
		if d.Kind != kind {
			continue
		}
		var vs []string
		for _, v := range d.Values {
			vs = append(vs, v.Value)
		}
		if reflect.DeepEqual(vs, want) {
			return d, true
		}
	}
	return story.Discrepancy{}, false
}

func TestDiscrepancies(t *testing.T) {
	s, arts := landslideStory(t)
	var kinds []string
	for _, d := range s.Discrepancies {
		kinds = append(kinds, d.Kind+" "+d.Context)
	}
	// Exactly these: nothing else the articles state differs.
	want := []string{
		"casualties Tuesday, killing at least N people and leaving 40 others",
		"age said Marta Kovel, N, who escaped with her",
		"count Governor Piet Sandberg said N firefighters, soldiers and volunteers",
		"money the government would release N in emergency aid and",
		"name Ruth Halle",
		"title Piet Sandberg",
	}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("discrepancies:\n got %q\nwant %q", kinds, want)
	}
	dead, ok := discrepancy(s, story.KindCasualties, "23", "25")
	if !ok {
		t.Fatalf("23 vs 25 killed: %+v", s.Discrepancies)
	}
	// The rewrite's "At least 23 people were killed" lines up with the
	// wire's "killing at least 23 people" by its context.
	if got := dead.Values[0].Articles; !reflect.DeepEqual(got, []string{"landslide-wire.txt", "landslide-cut.txt", "landslide-rewrite.txt"}) {
		t.Errorf("who says 23: %v", got)
	}
	if got := dead.Values[1].Articles; !reflect.DeepEqual(got, []string{"landslide-changed.txt"}) {
		t.Errorf("who says 25: %v", got)
	}
	for _, v := range dead.Values {
		for _, m := range v.Mentions {
			text := arts[m.Article].Text
			if model.RuneSlice(text, m.Start, m.End) != v.Value {
				t.Errorf("mention %+v does not slice to %q", m, v.Value)
			}
			if sent := model.RuneSlice(text, m.SentStart, m.SentEnd); !strings.Contains(sent, v.Value) || !strings.HasSuffix(sent, ".") {
				t.Errorf("sentence %q", sent)
			}
		}
	}
	if _, ok := discrepancy(s, story.KindMoney, "€12 million", "€15 million"); !ok {
		t.Error("the aid figure")
	}
	if _, ok := discrepancy(s, story.KindAge, "52", "53"); !ok {
		t.Error("the witness's age")
	}
	if _, ok := discrepancy(s, story.KindName, "Ruth Halle", "Ruth Hallé"); !ok {
		t.Error("the geologist's name, with and without its accent")
	}
	if d, ok := discrepancy(s, story.KindTitle, "Governor", "Deputy Governor"); !ok || d.Values[1].Articles[0] != "landslide-rewrite.txt" {
		t.Errorf("the governor's title: %+v", d)
	}
}

func TestTitleChangesOffice(t *testing.T) {
	a := &model.Article{ID: "a", Text: "President Anna Berg said the talks would go on. Berg spoke in Halvard."}
	b := &model.Article{ID: "b", Text: "The talks will go on, former President Anna Berg said in Halvard."}
	s := story.Analyze("x", []*model.Article{a, b}, story.AnalyzeOptions{})
	d, ok := discrepancy(s, story.KindTitle, "President", "former President")
	if !ok || d.Context != "Anna Berg" {
		t.Fatalf("President vs former President: %+v", s.Discrepancies)
	}
	if m := d.Values[1].Mentions[0]; model.RuneSlice(b.Text, m.Start, m.End) != "former President Anna Berg" {
		t.Errorf("the mention covers title and name: %+v", m)
	}
}

func TestNoDiscrepancyForStyle(t *testing.T) {
	a := &model.Article{ID: "a", Text: "U.S. Treasury Secretary Anna Berg said the fund held $4,000 million, up 12%. Officials at the U.S. embassy agreed."}
	b := &model.Article{ID: "b", Text: "Treasury Secretary Anna Berg said the fund held $4000 million, up 12 percent. Officials at the US embassy agreed."}
	s := story.Analyze("x", []*model.Article{a, b}, story.AnalyzeOptions{})
	if len(s.Discrepancies) != 0 {
		t.Errorf("typography and a less specific title are not discrepancies: %+v", s.Discrepancies)
	}
}

func TestUniqueAndDropped(t *testing.T) {
	s, arts := landslideStory(t)
	var unique []string
	for _, p := range s.Unique {
		if model.RuneSlice(arts[p.Article].Text, p.Start, p.End) != p.Text {
			t.Errorf("passage %q is not at its offsets", p.Text)
		}
		unique = append(unique, p.Article+": "+p.Text[:min(len(p.Text), 30)])
	}
	// Only the rewrite adds anything: the church hall, the teacher, the
	// governor's visit. The copies have nothing of their own.
	want := []string{
		"landslide-rewrite.txt: The church hall in Ebbe smelle",
		"landslide-rewrite.txt: Deputy Governor Piet Sandberg,",
		"landslide-rewrite.txt: Anna Lind, a primary school te",
	}
	if !reflect.DeepEqual(unique, want) {
		t.Errorf("unique:\n got %q\nwant %q", unique, want)
	}
	// The cut dropped the wire's last five paragraphs.
	if len(s.Dropped) != 5 {
		t.Fatalf("dropped: %+v", s.Dropped)
	}
	for _, p := range s.Dropped {
		if p.Article != "landslide-wire.txt" || p.By != "landslide-cut.txt" || strings.Contains(arts["landslide-cut.txt"].Text, p.Text) {
			t.Errorf("dropped %+v", p)
		}
	}
	if !strings.HasPrefix(s.Dropped[0].Text, "The national weather office") || !strings.HasPrefix(s.Dropped[4].Text, "It is the deadliest landslide") {
		t.Errorf("dropped from %q to %q", s.Dropped[0].Text, s.Dropped[4].Text)
	}
}

func TestEntities(t *testing.T) {
	s, _ := landslideStory(t)
	byText := map[string]story.Entity{}
	for _, e := range s.Entities {
		byText[e.Text] = e
	}
	sandberg := byText["Piet Sandberg"]
	if sandberg.Label != "PERSON" || len(sandberg.Articles) != 4 || !slices.Contains(sandberg.Variants, "Sandberg") {
		t.Errorf("the governor, mentioned by all four, his surname merged: %+v", sandberg)
	}
	for _, p := range sandberg.At {
		if got := model.RuneSlice(fixture(t, p.Article).Text, p.Start, p.End); !strings.Contains(got, "Sandberg") {
			t.Errorf("first mention in %s is %q", p.Article, got)
		}
	}
	if len(sandberg.At) != 4 || sandberg.At[0].Article != s.Articles[0].ID {
		t.Errorf("a first mention per article, in timeline order: %+v", sandberg.At)
	}
	if halle := byText["Ruth Halle"]; len(halle.Articles) != 3 || !slices.Contains(halle.Variants, "Ruth Hallé") {
		t.Errorf("the geologist under both spellings: %+v", halle)
	}
	if lind := byText["Anna Lind"]; !reflect.DeepEqual(lind.Articles, []string{"landslide-rewrite.txt"}) {
		t.Errorf("the teacher only the rewrite names: %+v", lind)
	}
	for i := 1; i < len(s.Entities); i++ {
		if len(s.Entities[i].Articles) > len(s.Entities[i-1].Articles) {
			t.Errorf("entities are ordered by articles")
		}
	}
	// Without a recogniser: capitalised names, unlabelled.
	plain := story.Analyze("x", []*model.Article{fixture(t, "landslide-wire.txt"), fixture(t, "landslide-rewrite.txt")}, story.AnalyzeOptions{})
	found := false
	for _, e := range plain.Entities {
		found = found || e.Text == "Piet Sandberg" && e.Label == "" && len(e.Articles) == 2
	}
	if !found {
		t.Errorf("no recogniser: %+v", plain.Entities)
	}
}

func TestAnalyzeDeterministic(t *testing.T) {
	want, _ := landslideStory(t)
	var list []*model.Article
	for _, n := range landslide {
		list = append(list, fixture(t, n))
	}
	list = append(list, list[0], nil) // an ID twice, and a nil
	r := rand.New(rand.NewPCG(3, 4))
	for range 3 {
		r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
		if got := story.Analyze("landslide", list, story.AnalyzeOptions{NER: tagger(t)}); !reflect.DeepEqual(got, want) {
			t.Fatal("another input order, another analysis")
		}
	}
}

func TestAnalyzeSmall(t *testing.T) {
	if s := story.Analyze("empty", nil, story.AnalyzeOptions{}); len(s.Articles) != 0 || s.ID != "empty" {
		t.Errorf("no articles: %+v", s)
	}
	one := story.Analyze("one", []*model.Article{fixture(t, "korva-slide.txt")}, story.AnalyzeOptions{})
	if len(one.Articles) != 1 || one.Articles[0].Relation != story.RelOriginal || len(one.Unique) != 0 || len(one.Discrepancies) != 0 {
		t.Errorf("a story of one article: %+v", one)
	}
	if r := one.Quotes[0]; r.Carriers() != 1 || r.Speaker != "Ivo Rasmussen" {
		t.Errorf("its quotations: %+v", one.Quotes)
	}
}
