package dups_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/ui"
)

// 1–4 store each kind of label, shown once committed; the screen moves on
// to the next unlabelled pair; undo and redo (the reader's keys) take the
// label back and give it again.
func TestLabelsUndoRedo(t *testing.T) {
	h := newHarness(t, setup{store: true})
	h.open()
	h.press("1") // ap ⇄ truncated
	if sel := h.selected(); !strings.Contains(sel, changed) || !strings.Contains(sel, ap) {
		t.Fatalf("labelling did not move on to the next pair: %q", sel)
	}
	if h.host.last.Text != "Labelled duplicate: "+ap+" ⇄ "+cut {
		t.Fatalf("message %q", h.host.last.Text)
	}
	h.press("2", "4") // ap ⇄ changed, changed ⇄ truncated
	h.press("esc")
	h.markAndCompare(ap, rewrite)
	h.press("3")
	want := map[string]model.DupLabel{
		pairName(ap, cut):      model.LabelDuplicate,
		pairName(ap, changed):  model.LabelNearDup,
		pairName(changed, cut): model.LabelNotDup,
		pairName(ap, rewrite):  model.LabelSameStory,
	}
	if got := h.labels(); !maps.Equal(got, want) {
		t.Fatalf("stored %v, want %v", got, want)
	}
	p := h.plain()
	for _, s := range []string{"duplicate", "near-dup", "not dup", "same story", "4 labelled", "by hand"} {
		if !strings.Contains(p, s) {
			t.Errorf("screen lacks %q:\n%s", s, p)
		}
	}
	// Two copies of one text labelled "not a duplicate" contradict the
	// other two labels: flagged in the list, and on the info line.
	h.selectPair(changed, cut)
	if sel := h.selected(); !strings.HasPrefix(sel[len("┃"+h.c.Styles.Marker):], "!") {
		t.Errorf("the contradicting label is not flagged: %q", sel)
	}
	h.resize(250, 38)
	if !strings.Contains(h.info(), "! other labels make them copies") {
		t.Errorf("info line %q", h.info())
	}
	h.resize(120, 38)

	h.press("u")
	delete(want, pairName(ap, rewrite))
	if got := h.labels(); !maps.Equal(got, want) || !strings.Contains(h.plain(), "3 labelled") {
		t.Fatalf("after undo: stored %v\n%s", got, h.plain())
	}
	h.press("ctrl+r")
	want[pairName(ap, rewrite)] = model.LabelSameStory
	if got := h.labels(); !maps.Equal(got, want) || !strings.Contains(h.plain(), "4 labelled") {
		t.Fatalf("after redo: stored %v\n%s", got, h.plain())
	}
	// Relabelling replaces; undo restores the old label.
	h.press("g", "2")
	if got := h.labels()[pairName(ap, cut)]; got != model.LabelNearDup {
		t.Fatalf("relabel: %q", got)
	}
	h.press("u", "g")
	if got := h.labels()[pairName(ap, cut)]; got != model.LabelDuplicate || !strings.Contains(h.info(), "labelled duplicate") {
		t.Fatalf("undo relabel: %q, %q", got, h.info())
	}
	// s skips to the next unlabelled pair; with none left it says so.
	h.press("s")
	if h.host.last.Text != "Every pair here is labelled" {
		t.Fatalf("skip with everything labelled: %q", h.host.last.Text)
	}
	// Reopened, the labels are read from the store: the pair compared by
	// hand is listed as only labelled, and undoing its label drops it.
	h.st.Close() // the first reader quits: its actions pass to the next session
	h2 := newHarness(t, setup{store: true, path: h.path})
	h2.open()
	if p := h2.plain(); !strings.Contains(p, "/4 · 4 labelled") || !strings.Contains(p, "same story   –    –    –  labelled ") {
		t.Fatalf("reopened:\n%s", p)
	}
	h2.press("u")
	if p := h2.plain(); !strings.Contains(p, "/3 · 3 labelled") || strings.Contains(p, "same story") {
		t.Fatalf("undoing the only label of a pair not detected:\n%s", p)
	}
}

// Labels make clusters, the longest copy canonical unless one is marked; c
// marks the focused side (unmarking the previous one in the same action);
// the list shows badges, and H hides copies.
func TestClustersCanonicalAndBadges(t *testing.T) {
	h := newHarness(t, setup{store: true})
	h.open()
	h.press("1", "2") // ap ⇄ truncated duplicate, ap ⇄ changed near
	longest := ap
	for _, id := range []string{changed, cut} {
		if h.arts.rows[h.arts.IndexOf(id)].Words > h.arts.rows[h.arts.IndexOf(longest)].Words {
			longest = id
		}
	}
	h.selectPair(changed, cut)
	side := map[string]string{changed: "A", cut: "B", ap: ap}[longest]
	if !strings.Contains(h.info(), "cluster 1 of 3, canonical "+side+" (longest)") {
		t.Fatalf("the three copies are not one cluster with %s canonical: %q", longest, h.info())
	}
	if !strings.Contains(h.plain(), ui.CleanLine("★ "+longest)) {
		t.Fatalf("the canonical copy has no star:\n%s", h.plain())
	}

	// c on side B of ap ⇄ truncated marks the cut copy.
	h.selectPair(ap, cut)
	h.press("tab", "c")
	if got := h.canonicals(); !slices.Equal(got, []string{cut}) {
		t.Fatalf("canonical stored %v", got)
	}
	if !strings.Contains(h.info(), "canonical B (marked)") || h.host.last.Text != "Canonical copy of cluster 1: "+cut {
		t.Fatalf("info line %q, message %q", h.info(), h.host.last.Text)
	}
	// c on side A: one action unmarks the cut copy and marks ap.
	h.press("tab", "c")
	if got := h.canonicals(); !slices.Equal(got, []string{ap}) {
		t.Fatalf("canonical stored %v", got)
	}
	h.press("u")
	if got := h.canonicals(); !slices.Equal(got, []string{cut}) || !strings.Contains(h.info(), "canonical B (marked)") {
		t.Fatalf("one undo should restore the previous canonical, stored %v: %q", got, h.info())
	}
	// c on the marked canonical takes the mark off.
	h.press("tab", "c")
	if got := h.canonicals(); len(got) != 0 || !strings.Contains(h.host.last.Text, "is no longer marked canonical (cluster 1 keeps its longest copy)") {
		t.Fatalf("unmark: stored %v, %q", got, h.host.last.Text)
	}
	h.press("u")
	// c on an article in no cluster refuses, naming the label keys.
	h.press("esc")
	h.markAndCompare(ap, rewrite)
	h.press("tab", "c")
	if got := h.host.last.Text; !strings.Contains(got, "is in no copy cluster: label a pair of it duplicate (1) or near-duplicate (2) first") {
		t.Fatalf("canonical outside a cluster: %q", got)
	}
	h.press("esc")

	// The list's badges: ★ and the cluster number on the canonical, ⧉ on
	// the other copies, blank on the others; all as wide.
	badge := func(id string) string {
		b, w := h.f.ClusterBadge(h.arts.IndexOf(id))
		if ui.TextWidth(b) != w || w != 2 {
			t.Fatalf("badge of %s is %d cells, says %d", id, ui.TextWidth(b), w)
		}
		return sgrRE.ReplaceAllString(b, "")
	}
	if b := badge(cut); b != "★1" {
		t.Errorf("canonical badge %q", b)
	}
	for _, id := range []string{ap, changed} {
		if b := badge(id); b != "⧉1" {
			t.Errorf("copy badge %q", b)
		}
	}
	if b := badge("clean-lighthouse.txt"); b != "  " {
		t.Errorf("unclustered badge %q", b)
	}

	// H hides the copies that are not canonical, and shows them again.
	all := len(h.rd.shown)
	hidden := []int32{int32(h.arts.IndexOf(ap)), int32(h.arts.IndexOf(changed))}
	h.press("H")
	if len(h.rd.shown) != all-2 || slices.Contains(h.rd.shown, hidden[0]) || slices.Contains(h.rd.shown, hidden[1]) {
		t.Fatalf("H: %d rows (was %d), shown %v", len(h.rd.shown), all, h.rd.shown)
	}
	if h.host.last.Text != "Hiding 2 copies that are not their cluster's canonical" || h.status().DupNote != "2 copies hidden" {
		t.Fatalf("H: %q, %+v", h.host.last.Text, h.status())
	}
	// A text filter keeps hiding them.
	h.rd.filtered = map[int]bool{}
	for i := range h.arts.rows {
		h.rd.filtered[i] = !strings.Contains(h.arts.ids[i], "ferry")
	}
	h.rd.Refilter()
	if len(h.rd.shown) != 2 { // the cut copy and the rewrite
		t.Fatalf("filter with copies hidden: %v", h.rd.shown)
	}
	h.rd.ClearFilter()
	h.press("H")
	if len(h.rd.shown) != all || h.host.last.Text != "Showing every copy" || h.status().DupNote != "" {
		t.Fatalf("H again: %d rows, want %d: %q", len(h.rd.shown), all, h.host.last.Text)
	}
	// A verdict change rebuilds the hidden set: undoing the cut copy's
	// mark and the near-duplicate label leaves ap ⇄ truncated, whose
	// longest copy (ap) is kept.
	h.press("H", "u", "u")
	shown := func(id string) bool { return slices.Contains(h.rd.shown, int32(h.arts.IndexOf(id))) }
	if len(h.rd.shown) != all-1 || !shown(ap) || !shown(changed) || shown(cut) {
		t.Fatalf("after undo: %d rows shown (want %d); ap %v, changed %v, cut %v", len(h.rd.shown), all-1, shown(ap), shown(changed), shown(cut))
	}
	if h.status().DupNote != "1 copy hidden" {
		t.Fatalf("status %+v", h.status())
	}
}

// A canonical mark typed while the label that makes its cluster is being
// written is built when its turn in the write queue comes, on the clusters
// that label made.
func TestCanonicalWaitsForItsLabel(t *testing.T) {
	h := newHarness(t, setup{store: true})
	h.open()
	var pending []tea.Cmd
	for _, k := range []string{"1", "k", "tab", "c"} { // label ap ⇄ truncated, back to it, mark the cut copy
		cmd, _ := h.key(k)
		pending = append(pending, cmd)
	}
	h.drive(tea.Batch(pending...))
	if got := h.canonicals(); !slices.Equal(got, []string{cut}) {
		t.Fatalf("canonical stored %v (%q)", got, h.host.last.Text)
	}
}

// = shows the selected article's candidates, D every pair again, esc
// leaves; enter opens the focused side's article in the reader, showing
// every copy again and clearing the list's filter when they hide it.
func TestCandidatesAndOpening(t *testing.T) {
	h := newHarness(t, setup{store: true})
	h.selectItem(cut)
	h.press("=")
	if got := h.pairs(); len(got) != 2 || !strings.Contains(h.plain(), "Copies of wire-ferry-truncated.txt") {
		t.Fatalf("= on the cut copy: %v\n%s", got, h.plain())
	}
	for _, p := range h.pairs() {
		if !strings.Contains(p, cut) {
			t.Fatalf("row %v does not involve %s", p, cut)
		}
	}
	h.press("D")
	if got := h.pairs(); len(got) != 3 || strings.Contains(h.plain(), "Copies of") {
		t.Fatalf("D on the filtered screen: %v", got)
	}
	// = on the screen: the focused side's copies.
	h.selectPair(ap, changed)
	h.press("tab", "=")
	if got := h.pairs(); len(got) != 2 || !strings.Contains(h.plain(), "Copies of wire-ferry-changed.txt") {
		t.Fatalf("= on side B: %v", got)
	}
	h.press("esc")
	if h.screenOpen() {
		t.Fatal("esc did not leave the screen")
	}
	h.selectItem("clean-lighthouse.txt")
	h.press("=")
	if !strings.Contains(h.plain(), "No candidate copies of this article. D shows every pair.") {
		t.Fatalf("no copies:\n%s", h.plain())
	}
	h.press("esc")

	h.open()
	h.selectPair(ap, changed)
	h.press("tab", "enter")
	if h.screenOpen() || !slices.Equal(h.rd.opened, []int{h.arts.IndexOf(changed)}) {
		t.Fatalf("enter: screen open %v, opened %v", h.screenOpen(), h.rd.opened)
	}
	// A copy the copies filter hides, in a list filtered to something else.
	h.open()
	h.press("g", "1", "esc", "H")
	hide := ap
	if h.arts.rows[h.arts.IndexOf(ap)].Words > h.arts.rows[h.arts.IndexOf(cut)].Words {
		hide = cut
	}
	h.rd.filtered = map[int]bool{h.arts.IndexOf(cut): true, h.arts.IndexOf(ap): true}
	h.rd.Refilter()
	h.open()
	h.selectPair(ap, cut)
	if hide == cut {
		h.press("tab")
	}
	h.press("enter")
	if got := h.rd.opened[len(h.rd.opened)-1]; got != h.arts.IndexOf(hide) || h.rd.filtered != nil {
		t.Fatalf("enter on a hidden copy opened %d, filter %v", got, h.rd.filtered)
	}
	if h.host.last.Text != "Showing every copy again, to open it" || h.status().DupNote != "" {
		t.Fatalf("enter on a hidden copy: %q, %+v", h.host.last.Text, h.status())
	}
}

// M marks an article, M on it again unmarks it, M on another compares the
// two: the pair is listed as compared by hand, scored once compared. The
// status bar reminds of the mark while the list and article have the keys
// and nothing else is said.
func TestMarkAndCompare(t *testing.T) {
	h := newHarness(t, setup{})
	h.selectItem(ap)
	h.press("M")
	if !strings.HasPrefix(h.host.last.Text, "Marked “") || !strings.HasSuffix(h.host.last.Text, "”: M on another article compares the two") {
		t.Fatalf("M: %q", h.host.last.Text)
	}
	if h.status().DupNote != "" {
		t.Fatal("the reminder shows over the message")
	}
	h.host.last = ui.Status{}
	if h.status().DupNote != "marked to compare (M)" {
		t.Fatalf("no reminder: %+v", h.status())
	}
	h.rd.reading = false
	if h.status().DupNote != "" {
		t.Fatal("the reminder shows where M does nothing")
	}
	h.rd.reading = true
	h.press("M")
	if h.host.last.Text != "Unmarked" || h.status().DupNote != "" {
		t.Fatalf("M again: %q", h.host.last.Text)
	}
	h.markAndCompare(ap, rewrite)
	if !strings.Contains(h.selected(), "by hand") || strings.Contains(h.selected(), " –  ") {
		t.Fatalf("the pair compared by hand has no scores: %q", h.selected())
	}
	if got := h.pairs(); len(got) != 3 {
		t.Fatalf("the pair by hand is listed after detection's: %v", got)
	}
}

// D is taken from anywhere, except while the reader waits for a key of its
// own; =, M and H only where the list and article have the keys. Keys the
// screen leaves to the reader (quit, help, problems, undo, redo) are not
// the feature's, even bound to its global keys.
func TestGlobalKeysWhereTheyApply(t *testing.T) {
	h := newHarness(t, setup{store: true})
	h.rd.waiting = true
	if _, ok := h.key("D"); ok {
		t.Fatal("D taken while the reader waits for a key")
	}
	h.rd.waiting, h.rd.reading = false, false
	for _, k := range []string{"=", "M", "H"} {
		if _, ok := h.key(k); ok {
			t.Fatalf("%s taken outside the list and article", k)
		}
	}
	h.press("D")
	if !h.screenOpen() {
		t.Fatal("D not taken in annotate mode")
	}
	for _, k := range []string{"q", "?", "!", "u", "ctrl+r"} {
		if _, ok := h.host.Top().HandleKey(keytest.Key(k)); ok {
			t.Fatalf("the screen took %s", k)
		}
	}
	h.c.Keys.Undo.SetKeys("H")
	if _, ok := h.key("H"); ok {
		t.Fatal("H bound to undo was taken by the feature on its screen")
	}
	// A screen the root took off the stack (with one below it) is not in
	// the way of the next D.
	h.host.Pop(h.host.Top())
	h.press("D")
	if !h.screenOpen() {
		t.Fatal("D after the screen was popped from outside")
	}
}

// Without a store the screen still compares; what writes says a store is
// needed.
func TestWithoutStore(t *testing.T) {
	h := newHarness(t, setup{})
	h.open()
	for _, k := range []string{"1", "c"} {
		h.press(k)
		if h.host.last.Text != "needs a store" {
			t.Fatalf("%s without a store: %q", k, h.host.last.Text)
		}
	}
	if !strings.Contains(h.plain(), "0 labelled") {
		t.Fatal("labelled without a store")
	}
	h.press("H")
	if h.host.last.Text != "Hiding copies needs an annotation store (for the labels)" {
		t.Fatalf("H without a store: %q", h.host.last.Text)
	}
	if b, w := h.f.ClusterBadge(0); b != "" || w != 0 {
		t.Fatal("badges without clusters")
	}
}
