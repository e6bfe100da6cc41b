package ui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// ReviewStyles is how imported annotations not reviewed yet look.
type ReviewStyles struct {
	NoColor bool
	Under   color.Color    // the dotted underline's colour; nil without colour
	Mark    lipgloss.Style // counts and the source on the legend line
	MarkCh  string         // before a count of annotations to review

	MarkPaint Paint // Mark, derived by newReviewStyles
}

func newReviewStyles(isDark, noColor bool) ReviewStyles {
	r := ReviewStyles{NoColor: noColor, MarkCh: "↓"}
	if noColor {
		r.Mark = lipgloss.NewStyle().Bold(true)
		r.MarkPaint = NewPaint(r.Mark)
		return r
	}
	under := newPalette(isDark).warn
	r.Under = under
	r.Mark = lipgloss.NewStyle().Foreground(under)
	r.MarkPaint = NewPaint(r.Mark)
	return r
}

// over lays the imported mark over annotate style st (label: st is an
// entity label's). Attributes only: a dotted underline (plain underline
// where the terminal has no underline styles) in its own colour; without
// colour, where labels are bold and underlined, an imported span is faint
// instead of bold, so the two differ even with a plain underline.
func (r ReviewStyles) over(st lipgloss.Style, label bool) lipgloss.Style {
	if r.NoColor {
		// A plain underline: minimal terminals misread the dotted style's
		// colon sub-parameter (ESC[4:4m), and faint tells the two apart.
		if label {
			return st.Bold(false).Faint(true)
		}
		return st.Underline(true)
	}
	return st.UnderlineStyle(lipgloss.UnderlineDotted).UnderlineColor(r.Under)
}

// annImported is what a style index adds for an imported annotation not
// reviewed yet (see annBase).
func AnnImported(nLabels int) int { return QuoteLayers * 2 * AnnBase(nLabels) }
