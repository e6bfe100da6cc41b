package browse_test

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
	"storydesk/tui/browse"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
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
			r.Hash = model.HashText(a.Text)
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

// add appends an article (nil: a file that fails to read).
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

// host is the root as the Browser sees it: a stack with the Browser at
// the bottom and a status line. It drives the Browser as the root does:
// keys to the top screen, every message to the Browser, Sync after each.
type host struct {
	tb      testing.TB
	ctx     *ui.Context
	b       *browse.Browser
	stack   []ui.Screen
	reports []ui.Status
	shown   []bool   // Hooks.Shown's calls
	done    []string // Hooks.Done's summaries
}

func (h *host) Push(s ui.Screen) tea.Cmd {
	h.stack = append(h.stack, s)
	return s.SetSize(h.ctx.Width, h.ctx.Height)
}

func (h *host) Pop(s ui.Screen) {
	for i := len(h.stack) - 1; i >= 0; i-- {
		if h.stack[i] == s {
			h.stack = h.stack[:i]
			return
		}
	}
}

func (h *host) Top() ui.Screen {
	if len(h.stack) == 0 {
		return nil
	}
	return h.stack[len(h.stack)-1]
}

func (h *host) Report(s ui.Status) { h.reports = append(h.reports, s) }

// said is the last status message ("" for none).
func (h *host) said() string {
	if len(h.reports) == 0 {
		return ""
	}
	return h.reports[len(h.reports)-1].Text
}

// newHost builds a Browser over src (hooks' Shown and Done recorded
// unless set) sized w×h, without starting it.
func newHost(tb testing.TB, src browse.Source, w, h int, hooks browse.Hooks) *host {
	tb.Helper()
	ctx := &ui.Context{NoColor: true, Keys: ui.DefaultKeyMap(), Width: w, Height: h}
	ctx.Restyle(true)
	hs := &host{tb: tb, ctx: ctx}
	if hooks.Shown == nil {
		hooks.Shown = func(changed bool) tea.Cmd { hs.shown = append(hs.shown, changed); return nil }
	}
	if hooks.Done == nil {
		hooks.Done = func(summary string) tea.Cmd { hs.done = append(hs.done, summary); return nil }
	}
	hs.b = browse.New(browse.Deps{Ctx: ctx, Host: hs, Src: src, Workers: 1, Hooks: hooks})
	hs.stack = []ui.Screen{hs.b}
	hs.b.SetSize(w, h)
	return hs
}

// start builds a Browser over src and drives its start to completion
// (corpus read, first article loaded and rendered).
func start(tb testing.TB, src browse.Source, w, h int) *host {
	tb.Helper()
	hs := newHost(tb, src, w, h, browse.Hooks{})
	hs.drive(hs.b.Init())
	return hs
}

// update hands one message to the Browser as the root does.
func (h *host) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = h.key(msg)
	case tea.PasteMsg:
		if te, ok := h.Top().(ui.TextEntry); ok && te.TextEntry() {
			cmd = h.Top().Update(msg)
		}
	default:
		cmd = h.b.Update(msg)
	}
	return tea.Batch(cmd, h.b.Sync())
}

func (h *host) key(msg tea.KeyPressMsg) tea.Cmd {
	if top := h.Top(); top != h.b {
		cmd, _ := top.HandleKey(msg)
		return tea.Batch(cmd, h.b.Look())
	}
	cmd, _ := h.b.HandleKey(msg)
	return tea.Batch(cmd, h.b.Look())
}

// drive runs cmd and everything that follows from it.
func (h *host) drive(cmd tea.Cmd) {
	h.tb.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1_000_000 {
			h.tb.Fatal("drive: runaway command loop")
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
		default:
			queue = append(queue, h.update(msg))
		}
	}
}

// send delivers one message and drives what follows.
func (h *host) send(msg tea.Msg) { h.tb.Helper(); h.drive(h.update(msg)) }

// press sends keys one by one, driving each to completion.
func (h *host) press(keys ...string) {
	h.tb.Helper()
	for _, k := range keys {
		h.send(keytest.Key(k))
	}
}

// typeText types each rune of s.
func (h *host) typeText(s string) {
	h.tb.Helper()
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// resize gives the Browser a new size, driving the render it asks for.
func (h *host) resize(w, hh int) {
	h.ctx.Width, h.ctx.Height = w, hh
	h.drive(tea.Batch(h.b.SetSize(w, hh), h.b.Sync()))
}

// mode is the mode the stack names.
func (h *host) mode() string {
	for i := len(h.stack) - 1; i >= 0; i-- {
		if m := h.stack[i].Mode(); m != "" {
			return m
		}
	}
	return ""
}

var sgrRE = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// plain is the Browser's view without styling.
func (h *host) plain() string { return sgrRE.ReplaceAllString(h.b.View(), "") }

// titles are the titles of the rows the list shows, in order.
func (h *host) titles() []string {
	var out []string
	for _, i := range h.b.Visible() {
		out = append(out, h.b.Row(int(i)).Title)
	}
	return out
}

// checkView asserts the view fits w×h.
func checkView(tb testing.TB, h *host, w, hh int) {
	tb.Helper()
	v := h.b.View()
	if v == "" {
		return
	}
	lines := strings.Split(v, "\n")
	if len(lines) > hh {
		tb.Fatalf("%dx%d: %d lines", w, hh, len(lines))
	}
	for i, l := range lines {
		if lw := layout.Width(l); lw > w {
			tb.Fatalf("%dx%d: line %d is %d cells wide: %q", w, hh, i, lw, l)
		}
	}
}
