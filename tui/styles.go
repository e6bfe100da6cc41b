package tui

import (
	"image/color"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// boxChars is one set of border runes. Focus is shown by colour and, without
// colour, by a heavier set.
type boxChars struct {
	tl, tr, bl, br, h, v string
}

var (
	thinBox  = boxChars{"╭", "╮", "╰", "╯", "─", "│"}
	heavyBox = boxChars{"┏", "┓", "┗", "┛", "━", "┃"}
	plainBox = boxChars{"┌", "┐", "└", "┘", "─", "│"}
)

// Styles is every style the reader uses, built from one theme for a light or
// dark background, or from attributes only when colour is off. Build it with
// NewStyles, which also derives the painters the hot paths use.
type Styles struct {
	NoColor bool

	Border        lipgloss.Style // blurred pane border
	BorderFocused lipgloss.Style
	Box           boxChars
	BoxFocused    boxChars
	Title         lipgloss.Style // pane title, blurred
	TitleFocused  lipgloss.Style
	TitleInfo     lipgloss.Style // right-hand side of a pane title ("12/340", "34%")

	Row             lipgloss.Style
	RowSelected     lipgloss.Style // selected row in the focused list
	RowSelectedBlur lipgloss.Style // selected row when the list is not focused
	RowDim          lipgloss.Style // outlet and word count
	RowPending      lipgloss.Style // title not read yet (provisional, from the file name)
	Marker          string         // selection marker in the gutter
	MarkerBlur      string

	FilterPrompt lipgloss.Style
	FilterInfo   lipgloss.Style

	Placeholder lipgloss.Style
	Error       lipgloss.Style

	RawKept    lipgloss.Style
	RawRemoved lipgloss.Style
	RawTag     lipgloss.Style

	StatusBar  lipgloss.Style
	StatusMode lipgloss.Style
	StatusDim  lipgloss.Style
	StatusWarn lipgloss.Style
	StatusMsg  lipgloss.Style
	BarFull    lipgloss.Style
	BarEmpty   lipgloss.Style
	BarFullCh  string
	BarEmptyCh string

	OverlayText lipgloss.Style

	Help help.Styles

	// Glamour is the glamour standard style for article text.
	Glamour string

	p paints // derived by NewStyles
}

// paint is a style reduced to the SGR sequences around its text. The hot
// paths (rows, borders, raw spans, the status bar) paint one short line at a
// time, where lipgloss.Style.Render's general machinery (wrapping,
// alignment, per-rune underlines) costs more than the frame itself.
type paint struct{ pre, post string }

func newPaint(st lipgloss.Style) paint {
	out := st.Render("x")
	i := strings.IndexByte(out, 'x') // SGR sequences never contain an x
	if i < 0 {
		return paint{}
	}
	return paint{pre: out[:i], post: out[i+1:]}
}

func (p paint) render(s string) string {
	if p.pre == "" || s == "" {
		return s
	}
	return p.pre + s + p.post
}

type paints struct {
	border, borderFocused, title, titleFocused, titleInfo   paint
	row, rowSelected, rowSelectedBlur, rowDim, rowPending   paint
	filterPrompt, filterInfo, placeholder, errorText        paint
	rawKept, rawRemoved, rawTag                             paint
	statusBar, statusMode, statusDim, statusWarn, statusMsg paint
	barFull, barEmpty                                       paint
}

func (s *Styles) derive() {
	s.p = paints{
		border: newPaint(s.Border), borderFocused: newPaint(s.BorderFocused),
		title: newPaint(s.Title), titleFocused: newPaint(s.TitleFocused), titleInfo: newPaint(s.TitleInfo),
		row: newPaint(s.Row), rowSelected: newPaint(s.RowSelected), rowSelectedBlur: newPaint(s.RowSelectedBlur),
		rowDim: newPaint(s.RowDim), rowPending: newPaint(s.RowPending),
		filterPrompt: newPaint(s.FilterPrompt), filterInfo: newPaint(s.FilterInfo),
		placeholder: newPaint(s.Placeholder), errorText: newPaint(s.Error),
		rawKept: newPaint(s.RawKept), rawRemoved: newPaint(s.RawRemoved), rawTag: newPaint(s.RawTag),
		statusBar: newPaint(s.StatusBar), statusMode: newPaint(s.StatusMode), statusDim: newPaint(s.StatusDim),
		statusWarn: newPaint(s.StatusWarn), statusMsg: newPaint(s.StatusMsg),
		barFull: newPaint(s.BarFull), barEmpty: newPaint(s.BarEmpty),
	}
}

// NewStyles builds the styles for a dark or light background. With noColor
// set (NO_COLOR) no colour is used at all: bold, faint, underline, reverse
// and strikethrough carry the meaning, and focus is also shown by border
// weight and markers.
func NewStyles(isDark, noColor bool) Styles {
	st := newStyles(isDark, noColor)
	st.derive()
	return st
}

func newStyles(isDark, noColor bool) Styles {
	s := lipgloss.NewStyle
	if noColor {
		return Styles{
			NoColor:         true,
			Border:          s(),
			BorderFocused:   s().Bold(true),
			Box:             plainBox,
			BoxFocused:      heavyBox,
			Title:           s(),
			TitleFocused:    s().Bold(true),
			TitleInfo:       s(),
			Row:             s(),
			RowSelected:     s().Reverse(true),
			RowSelectedBlur: s().Bold(true),
			RowDim:          s(),
			RowPending:      s(),
			Marker:          ">",
			MarkerBlur:      ">",
			FilterPrompt:    s().Bold(true),
			FilterInfo:      s(),
			Placeholder:     s(),
			Error:           s().Bold(true),
			RawKept:         s(),
			RawRemoved:      s().Strikethrough(true).Faint(true),
			RawTag:          s().Bold(true),
			StatusBar:       s(),
			StatusMode:      s().Reverse(true).Bold(true),
			StatusDim:       s(),
			StatusWarn:      s().Bold(true),
			StatusMsg:       s(),
			BarFull:         s(),
			BarEmpty:        s(),
			BarFullCh:       "#",
			BarEmptyCh:      ".",
			OverlayText:     s(),
			Help: help.Styles{
				ShortKey:       s().Bold(true),
				ShortDesc:      s(),
				ShortSeparator: s(),
				Ellipsis:       s(),
				FullKey:        s().Bold(true),
				FullDesc:       s(),
				FullSeparator:  s(),
			},
			Glamour: "notty",
		}
	}

	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	var (
		accent   = c("#5A56E0", "#8C88FF")
		subtle   = c("#C4C4CC", "#44444E")
		dim      = c("#76767F", "#8E8E99")
		fg       = c("#1C1C22", "#E4E4EA")
		selBg    = c("#DCDAFF", "#37347A")
		selBlur  = c("#ECECF0", "#2A2A33")
		warn     = c("#A85400", "#F2A33A")
		bad      = c("#B3261E", "#F2726B")
		removed  = c("#9A9AA3", "#66666F")
		statusBg = c("#ECECF0", "#24242C")
	)
	// bubbles' default help colours are too faint on dark backgrounds.
	help := help.Styles{
		ShortKey:       s().Foreground(dim).Bold(true),
		ShortDesc:      s().Foreground(c("#8E8E97", "#74747E")),
		ShortSeparator: s().Foreground(subtle),
		Ellipsis:       s().Foreground(subtle),
		FullKey:        s().Foreground(accent).Bold(true),
		FullDesc:       s().Foreground(fg),
		FullSeparator:  s().Foreground(subtle),
	}
	glam := "dark"
	if !isDark {
		glam = "light"
	}
	return Styles{
		Border:          s().Foreground(subtle),
		BorderFocused:   s().Foreground(accent),
		Box:             thinBox,
		BoxFocused:      thinBox,
		Title:           s().Foreground(dim),
		TitleFocused:    s().Foreground(accent).Bold(true),
		TitleInfo:       s().Foreground(dim),
		Row:             s().Foreground(fg),
		RowSelected:     s().Foreground(fg).Background(selBg).Bold(true),
		RowSelectedBlur: s().Foreground(fg).Background(selBlur),
		RowDim:          s().Foreground(dim),
		RowPending:      s().Foreground(dim).Italic(true),
		Marker:          "▌",
		MarkerBlur:      "▏",
		FilterPrompt:    s().Foreground(accent).Bold(true),
		FilterInfo:      s().Foreground(dim),
		Placeholder:     s().Foreground(dim).Italic(true),
		Error:           s().Foreground(bad).Bold(true),
		RawKept:         s().Foreground(fg),
		RawRemoved:      s().Foreground(removed).Strikethrough(true).Faint(true),
		RawTag:          s().Foreground(warn).Bold(true),
		StatusBar:       s().Foreground(fg).Background(statusBg),
		StatusMode:      s().Foreground(c("#FFFFFF", "#16161C")).Background(accent).Bold(true),
		StatusDim:       s().Foreground(dim).Background(statusBg),
		StatusWarn:      s().Foreground(warn).Background(statusBg).Bold(true),
		StatusMsg:       s().Foreground(fg).Background(statusBg).Italic(true),
		BarFull:         s().Foreground(accent).Background(statusBg),
		BarEmpty:        s().Foreground(subtle).Background(statusBg),
		BarFullCh:       "█",
		BarEmptyCh:      "░",
		OverlayText:     s().Foreground(fg),
		Help:            help,
		Glamour:         glam,
	}
}
