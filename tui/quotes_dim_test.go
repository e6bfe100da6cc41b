package tui

import (
	"image/color"
	"testing"

	"storydesk/tui/internal/celltest"
	"storydesk/tui/ui"
)

// TestQuoteDimIsTheReadersDim: a suggested quotation, its bar and the
// rejected and suggested marks use the reader's secondary colour (Styles'
// RowDim), readable on the palette's own background: at least 4.5:1 on
// white (light) and on black (dark).
func TestQuoteDimIsTheReadersDim(t *testing.T) {
	for _, dark := range []bool{false, true} {
		st := ui.NewStyles(dark, false)
		want := st.RowDim.GetForeground()
		q := st.Quotes
		for name, got := range map[string]color.Color{
			"suggested": q.Suggested.GetForeground(), "bar": q.BarSuggested.GetForeground(),
			"rejected": q.StateRejected.GetForeground(), "suggested mark": q.StateSuggested.GetForeground(),
		} {
			if !sameColor(got, want) {
				t.Errorf("dark %v: %s is %v, the reader's dim is %v", dark, name, got, want)
			}
		}
		bg := color.Color(color.White)
		if dark {
			bg = color.Black
		}
		if c := celltest.Contrast(want, bg); c < 4.5 {
			t.Errorf("dark %v: dim %.2f:1 against the background", dark, c)
		}
	}
}
