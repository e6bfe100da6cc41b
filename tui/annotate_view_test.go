package tui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// annotateModel is a reader in annotate mode on a.txt with two spans and a
// selection, for goldens and size checks.
func annotateModel(t *testing.T, w, h int) *Model {
	t.Helper()
	m, _ := startStore(t, entitySource(), tempDB(t), w, h)
	enterAnnotate(t, m)
	apress(t, m, "w", "shift+right", "1")
	moveTo(t, m, "Tomas", 0)
	apress(t, m, "shift+right", "2")
	moveTo(t, m, "Gustavo", 0)
	apress(t, m, "shift+right")
	return m
}

func TestAnnotateGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 40}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			m := annotateModel(t, size.w, size.h)
			m.bar.message = "" // the last save's message is not part of the layout
			golden.RequireEqual(t, content(m))
			apress(t, m, "esc", "e")
			m.bar.message = ""
			t.Run("entities", func(t *testing.T) { golden.RequireEqual(t, content(m)) })
		})
	}
}

func TestAnnotateNeverOverflows(t *testing.T) {
	m := annotateModel(t, 120, 40)
	for w := 20; w <= 250; w += 23 {
		for h := 6; h <= 70; h += 8 {
			for _, panel := range []bool{false, true} {
				if panelShown(m) != panel {
					apress(t, m, "e")
				}
				send(t, m, teaSize(w, h))
				checkFrame(t, m, w, h)
				apress(t, m, "j", "shift+right")
				checkFrame(t, m, w, h)
				apress(t, m, "esc")
			}
		}
	}
	for _, s := range [][2]int{{20, 6}, {250, 70}, {21, 7}} {
		send(t, m, teaSize(s[0], s[1]))
		checkFrame(t, m, s[0], s[1])
	}
	// The list with its badge column, and the read view, at every size too.
	apress(t, m, "esc", "esc")
	if m.annotating() {
		t.Fatal("still annotating")
	}
	for w := 20; w <= 250; w += 23 {
		for h := 6; h <= 70; h += 16 {
			send(t, m, teaSize(w, h))
			checkFrame(t, m, w, h)
			press(t, m, "esc")
			checkFrame(t, m, w, h)
			press(t, m, "enter")
		}
	}
}
