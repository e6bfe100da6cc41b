package ui

import "charm.land/lipgloss/v2"

// How quotations look. In the text a quotation is a layer over whatever
// else is there (an entity span, the selection, the cursor): italic, with
// its own colour on plain words, and a bar in the left margin of its lines
// — attributes and a margin cell only, so no width changes. Without colour
// (NO_COLOR) entities are bold+underline and quotations italic, suggestions
// italic and faint, and the bar's glyph tells accepted (│), suggested (┊)
// and the one under the cursor (┃) apart.

// Quote layers, as indexed in Styles.Ann (see deriveAnn).
const (
	QLayerNone = iota
	QLayerSuggested
	QLayerAccepted
	QuoteLayers
)

// QuoteStyles is the quotes part of Styles.
type QuoteStyles struct {
	Accepted  lipgloss.Style // plain words of an accepted quotation
	Suggested lipgloss.Style // plain words of a suggestion

	Bar, BarSuggested, BarCurrent       lipgloss.Style
	BarCh, BarSuggestedCh, BarCurrentCh string

	StateAccepted, StateRejected, StateSuggested lipgloss.Style
	AcceptedCh, RejectedCh, SuggestedCh          string

	DiffIns lipgloss.Style // words only the other article has
	DiffDel lipgloss.Style // words of this quotation the other dropped
}

type QuotePaints struct {
	Bar, BarSuggested, BarCurrent                Paint
	StateAccepted, StateRejected, StateSuggested Paint
	DiffIns, DiffDel                             Paint
}

func newQuoteStyles(isDark, noColor bool) QuoteStyles {
	s := lipgloss.NewStyle
	q := QuoteStyles{BarCh: "│", BarSuggestedCh: "┊", BarCurrentCh: "┃", AcceptedCh: "✓", RejectedCh: "✗", SuggestedCh: "?"}
	if noColor {
		q.Accepted = s().Italic(true)
		q.Suggested = s().Italic(true).Faint(true)
		q.Bar, q.BarSuggested, q.BarCurrent = s(), s(), s().Bold(true)
		q.StateAccepted, q.StateRejected, q.StateSuggested = s().Bold(true), s(), s()
		q.DiffIns = s().Bold(true).Underline(true)
		q.DiffDel = s().Strikethrough(true)
		return q
	}
	p := newPalette(isDark)
	var (
		quote = p.pick("#0B6E63", "#6FDCC9")
		// The reader's own secondary colour, so a suggested quotation and
		// a cut word read as well as any secondary text (the strikethrough
		// says it is cut; a paler grey was 2.8:1 on white).
		dim = p.dim
		ins = p.warn
		del = p.dim
	)
	q.Accepted = s().Italic(true).Foreground(quote)
	q.Suggested = s().Italic(true).Foreground(dim)
	q.Bar, q.BarSuggested, q.BarCurrent = s().Foreground(quote), s().Foreground(dim), s().Foreground(quote).Bold(true)
	q.StateAccepted, q.StateRejected, q.StateSuggested = s().Foreground(quote).Bold(true), s().Foreground(dim), s().Foreground(dim)
	q.DiffIns = s().Foreground(ins).Bold(true).Underline(true)
	q.DiffDel = s().Foreground(del).Strikethrough(true)
	return q
}

func (s *Styles) deriveQuotes() {
	q := s.Quotes
	s.QP = QuotePaints{
		Bar: NewPaint(q.Bar), BarSuggested: NewPaint(q.BarSuggested), BarCurrent: NewPaint(q.BarCurrent),
		StateAccepted: NewPaint(q.StateAccepted), StateRejected: NewPaint(q.StateRejected), StateSuggested: NewPaint(q.StateSuggested),
		DiffIns: NewPaint(q.DiffIns), DiffDel: NewPaint(q.DiffDel),
	}
}

// layer is annotate style st (index i: 0 plain, else a span, the selection)
// inside a quotation of the given layer.
func (q QuoteStyles) layer(st lipgloss.Style, i, layer int) lipgloss.Style {
	switch {
	case layer == QLayerNone:
		return st
	case i == 0 && layer == QLayerAccepted:
		return q.Accepted
	case i == 0:
		return q.Suggested
	}
	return st.Italic(true)
}
