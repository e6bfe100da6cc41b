package tui

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// The duplicates tests run on the embedded sample corpus: wire-ferry-ap.txt
// is a wire story, wire-ferry-truncated.txt a copy cut short,
// wire-ferry-changed.txt a copy with a changed death toll (42 → 47) and
// other edits, and wire-ferry-rewrite.md another outlet's own write-up of
// the same event (too different to be a candidate: compared by hand).

const (
	dupAP      = "wire-ferry-ap.txt"
	dupCut     = "wire-ferry-truncated.txt"
	dupChanged = "wire-ferry-changed.txt"
	dupRewrite = "wire-ferry-rewrite.md"
)

// openDups presses D and checks the screen is there with detection done.
func openDupsScreen(tb testing.TB, m *Model) *dupsView {
	tb.Helper()
	press(tb, m, "D")
	v := m.dups.view
	if v == nil || m.mode() != "DUPS" {
		tb.Fatalf("D did not open the duplicates screen (mode %s): %q", m.mode(), m.message)
	}
	if !m.dups.finished {
		tb.Fatalf("detection did not finish: %v", m.dups.err)
	}
	return v
}

// selectPair moves the screen's selection to the pair (a, b) with j/k and
// checks its comparison is loaded.
func selectPair(tb testing.TB, m *Model, a, b string) *dupCompare {
	tb.Helper()
	v := m.dups.view
	want := keyOf(a, b)
	at := slices.IndexFunc(v.rows, func(r dupRow) bool { return r.key == want })
	if at < 0 {
		tb.Fatalf("pair %s ⇄ %s not listed: %+v", a, b, v.rows)
	}
	for v.sel != at {
		if v.sel < at {
			press(tb, m, "j")
		} else {
			press(tb, m, "k")
		}
	}
	if v.cmp == nil || v.cmp.key != want || v.cmp.err != "" {
		tb.Fatalf("comparison of %s ⇄ %s not loaded: %+v", a, b, v.cmp)
	}
	return v.cmp
}

// storedLabels reads the labels through a store handle of its own.
func storedLabels(tb testing.TB, path string) map[pairKey]model.DupLabel {
	tb.Helper()
	ls, err := openStore(tb, path).DupLabels(ctx())
	if err != nil {
		tb.Fatal(err)
	}
	out := map[pairKey]model.DupLabel{}
	for _, l := range ls {
		out[keyOf(l.A, l.B)] = l.Label
	}
	return out
}

func storedCanonicals(tb testing.TB, path string) []string {
	tb.Helper()
	c, err := openStore(tb, path).Canonicals(ctx())
	if err != nil {
		tb.Fatal(err)
	}
	return slices.Sorted(maps.Keys(c))
}

// Detection runs in the background after loading, reporting progress in
// the status bar, and its pairs are listed by score.
func TestDupsDetectInBackground(t *testing.T) {
	// Without a store detection waits for the screen; started by hand here
	// so the first progress report can be looked at.
	m := start(t, sampleSource(t), 120, 40)
	if m.dups.job != nil || m.dups.finished {
		t.Fatal("detection ran without a store or a request")
	}
	cmd := m.startDups()
	msg := cmd()
	pm, ok := msg.(dupProgressMsg)
	if !ok {
		t.Fatalf("first message %T, want progress", msg)
	}
	_, next := m.Update(pm)
	if p := plain(m); !strings.Contains(p, "copies: reading") {
		t.Fatalf("status bar does not show detection progress:\n%s", p)
	}
	drive(t, m, next)
	if !m.dups.finished || m.dups.job != nil {
		t.Fatal("detection did not finish")
	}
	if p := plain(m); strings.Contains(p, "copies: ") {
		t.Fatalf("progress still shown after detection:\n%s", p)
	}

	// With a store it starts by itself once the corpus is read.
	m2, _ := startStore(t, sampleSource(t), tempDB(t), 120, 40)
	if !m2.dups.finished || m2.dups.rep == nil {
		t.Fatal("detection did not run after loading")
	}
	v := openDupsScreen(t, m2)
	var got []pairKey
	for _, r := range v.rows {
		got = append(got, r.key)
		if !r.found {
			t.Errorf("row %v was not detected", r.key)
		}
	}
	want := []pairKey{keyOf(dupAP, dupCut), keyOf(dupAP, dupChanged), keyOf(dupChanged, dupCut)}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("rows %v, want %v (containment order)", got, want)
	}
	for i := 1; i < len(v.rows); i++ {
		if v.rows[i].pair.Containment() > v.rows[i-1].pair.Containment() {
			t.Fatalf("rows not sorted by containment: %+v", v.rows)
		}
	}
	p := plain(m2)
	for _, s := range []string{"0.41 1.00 0.41", "0.97 0.97 0.94", "wire-ferry-changed.txt · At least 47 d"} {
		if !strings.Contains(p, s) {
			t.Errorf("screen lacks %q:\n%s", s, p)
		}
	}
	// The cut copy lies wholly inside the original.
	if r := v.rows[0]; r.pair.BinA != 1 || r.pair.AinB > 0.5 {
		t.Errorf("cut copy scores %+v", r.pair)
	}
}

// Every cell drawn reversed on a side is a code point of a changed number:
// 42 on the original's side, 47 on the copy's — at any width, with colour
// or without.
func TestDupsChangedFigureMarked(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		m, _ := startStore(t, sampleSource(t), tempDB(t), 120, 40)
		if !noColor {
			m.c.NoColor = false
			m.c.Restyle(true)
		}
		openDupsScreen(t, m)
		c := selectPair(t, m, dupAP, dupChanged)
		fig := map[string]int{}
		for _, ch := range c.changes {
			a := model.RuneSlice(c.text[0], ch.a0, ch.a1)
			b := model.RuneSlice(c.text[1], ch.b0, ch.b1)
			if a == "42" && b == "47" {
				fig["42→47"]++
			}
		}
		if fig["42→47"] != 1 {
			t.Fatalf("no 42 → 47 change among %d changes", len(c.changes))
		}
		painters := m.c.Styles.DupPainters()
		for _, w := range []int{20, 37, 58, 91, 140} {
			c.ensureLayout(w)
			for s, want := range []string{"42", "47"} {
				var marked []int
				for i := range c.lay[s].Lines {
					line := c.lay[s].RenderLine(i, c.lineMarks(s, i), painters)
					_, rev := cellAttrs(t, line)
					if len(rev) != c.lay[s].LineWidth(i) {
						t.Fatalf("w=%d side %d line %d: styling changed the width", w, s, i)
					}
					for col, r := range rev {
						if r {
							marked = append(marked, c.lay[s].OffsetAt(i, col))
						}
					}
				}
				at := runeIndex(t, c.text[s], "killing at least "+want, 0) + len("killing at least ")
				if fmt.Sprint(marked) != fmt.Sprint([]int{at, at + 1}) {
					t.Fatalf("noColor=%v w=%d side %d: reversed code points %v, want %d–%d (%q)", noColor, w, s, marked, at, at+2, want)
				}
			}
		}
	}
}

// n and N step through the changes, both sides showing the current one;
// scrolling moves both sides together.
func TestDupsChangesAndScrolling(t *testing.T) {
	m, _ := startStore(t, sampleSource(t), tempDB(t), 120, 40)
	openDupsScreen(t, m)
	c := selectPair(t, m, dupAP, dupChanged)
	if len(c.changes) < 3 || c.cur != 0 {
		t.Fatalf("want several changes and the first current, got %d, current %d", len(c.changes), c.cur)
	}
	g := m.dupsGeom()
	hs := [2]int{g.sideH[0] - 2, g.sideH[1] - 2}
	visible := func(step string) {
		tops := c.tops(hs)
		for s := range 2 {
			s0, _ := c.changes[c.cur].from(s)
			if l := c.lay[s].LineOf(s0); l < tops[s] || l >= tops[s]+hs[s] {
				t.Fatalf("%s: change %d on side %d at line %d, screen shows %d–%d", step, c.cur, s, l, tops[s], tops[s]+hs[s])
			}
		}
	}
	visible("first")
	for i := 1; i < len(c.changes); i++ {
		press(t, m, "n")
		if c.cur != i {
			t.Fatalf("n: change %d, want %d", c.cur, i)
		}
		visible(fmt.Sprint("n ", i))
	}
	press(t, m, "n")
	if c.cur != 0 || !strings.Contains(m.message, "Wrapped") {
		t.Fatalf("n past the last change: %d, %q", c.cur, m.message)
	}
	press(t, m, "N")
	if c.cur != len(c.changes)-1 {
		t.Fatalf("N from the first: %d", c.cur)
	}
	if !strings.Contains(plain(m), fmt.Sprintf("change %d/%d", c.cur+1, len(c.changes))) {
		t.Fatal("the info line does not say which change is current")
	}

	// Scrolling: the text at the top of the leading side is on the other
	// side's screen, at every step down and back up.
	press(t, m, "g")
	c = selectPair(t, m, dupAP, dupCut)
	for _, k := range []string{"J", "J", "pgdown", "ctrl+d", "pgdown", "pgdown", "K", "pgup", "ctrl+u"} {
		before := c.topLine
		send(t, m, akey(k))
		if k == "J" && c.topLine != min(before+1, c.maxTop(c.lead, hs[c.lead])) {
			t.Fatalf("J: top %d → %d", before, c.topLine)
		}
		tops := c.tops(hs)
		l := c.lead
		off := c.lay[l].Lines[tops[l]].Start
		fo := c.lay[1-l].LineOf(c.mapOff(l, off))
		if fo > c.maxTop(1-l, hs[1-l]) {
			continue // the shorter side has ended: it shows its last screen
		}
		if fo < tops[1-l] || fo >= tops[1-l]+hs[1-l] {
			t.Fatalf("after %s: the leader's top (offset %d) is at the other side's line %d, which shows %d–%d", k, off, fo, tops[1-l], tops[1-l]+hs[1-l])
		}
	}
}

// 1–4 store each kind of label, shown once committed; the screen moves on
// to the next unlabelled pair; u and ctrl+r undo and redo.
func TestDupsLabelKindsUndoRedo(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	v := openDupsScreen(t, m)
	press(t, m, "1") // ap ⇄ truncated
	if v.sel != 1 {
		t.Fatalf("labelling did not move on to the next pair: %d", v.sel)
	}
	press(t, m, "2", "4") // ap ⇄ changed, changed ⇄ truncated
	// The rewrite is no candidate: compared by hand from the list.
	press(t, m, "esc")
	markAndCompare(t, m, dupAP, dupRewrite)
	press(t, m, "3")

	want := map[pairKey]model.DupLabel{
		keyOf(dupAP, dupCut):      model.LabelDuplicate,
		keyOf(dupAP, dupChanged):  model.LabelNearDup,
		keyOf(dupChanged, dupCut): model.LabelNotDup,
		keyOf(dupAP, dupRewrite):  model.LabelSameStory,
	}
	if got := storedLabels(t, path); !maps.Equal(got, want) {
		t.Fatalf("stored %v, want %v", got, want)
	}
	if !maps.Equal(m.dups.labels, want) {
		t.Fatalf("screen has %v", m.dups.labels)
	}
	p := plain(m)
	for _, s := range []string{"duplicate", "near-dup", "not dup", "same story", "4 labelled", "by hand"} {
		if !strings.Contains(p, s) {
			t.Errorf("screen lacks %q:\n%s", s, p)
		}
	}
	// Two copies of one text labelled "not a duplicate" contradict the
	// other two labels: flagged.
	if !m.dups.conflicts[keyOf(dupChanged, dupCut)] {
		t.Error("the contradicting label is not flagged")
	}

	press(t, m, "u")
	delete(want, keyOf(dupAP, dupRewrite))
	if got := storedLabels(t, path); !maps.Equal(got, want) || !maps.Equal(m.dups.labels, want) {
		t.Fatalf("after undo: stored %v, screen %v", got, m.dups.labels)
	}
	if !strings.HasPrefix(m.message, "Undid: label") {
		t.Fatalf("undo message %q", m.message)
	}
	send(t, m, akey("ctrl+r"))
	want[keyOf(dupAP, dupRewrite)] = model.LabelSameStory
	if got := storedLabels(t, path); !maps.Equal(got, want) || !maps.Equal(m.dups.labels, want) {
		t.Fatalf("after redo: stored %v, screen %v", got, m.dups.labels)
	}
	// Relabelling replaces; undo restores the old label.
	press(t, m, "g", "2")
	if got := storedLabels(t, path)[keyOf(dupAP, dupCut)]; got != model.LabelNearDup {
		t.Fatalf("relabel: %q", got)
	}
	press(t, m, "u")
	if got := storedLabels(t, path)[keyOf(dupAP, dupCut)]; got != model.LabelDuplicate || m.dups.labels[keyOf(dupAP, dupCut)] != model.LabelDuplicate {
		t.Fatalf("undo relabel: %q", got)
	}
	// s skips to the next unlabelled pair; with none left it says so.
	press(t, m, "s")
	if !strings.Contains(m.message, "Every pair here is labelled") {
		t.Fatalf("skip with everything labelled: %q", m.message)
	}
}

// markAndCompare selects a in the list, presses M, selects b, presses M:
// the screen opens on the pair.
func markAndCompare(tb testing.TB, m *Model, a, b string) {
	tb.Helper()
	for _, id := range []string{a, b} {
		if !m.list.selectItem(m.itemIndex(id)) {
			tb.Fatalf("%s not in the list", id)
		}
		drive(tb, m, m.syncDetail())
		press(tb, m, "M")
	}
	v := m.dups.view
	if v == nil || v.rows[v.sel].key != keyOf(a, b) || v.cmp == nil || v.cmp.key != keyOf(a, b) {
		tb.Fatalf("M did not open the pair %s ⇄ %s: %q", a, b, m.message)
	}
}

// Labels make clusters; c sets the canonical copy (unmarking the previous
// one in the same action); the list shows badges and H hides copies.
func TestDupsClustersCanonicalFilter(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	openDupsScreen(t, m)
	press(t, m, "1", "2") // ap ⇄ truncated duplicate, ap ⇄ changed near
	g := m.dups.groups
	if len(g.Copies) != 1 || fmt.Sprint(g.Copies[0].Members) != fmt.Sprint([]string{dupAP, dupChanged, dupCut}) {
		t.Fatalf("clusters %+v", g.Copies)
	}
	// No mark: the longest copy is canonical.
	longest := g.Copies[0].Canonical
	words := func(id string) int { return m.store.rows[m.itemIndex(id)].words }
	for _, id := range g.Copies[0].Members {
		if words(id) > words(longest) {
			t.Fatalf("default canonical %s (%d words) is not the longest (%s has %d)", longest, words(longest), id, words(id))
		}
	}

	// c on side B of ap ⇄ truncated marks the cut copy.
	selectPair(t, m, dupAP, dupCut)
	press(t, m, "tab", "c")
	if got := storedCanonicals(t, path); fmt.Sprint(got) != fmt.Sprint([]string{dupCut}) {
		t.Fatalf("canonical stored %v", got)
	}
	if c := m.dups.groups.Copies[0]; c.Canonical != dupCut || !c.Chosen() {
		t.Fatalf("cluster canonical %s", c.Canonical)
	}
	if !strings.Contains(plain(m), "canonical B (marked)") {
		t.Fatalf("info line:\n%s", plain(m))
	}
	// c on side A: one action unmarks the cut copy and marks ap.
	press(t, m, "tab", "c")
	if got := storedCanonicals(t, path); fmt.Sprint(got) != fmt.Sprint([]string{dupAP}) {
		t.Fatalf("canonical stored %v", got)
	}
	press(t, m, "u")
	if got := storedCanonicals(t, path); fmt.Sprint(got) != fmt.Sprint([]string{dupCut}) || m.dups.groups.Copies[0].Canonical != dupCut {
		t.Fatalf("one undo should restore the previous canonical, stored %v", got)
	}
	// c on an article in no cluster refuses.
	press(t, m, "esc")
	markAndCompare(t, m, dupAP, dupRewrite)
	press(t, m, "tab", "c")
	if !strings.Contains(m.message, "in no copy cluster") {
		t.Fatalf("canonical outside a cluster: %q", m.message)
	}

	// The list: ★ on the canonical, ⧉ on the other copies, with the
	// cluster number.
	press(t, m, "esc")
	rowOf := func(id string) string {
		return sgrRE.ReplaceAllString(m.list.rowView(m.itemIndex(id), false, 60), "")
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
	for _, id := range []string{dupCut, dupAP, "clean-lighthouse.txt"} {
		if w := ui.TextWidth(m.list.rowView(m.itemIndex(id), false, 60)); w != 60 {
			t.Errorf("row of %s is %d cells wide, want 60", id, w)
		}
	}

	// H hides the copies that are not canonical, and shows them again.
	n := len(m.list.vis)
	press(t, m, "H")
	hidden := []int32{int32(m.itemIndex(dupAP)), int32(m.itemIndex(dupChanged))}
	slices.Sort(hidden)
	if len(m.list.vis) != n-2 || slices.Contains(m.list.vis, hidden[0]) || slices.Contains(m.list.vis, hidden[1]) {
		t.Fatalf("H: %d rows (was %d), hidden %v, shown %v", len(m.list.vis), n, hidden, m.list.vis)
	}
	if !strings.Contains(plain(m), "2 copies hidden") {
		t.Fatalf("status bar does not say copies are hidden:\n%s", plain(m))
	}
	// A text filter keeps hiding them.
	press(t, m, "/")
	typeText(t, m, "ferry")
	press(t, m, "enter")
	for _, i := range m.list.vis {
		if slices.Contains(hidden, i) {
			t.Fatalf("filtered list shows hidden copy %d", i)
		}
	}
	if len(m.list.vis) != 2 { // the cut copy and the rewrite
		t.Fatalf("filter with copies hidden: %d rows", len(m.list.vis))
	}
	press(t, m, "esc", "H")
	if len(m.list.vis) != n {
		t.Fatalf("H again: %d rows, want %d", len(m.list.vis), n)
	}
	// A verdict change rebuilds the hidden set: undoing the cut copy's
	// mark and the near-duplicate label leaves ap ⇄ truncated, whose
	// longest copy (ap) is kept.
	press(t, m, "H", "u", "u")
	shown := func(id string) bool { return slices.Contains(m.list.vis, int32(m.itemIndex(id))) }
	if len(m.list.vis) != n-1 || !shown(dupAP) || !shown(dupChanged) || shown(dupCut) {
		t.Fatalf("after undo: %d rows shown (want %d); ap %v, changed %v, cut %v", len(m.list.vis), n-1, shown(dupAP), shown(dupChanged), shown(dupCut))
	}
}

// = in the list shows the selected article's candidates; enter on the
// screen opens the focused side's article.
func TestDupsCandidatesOfArticle(t *testing.T) {
	m, _ := startStore(t, sampleSource(t), tempDB(t), 120, 40)
	m.list.selectItem(m.itemIndex(dupCut))
	drive(t, m, m.syncDetail())
	press(t, m, "=")
	v := m.dups.view
	if v == nil || v.only != dupCut || len(v.rows) != 2 {
		t.Fatalf("= on the cut copy: %+v", v)
	}
	for _, r := range v.rows {
		if r.key.a != dupCut && r.key.b != dupCut {
			t.Fatalf("row %v does not involve %s", r.key, dupCut)
		}
	}
	if !strings.Contains(plain(m), "Copies of wire-ferry-truncated.txt") {
		t.Fatalf("title:\n%s", plain(m))
	}
	// D shows every pair again; esc leaves.
	press(t, m, "D")
	if v.only != "" || len(v.rows) != 3 {
		t.Fatalf("D on the filtered screen: only %q, %d rows", v.only, len(v.rows))
	}
	press(t, m, "esc")
	if m.dups.view != nil || m.mode() != "READ" {
		t.Fatalf("esc: view %v mode %s", m.dups.view, m.mode())
	}

	// An article with no copies.
	m.list.selectItem(m.itemIndex("clean-lighthouse.txt"))
	drive(t, m, m.syncDetail())
	press(t, m, "=")
	if len(m.dups.view.rows) != 0 || !strings.Contains(plain(m), "No candidate copies of this article") {
		t.Fatalf("no copies:\n%s", plain(m))
	}
	press(t, m, "esc")

	// enter opens side B in the reader.
	openDupsScreen(t, m)
	selectPair(t, m, dupAP, dupChanged)
	press(t, m, "tab", "enter")
	if m.dups.view != nil || m.focus != focusDetail || m.list.Selected() != m.itemIndex(dupChanged) {
		t.Fatalf("enter: view %v focus %v selected %d", m.dups.view, m.focus, m.list.Selected())
	}
	if m.detail.art == nil || m.detail.art.ID != dupChanged {
		t.Fatalf("reader shows %v", m.detail.art)
	}
}

// Reopening the store shows the labels and the canonical mark, and signs
// nothing again: every signature comes from the cache.
func TestDupsReopen(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	if r := m.dups.rep; r.Computed == 0 || r.Cached != 0 {
		t.Fatalf("first run: %d computed, %d cached", r.Computed, r.Cached)
	}
	openDupsScreen(t, m)
	press(t, m, "2", "k", "tab", "c") // near-duplicate, back to it, the cut copy is canonical
	press(t, m, "q")

	m2, _ := startStore(t, sampleSource(t), path, 120, 40)
	if r := m2.dups.rep; r.Computed != 0 || r.Cached != r.Articles || len(r.Pairs) != 3 {
		t.Fatalf("reopened: %d computed, %d cached of %d, %d pairs", r.Computed, r.Cached, r.Articles, len(r.Pairs))
	}
	v := openDupsScreen(t, m2)
	if l := m2.dups.labels[v.rows[0].key]; l != model.LabelNearDup {
		t.Fatalf("label after reopening: %q", l)
	}
	if p := plain(m2); !strings.Contains(p, "near-dup") || !strings.Contains(p, "1 labelled") || !strings.Contains(p, "★ wire-ferry-truncated.txt") {
		t.Fatalf("reopened screen:\n%s", p)
	}
}

// A failed write changes nothing on screen and says why.
func TestDupsLabelNeedsStore(t *testing.T) {
	m := start(t, sampleSource(t), 120, 40)
	press(t, m, "D")
	if !m.dups.finished || len(m.dups.view.rows) != 3 {
		t.Fatalf("without a store D still finds the pairs: %+v", m.dups.view.rows)
	}
	press(t, m, "1")
	if len(m.dups.labels) != 0 || !strings.Contains(m.message, "needs an annotation store") {
		t.Fatalf("label without a store: %v %q", m.dups.labels, m.message)
	}
}

// The write queue's failure path: a label refused by the store leaves the
// row unlabelled.
func TestDupsLabelFailureShowsNothing(t *testing.T) {
	path := tempDB(t)
	m, st := startStore(t, sampleSource(t), path, 120, 40)
	openDupsScreen(t, m)
	st.Close()
	press(t, m, "1")
	if len(m.dups.labels) != 0 || !strings.HasPrefix(m.message, "Not saved") {
		t.Fatalf("after a failed write: labels %v, message %q", m.dups.labels, m.message)
	}
}

// The status bar's detection segment, as drawn.
func TestDupsStatusSegment(t *testing.T) {
	st := ui.NewStyles(true, true)
	line := widgets.StatusView(st, 100, widgets.StatusInfo{Mode: "READ", Percent: -1, DupStage: corpus.DupStageCompare, DupDone: 3, DupTotal: 12})
	if !strings.Contains(line, "##......") || !strings.Contains(line, "copies: comparing 3/12") {
		t.Fatalf("status %q", line)
	}
	if w := ui.TextWidth(line); w != 100 {
		t.Fatalf("status is %d wide", w)
	}
}

var _ = tea.Quit
