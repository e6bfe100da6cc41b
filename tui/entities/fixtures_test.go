package entities_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
)

// Fixture texts with names to tag; offsets are computed with runeIndex.
const (
	storyA = "Mayor Ilse Varga of Port Ellis met the Harbour Board on Monday. Varga said the talks went well, and Mr. Berg agreed.\n\n" +
		"The board chair, Tomas Berg, disagreed. “Ça va,” said Zoë Ng in Kyōto 京都. Varga left at noon; the Vargas family stayed.\n\n" +
		"Gustavo Petro spoke last. Petro said the port would reopen."
	storyB = "Ilse Varga visited Karvik on Tuesday. Tomas Berg did not.\n\nThe mayor, Ilse Varga, promised a new ferry."
	storyC = "Nothing here names anyone at all; the weather was calm and the sea flat."
)

// entityArticles are a.txt, b.txt and c.txt.
func entityArticles() []*model.Article {
	var out []*model.Article
	for i, text := range []string{storyA, storyB, storyC} {
		id := string(rune('a'+i)) + ".txt"
		out = append(out, &model.Article{ID: id, Path: id, Title: "Story " + strings.ToUpper(id[:1]), Text: text, Raw: text, Words: len(strings.Fields(text))})
	}
	return out
}

// runeIndex is the code point offset of the n-th occurrence of sub in s.
func runeIndex(tb testing.TB, s, sub string, n int) int {
	tb.Helper()
	off := 0
	for i := 0; ; i++ {
		b := strings.Index(s[off:], sub)
		if b < 0 {
			tb.Fatalf("%q occurrence %d not in text", sub, n)
		}
		if i == n {
			return model.RuneLen(s[:off+b])
		}
		off += b + len(sub)
	}
}

// keyMsg builds a key press as the terminal would report it.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "shift+right":
		return tea.KeyPressMsg{Code: tea.KeyRight, Mod: tea.ModShift}
	case "shift+left":
		return tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModShift}
	case "shift+down":
		return tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift}
	case "shift+up":
		return tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModShift}
	case "ctrl+r":
		return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	r, _ := utf8.DecodeRuneInString(k)
	return tea.KeyPressMsg{Code: r, Text: k}
}
