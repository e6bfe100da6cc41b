package tui

import (
	"regexp"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/tui/ui"
)

// rawText flattens a layout to "text" with removed runs in ~…~ and tags kept.
func rawText(d *rawDoc) []string {
	var out []string
	for _, l := range d.lines {
		var b strings.Builder
		for _, sp := range l {
			switch sp.kind {
			case spanRemoved:
				b.WriteString("~" + sp.text + "~")
			default:
				b.WriteString(sp.text)
			}
		}
		out = append(out, b.String())
	}
	return out
}

func TestLayoutRawMarksRuneRanges(t *testing.T) {
	a := &model.Article{
		// Multi-byte runes before the range: offsets are runes, not bytes.
		Raw: "é€ BBB ccc\nsecond line",
		Removed: []model.Removed{
			{Start: 3, End: 6, Reason: model.ReasonCaption},
			{Start: 11, End: 17, Reason: model.ReasonFooter},
		},
	}
	got := rawText(layoutRaw(a, 80))
	want := []string{
		"Raw text: 2 removed (caption, footer).", "",
		"é€ [caption] ~BBB~ ccc",
		"[footer] ~second~ line",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLayoutRawWrapsAndSurvivesBadRanges(t *testing.T) {
	a := &model.Article{
		Raw: strings.Repeat("word ", 40) + strings.Repeat("x", 50) + " 宽字符宽字符宽字符宽字符",
		Removed: []model.Removed{
			{Start: 500, End: 900, Reason: model.ReasonFooter}, // past the end
			{Start: 10, End: 5, Reason: model.ReasonCTA},       // inverted
			{Start: 3, End: 12, Reason: model.ReasonShare},
			{Start: 8, End: 20, Reason: model.ReasonEmbed}, // overlaps the previous
			{Start: -4, End: 2, Reason: model.ReasonSection},
		},
	}
	for _, w := range []int{1, 2, 7, 20, 33} {
		d := layoutRaw(a, w)
		for i, l := range d.lines {
			n := 0
			for _, sp := range l {
				n += ui.TextWidth(sp.text)
			}
			if n > max(w, 2) { // a wide rune alone on a line is the one exception
				t.Fatalf("width %d: line %d is %d cells: %q", w, i, n, rawText(&rawDoc{lines: [][]span{l}}))
			}
		}
		if len(d.view(ui.NewStyles(true, true), 0, len(d.lines))) != len(d.lines) {
			t.Fatal("view lost lines")
		}
	}
	// The text survives wrapping: every word is still there once the marks
	// (and the space after each tag) are taken out.
	flat := strings.Join(rawText(layoutRaw(a, 33))[2:], " ")
	flat = regexp.MustCompile(`\[[a-z]+\] ?|~`).ReplaceAllString(flat, "")
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if squash(flat) != squash(a.Raw) {
		t.Fatalf("text lost in wrapping: %q", flat)
	}
}
