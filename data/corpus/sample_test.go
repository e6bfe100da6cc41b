package corpus

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"

	"storydesk/model"
)

// sampleArticle is what the tests know about one sample article: how its
// cleaned text must begin and end, and the noise planted in its raw text
// that must not survive cleaning.
type sampleArticle struct {
	title  string   // expected title ("" = only non-empty)
	first  string   // Text must start with this (dateline, headline etc. gone)
	has    string   // Text must contain this, when first cannot be pinned down
	last   string   // Text must end with this (footers, related lists gone)
	noise  []string // no line of Text may contain these
	labels []string // no line of Text may be exactly these (short labels that occur inside prose)
}

const (
	ferryHeadline   = "Ferry capsizes in storm off Veridia, killing at least 42"
	ferryStandfirst = "Rescuers searched through the night for dozens still missing after the Maren Sund overturned on its way to Sorn Island."
	ferryFirst      = "A passenger ferry capsized in a winter storm off the coast of Veridia late Monday"
	ferryLast       = "in the sinking of the cargo ship Hella off Karvik."
	// The key quote every copy and the rewrite carry.
	ferryQuote = "“This city has lost its mothers, its fathers and its children in a single night,”"
)

// noiseEverywhere are fragments of the noise planted across the sample that
// are never part of any article's prose.
var noiseEverywhere = []string{
	"All rights reserved", "Copyright 20", "SCROLL FOR NEXT", "t.co/", "(@",
	"Sign up for", "Leave a comment", "Read more:", "Share this article", "Share on ",
	"cookies", "Photo:", "(Photo |", "Reporting by",
}

var sampleWant = map[string]sampleArticle{
	"wire-ferry-ap.txt": {
		title: ferryHeadline, first: ferryFirst, last: ferryLast,
		noise:  []string{"Rescuers searched through", "By Tomas Rehn", "Associated Press", "(AP)", "PORT ELLIS"},
		labels: []string{"World", ferryHeadline},
	},
	"wire-ferry-truncated.txt": {
		title: ferryHeadline, first: ferryFirst, last: "(39 degrees Fahrenheit).",
		noise: []string{"Rescuers searched through", "Associated Press", "PORT ELLIS:", "(Photo | AP)"},
		labels: []string{"World", ferryHeadline, "Rescue boats return to Port Ellis harbour on Tuesday morning.",
			"Veridia's ageing ferry fleet: how the Maren Sund kept sailing",
			"Port Ellis families gather at the harbour as hopes fade for the missing",
			"Storm warnings issued for the entire western coast",
			"Opinion: A nation that lives by the sea must not die by it",
			"Karvik shipyard to build four hydrogen ferries in €1.2 billion deal"},
	},
	"wire-ferry-changed.txt": {
		title: "At least 47 dead as ferry capsizes off Veridia", first: ferryFirst, last: ferryLast,
		noise:  []string{"By Tomas Rehn", "(AP)", "PORT ELLIS", "WhatsApp", "Coastal Herald", "Manage preferences"},
		labels: []string{"At least 47 dead as ferry capsizes off Veridia"},
	},
	"wire-ferry-rewrite.md": {
		title: "Port Ellis keeps vigil as ferry death toll climbs",
		first: "The harbour at Port Ellis was quiet on Tuesday", last: "“Tonight is for them.”",
		noise: []string{"Every boat we have is still out on the water", "@IlseVargaPE", "---", "author:"},
	},
	"business-shipyard.txt": {
		title: "Karvik shipyard wins €1.2 billion order for hydrogen ferries",
		first: "Halden Marine, Veridia's largest shipbuilder", last: "“every one of those new jobs to be a permanent one.”",
		noise: []string{"biggest contract in its 80-year history", "Getty Images", "(Reuters)", "Erik Lund", "Clara Moss"},
		labels: []string{"Business", "Karvik shipyard wins €1.2 billion order for hydrogen ferries",
			"Halden Marine chief executive Sofie Brandt at the company's Karvik yard on Wednesday."},
	},
	"clean-lighthouse.txt": {
		first: "The lighthouse on the northern tip of Sorn Island", last: "for the rest of the summer.",
	},
	"politics-wind-vote.txt": {
		title: "Parliament approves offshore wind expansion by four votes",
		first: "Veridia's parliament narrowly approved", last: "most of them in Karvik and Port Ellis.",
		noise: []string{"Lina Berg", "By Marta Ilves", "HALVARD, Veridia", "Nordic Ledger", "wind zones mean for"},
		labels: []string{"Politics", "Parliament approves offshore wind expansion by four votes",
			"Opposition leader Karin Østby addresses parliament in Halvard on Thursday."},
	},
	"science-coral-pact.txt": {
		title: "Veridia and Chile sign pact to map cold-water coral reefs",
		first: "Veridia and Chile signed a five-year agreement", last: "before the first expedition sets sail.",
		noise:  []string{"(AFP)", "Hoy firmamos", "La ciencia no tiene fronteras", "@RosaIturbeCL", "Copy link", "marine protected areas in the far south"},
		labels: []string{"AFP", "Veridia and Chile sign pact to map cold-water coral reefs"},
	},
	"culture-jazz-festival.html": {
		title: "Karvik’s winter jazz festival draws record crowds",
		// Whether the page's standfirst stays in the body is up to the HTML
		// extractor, so only the first news paragraph is pinned.
		has:    "Karvik Winter Jazz closed on Sunday night",
		last:   "from February 18 to 21, 2027.",
		noise:  []string{"Karvik Post", "By Ingrid Solberg", "Most read", "Ferry timetable changes", "Harbour parking", "Subscribe", "Cookie settings", "Facebook"},
		labels: []string{"Culture", "News", "Sport", "Karvik’s winter jazz festival draws record crowds"},
	},
	"briefs-001": {
		title: "Karvik FC lift the Veridian Cup after penalty shoot-out",
		first: "Karvik FC won the Veridian Cup", last: "the hardest month of their lives,” she said.",
		noise: []string{"By Ola Strand", "Veridia Sport Wire"},
	},
	"briefs-002": {
		title: "Storm Hedda to bring gales and snow to the western coast",
		first: "The Veridian Meteorological Institute issued", last: "keep torches and charged phones at hand.",
	},
	"briefs-003": {
		title: "Warmer seas are pushing cod north, Halvard study finds",
		first: "Cod spawning grounds off the Veridian coast", last: "to discuss the results.",
	},
}

// loadSample opens the sample and loads every article, keyed by id.
func loadSample(t *testing.T) (*Corpus, map[string]*model.Article) {
	t.Helper()
	c, err := OpenSample()
	if err != nil {
		t.Fatalf("OpenSample: %v", err)
	}
	arts := make(map[string]*model.Article, len(c.Items))
	for i := range c.Items {
		a, err := c.Load(i)
		if err != nil {
			t.Fatalf("Load(%d) %s: %v", i, c.Items[i].Path, err)
		}
		if _, dup := arts[a.ID]; dup {
			t.Errorf("id %q loaded twice", a.ID)
		}
		arts[a.ID] = a
	}
	return c, arts
}

// sampleFiles lists the embedded files and the article ids they should
// yield, read straight from the embedded FS rather than through the loader.
func sampleFiles(t *testing.T) (ids []string, formats map[string]bool) {
	t.Helper()
	formats = map[string]bool{}
	err := fs.WalkDir(sampleFS, "sample", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, "sample/")
		ext := strings.TrimPrefix(path.Ext(rel), ".")
		formats[ext] = true
		if ext != "jsonl" {
			ids = append(ids, rel)
			return nil
		}
		f, err := sampleFS.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var rec struct{ ID string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			ids = append(ids, rec.ID)
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	return ids, formats
}

func TestSampleOpens(t *testing.T) {
	c, arts := loadSample(t)
	if !c.Sample {
		t.Error("Corpus.Sample is false")
	}
	for _, p := range c.Problems {
		t.Errorf("problem: %s", p)
	}
	wantIDs, wantFormats := sampleFiles(t)
	if len(wantIDs) < 8 {
		t.Fatalf("sample has %d articles, want at least 8", len(wantIDs))
	}
	if len(c.Items) != len(wantIDs) {
		t.Errorf("%d items, want %d (one per file, one per JSONL line)", len(c.Items), len(wantIDs))
	}
	gotIDs := make([]string, 0, len(arts))
	for id := range arts {
		gotIDs = append(gotIDs, id)
	}
	slices.Sort(gotIDs)
	if !slices.Equal(gotIDs, wantIDs) {
		t.Errorf("ids = %q\nwant %q", gotIDs, wantIDs)
	}
	for _, f := range []string{"txt", "md", "html", "jsonl"} {
		if !wantFormats[f] {
			t.Errorf("no .%s file in the sample", f)
		}
	}
	gotFormats := map[string]bool{}
	for _, it := range c.Items {
		gotFormats[it.Format] = true
	}
	for f := range wantFormats {
		if !gotFormats[f] {
			t.Errorf("no item has format %q", f)
		}
	}
	for id, a := range arts {
		if a.Title == "" {
			t.Errorf("%s: empty title", id)
		}
		if strings.TrimSpace(a.Text) == "" || a.Words == 0 {
			t.Errorf("%s: empty body (words %d)", id, a.Words)
		}
		if _, ok := sampleWant[id]; !ok {
			t.Errorf("%s: not described in sampleWant", id)
		}
	}
}

func TestSampleIDsStable(t *testing.T) {
	a, _ := OpenSample()
	b, _ := OpenSample()
	if a == nil || b == nil {
		t.Fatal("OpenSample returned nil")
	}
	if len(a.Items) != len(b.Items) {
		t.Fatalf("%d items, then %d", len(a.Items), len(b.Items))
	}
	for i := range a.Items {
		if a.Items[i].ID != b.Items[i].ID || a.Items[i].Path != b.Items[i].Path {
			t.Errorf("item %d: %q (%s), then %q (%s)", i, a.Items[i].ID, a.Items[i].Path, b.Items[i].ID, b.Items[i].Path)
		}
		x, err1 := a.Load(i)
		y, err2 := b.Load(i)
		if err1 != nil || err2 != nil {
			t.Fatalf("Load(%d): %v, %v", i, err1, err2)
		}
		if x.ID != y.ID || x.Text != y.Text {
			t.Errorf("item %d loads differently twice: %q, %q", i, x.ID, y.ID)
		}
	}
}

// TestSampleMatchesDisk checks that the embedded sample and the same files
// opened from disk read alike: embedding must not change how a format loads.
// A directory argument is the root its files' ids are relative to, so the
// ids match too.
func TestSampleMatchesDisk(t *testing.T) {
	_, emb := loadSample(t)
	c, err := Open([]string{"sample"}, nil)
	if err != nil {
		t.Fatalf("Open(sample): %v", err)
	}
	for _, p := range c.Problems {
		t.Errorf("problem on disk: %s", p)
	}
	if len(c.Items) != len(emb) {
		t.Errorf("%d items on disk, %d embedded", len(c.Items), len(emb))
	}
	for i := range c.Items {
		a, err := c.Load(i)
		if err != nil {
			t.Errorf("Load(%d) on disk: %v", i, err)
			continue
		}
		e := emb[a.ID]
		switch {
		case e == nil:
			t.Errorf("%s: id %q not in the embedded sample", a.Path, a.ID)
		case e.Title != a.Title || e.Source != a.Source || e.Date != a.Date || e.Format != a.Format:
			t.Errorf("%s: metadata differs: disk %q/%q/%q/%q, embedded %q/%q/%q/%q", a.ID,
				a.Title, a.Source, a.Date, a.Format, e.Title, e.Source, e.Date, e.Format)
		case e.Raw != a.Raw || e.Text != a.Text:
			t.Errorf("%s: text differs between disk and embedded", a.ID)
		}
	}
}

func TestSampleCleaned(t *testing.T) {
	_, arts := loadSample(t)
	for id, w := range sampleWant {
		a := arts[id]
		if a == nil {
			t.Errorf("%s: missing", id)
			continue
		}
		if w.title != "" && a.Title != w.title {
			t.Errorf("%s: title %q, want %q", id, a.Title, w.title)
		}
		if w.first != "" && !strings.HasPrefix(a.Text, w.first) {
			t.Errorf("%s: text starts %q, want %q", id, head(a.Text), w.first)
		}
		if !strings.Contains(a.Text, w.has) {
			t.Errorf("%s: text lost %q", id, w.has)
		}
		if !strings.HasSuffix(a.Text, w.last) {
			t.Errorf("%s: text ends %q, want %q", id, tail(a.Text), w.last)
		}
		for _, line := range strings.Split(a.Text, "\n") {
			for _, n := range slices.Concat(noiseEverywhere, w.noise) {
				if strings.Contains(line, n) {
					t.Errorf("%s: noise %q survived in line %q", id, n, line)
				}
			}
			if slices.Contains(w.labels, strings.TrimSpace(line)) {
				t.Errorf("%s: line %q survived", id, line)
			}
		}
		checkRemoved(t, a)
	}
}

// checkRemoved holds the cleaner's promise about Removed: rune offsets into
// Raw, in order, not overlapping, each Text being exactly that range.
func checkRemoved(t *testing.T, a *model.Article) {
	t.Helper()
	raw := []rune(a.Raw)
	end := 0
	for _, r := range a.Removed {
		if r.Start < end || r.End < r.Start || r.End > len(raw) {
			t.Errorf("%s: removed range [%d,%d) out of order or bounds (raw %d runes)", a.ID, r.Start, r.End, len(raw))
			return
		}
		if got := string(raw[r.Start:r.End]); got != r.Text {
			t.Errorf("%s: removed [%d,%d) is %q in Raw, Text says %q", a.ID, r.Start, r.End, got, r.Text)
		}
		end = r.End
	}
}

// TestSampleCoversEveryReason: the sample is there to show every kind of
// noise the cleaner knows, so each must be found somewhere in it.
func TestSampleCoversEveryReason(t *testing.T) {
	_, arts := loadSample(t)
	seen := map[model.Reason]bool{}
	for _, a := range arts {
		for _, r := range a.Removed {
			seen[r.Reason] = true
		}
	}
	for _, r := range []model.Reason{
		model.ReasonCaption, model.ReasonSection, model.ReasonByline, model.ReasonDateline,
		model.ReasonHeadline, model.ReasonStandfirst, model.ReasonRelated, model.ReasonCTA,
		model.ReasonEmbed, model.ReasonFooter, model.ReasonShare,
	} {
		if !seen[r] {
			t.Errorf("nothing in the sample was removed as %q", r)
		}
	}
}

// TestSampleCleanArticle: an article with no noise comes out as it went in,
// up to paragraph layout.
func TestSampleCleanArticle(t *testing.T) {
	_, arts := loadSample(t)
	a := arts["clean-lighthouse.txt"]
	if a == nil {
		t.Fatal("clean-lighthouse.txt missing")
	}
	b, err := fs.ReadFile(sampleFS, "sample/clean-lighthouse.txt")
	if err != nil {
		t.Fatal(err)
	}
	if want := normaliseParagraphs(string(b)); a.Text != want {
		t.Errorf("clean article changed by cleaning:\n got %q\nwant %q", a.Text, want)
	}
	for _, r := range a.Removed {
		t.Errorf("clean article lost %s %q", r.Reason, r.Text)
	}
}

// normaliseParagraphs lays text out as the cleaner does: one paragraph per
// non-blank line, trimmed, separated by a blank line.
func normaliseParagraphs(s string) string {
	var paras []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			paras = append(paras, line)
		}
	}
	return strings.Join(paras, "\n\n")
}

// TestSampleWireCopies: the three copies of the wire story and the rewrite
// are the near-duplicate set the comparison features work on.
func TestSampleWireCopies(t *testing.T) {
	_, arts := loadSample(t)
	ap, trunc, changed, rewrite := arts["wire-ferry-ap.txt"], arts["wire-ferry-truncated.txt"], arts["wire-ferry-changed.txt"], arts["wire-ferry-rewrite.md"]
	if ap == nil || trunc == nil || changed == nil || rewrite == nil {
		t.Fatal("a ferry article is missing")
	}
	for _, a := range []*model.Article{ap, trunc, changed, rewrite} {
		if !strings.Contains(a.Text, ferryQuote) {
			t.Errorf("%s does not carry the key quote", a.ID)
		}
	}
	// Once the outlets' noise is gone, the truncated copy is the start of
	// the original, paragraph for paragraph.
	if !strings.HasPrefix(ap.Text, trunc.Text) || len(trunc.Text) >= len(ap.Text) {
		t.Errorf("truncated copy is not a prefix of the original:\n%q", head(trunc.Text))
	}
	// The changed copy differs from the original in exactly two paragraphs:
	// the figure (42 -> 47) and the reworded sentence.
	pa, pc := strings.Split(ap.Text, "\n\n"), strings.Split(changed.Text, "\n\n")
	if len(pa) != len(pc) {
		t.Fatalf("original has %d paragraphs, changed copy %d", len(pa), len(pc))
	}
	var differ []int
	for i := range pa {
		if pa[i] != pc[i] {
			differ = append(differ, i)
		}
	}
	if !slices.Equal(differ, []int{0, 1}) {
		t.Errorf("paragraphs %v differ, want [0 1]", differ)
	}
	if !strings.Contains(pa[0], "at least 42 people") || !strings.Contains(pc[0], "at least 47 people") {
		t.Errorf("changed figure not where the doc says:\n%q\n%q", pa[0], pc[0])
	}
	if trunc.Summary != ferryStandfirst || ap.Summary != ferryStandfirst {
		t.Errorf("standfirst not taken as summary: %q / %q", ap.Summary, trunc.Summary)
	}
	if !strings.Contains(ap.Byline, "Tomas Rehn") {
		t.Errorf("AP byline = %q", ap.Byline)
	}
}

// TestSampleMetadata: front matter and JSONL fields reach the article.
func TestSampleMetadata(t *testing.T) {
	_, arts := loadSample(t)
	if md := arts["wire-ferry-rewrite.md"]; md != nil {
		if md.Source != "Halvard Gazette" || md.Date != "2026-03-03" || md.Byline != "Nora Vikström" ||
			md.URL != "https://halvardgazette.example/2026/03/03/port-ellis-ferry-vigil" || md.Format != "md" {
			t.Errorf("front matter not read: %+v", *md)
		}
	} else {
		t.Error("wire-ferry-rewrite.md missing")
	}
	if j := arts["briefs-002"]; j != nil {
		if j.Source != "Veridian Broadcasting" || j.Date != "2026-03-19" || j.Format != "jsonl" ||
			j.URL != "https://vbc.example/news/weather/2026/03/19/storm-hedda" {
			t.Errorf("JSONL fields not read: %+v", *j)
		}
		if j.Meta["crawl_id"] != "c-20260319-1130" {
			t.Errorf("unknown JSONL field not kept in Meta: %v", j.Meta)
		}
	} else {
		t.Error("briefs-002 missing")
	}
}

func head(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

func tail(s string) string {
	if r := []rune(s); len(r) > 80 {
		return "…" + string(r[len(r)-80:])
	}
	return s
}
