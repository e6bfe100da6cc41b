package suggest_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
)

// suggestText is a news article the shipped model finds names in.
const suggestText = "Colombian President Gustavo Petro met US Treasury Secretary Scott Bessent in Bogotá on Monday, " +
	"the Associated Press reported. Petro said Colombia's army would keep working with the United States.\n\n" +
	"Bessent later flew to Caracas, where Nicolas Maduro received him. The White House declined to comment, " +
	"and Petro left for Quito on Tuesday."

// suggestText2 names a fair three times: the annotator tags it EVENT.
const suggestText2 = "The Harvest Fair opened in Leeds on Friday. Mayor Anna Kowalski said the Harvest Fair " +
	"brings farmers from Yorkshire and Lancashire. Last year the Harvest Fair drew 40,000 visitors, " +
	"according to the Leeds City Council."

// storyB is a second article the decisions move on to.
const storyB = "Ilse Varga visited Karvik on Tuesday. Tomas Berg did not.\n\nThe mayor, Ilse Varga, promised a new ferry."

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
