package annotate

import (
	"sort"

	"charm.land/lipgloss/v2"

	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// navMarks is what the jump and search screens draw over the text: hint
// labels at words, and search matches (the current one apart). They are
// drawn over the spans' colours with layout.Over, so the cells stay where
// the wrap put them.
type navMarks struct {
	hints   []hint   // by offset
	matches [][2]int // code points, by start
	current int      // index in matches; -1 for none
	paints  navPaints
	styled  bool
	dark    bool
	noColor bool
}

// hint is a jump label drawn over the word at off.
type hint struct {
	off   int
	label string
}

type navPaints struct{ hint, match, current ui.Paint }

// paint makes the paints for the context's background and colour.
func (n *navMarks) paint(c *ui.Context) {
	if n.styled && n.dark == c.IsDark && n.noColor == c.NoColor {
		return
	}
	n.styled, n.dark, n.noColor = true, c.IsDark, c.NoColor
	s := lipgloss.NewStyle
	if c.NoColor {
		n.paints = navPaints{
			hint:    ui.NewPaint(s().Reverse(true).Bold(true)),
			match:   ui.NewPaint(s().Underline(true)),
			current: ui.NewPaint(s().Reverse(true).Underline(true)),
		}
		return
	}
	ld := lipgloss.LightDark(c.IsDark)
	hintBg := ld(lipgloss.Color("#B3007A"), lipgloss.Color("#FF5FD2"))
	hintFg := ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#000000"))
	matchBg := ld(lipgloss.Color("#FFE58A"), lipgloss.Color("#5C4A00"))
	curBg := ld(lipgloss.Color("#FFB000"), lipgloss.Color("#C98A00"))
	n.paints = navPaints{
		hint:    ui.NewPaint(s().Bold(true).Foreground(hintFg).Background(hintBg)),
		match:   ui.NewPaint(s().Background(matchBg)),
		current: ui.NewPaint(s().Bold(true).Foreground(lipgloss.Color("#000000")).Background(curBg)),
	}
}

// overs is what is drawn over layout line i.
func (n *navMarks) overs(a *Pane, i int) []layout.Over {
	if len(n.hints) == 0 && len(n.matches) == 0 {
		return nil
	}
	n.paint(a.c)
	l := a.lay.Lines[i]
	var out []layout.Over
	if len(n.matches) > 0 {
		k := sort.Search(len(n.matches), func(k int) bool { return n.matches[k][1] > l.Start })
		for ; k < len(n.matches) && n.matches[k][0] < l.End; k++ {
			p := n.paints.match
			if k == n.current {
				p = n.paints.current
			}
			out = append(out, layout.Over{Start: n.matches[k][0], End: n.matches[k][1], Paint: p.Render})
		}
	}
	if len(n.hints) > 0 {
		// Hints replace matches where both are (a jump from a search).
		out = out[:0]
		k := sort.Search(len(n.hints), func(k int) bool { return n.hints[k].off >= l.Start })
		for ; k < len(n.hints) && n.hints[k].off < l.End; k++ {
			out = append(out, layout.Over{Start: n.hints[k].off, Text: n.hints[k].label, Paint: n.paints.hint.Render})
		}
	}
	return out
}
