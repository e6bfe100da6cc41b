package tui

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"storydesk/tui/browse"
	"storydesk/tui/layout"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(s))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func TestProgramFlow(t *testing.T) {
	m := NewFromSource(fixtureSource(30, 5), Options{NoColor: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	waitFor(t, tm, "Read 29 articles")
	tm.Type("jj")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	waitFor(t, tm, "School approves plan")
	tm.Type("r")
	waitFor(t, tm, "[caption]")
	tm.Type("/river")
	waitFor(t, tm, "FILTER")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "matches")
	tm.Type("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if !strings.Contains(plain(fm), "/ river") || screenName(fm) != "" || fm.br.Focus() != browse.FocusList || !fm.br.Raw() {
		t.Fatalf("final state: screen %q focus %v raw %v\n%s", screenName(fm), fm.br.Focus(), fm.br.Raw(), plain(fm))
	}
	for _, title := range rowTitles(fm) {
		if !fuzzyHas("river", strings.ToLower(title)) {
			t.Fatalf("filtered list shows %q", title)
		}
	}
	out, _ := io.ReadAll(tm.FinalOutput(t))
	_ = out
}

func TestProgramNarrowAndResize(t *testing.T) {
	m := NewFromSource(fixtureSource(12, -1), Options{NoColor: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(60, 20))
	waitFor(t, tm, "Read 12 articles")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "# Council approves plan")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	waitFor(t, tm, "Articles")
	tm.Send(tea.WindowSizeMsg{Width: 130, Height: 30})
	waitFor(t, tm, "# Council approves plan") // both panes again
	tm.Type("?")
	waitFor(t, tm, "Help")
	tm.Type("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if fm.br.Narrow() || screenName(fm) != "help" {
		t.Fatalf("final layout: narrow %v screen %q", fm.br.Narrow(), screenName(fm))
	}
	fm.Pop(fm.Top())
	if lw := listWidth(fm); lw != 52 || layout.Width(strings.SplitN(plain(fm), "\n", 2)[0]) != 130 {
		t.Fatalf("final layout: list %d wide of 130:\n%s", lw, plain(fm))
	}
}
