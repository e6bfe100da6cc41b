package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"storydesk/model"
	"storydesk/tui/layout"
)

// mixedScripts are titles and paragraphs whose graphemes are more than one
// code point or more than one cell: emoji ZWJ sequences, flags, skin tones,
// variation selectors, combining marks, CJK, Devanagari, Arabic and Greek.
var mixedScripts = []string{
	"Family 👩‍👩‍👧‍👦 reunited after 🇳🇴 flag row",
	"Café de\u0301cor: Zoë and Noe\u0308l ✍🏽 sign",
	"中文标题：港口重新开放 and 日本語",
	"हिन्दी समाचार: नमस्ते दुनिया",
	"Ελληνικά νέα ☺️ and العربية اليوم",
	"Rainbow 🏳️‍🌈 and 👨🏿‍💻 coder 🧑‍🤝‍🧑 pair",
}

func mixedSource() *fakeSource {
	f := &fakeSource{label: "scripts", batch: 7}
	for i, title := range mixedScripts {
		body := strings.Join([]string{title, strings.Join(mixedScripts, " "), strings.Repeat(mixedScripts[(i+1)%len(mixedScripts)]+" ", 3)}, "\n\n")
		f.add("news/"+string(rune('a'+i))+".txt", &model.Article{
			Title: title, Source: "Wire ✈️ Desk", Text: body, Raw: body, Words: model.WordCount(body),
		})
	}
	return f
}

// checkWidths fails unless every line of the frame is exactly w cells
// wide, counted as the renderer and the terminal will (method): a
// grapheme measured one way and drawn another shifts the rest of its line.
func checkWidths(t *testing.T, m *Model, method ansi.Method, w int, what string) {
	t.Helper()
	for i, l := range strings.Split(content(m), "\n") {
		if got := method.StringWidth(l); got != w {
			t.Errorf("%s: line %d is %d cells, want %d: %q", what, i, got, w, ansi.Strip(l))
		}
	}
}

// TestMixedScriptsKeepColumns: list, reader, raw view and annotate mode
// over mixed scripts keep every line at the terminal's width, counted code
// point by code point (tmux, most terminals) and, once the terminal
// reports grapheme clustering (mode 2027), by grapheme.
func TestMixedScriptsKeepColumns(t *testing.T) {
	defer layout.SetMethod(ansi.WcWidth)
	for _, method := range []ansi.Method{ansi.WcWidth, ansi.GraphemeWidth} {
		for _, w := range []int{100, 61} {
			layout.SetMethod(ansi.WcWidth)
			m := start(t, mixedSource(), w, 30)
			if method == ansi.GraphemeWidth {
				send(t, m, tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeReset})
			}
			check := func(what string) { checkWidths(t, m, method, w, fmt.Sprintf("%v %d %s", method, w, what)) }
			check("list")
			for range mixedScripts {
				press(t, m, "j")
				check("list after j")
			}
			press(t, m, "g", "enter")
			check("read")
			if w == 100 {
				t.Run(fmt.Sprintf("read-%d", method), func(t *testing.T) { golden.RequireEqual(t, content(m)) })
			}
			press(t, m, "r")
			check("raw")
			if w == 100 {
				t.Run(fmt.Sprintf("raw-%d", method), func(t *testing.T) { golden.RequireEqual(t, content(m)) })
			}
		}
	}
}
