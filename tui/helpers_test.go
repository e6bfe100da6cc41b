package tui

import (
	"context"
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/model/ner"
	"storydesk/tui/correct"
	"storydesk/tui/export"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/layout"
	"storydesk/tui/suggest"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// fakeSource is an in-memory corpus. A nil article fails in Stream and Load.
type fakeSource struct {
	label    string
	items    []corpus.Item
	arts     []*model.Article
	problems []corpus.Problem
	batch    int // results per emit

	mu    sync.Mutex
	loads int
}

func (f *fakeSource) Label() string              { return f.label }
func (f *fakeSource) Len() int                   { return len(f.items) }
func (f *fakeSource) Item(i int) corpus.Item     { return f.items[i] }
func (f *fakeSource) Problems() []corpus.Problem { return f.problems }

func (f *fakeSource) Load(i int) (*model.Article, error) {
	f.mu.Lock()
	f.loads++
	f.mu.Unlock()
	if f.arts[i] == nil {
		return nil, fmt.Errorf("%s: cannot read", f.items[i].Path)
	}
	return f.arts[i], nil
}

func (f *fakeSource) Stream(ctx context.Context, workers int, emit func([]corpus.Result)) {
	n := max(1, f.batch)
	var batch []corpus.Result
	for i, a := range f.arts {
		if ctx.Err() != nil {
			return
		}
		r := corpus.Result{Index: i}
		if a == nil {
			r.Problem = &corpus.Problem{Path: f.items[i].Path, Reason: "not UTF-8 text"}
		} else {
			meta := *a
			meta.DropBody()
			r.Article = &meta
		}
		batch = append(batch, r)
		if len(batch) == n {
			emit(batch)
			batch = nil
		}
	}
	if len(batch) > 0 {
		emit(batch)
	}
}

// addArticle appends an article (nil: a file that fails to read).
func (f *fakeSource) add(path string, a *model.Article) {
	f.items = append(f.items, corpus.Item{ID: path, Path: path, Format: "txt"})
	if a != nil {
		a.ID, a.Path, a.Format = path, path, "txt"
	}
	f.arts = append(f.arts, a)
}

var (
	outlets = []string{"Harbour Gazette", "The Northern Ledger", "Valley Courier", "Civic Wire", "Meridian Post"}
	topics  = []string{"Council", "River", "School", "Transit", "Budget", "Harvest", "Bridge", "Library", "Market", "Festival"}
	verbs   = []string{"approves", "delays", "questions", "celebrates", "reviews", "rejects", "expands", "opens"}
	nouns   = []string{"plan", "repairs", "funding", "schedule", "proposal", "report", "season", "contract"}
	prose   = strings.Fields("the council met on tuesday evening to discuss a long list of items including road repairs " +
		"funding for the library and a proposal to extend bus routes into the northern districts residents spoke " +
		"for and against the plan while officials said the final decision would wait for a detailed cost report")
)

// fixtureArticle writes a deterministic article with a caption and a byline
// line the cleaner removed.
func fixtureArticle(i, paras int) *model.Article {
	rng := rand.New(rand.NewSource(int64(i)))
	title := fmt.Sprintf("%s %s %s", topics[i%len(topics)], verbs[(i/3)%len(verbs)], nouns[(i/7)%len(nouns)])
	var body []string
	for p := 0; p < paras; p++ {
		n := 25 + rng.Intn(30)
		w := make([]string, n)
		for k := range w {
			w[k] = prose[rng.Intn(len(prose))]
		}
		s := strings.Join(w, " ")
		body = append(body, strings.ToUpper(s[:1])+s[1:]+".")
	}
	text := strings.Join(body, "\n\n")
	caption := "Photo: Harbour Gazette staff"
	byline := "By A. Reporter"
	raw := byline + "\n\n" + caption + "\n\n" + text
	bl := utf8.RuneCountInString(byline)
	cs := bl + 2
	ce := cs + utf8.RuneCountInString(caption)
	return &model.Article{
		Source: outlets[i%len(outlets)],
		Title:  title,
		Byline: "A. Reporter",
		Date:   fmt.Sprintf("2024-03-%02d", 1+i%28),
		URL:    fmt.Sprintf("https://news.example/%d", i),
		Words:  len(strings.Fields(text)),
		Raw:    raw,
		Text:   text,
		Removed: []model.Removed{
			{Start: 0, End: bl, Reason: model.ReasonByline, Text: byline},
			{Start: cs, End: ce, Reason: model.ReasonCaption, Text: caption},
		},
	}
}

// fixtureSource is n good articles, with item bad (if >= 0) failing to read,
// and one problem found while listing.
func fixtureSource(n, bad int) *fakeSource {
	f := &fakeSource{label: "fixture", batch: 7}
	for i := 0; i < n; i++ {
		path := fmt.Sprintf("news/%03d-story.txt", i)
		if i == bad {
			f.add("news/broken.txt", nil)
			continue
		}
		f.add(path, fixtureArticle(i, 4))
	}
	f.problems = []corpus.Problem{{Path: "news/empty.jsonl", Line: 3, Reason: "invalid JSON"}}
	return f
}

// drive runs cmd and every command that follows from it, feeding each
// message to m, until nothing is left: the synchronous stand-in for a
// running program.
func drive(tb testing.TB, m *Model, cmd tea.Cmd) {
	tb.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1_000_000 {
			tb.Fatal("drive: runaway command loop")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// send delivers one message and drives what follows.
func send(tb testing.TB, m *Model, msg tea.Msg) {
	tb.Helper()
	_, cmd := m.Update(msg)
	drive(tb, m, cmd)
}

// press sends keys one by one, driving each to completion.
func press(tb testing.TB, m *Model, keys ...string) {
	tb.Helper()
	for _, k := range keys {
		send(tb, m, keytest.Key(k))
	}
}

// typeText types each rune of s.
func typeText(tb testing.TB, m *Model, s string) {
	tb.Helper()
	for _, r := range s {
		send(tb, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// start builds a reader over src at w×h and drives Init to completion
// (corpus read, first article loaded and rendered).
func start(tb testing.TB, src Source, w, h int) *Model {
	tb.Helper()
	m := NewFromSource(src, Options{NoColor: true, Workers: 1})
	send(tb, m, tea.WindowSizeMsg{Width: w, Height: h})
	drive(tb, m, m.Init())
	return m
}

func content(m *Model) string { return m.View().Content }

var sgrRE = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// plain is the frame without styling.
func plain(m *Model) string { return sgrRE.ReplaceAllString(content(m), "") }

// checkFrame asserts the frame fits the terminal.
func checkFrame(tb testing.TB, m *Model, w, h int) {
	tb.Helper()
	c := content(m)
	if c == "" {
		return
	}
	lines := strings.Split(c, "\n")
	if len(lines) > h {
		tb.Fatalf("%dx%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := layout.Width(l); lw > w {
			tb.Fatalf("%dx%d: line %d is %d cells wide: %q", w, h, i, lw, l)
		}
	}
}

type dataResult = corpus.Result

func dataProblem(path string) corpus.Problem {
	return corpus.Problem{Path: path, Reason: "no article text found"}
}

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// screenName names the screen on top of the stack: "help", "problems",
// "question" (a question with details in a box), "ask" (a question in the
// status bar only), "export" (the export menu), "filter" (typing a
// filter), or "" when the top is a mode's own screen (m.mode() names it).
func screenName(m *Model) string {
	if m.Top() == m.br {
		return ""
	}
	if m.Top().Mode() == "FILTER" {
		return "filter"
	}
	switch s := m.Top().(type) {
	case *widgets.InfoScreen:
		if s.Title() == problemsTitle {
			return "problems"
		}
		return "help"
	case *widgets.Question:
		if s.View() != "" {
			return "question"
		}
		return "ask"
	case *export.Menu:
		return "export"
	}
	if m.Top().Mode() != "" {
		return ""
	}
	return fmt.Sprintf("%T", m.Top())
}

// asking reports a question waiting for y or esc, and its text.
func asking(m *Model) (string, bool) {
	q, ok := onStack[*widgets.Question](m)
	if !ok {
		return "", false
	}
	return q.Prompt(), true
}

func isAsking(m *Model) bool { _, ok := asking(m); return ok }

// prompting reports a prompt on top that takes every key as text (the
// canonical-name prompt).
func prompting(m *Model) bool {
	t, ok := m.Top().(ui.TextEntry)
	return ok && t.TextEntry()
}
func askText(m *Model) string { s, _ := asking(m); return s }

// shownIdx is the item the article pane is on (-1 for none).
func shownIdx(m *Model) int { _, i, _ := m.br.Article(); return i }

// loadErr is why the article pane's article could not be loaded.
func loadErr(m *Model) error { _, _, err := m.br.Article(); return err }

// hasCursor reports the raw view's paragraph cursor on screen.
func hasCursor(m *Model) bool { _, ok := m.br.CursorPara(); return ok }

// rawCursorText is the raw text of the paragraph under the raw view's cursor.
func rawCursorText(m *Model) (string, bool) {
	p, ok := m.br.CursorPara()
	a := m.shownArticle()
	if !ok || a == nil {
		return "", false
	}
	return model.RuneSlice(a.Raw, p.Start, p.End), true
}

// listWidth is where the article pane starts in the frame: after the
// list box's top-right corner (0 when one pane is shown at a time).
func listWidth(m *Model) int {
	if m.br.Narrow() {
		return 0
	}
	line := strings.SplitN(plain(m), "\n", 2)[0]
	st := m.c.Styles
	for i, r := range line {
		if s := string(r); s == st.Box.TR || s == st.BoxFocused.TR {
			return layout.Width(line[:i]) + 1
		}
	}
	return 0
}

// rowTitles lists the titles of the rows the list shows, in order.
func rowTitles(m *Model) []string {
	var out []string
	for _, i := range m.br.Visible() {
		out = append(out, m.br.Row(int(i)).Title)
	}
	return out
}

// promptInput is what the speaker prompt's input holds, as the quotes
// panel shows it ("" when no prompt is drawn).
func promptInput(m *Model) string {
	if r := promptInputRE.FindStringSubmatch(plain(m)); r != nil {
		return strings.TrimSpace(r[1])
	}
	return ""
}

var (
	promptInputRE = regexp.MustCompile(`[│┃] → ([^│┃]*)[│┃]`)
	panelRowRE    = regexp.MustCompile(`[│┃]([^│┃]*)[│┃]$`)
)

// promptNames are the names the speaker prompt lists below its input,
// with their details as drawn ("Annika Sjöberg  PERSON ×1").
func promptNames(m *Model) []string {
	var out []string
	in := false
	for _, l := range strings.Split(plain(m), "\n") {
		if promptInputRE.MatchString(l) {
			in = true
			continue
		}
		r := panelRowRE.FindStringSubmatch(l)
		if !in || r == nil {
			continue
		}
		name := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(r[1]), ">"))
		if name == "" && len(out) > 0 {
			break
		}
		if name != "" {
			out = append(out, name)
		}
	}
	return out
}

// correctReady reports that the cleaner corrections are set up (the
// store's index read and handed to the corpus).
func correctReady(m *Model) bool {
	for _, f := range m.features {
		if c, ok := f.(*correct.Feature); ok {
			return c.Ready()
		}
	}
	return false
}

// suggestions are the entity suggestions annotate mode shows (none when
// suggestions are not built).
func suggestions(m *Model) []ner.Entity {
	for _, f := range m.features {
		if s, ok := f.(*suggest.Feature); ok {
			return s.Shown()
		}
	}
	return nil
}
