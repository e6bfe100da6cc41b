package tui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

const quoteMixed = "Zoë Ng said: “Kyōto 京都 is where Ilse Varga met the 👩‍👩‍👧‍👦 for Cafe\u0301 talks,” and left.\n\n" +
	"“A second paragraph opens here.\n\n“And goes on,” Ünal wrote, calling it “élite theatre” for Ni\u0301ke."

// quotesModel is the sample's wire story in quotes mode with an accepted
// quotation (its speaker tagged), a rejected one, and the cursor on a
// suggestion.
func quotesModel(t *testing.T, w, h int) *Model {
	t.Helper()
	m, _ := startStore(t, sampleSource(t), tempDB(t), w, h)
	openQuotes(t, m, "wire-ferry-ap.txt")
	apress(t, m, "Q")
	tagName(t, m, "Ilse Varga", 0, "1")
	apress(t, m, "Q", "g")
	stepTo(t, m, qCity)
	apress(t, m, "enter")
	stepTo(t, m, qFamilies)
	apress(t, m, "x", "g")
	stepTo(t, m, qLooking)
	m.bar.message = ""
	return m
}

func TestQuotesGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 40}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			m := quotesModel(t, size.w, size.h)
			golden.RequireEqual(t, content(m))
			apress(t, m, "s")
			t.Run("speaker", func(t *testing.T) { golden.RequireEqual(t, content(m)) })
			apress(t, m, "esc", "C")
			m.bar.message = ""
			t.Run("carriers", func(t *testing.T) { golden.RequireEqual(t, content(m)) })
		})
	}
}

func TestQuotesNeverOverflow(t *testing.T) {
	m := quotesModel(t, 120, 40)
	for w := 20; w <= 250; w += 23 {
		for h := 6; h <= 70; h += 8 {
			send(t, m, teaSize(w, h))
			checkFrame(t, m, w, h)
			apress(t, m, "n", "s")
			checkFrame(t, m, w, h)
			apress(t, m, "esc", "C")
			checkFrame(t, m, w, h)
			apress(t, m, "j")
			checkFrame(t, m, w, h)
			apress(t, m, "esc")
		}
	}
	for _, s := range [][2]int{{20, 6}, {250, 70}, {21, 7}, {69, 11}, {70, 12}} {
		send(t, m, teaSize(s[0], s[1]))
		checkFrame(t, m, s[0], s[1])
		apress(t, m, "s")
		checkFrame(t, m, s[0], s[1])
		if c := m.View().Cursor; c != nil && (c.X >= s[0] || c.Y >= s[1]) {
			t.Fatalf("%dx%d: prompt cursor outside the screen at %d,%d", s[0], s[1], c.X, c.Y)
		}
		apress(t, m, "esc")
	}
}
