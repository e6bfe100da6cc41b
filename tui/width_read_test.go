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

// readScripts is one article whose paragraphs are long runs of graphemes
// that are more than one code point: ZWJ families and professions, flags,
// skin tones, combining marks, CJK, Arabic and Hebrew (right to left),
// Devanagari; long enough that glamour wraps every paragraph.
func readScripts() *fakeSource {
	paras := []string{
		"The 👨‍👩‍👧‍👦 family and the 👩‍👩‍👧 family met the 🧑‍🤝‍🧑 pair at the 🇳🇴 and 🇯🇵 stands, where 👩🏽‍🔬 scientists and 👨🏿‍💻 coders waved 🏳️‍🌈 flags beside the 🇪🇺 banner and the 🇺🇦 tent before the evening session.",
		"Noe\u0308l wrote the de\u0301cor note in Zoe\u0308's café: n\u0303a, a\u0300 la carte, Ångström and e\u0301te\u0301 e\u0301crit with combining accents, then signed ✍🏽 it twice for the archive.",
		"港口重新开放后，渔民们回到了码头。日本語の記事も同じ話題を伝えた。한국어 기사도 있다 and the English summary closes the paragraph.",
		"العربية اليوم: أعلنت الوزارة خطة جديدة للموانئ. עברית היום: הנמל נפתח מחדש. Both outlets quoted the same harbour master at length.",
		"हिन्दी समाचार: बंदरगाह फिर से खुल गया है और मछुआरे लौट आए हैं, said the Delhi desk, which filed 👨‍👩‍👧‍👦 🇮🇳 updates all day.",
	}
	body := strings.Join(paras, "\n\n")
	f := &fakeSource{label: "scripts", batch: 7}
	f.add("news/scripts.txt", &model.Article{Title: "Harbour 🇳🇴 reopens: 👨‍👩‍👧‍👦 return", Source: "Wire", Text: body, Raw: body, Words: model.WordCount(body)})
	return f
}

// readPaneWords is the words of the read pane's lines in the frame (the
// text between the focused pane's borders).
func readPaneWords(m *Model) []string {
	var words []string
	for _, l := range strings.Split(ansi.Strip(content(m)), "\n") {
		j := strings.LastIndex(l, "┃")
		i := strings.LastIndex(l[:max(0, j)], "┃")
		if i < 0 || j <= i {
			continue
		}
		words = append(words, strings.Fields(l[i+len("┃"):j])...)
	}
	return words
}

// TestMixedScriptsReadViewLosesNothing: the read view (glamour) over mixed
// scripts at 80 and 120 columns, counted code point by code point and by
// grapheme, keeps every line at the terminal's width and the whole
// text (glamour wraps by grapheme: a line holding a ZWJ sequence
// was too wide for a terminal counting code points and was cut with "…" at
// the pane's edge, losing its last words). Golden frames of the reader.
func TestMixedScriptsReadViewLosesNothing(t *testing.T) {
	defer layout.SetMethod(ansi.WcWidth)
	for _, method := range []ansi.Method{ansi.WcWidth, ansi.GraphemeWidth} {
		for _, w := range []int{80, 120} {
			t.Run(fmt.Sprintf("%d-%d", method, w), func(t *testing.T) {
				layout.SetMethod(ansi.WcWidth)
				src := readScripts()
				m := start(t, src, w, 40)
				if method == ansi.GraphemeWidth {
					send(t, m, tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeReset})
				}
				press(t, m, "enter")
				checkWidths(t, m, method, w, fmt.Sprintf("%v %d read", method, w))
				golden.RequireEqual(t, content(m))
				// CJK wraps between any two characters: compare without spaces.
				got := strings.Join(readPaneWords(m), "")
				a, _ := src.Load(0)
				want := strings.Join(strings.Fields(a.Text), "")
				if !strings.Contains(got, want) {
					t.Fatalf("the read view lost text:\nwant %s\ngot  %s", want, got)
				}
			})
		}
	}
}
