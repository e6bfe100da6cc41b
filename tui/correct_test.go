package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/browse"
	"storydesk/tui/internal/keytest"
)

// corrStory is a scraped story with the furniture the cleaner removes (a
// headline, a byline, a picture caption, a call to action) and names to tag.
const corrStory = "Ferry service returns to the northern islands\n\n" +
	"By Lena Holm\n\n" +
	"Photo: The new ferry leaves Karvik harbour at dawn. (Lena Holm/Harbour Gazette)\n\n" +
	"The ferry between Karvik and the northern islands ran again on Monday after a winter without service, to the relief of Ilse Varga and other islanders.\n\n" +
	"Two crossings a day are planned until June, Tomas Berg said, when a third will be added for the summer visitors.\n\n" +
	"“We waited all winter for this,” said Ilse Varga, who runs the island shop.\n\n" +
	"The operator said tickets would cost the same as last year, and that Harbour Board members would ride the first crossing.\n\n" +
	"Sign up for our morning newsletter"

const corrOther = "Council approves bridge repairs\n\n" +
	"The council approved a plan on Tuesday to repair the old bridge over the river before the summer season.\n\n" +
	"Works are expected to take four months, and the crossing will stay open to walkers while the deck is replaced."

// corrCorpus writes the stories to a folder named news and returns it.
func corrCorpus(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "news")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"a.txt": corrStory, "b.txt": corrOther} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// startCorpus runs the reader as the app does: a real corpus and store.
func startCorpus(t *testing.T, dir, path string, w, h int) (*Model, *store.SQLite) {
	t.Helper()
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, path)
	m := New(c, Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond})
	send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	drive(t, m, m.Init())
	if !correctReady(m) {
		t.Fatalf("corrections not set up: %q", m.bar.message)
	}
	return m, st
}

// openRaw opens the selected article's raw view with the cursor.
func openRaw(t *testing.T, m *Model) {
	t.Helper()
	if m.br.Focus() == browse.FocusList {
		press(t, m, "enter")
	}
	if !m.br.Raw() {
		press(t, m, "r")
	}
	if !hasCursor(m) {
		t.Fatalf("no raw cursor:\n%s", plain(m))
	}
}

// cursorTo moves the raw cursor with j until its paragraph starts with
// prefix, returning the presses.
func cursorTo(t *testing.T, m *Model, prefix string) int {
	t.Helper()
	press(t, m, "g")
	for n := 1; n < 200; n++ {
		p, ok := rawCursorText(m)
		if !ok {
			t.Fatal("no cursor")
		}
		if strings.HasPrefix(p, prefix) {
			return n
		}
		press(t, m, "j")
	}
	t.Fatalf("cursor never reached %q", prefix)
	return 0
}

func corrections(t *testing.T, path, id string) []model.Correction {
	t.Helper()
	st := openStore(t, path)
	c, err := st.Corrections(ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// annotateStory stores spans and a quotation on a.txt's cleaned text, as
// earlier annotating would have, and returns the article as loaded.
func annotateStory(t *testing.T, dir, path string) (*model.Article, []model.Span, model.QuoteAnn) {
	t.Helper()
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Load(0)
	if err != nil || a.ID != "a.txt" {
		t.Fatalf("load: %v %v", a, err)
	}
	st := openStore(t, path)
	var ops []store.Op
	for _, w := range []string{"Ilse Varga", "Tomas Berg", "Harbour Board"} {
		s := runeIndex(t, a.Text, w, 0)
		ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: a.ID, Span: model.Span{Start: s, End: s + model.RuneLen(w), Label: "PERSON", Text: w}})
	}
	act, err := st.Do(ctx(), store.Action{Name: "seed", Article: a, Ops: ops})
	if err != nil {
		t.Fatal(err)
	}
	// The quotation's speaker is linked to the first Ilse Varga tag.
	qt := "We waited all winter for this,"
	qs := runeIndex(t, a.Text, qt, 0)
	q := model.QuoteAnn{Start: qs, End: qs + model.RuneLen(qt), Text: qt, Speaker: "Ilse Varga", SpeakerSpan: act.Ops[0].Span.ID,
		Kind: model.QuoteDirect, Status: model.QuoteAccepted}
	if _, err := st.Do(ctx(), store.Action{Name: "quote", Ops: []store.Op{{Kind: store.OpAddQuote, Article: a.ID, Quote: q}}}); err != nil {
		t.Fatal(err)
	}
	doc, ok, err := st.Doc(ctx(), a.ID)
	if err != nil || !ok || len(doc.Spans) != 3 || len(doc.Quotes) != 1 {
		t.Fatalf("seed: %+v %v %v", doc, ok, err)
	}
	st.Close()
	return a, doc.Spans, doc.Quotes[0]
}

func TestCorrectKeepsARemovedCaption(t *testing.T) {
	dir, path := corrCorpus(t), tempDB(t)
	m, _ := startCorpus(t, dir, path, 120, 40)
	openRaw(t, m)
	before := m.shownArticle().Text
	if strings.Contains(before, "Photo:") {
		t.Fatal("fixture: the caption is in the cleaned text")
	}
	cursorTo(t, m, "Photo:")
	if p := plain(m); !strings.Contains(p, "¶3/") || !strings.Contains(p, "removed: caption · t keeps") {
		t.Fatalf("the status does not describe the paragraph:\n%s", p)
	}
	press(t, m, "t")
	if c := corrections(t, path, "a.txt"); len(c) != 1 || !c[0].Keep {
		t.Fatalf("stored corrections %+v", c)
	}
	if doc, _ := spansOf(t, path, "a.txt"); doc != nil {
		t.Fatal("a correction alone should not snapshot the article")
	}
	a := m.shownArticle()
	if !strings.HasPrefix(a.Text, "Photo: The new ferry") || !strings.HasSuffix(a.Text, before) {
		t.Fatalf("the caption is not body now:\n%s", a.Text)
	}
	p := plain(m)
	if !strings.Contains(p, "[kept by you] Photo: The new ferry") || !strings.Contains(p, "1 kept by you.") || !strings.Contains(p, "Kept as body:") {
		t.Fatalf("raw view does not show the correction:\n%s", p)
	}
	if strings.Contains(p, "[caption]") {
		t.Fatalf("still tagged as a caption:\n%s", p)
	}
	if p, _ := m.br.CursorPara(); p.N != 3 {
		t.Fatalf("the cursor moved to paragraph %d", p.N)
	}
	if m.sess.Changed("a.txt") {
		t.Fatal("the article shows as changed on disk")
	}
	if row := m.br.Row(shownIdx(m)); row.Words != model.WordCount(a.Text) {
		t.Fatalf("list word count %d, text has %d", row.Words, model.WordCount(a.Text))
	}
	// The reading view shows it too.
	press(t, m, "r")
	if !strings.Contains(plain(m), "Photo: The new ferry leaves") {
		t.Fatalf("read view lacks the kept caption:\n%s", plain(m))
	}
	press(t, m, "r")

	// Undo and redo.
	press(t, m, "u")
	if c := corrections(t, path, "a.txt"); len(c) != 0 {
		t.Fatalf("undo left %+v", c)
	}
	if m.shownArticle().Text != before || !strings.Contains(plain(m), "[caption] Photo:") {
		t.Fatalf("undo did not bring the cleaner's text back:\n%s", plain(m))
	}
	press(t, m, "ctrl+r")
	if c := corrections(t, path, "a.txt"); len(c) != 1 || !strings.HasPrefix(m.shownArticle().Text, "Photo:") {
		t.Fatalf("redo: %+v\n%s", c, m.shownArticle().Text)
	}

	// A new session on the same store reads the corrected text.
	quits(m, "q")
	m2, _ := startCorpus(t, dir, path, 120, 40)
	openRaw(t, m2)
	if !strings.HasPrefix(m2.shownArticle().Text, "Photo: The new ferry") || !strings.Contains(plain(m2), "[kept by you]") {
		t.Fatalf("reopened:\n%s", plain(m2))
	}
	// t on it again goes back to the cleaner: no correction stays stored.
	cursorTo(t, m2, "Photo:")
	if !strings.Contains(plain(m2), "kept by you · t reverts") {
		t.Fatalf("status:\n%s", plain(m2))
	}
	press(t, m2, "t")
	if c := corrections(t, path, "a.txt"); len(c) != 0 || m2.shownArticle().Text != before {
		t.Fatalf("back to the cleaner: %+v\n%s", c, m2.shownArticle().Text)
	}
}

func TestCorrectRemovesAKeptLineMovingAnnotations(t *testing.T) {
	dir, path := corrCorpus(t), tempDB(t)
	a, spans, quote := annotateStory(t, dir, path)
	m, _ := startCorpus(t, dir, path, 120, 40)
	openRaw(t, m)
	cursorTo(t, m, "Two crossings")
	press(t, m, "t")
	// Tomas Berg is tagged in that paragraph: asked first, nothing saved.
	if !isAsking(m) {
		t.Fatalf("no question before deleting an annotation: %q", m.bar.message)
	}
	if p := plain(m); !strings.Contains(p, "PERSON “Tomas Berg”") || !strings.Contains(p, "would delete 1 annotation") {
		t.Fatalf("the lost span is not listed:\n%s", p)
	}
	if c := corrections(t, path, "a.txt"); len(c) != 0 {
		t.Fatalf("saved before the answer: %+v", c)
	}
	press(t, m, "esc")
	if doc, got := spansOf(t, path, "a.txt"); len(got) != 3 || doc.Text != a.Text || len(corrections(t, path, "a.txt")) != 0 {
		t.Fatal("esc changed the store")
	}

	press(t, m, "t", "y")
	c := corrections(t, path, "a.txt")
	if len(c) != 1 || c[0].Keep {
		t.Fatalf("stored corrections %+v", c)
	}
	doc, got := spansOf(t, path, "a.txt")
	if doc.Text != m.shownArticle().Text || strings.Contains(doc.Text, "Two crossings") {
		t.Fatalf("snapshot does not follow the corrected text:\n%s", doc.Text)
	}
	if len(got) != 2 {
		t.Fatalf("spans after: %+v", got)
	}
	for _, sp := range got {
		if model.RuneSlice(doc.Text, sp.Start, sp.End) != sp.Text {
			t.Fatalf("span %+v does not point at its text", sp)
		}
		for _, old := range spans {
			if old.ID != sp.ID {
				continue
			}
			switch old.Text {
			case "Ilse Varga": // before the change: unmoved
				if sp.Start != old.Start {
					t.Fatalf("span before the change moved: %d → %d", old.Start, sp.Start)
				}
			case "Harbour Board": // after it: moved back by the removed paragraph
				if sp.Start >= old.Start || sp.Start != runeIndex(t, doc.Text, "Harbour Board", 0) {
					t.Fatalf("span after the change not re-anchored: %d → %d", old.Start, sp.Start)
				}
			default:
				t.Fatalf("unexpected span %+v", sp)
			}
		}
	}
	if len(doc.Quotes) != 1 || doc.Quotes[0].ID != quote.ID || model.RuneSlice(doc.Text, doc.Quotes[0].Start, doc.Quotes[0].End) != quote.Text ||
		doc.Quotes[0].Start >= quote.Start || doc.Quotes[0].SpeakerSpan != quote.SpeakerSpan || quote.SpeakerSpan == 0 {
		t.Fatalf("quotation not moved: %+v (was %+v)", doc.Quotes, quote)
	}
	if p := plain(m); !strings.Contains(p, "[removed by you] Two crossings") || !strings.Contains(p, "removed by you · t reverts") || m.sess.Changed("a.txt") {
		t.Fatalf("raw view after removal:\n%s", p)
	}
	if !strings.Contains(m.bar.message, "deleted 1 annotation") {
		t.Fatalf("message %q", m.bar.message)
	}

	// One undo restores the correction, the text and every annotation.
	press(t, m, "u")
	doc, got = spansOf(t, path, "a.txt")
	if doc.Text != a.Text || len(got) != 3 || len(corrections(t, path, "a.txt")) != 0 || m.shownArticle().Text != a.Text {
		t.Fatalf("undo: text restored %v, spans %+v", doc.Text == a.Text, got)
	}
	for i := range got {
		if got[i] != spans[i] {
			t.Fatalf("undo: span %+v, was %+v", got[i], spans[i])
		}
	}
	if doc.Quotes[0] != quote || m.sess.Changed("a.txt") {
		t.Fatalf("undo: quote %+v, was %+v", doc.Quotes[0], quote)
	}
	press(t, m, "ctrl+r")
	if doc, got = spansOf(t, path, "a.txt"); len(got) != 2 || strings.Contains(doc.Text, "Two crossings") || m.shownArticle().Text != doc.Text {
		t.Fatalf("redo: %+v", got)
	}

	// Annotating afterwards works on the corrected text.
	press(t, m, "r", "enter")
	if !m.annotating() || m.pane().Text() != doc.Text || m.pane().Changed() {
		t.Fatalf("annotate after the correction: %v %v", m.annotating(), m.pane().Changed())
	}
}

// A kept paragraph with no annotation in it moves the others without asking.
func TestCorrectWithoutLossDoesNotAsk(t *testing.T) {
	dir, path := corrCorpus(t), tempDB(t)
	a, _, _ := annotateStory(t, dir, path)
	m, _ := startCorpus(t, dir, path, 120, 40)
	openRaw(t, m)
	cursorTo(t, m, "Photo:")
	press(t, m, "t")
	if isAsking(m) {
		t.Fatal("asked although nothing is lost")
	}
	doc, got := spansOf(t, path, "a.txt")
	if len(got) != 3 || !strings.HasPrefix(doc.Text, "Photo:") || doc.Text != m.shownArticle().Text {
		t.Fatalf("spans %+v\n%s", got, doc.Text)
	}
	if len(doc.Quotes) != 1 || doc.Quotes[0].SpeakerSpan != got[0].ID || got[0].Text != "Ilse Varga" {
		t.Fatalf("the quotation lost its speaker link: %+v", doc.Quotes)
	}
	shift := len([]rune(doc.Text)) - len([]rune(a.Text))
	for _, sp := range got {
		if model.RuneSlice(doc.Text, sp.Start, sp.End) != sp.Text || sp.Start != runeIndex(t, a.Text, sp.Text, 0)+shift {
			t.Fatalf("span %+v not shifted by %d", sp, shift)
		}
	}
	if !strings.Contains(m.bar.message, "4 annotations re-anchored") {
		t.Fatalf("message %q", m.bar.message)
	}
}

// Two presses typed before the first is saved toggle twice: the second is
// worked out against the first as saved.
func TestCorrectTypedAheadToggles(t *testing.T) {
	dir, path := corrCorpus(t), tempDB(t)
	m, _ := startCorpus(t, dir, path, 120, 40)
	openRaw(t, m)
	before := m.shownArticle().Text
	cursorTo(t, m, "Photo:")
	_, c1 := m.Update(keytest.Key("t"))
	_, c2 := m.Update(keytest.Key("t"))
	drive(t, m, tea.Batch(c1, c2))
	if c := corrections(t, path, "a.txt"); len(c) != 0 || m.shownArticle().Text != before {
		t.Fatalf("after t t: %+v\n%s", c, m.shownArticle().Text)
	}
	if m.sess.Pending() {
		t.Fatal("writes still pending")
	}
}

func TestCorrectNeedsAStoreAndARawView(t *testing.T) {
	m := start(t, fixtureSource(3, -1), 120, 30)
	press(t, m, "enter", "r")
	if hasCursor(m) || strings.Contains(plain(m), "▌") {
		t.Fatal("a cursor without a store")
	}
	press(t, m, "t")
	if !strings.Contains(m.bar.message, "needs an annotation store") {
		t.Fatalf("message %q", m.bar.message)
	}
	// With a store but a source that cannot re-clean: refused, said why.
	m2, _ := startStore(t, entitySource(), tempDB(t), 120, 30)
	press(t, m2, "enter", "r", "t")
	if !strings.Contains(m2.bar.message, "cannot be applied") {
		t.Fatalf("message %q", m2.bar.message)
	}
	// t in the read view does nothing.
	dir, path := corrCorpus(t), tempDB(t)
	m3, _ := startCorpus(t, dir, path, 120, 30)
	press(t, m3, "enter", "t")
	if len(corrections(t, path, "a.txt")) != 0 || isAsking(m3) {
		t.Fatal("t corrected from the read view")
	}
}

func TestCorrectGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 40}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			dir, path := corrCorpus(t), tempDB(t)
			m, _ := startCorpus(t, dir, path, size.w, size.h)
			openRaw(t, m)
			cursorTo(t, m, "Photo:")
			press(t, m, "t")
			cursorTo(t, m, "Two crossings")
			press(t, m, "t")
			cursorTo(t, m, "Sign up")
			if !strings.Contains(plain(m), "[removed by you]") && size.h >= 40 {
				t.Fatalf("no user tag:\n%s", plain(m))
			}
			golden.RequireEqual(t, content(m))
		})
	}
}

func TestCorrectSizes(t *testing.T) {
	dir := corrCorpus(t)
	for _, size := range []struct{ w, h int }{{20, 6}, {30, 8}, {40, 12}, {80, 24}, {250, 70}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			path := tempDB(t)
			annotateStory(t, dir, path)
			m, _ := startCorpus(t, dir, path, size.w, size.h)
			press(t, m, "enter", "r")
			checkFrame(t, m, size.w, size.h)
			for _, k := range []string{"j", "j", "t", "j", "j", "t", "pgdown", "G", "k", "t"} {
				press(t, m, k)
				checkFrame(t, m, size.w, size.h)
			}
			if isAsking(m) {
				press(t, m, "y")
				checkFrame(t, m, size.w, size.h)
			}
			press(t, m, "u", "u")
			checkFrame(t, m, size.w, size.h)
			send(t, m, tea.WindowSizeMsg{Width: size.w/2 + 1, Height: size.h/2 + 1})
			checkFrame(t, m, size.w/2+1, size.h/2+1)
		})
	}
}

// In the real program saves and loads run on their own goroutines while
// the corpus streams: keys typed without waiting still toggle in order.
func TestCorrectProgram(t *testing.T) {
	dir, path := corrCorpus(t), tempDB(t)
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, path)
	m := New(c, Options{NoColor: true, Store: st, Annotator: "tester"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	waitFor(t, tm, "Read 2 articles")
	tm.Send(keytest.Key("enter"))
	tm.Type("r")
	waitFor(t, tm, "[caption]")
	tm.Type("gjjt")
	waitFor(t, tm, "Kept as body")
	tm.Type("ttu") // back to the cleaner, kept again, undone: back to the cleaner
	tm.Type("jt")  // the next paragraph removed
	tm.Type("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	if fm.sess.Pending() {
		t.Fatal("quit with writes pending")
	}
	got := corrections(t, path, "a.txt")
	if len(got) != 1 || got[0].Keep || !strings.HasPrefix(model.RuneSlice(corrStory, got[0].Start, got[0].End), "The ferry between") {
		t.Fatalf("stored %+v", got)
	}
	if idx := browse.CorpusOf(fm.br.Source()).Corrections("a.txt"); len(idx) != 1 || idx[0].Start != got[0].Start || idx[0].Keep {
		t.Fatalf("the reader's index %+v, the store %+v", idx, got)
	}
}

// A load that was under way when a correction was saved brings the old
// text: it is read again.
func TestCorrectStaleLoadIsReplaced(t *testing.T) {
	dir, path := corrCorpus(t), tempDB(t)
	m, _ := startCorpus(t, dir, path, 120, 40)
	openRaw(t, m)
	cursorTo(t, m, "Photo:")
	idx := shownIdx(m)
	_, write := m.Update(keytest.Key("t")) // queued, not committed yet
	// Off the article and back to it, read again from its file before the
	// correction is committed: its load returns the text from before it.
	m.br.Forget(idx)
	press(t, m, "esc", "j")
	_, back := m.Update(keytest.Key("k"))
	var late []tea.Msg
	queue := []tea.Cmd{back}
	for len(queue) > 0 {
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
			late = append(late, msg)
		}
	}
	drive(t, m, write) // the correction is committed, the article read again
	if a := m.shownArticle(); a == nil || !strings.HasPrefix(a.Text, "Photo:") {
		t.Fatalf("not corrected: %v", a)
	}
	for _, msg := range late { // the load from before arrives now
		send(t, m, msg)
	}
	press(t, m, "tab")
	if a := m.shownArticle(); a == nil || !strings.HasPrefix(a.Text, "Photo:") || !strings.Contains(plain(m), "[kept by you]") {
		t.Fatalf("the stale article stays:\n%s", plain(m))
	}
}
