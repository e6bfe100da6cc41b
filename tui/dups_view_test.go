package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"storydesk/model"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/ui"
)

// dupsModel is the duplicates screen on the sample corpus at w×h: the cut
// copy labelled near-duplicate, the changed-figure pair selected.
func dupsModel(tb testing.TB, w, h int) *Model {
	tb.Helper()
	m, _ := startStore(tb, sampleSource(tb), tempDB(tb), w, h)
	openDupsScreen(tb, m)
	press(tb, m, "2") // moves on to ap ⇄ changed
	// Cleared before any frame is drawn: a message the bar cuts is kept
	// for the problems screen, whose key would join the help line.
	m.bar.message = ""
	if sel := selectedPair(tb, m); !strings.Contains(sel, "wire-ferry-ap") || !strings.Contains(sel, "wire-ferry-changed") {
		tb.Fatalf("not on the changed pair: %q", sel)
	}
	return m
}

func TestDupsGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 40}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			m := dupsModel(t, size.w, size.h)
			golden.RequireEqual(t, content(m))
			press(t, m, "n", "tab")
			m.bar.message = ""
			t.Run("next", func(t *testing.T) { golden.RequireEqual(t, content(m)) })
			press(t, m, "esc")
			m.bar.message = ""
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
				send(t, m, keytest.Key(k))
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

// Text from files reaches the screen only as safe text: an article with
// controls and escapes in it, compared with a copy (read item by item: the
// source is no corpus).
func TestDupsHostileText(t *testing.T) {
	evil := "Council \x1b[31mred\x1b]0;title\x07 approves \u202eplan\u202c\tnow.\r\n\n" + fixtureArticle(3, 6).Text
	f := &fakeSource{label: "hostile", batch: 2}
	f.add("a.txt", &model.Article{Title: "T\x1b[2Jitle", Source: "Out\x07let", Text: evil, Raw: evil, Words: 200})
	f.add("b.txt", &model.Article{Title: "Title", Source: "Outlet", Text: strings.Replace(evil, "approves", "rejects", 1), Raw: evil, Words: 200})
	m, _ := startStore(t, f, tempDB(t), 120, 40)
	openDupsScreen(t, m)
	c := content(m)
	stripped := sgrRE.ReplaceAllString(c, "")
	if !strings.Contains(stripped, "1/1 · 0 labelled") || strings.Contains(stripped, "comparing…") {
		t.Fatalf("want one pair, compared:\n%s", stripped)
	}
	for _, r := range stripped {
		if r != '\n' && ui.UnsafeRune(r) {
			t.Fatalf("unsafe rune %U on screen:\n%q", r, stripped)
		}
	}
	if !strings.Contains(stripped, "rejects") {
		t.Fatalf("copy not shown:\n%s", stripped)
	}
}
