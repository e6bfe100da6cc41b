package tui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"storydesk/model"
	"storydesk/tui/ui"
)

const mixedText = "Zoë Ng met 京都市 officials and Cafe\u0301 Ünal in Kyōto 🇨🇴 with 👩‍👩‍👧‍👦 and Ilse Varga.\n\n" +
	"東京 の 会議 に 山田 太郎 が 出席 した。Then e\u0301lite José García spoke for Ni\u0301ke."

// Every highlighted cell is exactly a span's code point, at many widths,
// with wide characters, emoji sequences and combining accents.
func TestHighlightCellsAreExactlyTheSpans(t *testing.T) {
	c := &ui.Context{NoColor: true, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
	c.Restyle(true)
	var spans []model.Span
	for i, name := range []string{"Zoë Ng", "京都市", "Cafe\u0301 Ünal", "🇨🇴", "👩‍👩‍👧‍👦", "山田 太郎", "e\u0301lite José", "Ni\u0301ke"} {
		s := runeIndex(t, mixedText, name, 0)
		spans = append(spans, model.Span{ID: int64(i + 1), Start: s, End: s + model.RuneLen(name), Label: model.DefaultLabels[i%4], Text: name})
	}
	for _, w := range []int{6, 9, 13, 20, 31, 47, 80, 133} {
		a := newAnnotatePane(c)
		a.SetSize(w, 200)
		a.open("x", "t", mixedText, spans, false, runeIndex(t, mixedText, "officials", 0))
		painters := c.Styles.AnnPainters()
		cs, ce := a.cursorRange()
		for i := range a.lay.Lines {
			line := a.lay.RenderLine(i, a.lineMarks(i), painters)
			under, rev := cellAttrs(t, line)
			if len(under) != a.lay.LineWidth(i) {
				t.Fatalf("w=%d line %d: styling changed the width (%d cells, laid out %d)", w, i, len(under), a.lay.LineWidth(i))
			}
			for col := range under {
				off := a.lay.OffsetAt(i, col)
				_, inSpan := model.FindOverlap(spans, off, off+1, 0)
				if off >= 0 && under[col] != inSpan {
					t.Fatalf("w=%d line %d col %d (code point %d %q): underlined %v, in a span %v\n%q",
						w, i, col, off, string([]rune(mixedText)[off]), under[col], inSpan, line)
				}
				inCursor := off >= cs && off < ce
				if off >= 0 && rev[col] != inCursor {
					t.Fatalf("w=%d line %d col %d: reversed %v, under the cursor %v", w, i, col, rev[col], inCursor)
				}
			}
		}
	}
}

// The marks given to RenderLine carry each span's label style.
func TestLineMarksUseLabelStyles(t *testing.T) {
	c := &ui.Context{Keys: ui.DefaultKeyMap(), Labels: []string{"PERSON", "ORG"}}
	c.Restyle(false)
	text := "Ana Ruiz joined Acme Corp and Bob left."
	spans := []model.Span{
		{ID: 1, Start: 0, End: 8, Label: "PERSON", Text: "Ana Ruiz"},
		{ID: 2, Start: 16, End: 25, Label: "ORG", Text: "Acme Corp"},
		{ID: 3, Start: 30, End: 33, Label: "GONE", Text: "Bob"},
	}
	a := newAnnotatePane(c)
	a.SetSize(80, 10)
	a.open("x", "t", text, spans, false, 34) // cursor on “left”
	marks := a.lineMarks(0)
	base := ui.AnnBase(2)
	want := fmt.Sprint([]any{0, 8, 1, 16, 25, 2, 30, 33, 3, 34, 38, base})
	var got []any
	for _, mk := range marks {
		got = append(got, mk.Start, mk.End, mk.Style)
	}
	if fmt.Sprint(got) != want {
		t.Fatalf("marks %v, want %v", got, want)
	}
	// A selection from “joined” onto the span: the selection style wins
	// over the span's, the cursor (on the whole span) over both.
	a.moveToOffset(8)
	a.anchor = a.cur
	a.wordNext()
	got = nil
	for _, mk := range a.lineMarks(0) {
		got = append(got, mk.Start, mk.End, mk.Style)
	}
	sel := 2 + 2
	if want := fmt.Sprint([]any{0, 8, 1, 9, 16, sel, 16, 20, sel + base, 20, 25, 2 + base, 30, 33, 3}); fmt.Sprint(got) != want {
		t.Fatalf("selection marks %v, want %v", got, want)
	}
}

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
			m.message = "" // the last save's message is not part of the layout
			golden.RequireEqual(t, content(m))
			apress(t, m, "esc", "e")
			m.message = ""
			t.Run("entities", func(t *testing.T) { golden.RequireEqual(t, content(m)) })
		})
	}
}

func TestAnnotateNeverOverflows(t *testing.T) {
	m := annotateModel(t, 120, 40)
	for w := 20; w <= 250; w += 23 {
		for h := 6; h <= 70; h += 8 {
			for _, panel := range []bool{false, true} {
				m.ann.panel = panel
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
	if m.annotating {
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
