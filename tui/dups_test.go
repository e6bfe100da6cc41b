package tui

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/browse"
	"storydesk/tui/internal/keytest"
)

// The duplicates tests run on the embedded sample corpus: wire-ferry-ap.txt
// is a wire story, wire-ferry-truncated.txt a copy cut short,
// wire-ferry-changed.txt a copy with a changed death toll (42 → 47) and
// other edits, and wire-ferry-rewrite.md another outlet's own write-up of
// the same event (too different to be a candidate: compared by hand).
// tui/dups tests the screen on its own; these drive the whole reader.

const (
	dupAP      = "wire-ferry-ap.txt"
	dupCut     = "wire-ferry-truncated.txt"
	dupChanged = "wire-ferry-changed.txt"
	dupRewrite = "wire-ferry-rewrite.md"
)

// openDupsScreen presses D and checks the screen is there with detection
// done.
func openDupsScreen(tb testing.TB, m *Model) {
	tb.Helper()
	press(tb, m, "D")
	if m.mode() != "DUPS" || m.mode() != "DUPS" {
		tb.Fatalf("D did not open the duplicates screen (mode %s): %q", m.mode(), m.bar.message)
	}
	if p := plain(m); strings.Contains(p, "Finding copies") || strings.Contains(p, "copies: ") {
		tb.Fatalf("detection did not finish:\n%s", p)
	}
}

// selectedPair is the pair list's selected row, as drawn.
func selectedPair(tb testing.TB, m *Model) string {
	tb.Helper()
	for _, l := range strings.Split(plain(m), "\n") {
		if _, size := utf8.DecodeRuneInString(l); strings.HasPrefix(l[size:], m.c.Styles.Marker) {
			return l // the border, then the marker
		}
	}
	tb.Fatalf("no pair selected:\n%s", plain(m))
	return ""
}

// selectPair moves the screen's selection to the pair of articles a and b
// (named by ID: the sample's copies name no outlet) with g and j, and
// checks its comparison is on screen.
func selectPair(tb testing.TB, m *Model, a, b string) {
	tb.Helper()
	press(tb, m, "g")
	for range 10 {
		if sel := selectedPair(tb, m); strings.Contains(sel, a) && strings.Contains(sel, b) {
			if strings.Contains(plain(m), "comparing…") {
				tb.Fatalf("comparison of %s ⇄ %s not loaded:\n%s", a, b, plain(m))
			}
			return
		}
		press(tb, m, "j")
	}
	tb.Fatalf("pair %s ⇄ %s not listed:\n%s", a, b, plain(m))
}

// markAndCompare selects a in the list, presses M, selects b, presses M:
// the screen opens on the pair, compared.
func markAndCompare(tb testing.TB, m *Model, a, b string) {
	tb.Helper()
	for _, id := range []string{a, b} {
		if !m.br.Select(m.itemIndex(id)) {
			tb.Fatalf("%s not in the list", id)
		}
		drive(tb, m, m.br.Sync())
		press(tb, m, "M")
	}
	if m.mode() != "DUPS" {
		tb.Fatalf("M did not open the duplicates screen: %q", m.bar.message)
	}
	if sel := selectedPair(tb, m); !strings.Contains(sel, "by hand") || strings.Contains(plain(m), "comparing…") {
		tb.Fatalf("M did not open the pair %s ⇄ %s, compared: %q\n%s", a, b, m.bar.message, plain(m))
	}
}

// storedLabels reads the labels through a store handle of its own, as
// "a ⇄ b" → label.
func storedLabels(tb testing.TB, path string) map[string]model.DupLabel {
	tb.Helper()
	ls, err := openStore(tb, path).DupLabels(ctx())
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]model.DupLabel{}
	for _, l := range ls {
		out[pairName(l.A, l.B)] = l.Label
	}
	return out
}

// pairName names a pair whichever way round it is given.
func pairName(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + " ⇄ " + b
}

func storedCanonicals(tb testing.TB, path string) []string {
	tb.Helper()
	c, err := openStore(tb, path).Canonicals(ctx())
	if err != nil {
		tb.Fatal(err)
	}
	return slices.Sorted(maps.Keys(c))
}

// pairListOrder is the pairs the screen lists, top to bottom, by the
// sample's article IDs in each row.
func pairListOrder(tb testing.TB, m *Model) []string {
	tb.Helper()
	ids := []string{dupAP, dupCut, dupChanged, dupRewrite}
	var out []string
	for _, l := range strings.Split(plain(m), "\n") {
		var in []string
		for _, id := range ids {
			if strings.Contains(l, id) {
				in = append(in, id)
			}
		}
		if len(in) == 2 && strings.Contains(l, "⇄") {
			out = append(out, pairName(in[0], in[1]))
		}
	}
	return out
}

// Detection runs in the background after loading with a store; without
// one it waits for the screen, and says what it found when it is done.
func TestDupsDetectInBackground(t *testing.T) {
	m := start(t, sampleSource(t), 120, 40)
	openDupsScreen(t, m)
	if !strings.Contains(m.bar.message, "3 candidate pairs of copies among 12 articles") {
		t.Fatalf("detection started by D does not say what it found: %q", m.bar.message)
	}

	// With a store it has run by itself once the corpus was read: D only
	// shows what it found.
	m2, _ := startStore(t, sampleSource(t), tempDB(t), 120, 40)
	openDupsScreen(t, m2)
	if strings.Contains(m2.bar.message, "candidate pair") {
		t.Fatalf("detection ran only when D was pressed: %q", m2.bar.message)
	}
	want := []string{pairName(dupAP, dupCut), pairName(dupAP, dupChanged), pairName(dupChanged, dupCut)}
	if got := pairListOrder(t, m2); !slices.Equal(got, want) {
		t.Fatalf("rows %v, want %v (containment order)", got, want)
	}
	p := plain(m2)
	// The cut copy lies wholly inside the original (b∈a 1.00).
	for _, s := range []string{"near     wire-ferry-ap.txt · Ferry capsizes in … ⇄ wire-ferry-truncated", "0.41 1.00 0.41", "0.97 0.97 0.94", "wire-ferry-changed.txt · At least 47 d"} {
		if !strings.Contains(p, s) {
			t.Errorf("screen lacks %q:\n%s", s, p)
		}
	}
}

// 1–4 store each kind of label, shown once committed; the screen moves on
// to the next unlabelled pair; u and ctrl+r undo and redo.
func TestDupsLabelKindsUndoRedo(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	openDupsScreen(t, m)
	press(t, m, "1") // ap ⇄ truncated
	if sel := selectedPair(t, m); !strings.Contains(sel, dupChanged) || !strings.Contains(sel, dupAP) {
		t.Fatalf("labelling did not move on to the next pair: %q", sel)
	}
	press(t, m, "2", "4") // ap ⇄ changed, changed ⇄ truncated
	// The rewrite is no candidate: compared by hand from the list.
	press(t, m, "esc")
	markAndCompare(t, m, dupAP, dupRewrite)
	press(t, m, "3")

	want := map[string]model.DupLabel{
		pairName(dupAP, dupCut):      model.LabelDuplicate,
		pairName(dupAP, dupChanged):  model.LabelNearDup,
		pairName(dupChanged, dupCut): model.LabelNotDup,
		pairName(dupAP, dupRewrite):  model.LabelSameStory,
	}
	if got := storedLabels(t, path); !maps.Equal(got, want) {
		t.Fatalf("stored %v, want %v", got, want)
	}
	p := plain(m)
	for _, s := range []string{"duplicate", "near-dup", "not dup", "same story", "4 labelled", "by hand"} {
		if !strings.Contains(p, s) {
			t.Errorf("screen lacks %q:\n%s", s, p)
		}
	}
	// Two copies of one text labelled "not a duplicate" contradict the
	// other two labels: flagged in the list and the info line.
	selectPair(t, m, dupChanged, dupCut)
	if sel := selectedPair(t, m); !strings.HasPrefix(sel[len("┃"+m.c.Styles.Marker):], "!") {
		t.Errorf("the contradicting label is not flagged: %q", sel)
	}
	send(t, m, teaSize(250, 40)) // room for the whole info line
	if l := infoLine(t, m); !strings.Contains(l, "! other labels make them copies") {
		t.Errorf("the info line does not flag the contradiction: %q", l)
	}
	send(t, m, teaSize(120, 40))

	press(t, m, "u")
	delete(want, pairName(dupAP, dupRewrite))
	if got := storedLabels(t, path); !maps.Equal(got, want) || !strings.Contains(plain(m), "3 labelled") {
		t.Fatalf("after undo: stored %v\n%s", got, plain(m))
	}
	if !strings.HasPrefix(m.bar.message, "Undid: label") {
		t.Fatalf("undo message %q", m.bar.message)
	}
	send(t, m, keytest.Key("ctrl+r"))
	want[pairName(dupAP, dupRewrite)] = model.LabelSameStory
	if got := storedLabels(t, path); !maps.Equal(got, want) || !strings.Contains(plain(m), "4 labelled") {
		t.Fatalf("after redo: stored %v\n%s", got, plain(m))
	}
	// Relabelling replaces; undo restores the old label.
	press(t, m, "g", "2")
	if got := storedLabels(t, path)[pairName(dupAP, dupCut)]; got != model.LabelNearDup {
		t.Fatalf("relabel: %q", got)
	}
	press(t, m, "u", "g")
	if got := storedLabels(t, path)[pairName(dupAP, dupCut)]; got != model.LabelDuplicate || !strings.Contains(plain(m), "labelled duplicate") {
		t.Fatalf("undo relabel: %q\n%s", got, plain(m))
	}
	// s skips to the next unlabelled pair; with none left it says so.
	press(t, m, "s")
	if !strings.Contains(m.bar.message, "Every pair here is labelled") {
		t.Fatalf("skip with everything labelled: %q", m.bar.message)
	}
}

// infoLine is the duplicates screen's line about the selected pair.
func infoLine(tb testing.TB, m *Model) string {
	tb.Helper()
	for _, l := range strings.Split(plain(m), "\n") {
		if strings.HasPrefix(l, " A in B ") || strings.HasPrefix(l, " comparing…") {
			return l
		}
	}
	tb.Fatalf("no pair info line:\n%s", plain(m))
	return ""
}

// Labels make clusters; c sets the canonical copy (unmarking the previous
// one in the same action); the list shows badges and H hides copies.
func TestDupsClustersCanonicalFilter(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	openDupsScreen(t, m)
	press(t, m, "1", "2") // ap ⇄ truncated duplicate, ap ⇄ changed near
	// No mark: the longest copy is canonical.
	words := func(id string) int { return m.br.Row(m.itemIndex(id)).Words }
	longest := dupAP
	for _, id := range []string{dupChanged, dupCut} {
		if words(id) > words(longest) {
			longest = id
		}
	}
	selectPair(t, m, dupChanged, dupCut)
	side := map[string]string{dupChanged: "A", dupCut: "B", dupAP: dupAP}[longest] // the pair's sides, or the ID
	canon := "canonical " + side + " (longest)"
	if l := infoLine(t, m); !strings.Contains(l, "cluster 1 of 3, "+canon) {
		t.Fatalf("the three copies are not one cluster with %s canonical: %q", longest, l)
	}

	// c on side B of ap ⇄ truncated marks the cut copy.
	selectPair(t, m, dupAP, dupCut)
	press(t, m, "tab", "c")
	if got := storedCanonicals(t, path); !slices.Equal(got, []string{dupCut}) {
		t.Fatalf("canonical stored %v", got)
	}
	if l := infoLine(t, m); !strings.Contains(l, "canonical B (marked)") {
		t.Fatalf("info line: %q", l)
	}
	// c on side A: one action unmarks the cut copy and marks ap.
	press(t, m, "tab", "c")
	if got := storedCanonicals(t, path); !slices.Equal(got, []string{dupAP}) {
		t.Fatalf("canonical stored %v", got)
	}
	press(t, m, "u")
	if got := storedCanonicals(t, path); !slices.Equal(got, []string{dupCut}) || !strings.Contains(infoLine(t, m), "canonical B (marked)") {
		t.Fatalf("one undo should restore the previous canonical, stored %v: %q", got, infoLine(t, m))
	}
	// c on an article in no cluster refuses.
	press(t, m, "esc")
	markAndCompare(t, m, dupAP, dupRewrite)
	press(t, m, "tab", "c")
	if !strings.Contains(m.bar.message, "in no copy cluster") {
		t.Fatalf("canonical outside a cluster: %q", m.bar.message)
	}

	// The list: ★ on the canonical, ⧉ on the other copies, with the
	// cluster number.
	press(t, m, "esc")
	// rowOf is id's row as the list draws it, selected.
	rowOf := func(id string) string {
		t.Helper()
		if !m.br.Select(m.itemIndex(id)) {
			t.Fatalf("%s not listed", id)
		}
		drive(t, m, m.br.Sync())
		for _, l := range strings.Split(plain(m), "\n") {
			if r := ansi.Cut(l, 1, listWidth(m)-1); strings.HasPrefix(r, m.c.Styles.Marker) {
				return r
			}
		}
		t.Fatalf("no row selected:\n%s", plain(m))
		return ""
	}
	if r := rowOf(dupCut); !strings.Contains(r, "★1") {
		t.Errorf("canonical row %q", r)
	}
	for _, id := range []string{dupAP, dupChanged} {
		if r := rowOf(id); !strings.Contains(r, "⧉1") {
			t.Errorf("copy row %q", r)
		}
	}
	if r := rowOf("clean-lighthouse.txt"); strings.ContainsAny(r, "★⧉") {
		t.Errorf("unclustered row %q", r)
	}
	// Badges take their room from the title, not the word count.
	for _, id := range []string{dupCut, dupAP, "clean-lighthouse.txt"} {
		if r := strings.TrimRight(rowOf(id), " "); !strings.HasSuffix(r, "w") {
			t.Errorf("row of %s is cut: %q", id, r)
		}
	}

	// H hides the copies that are not canonical, and shows them again.
	n := len(m.br.Visible())
	press(t, m, "H")
	hidden := []int32{int32(m.itemIndex(dupAP)), int32(m.itemIndex(dupChanged))}
	slices.Sort(hidden)
	if len(m.br.Visible()) != n-2 || slices.Contains(m.br.Visible(), hidden[0]) || slices.Contains(m.br.Visible(), hidden[1]) {
		t.Fatalf("H: %d rows (was %d), hidden %v, shown %v", len(m.br.Visible()), n, hidden, m.br.Visible())
	}
	if !strings.Contains(m.bar.message, "Hiding 2 copies that are not their cluster's canonical") || !strings.Contains(plain(m), "2 copies hidden") {
		t.Fatalf("the status bar does not say copies are hidden: %q\n%s", m.bar.message, plain(m))
	}
	// A text filter keeps hiding them.
	press(t, m, "/")
	typeText(t, m, "ferry")
	press(t, m, "enter")
	for _, i := range m.br.Visible() {
		if slices.Contains(hidden, i) {
			t.Fatalf("filtered list shows hidden copy %d", i)
		}
	}
	ferry := 0 // fuzzy: rows holding "ferry" itself, ranked first
	for _, i := range m.br.Visible() {
		if strings.Contains(strings.ToLower(m.br.Row(int(i)).Title), "ferry") {
			ferry++
		}
	}
	if ferry != 2 { // the cut copy and the rewrite
		t.Fatalf("filter with copies hidden: %d rows with ferry", ferry)
	}
	press(t, m, "esc", "H")
	if len(m.br.Visible()) != n || m.bar.message != "Showing every copy" {
		t.Fatalf("H again: %d rows, want %d: %q", len(m.br.Visible()), n, m.bar.message)
	}
	// A verdict change rebuilds the hidden set: undoing the cut copy's
	// mark and the near-duplicate label leaves ap ⇄ truncated, whose
	// longest copy (ap) is kept.
	press(t, m, "H", "u", "u")
	shown := func(id string) bool { return slices.Contains(m.br.Visible(), int32(m.itemIndex(id))) }
	if len(m.br.Visible()) != n-1 || !shown(dupAP) || !shown(dupChanged) || shown(dupCut) {
		t.Fatalf("after undo: %d rows shown (want %d); ap %v, changed %v, cut %v", len(m.br.Visible()), n-1, shown(dupAP), shown(dupChanged), shown(dupCut))
	}
}

// A canonical mark typed while the label that makes the cluster is still
// being written waits for it: it is built when its turn in the write queue
// comes, on the clusters that label made.
func TestDupsCanonicalAfterUnsavedLabel(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	openDupsScreen(t, m)
	// 1 labels ap ⇄ truncated and moves on; k back to it, tab to the cut
	// copy, c: all before the label's write has come back.
	var pending []tea.Cmd
	for _, k := range []string{"1", "k", "tab", "c"} {
		_, cmd := m.Update(keytest.Key(k))
		pending = append(pending, cmd)
	}
	drive(t, m, tea.Batch(pending...))
	if got := storedCanonicals(t, path); !slices.Equal(got, []string{dupCut}) {
		t.Fatalf("canonical stored %v (%q)", got, m.bar.message)
	}
	if !strings.HasPrefix(m.bar.message, "Canonical copy of cluster 1: "+dupCut) {
		t.Fatalf("message %q", m.bar.message)
	}
}

// = in the list shows the selected article's candidates; enter on the
// screen opens the focused side's article.
func TestDupsCandidatesOfArticle(t *testing.T) {
	m, _ := startStore(t, sampleSource(t), tempDB(t), 120, 40)
	m.br.Select(m.itemIndex(dupCut))
	drive(t, m, m.br.Sync())
	press(t, m, "=")
	if got := pairListOrder(t, m); len(got) != 2 || !strings.Contains(plain(m), "1/2 · 0 labelled") {
		t.Fatalf("= on the cut copy: %v\n%s", got, plain(m))
	}
	for _, r := range pairListOrder(t, m) {
		if !strings.Contains(r, dupCut) {
			t.Fatalf("row %v does not involve %s", r, dupCut)
		}
	}
	if !strings.Contains(plain(m), "Copies of wire-ferry-truncated.txt") {
		t.Fatalf("title:\n%s", plain(m))
	}
	// D shows every pair again; esc leaves.
	press(t, m, "D")
	if p := plain(m); strings.Contains(p, "Copies of") || !strings.Contains(p, "/3 · 0 labelled") {
		t.Fatalf("D on the filtered screen:\n%s", p)
	}
	press(t, m, "esc")
	if screenName(m) != "" || m.mode() != "READ" {
		t.Fatalf("esc: screen %q mode %s", screenName(m), m.mode())
	}

	// An article with no copies.
	m.br.Select(m.itemIndex("clean-lighthouse.txt"))
	drive(t, m, m.br.Sync())
	press(t, m, "=")
	if !strings.Contains(plain(m), "No candidate copies of this article") {
		t.Fatalf("no copies:\n%s", plain(m))
	}
	press(t, m, "esc")

	// enter opens side B in the reader.
	openDupsScreen(t, m)
	selectPair(t, m, dupAP, dupChanged)
	press(t, m, "tab", "enter")
	if screenName(m) != "" || m.br.Focus() != browse.FocusArticle || m.br.Selected() != m.itemIndex(dupChanged) {
		t.Fatalf("enter: screen %q focus %v selected %d", screenName(m), m.br.Focus(), m.br.Selected())
	}
	if m.shownArticle() == nil || m.shownArticle().ID != dupChanged {
		t.Fatalf("reader shows %v", m.shownArticle())
	}
	// With copies hidden and the list filtered, enter on a hidden copy
	// shows every copy again and clears the filter to open it.
	openDupsScreen(t, m)
	press(t, m, "1", "esc", "H", "/")
	typeText(t, m, "lighthouse")
	press(t, m, "enter")
	openDupsScreen(t, m)
	selectPair(t, m, dupAP, dupCut)
	hiddenSide := "tab"
	if m.br.Row(m.itemIndex(dupAP)).Words < m.br.Row(m.itemIndex(dupCut)).Words {
		hiddenSide = "g" // ap is the copy hidden: side A, already focused
	}
	press(t, m, hiddenSide, "enter")
	if !strings.Contains(m.bar.message, "Showing every copy again, to open it") || m.br.Filter() != "" || screenName(m) != "" {
		t.Fatalf("enter on a hidden copy: %q, filter %q, screen %q", m.bar.message, m.br.Filter(), screenName(m))
	}
}

// sigCounter is the store counting the signatures detection writes to
// its cache.
type sigCounter struct {
	*store.SQLite
	put int
}

func (s *sigCounter) PutSignatures(ctx context.Context, version int, sigs map[string][]byte) error {
	s.put += len(sigs)
	return s.SQLite.PutSignatures(ctx, version, sigs)
}

// startCounted is startStore with the store's signature writes counted.
func startCounted(tb testing.TB, src Source, path string) (*Model, *sigCounter) {
	tb.Helper()
	st := &sigCounter{SQLite: openStore(tb, path)}
	m := NewFromSource(src, Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond})
	send(tb, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	drive(tb, m, m.Init())
	return m, st
}

// Reopening the store shows the labels and the canonical mark, and signs
// nothing again: every signature comes from the cache.
func TestDupsReopen(t *testing.T) {
	path := tempDB(t)
	m, st := startCounted(t, sampleSource(t), path)
	if st.put == 0 {
		t.Fatal("first run: no signature cached")
	}
	openDupsScreen(t, m)
	press(t, m, "2", "k", "tab", "c") // near-duplicate, back to it, the cut copy is canonical
	press(t, m, "q")

	m2, st2 := startCounted(t, sampleSource(t), path)
	if st2.put != 0 {
		t.Fatalf("reopened: %d texts signed again", st2.put)
	}
	openDupsScreen(t, m2)
	if got := pairListOrder(t, m2); len(got) != 3 {
		t.Fatalf("reopened: pairs %v", got)
	}
	if p := plain(m2); !strings.Contains(p, "near-dup") || !strings.Contains(p, "1 labelled") || !strings.Contains(p, "★ wire-ferry-truncated.txt") {
		t.Fatalf("reopened screen:\n%s", p)
	}
}

// Without a store D still finds the pairs; labelling says a store is
// needed, in the reader's one sentence for it.
func TestDupsLabelNeedsStore(t *testing.T) {
	m := start(t, sampleSource(t), 120, 40)
	openDupsScreen(t, m)
	if got := pairListOrder(t, m); len(got) != 3 {
		t.Fatalf("without a store D still finds the pairs: %v", got)
	}
	press(t, m, "1")
	if !strings.Contains(plain(m), "0 labelled") || !strings.Contains(m.bar.message, "needs an annotation store") {
		t.Fatalf("label without a store: %q\n%s", m.bar.message, plain(m))
	}
	press(t, m, "esc", "H")
	if !strings.Contains(m.bar.message, "Hiding copies needs an annotation store") {
		t.Fatalf("H without a store: %q", m.bar.message)
	}
}

// The write queue's failure path: a label refused by the store leaves the
// row unlabelled.
func TestDupsLabelFailureShowsNothing(t *testing.T) {
	m, st := startStore(t, sampleSource(t), tempDB(t), 120, 40)
	openDupsScreen(t, m)
	st.Close()
	press(t, m, "1")
	if !strings.Contains(plain(m), "0 labelled") || !strings.HasPrefix(m.bar.message, "Not saved") {
		t.Fatalf("after a failed write: %q\n%s", m.bar.message, plain(m))
	}
}

// A pair labelled on the duplicates screen opened from annotate mode does
// not take annotate's selection with it (it used to, when the annotated
// article was the pair's side A).
func TestDupsLabelKeepsAnnotateSelection(t *testing.T) {
	m, _ := startStore(t, sampleSource(t), tempDB(t), 120, 40)
	annotateOn(t, m, dupAP)
	apress(t, m, "g", "v", "w")
	if m.mode() != "SELECT" {
		t.Fatalf("no selection: mode %s", m.mode())
	}
	openDupsScreen(t, m)
	press(t, m, "1") // ap ⇄ truncated
	press(t, m, "esc")
	if m.mode() != "SELECT" {
		t.Fatalf("after labelling a pair of the annotated article: mode %s, want SELECT", m.mode())
	}
}

// contains reports whether s holds every one of subs.
func contains(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
