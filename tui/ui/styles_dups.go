package ui

import "charm.land/lipgloss/v2"

// DupStyles is the duplicates part of Styles.
type DupStyles struct {
	Cut, Added, Changed, Figure lipgloss.Style
	Bar, BarCurrent             lipgloss.Style
	BarCh, BarCurrentCh         string
	Label, Conflict             lipgloss.Style // a pair's verdict in the list; a verdict that contradicts its cluster
	Copy, Canonical             lipgloss.Style // list badges
	CopyCh, CanonicalCh         string
}

type DupPaints struct {
	Cut, Added, Changed, Figure Paint
	Bar, BarCurrent             Paint
	Label, Conflict             Paint
	Copy, Canonical             Paint
}

func newDupStyles(isDark, noColor bool) DupStyles {
	s := lipgloss.NewStyle
	d := DupStyles{BarCh: "│", BarCurrentCh: "┃", CopyCh: "⧉", CanonicalCh: "★"}
	if noColor {
		d.Cut = s().Strikethrough(true)
		d.Added = s().Underline(true)
		d.Changed = s().Bold(true).Underline(true)
		d.Figure = s().Reverse(true).Bold(true)
		d.Bar, d.BarCurrent = s(), s().Bold(true)
		d.Label, d.Conflict = s().Bold(true), s().Bold(true)
		d.Copy, d.Canonical = s(), s().Bold(true)
		return d
	}
	p := newPalette(isDark)
	var (
		cut    = p.bad
		added  = p.pick("#1E7A34", "#6FD08C")
		change = p.warn
		dim    = p.dim
		accent = p.accent
	)
	d.Cut = s().Foreground(cut).Strikethrough(true)
	d.Added = s().Foreground(added).Underline(true)
	d.Changed = s().Foreground(change).Bold(true).Underline(true)
	d.Figure = s().Foreground(change).Reverse(true).Bold(true)
	d.Bar, d.BarCurrent = s().Foreground(dim), s().Foreground(accent).Bold(true)
	d.Label, d.Conflict = s().Foreground(accent), s().Foreground(cut).Bold(true)
	d.Copy, d.Canonical = s().Foreground(dim), s().Foreground(change).Bold(true)
	return d
}

func (s *Styles) deriveDups() {
	d := s.Dups
	s.DP = DupPaints{
		Cut: NewPaint(d.Cut), Added: NewPaint(d.Added), Changed: NewPaint(d.Changed), Figure: NewPaint(d.Figure),
		Bar: NewPaint(d.Bar), BarCurrent: NewPaint(d.BarCurrent),
		Label: NewPaint(d.Label), Conflict: NewPaint(d.Conflict),
		Copy: NewPaint(d.Copy), Canonical: NewPaint(d.Canonical),
	}
}

// DupPainters are RenderLine's styles, indexed by the dupStyle constants.
func (s *Styles) DupPainters() []func(string) string {
	return []func(string) string{nil, s.DP.Cut.Render, s.DP.Added.Render, s.DP.Changed.Render, s.DP.Figure.Render}
}
