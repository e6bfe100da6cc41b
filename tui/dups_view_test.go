package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"storydesk/model"
	"storydesk/tui/ui"
)

// dupsModel is the duplicates screen on the sample corpus at w×h: the cut
// copy labelled near-duplicate, the changed-figure pair selected.
func dupsModel(tb testing.TB, w, h int) *Model {
	tb.Helper()
	m, _ := startStore(tb, sampleSource(tb), tempDB(tb), w, h)
	openDupsScreen(tb, m)
	press(tb, m, "2") // moves on to ap ⇄ changed
	if v := m.dups.view; v.rows[v.sel].key != keyOf(dupAP, dupChanged) || v.cmp == nil || v.cmp.key != v.rows[v.sel].key {
		tb.Fatalf("not on the changed pair: %+v", v.rows[v.sel])
	}
	m.message = ""
	return m
}

func TestDupsGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 40}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			m := dupsModel(t, size.w, size.h)
			golden.RequireEqual(t, content(m))
			press(t, m, "n", "tab")
			m.message = ""
			t.Run("next", func(t *testing.T) { golden.RequireEqual(t, content(m)) })
			press(t, m, "esc")
			m.message = ""
			t.Run("list", func(t *testing.T) { golden.RequireEqual(t, content(m)) })
		})
	}
}

func TestDupsNeverOverflow(t *testing.T) {
	m := dupsModel(t, 120, 40)
	for w := 20; w <= 250; w += 23 {
		for h := 6; h <= 70; h += 8 {
			send(t, m, teaSize(w, h))
			checkFrame(t, m, w, h)
			for _, k := range []string{"n", "J", "pgdown", "tab", "j", "N", "k", "=", "D"} {
				send(t, m, akey(k))
				checkFrame(t, m, w, h)
			}
		}
	}
	for _, s := range [][2]int{{20, 6}, {250, 70}, {99, 30}, {100, 30}, {21, 7}, {8, 3}, {1, 1}} {
		send(t, m, teaSize(s[0], s[1]))
		checkFrame(t, m, s[0], s[1])
		press(t, m, "?")
		checkFrame(t, m, s[0], s[1])
		press(t, m, "esc", "esc")
		checkFrame(t, m, s[0], s[1])
		press(t, m, "D")
		checkFrame(t, m, s[0], s[1])
	}
}

// The layout switches at 100 columns: side by side above, stacked below.
func TestDupsStackedWhenNarrow(t *testing.T) {
	m := dupsModel(t, 100, 40)
	if g := m.dupsGeom(); g.stacked || !g.compare || g.sideW[0]+g.sideW[1] != 100 {
		t.Fatalf("100 columns: %+v", g)
	}
	send(t, m, teaSize(99, 40))
	g := m.dupsGeom()
	if !g.stacked || !g.compare || g.sideW[0] != 99 || g.listH+1+g.sideH[0]+g.sideH[1] != 40-2 {
		t.Fatalf("99 columns: %+v", g)
	}
	lines := strings.Split(plain(m), "\n")
	a := -1
	for i, l := range lines {
		if strings.Contains(l, "━ A ") || strings.Contains(l, "─ A ") {
			a = i
		}
		if strings.Contains(l, "━ B ") || strings.Contains(l, "─ B ") {
			if a < 0 || i <= a {
				t.Fatalf("B is not below A:\n%s", plain(m))
			}
			return
		}
	}
	t.Fatalf("sides not found:\n%s", plain(m))
}

// Text from files reaches the screen only as safe text: an article with
// controls and escapes in it, compared with a copy.
func TestDupsHostileText(t *testing.T) {
	evil := "Council \x1b[31mred\x1b]0;title\x07 approves \u202eplan\u202c\tnow.\r\n\n" + fixtureArticle(3, 6).Text
	f := &fakeSource{label: "hostile", batch: 2}
	f.add("a.txt", &model.Article{Title: "T\x1b[2Jitle", Source: "Out\x07let", Text: evil, Raw: evil, Words: 200})
	f.add("b.txt", &model.Article{Title: "Title", Source: "Outlet", Text: strings.Replace(evil, "approves", "rejects", 1), Raw: evil, Words: 200})
	m, _ := startStore(t, f, tempDB(t), 120, 40)
	v := openDupsScreen(t, m)
	if len(v.rows) != 1 || v.cmp == nil {
		t.Fatalf("rows %+v", v.rows)
	}
	c := content(m)
	stripped := sgrRE.ReplaceAllString(c, "")
	for _, r := range stripped {
		if r != '\n' && ui.UnsafeRune(r) {
			t.Fatalf("unsafe rune %U on screen:\n%q", r, stripped)
		}
	}
	if !strings.Contains(stripped, "rejects") {
		t.Fatalf("copy not shown:\n%s", stripped)
	}
}

// BenchmarkDups100k measures, over 100,000 listed articles with 5,000
// labelled pairs: rebuilding clusters, badges and the hidden set after a
// verdict changes; a list frame with badges and copies hidden (a key press
// and its View); and turning the copies filter on or off (one merge of the
// 100k rows with the hidden set).
func BenchmarkDups100k(b *testing.B) {
	m := benchModel(b)
	m.dups.labels = map[pairKey]model.DupLabel{}
	for i := 0; i < 5000; i++ {
		a, c := m.br.Item(i*20).ID, m.br.Item(i*20+1+i%7).ID
		l := model.LabelDuplicate
		if i%5 == 4 {
			l = model.LabelSameStory
		}
		m.dups.labels[keyOf(a, c)] = l
	}
	m.initDups()
	b.Run("derive", func(b *testing.B) {
		for b.Loop() {
			m.deriveClusters()
		}
		b.ReportMetric(float64(len(m.dups.hidden)), "hidden")
	})
	m.deriveClusters()
	m.dups.hide = true
	m.br.Refilter()
	b.Run("frame", func(b *testing.B) {
		keys := []tea.Msg{keyMsg("j"), keyMsg("k")}
		i := 0
		for b.Loop() {
			m.Update(keys[i%2])
			_ = m.View()
			i++
		}
	})
	b.Run("toggle", func(b *testing.B) {
		for b.Loop() {
			m.dups.hide = !m.dups.hide
			m.dups.hideCache = hideCache{} // measure the merge, not the cache
			m.br.Refilter()
		}
	})
}
