package browse_test

import (
	"regexp"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/tui/browse"
)

// rawText is the raw view's layout of a at width, flattened: removed runs
// in ~…~, tags kept.
func rawText(a *model.Article, width int) []string {
	flat, _, _ := browse.RawLayout(a, nil, width, false)
	return flat
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
	got := rawText(a, 80)
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
		flat, widths, styled := browse.RawLayout(a, nil, w, false)
		for i, n := range widths {
			if n > max(w, 2) { // a wide rune alone on a line is the one exception
				t.Fatalf("width %d: line %d is %d cells: %q", w, i, n, flat[i])
			}
		}
		if len(styled) != len(flat) {
			t.Fatal("view lost lines")
		}
	}
	// The text survives wrapping: every word is still there once the marks
	// (and the space after each tag) are taken out.
	flat := strings.Join(rawText(a, 33)[2:], " ")
	flat = regexp.MustCompile(`\[[a-z]+\] ?|~`).ReplaceAllString(flat, "")
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if squash(flat) != squash(a.Raw) {
		t.Fatalf("text lost in wrapping: %q", flat)
	}
}

// With corrections and the cursor, the layout has a gutter, tags what the
// reviewer kept and removed, and counts corrections that no longer match.
func TestLayoutRawCorrections(t *testing.T) {
	a := &model.Article{
		Raw: "Photo: staff\n\nThe council met.\n\nSubscribe now",
		Removed: []model.Removed{
			{Start: 0, End: 12, Reason: model.ReasonCaption},
			{Start: 32, End: 45, Reason: model.ReasonUser},
		},
	}
	corr := []model.Correction{{Start: 14, End: 30, Keep: true}, {Start: 200, End: 210, Keep: true}}
	flat, _, styled := browse.RawLayout(a, corr, 60, true)
	got := strings.Join(flat, " ")
	for _, s := range []string{"1 " + browse.TagKeptByYou + ".", "1 correction no longer matches the text (ignored).",
		"[" + browse.TagKeptByYou + "] The council met.", "[" + browse.TagRemovedByYou + "] ~Subscribe now~", "[caption] ~Photo: staff~"} {
		if !strings.Contains(got, s) {
			t.Errorf("layout lacks %q:\n%s", s, strings.Join(flat, "\n"))
		}
	}
	for i, l := range flat {
		if len(l) > 58 || !strings.HasPrefix(styled[i], "  ") {
			t.Errorf("line %d %q: no room for the gutter", i, l)
		}
	}
	if browse.ReasonTag(model.ReasonUser) != browse.TagRemovedByYou || browse.ReasonTag(model.ReasonCaption) != "caption" {
		t.Error("reason tags")
	}
}
