package ui

import (
	"fmt"
	"image/color"
	"sort"
	"strings"

	"github.com/charmbracelet/colorprofile"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"storydesk/model"
)

// BoxChars is one set of border runes. Focus is shown by colour and, without
// colour, by a heavier set.
type BoxChars struct {
	TL, TR, BL, BR, H, V string
}

var (
	thinBox  = BoxChars{"╭", "╮", "╰", "╯", "─", "│"}
	heavyBox = BoxChars{"┏", "┓", "┗", "┛", "━", "┃"}
	plainBox = BoxChars{"┌", "┐", "└", "┘", "─", "│"}
)

// Styles is every style the reader uses, built from one theme for a light or
// dark background, or from attributes only when colour is off. Build it with
// NewStyles, which also derives the painters the hot paths use.
type Styles struct {
	NoColor bool

	Border        lipgloss.Style // blurred pane border
	BorderFocused lipgloss.Style
	Box           BoxChars
	BoxFocused    BoxChars
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

	// Annotate view. Spans holds one style per label, in label order (see
	// WithLabels); SpanOther is for a stored label no longer in the set.
	// Cursor is applied over whatever is under the cursor. None of them may
	// change a cell's width: colour and attributes only.
	Spans       []lipgloss.Style
	SpanOther   lipgloss.Style
	Selection   lipgloss.Style
	Cursor      lipgloss.Style
	Badge       lipgloss.Style // status badges in the list
	BadgeDone   string
	BadgeActive string
	Changed     lipgloss.Style // "changed on disk"
	ChangedMark string

	Help help.Styles

	// Quotes: quotations in the annotate view, the quotes panel, word diffs.
	Quotes QuoteStyles

	// Duplicates: word diffs of two copies, cluster badges (dups_view.go).
	Dups DupStyles

	// Review: imported annotations not reviewed yet (tui/annotate/review.go).
	Review ReviewStyles

	// Glamour is the glamour standard style for article text.
	Glamour string

	P    Paints  // derived by NewStyles: the hot paths paint with these
	Ann  []Paint // annotate paints, indexed as AnnBase describes
	QP   QuotePaints
	DP   DupPaints
	dark bool
}

// Paint is a style reduced to the SGR sequences around its text. The hot
// paths (rows, borders, raw spans, the status bar) paint one short line at a
// time, where lipgloss.Style.Render's general machinery (wrapping,
// alignment, per-rune underlines) costs more than the frame itself.
type Paint struct{ pre, post string }

func NewPaint(st lipgloss.Style) Paint {
	out := st.Render("x")
	i := strings.IndexByte(out, 'x') // SGR sequences never contain an x
	if i < 0 {
		return Paint{}
	}
	return Paint{pre: out[:i], post: out[i+1:]}
}

func (p Paint) Render(s string) string {
	if p.pre == "" || s == "" {
		return s
	}
	return p.pre + s + p.post
}

type Paints struct {
	Border, BorderFocused, Title, TitleFocused, TitleInfo   Paint
	Row, RowSelected, RowSelectedBlur, RowDim, RowPending   Paint
	FilterPrompt, FilterInfo, Placeholder, ErrorText        Paint
	RawKept, RawRemoved, RawTag                             Paint
	StatusBar, StatusMode, StatusDim, StatusWarn, StatusMsg Paint
	BarFull, BarEmpty, Badge, Changed                       Paint
}

func (s *Styles) derive() {
	s.P = Paints{
		Border: NewPaint(s.Border), BorderFocused: NewPaint(s.BorderFocused),
		Title: NewPaint(s.Title), TitleFocused: NewPaint(s.TitleFocused), TitleInfo: NewPaint(s.TitleInfo),
		Row: NewPaint(s.Row), RowSelected: NewPaint(s.RowSelected), RowSelectedBlur: NewPaint(s.RowSelectedBlur),
		RowDim: NewPaint(s.RowDim), RowPending: NewPaint(s.RowPending),
		FilterPrompt: NewPaint(s.FilterPrompt), FilterInfo: NewPaint(s.FilterInfo),
		Placeholder: NewPaint(s.Placeholder), ErrorText: NewPaint(s.Error),
		RawKept: NewPaint(s.RawKept), RawRemoved: NewPaint(s.RawRemoved), RawTag: NewPaint(s.RawTag),
		StatusBar: NewPaint(s.StatusBar), StatusMode: NewPaint(s.StatusMode), StatusDim: NewPaint(s.StatusDim),
		StatusWarn: NewPaint(s.StatusWarn), StatusMsg: NewPaint(s.StatusMsg),
		BarFull: NewPaint(s.BarFull), BarEmpty: NewPaint(s.BarEmpty),
		Badge: NewPaint(s.Badge), Changed: NewPaint(s.Changed),
	}
	s.deriveQuotes()
	s.deriveDups()
	s.deriveAnn()
}

// NewStyles builds the styles for a dark or light background. With noColor
// set (NO_COLOR) no colour is used at all: bold, faint, underline, reverse
// and strikethrough carry the meaning, and focus is also shown by border
// weight and markers.
func NewStyles(isDark, noColor bool) Styles {
	st := newStyles(isDark, noColor)
	st.dark = isDark
	st.Quotes = newQuoteStyles(isDark, noColor)
	st.Dups = newDupStyles(isDark, noColor)
	st.Review = newReviewStyles(isDark, noColor)
	st.Spans = labelStyles(model.DefaultLabels, nil, isDark, noColor, colorprofile.TrueColor)
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
			SpanOther:       s().Bold(true).Underline(true),
			Selection:       s().Reverse(true).Italic(true),
			Cursor:          s().Reverse(true),
			Badge:           s().Bold(true),
			BadgeDone:       "●",
			BadgeActive:     "◐",
			Changed:         s().Bold(true),
			ChangedMark:     "Δ",
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

	p := newPalette(isDark)
	c := p.pick
	accent, subtle, dim, fg := p.accent, p.subtle, p.dim, p.fg
	selBg, selBlur, warn, bad, removed, statusBg := p.selBg, p.selBlur, p.warn, p.bad, p.removed, p.statusBg
	// bubbles' default help colours are too faint on dark backgrounds.
	help := help.Styles{
		ShortKey:       s().Foreground(dim).Bold(true),
		ShortDesc:      s().Foreground(c("#75757E", "#82828C")),
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
		SpanOther:       s().Foreground(fg).Background(c("#D6D6DC", "#50505A")).Underline(true),
		Selection:       s().Foreground(fg).Background(selBg).Underline(true),
		Cursor:          s().Reverse(true),
		Badge:           s().Foreground(accent),
		BadgeDone:       "●",
		BadgeActive:     "◐",
		Changed:         s().Foreground(warn).Bold(true),
		ChangedMark:     "Δ",
		Help:            help,
		Glamour:         glam,
	}
}

// labelStyles builds one span style per label (labelcolors.go) for the
// terminal's colour profile. colors (from the config file) overrides a
// label's background with one hex colour for both themes; its text colour
// is then black or white, whichever reads better on it.
func labelStyles(labels []string, colors map[string]string, isDark, noColor bool, p colorprofile.Profile) []lipgloss.Style {
	out := make([]lipgloss.Style, len(labels))
	slots := labelSlotsFor(labels)
	seen := map[int]bool{}
	for i, l := range labels {
		if noColor {
			out[i] = lipgloss.NewStyle().Bold(true).Underline(true)
			continue
		}
		if hex, ok := colors[l]; ok && validHex(hex) {
			fg := "#FFFFFF"
			if luminance(hex) > 0.45 {
				fg = "#101014"
			}
			out[i] = lipgloss.NewStyle().Foreground(lipgloss.Color(fg)).Background(lipgloss.Color(hex))
			continue
		}
		s := labelSlots[slots[i]]
		k := slotKey(s, isDark, p)
		out[i] = labelStyle(s, isDark, p, seen[k])
		seen[k] = true
	}
	return out
}

func validHex(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// luminance is the relative luminance of a #rrggbb colour, 0 (black) to 1.
func luminance(hex string) float64 {
	v := func(i int) float64 {
		var n int
		for _, c := range hex[i : i+2] {
			n *= 16
			switch {
			case c >= '0' && c <= '9':
				n += int(c - '0')
			case c >= 'a' && c <= 'f':
				n += int(c-'a') + 10
			case c >= 'A' && c <= 'F':
				n += int(c-'A') + 10
			}
		}
		return float64(n) / 255
	}
	return 0.2126*v(1) + 0.7152*v(3) + 0.0722*v(5)
}

// WithLabels returns the styles with span colours for this label set
// (config colours, hex, override the defaults).
func (s Styles) WithLabels(labels []string, colors map[string]string) Styles {
	return s.WithLabelsFor(labels, colors, colorprofile.TrueColor)
}

// WithLabelsFor is WithLabels for a terminal's colour profile: span
// colours are picked in its terms (labelcolors.go).
func (s Styles) WithLabelsFor(labels []string, colors map[string]string, p colorprofile.Profile) Styles {
	s.Spans = labelStyles(labels, colors, s.dark, s.NoColor, p)
	s.deriveAnn()
	return s
}

// The annotate view's style indices, as passed to layout.RenderLine: 0 is
// plain text, 1…L the labels, L+1 a label not in the set, L+2 the selection;
// adding AnnBase(L) to any of them puts the cursor on it, and adding
// 2·AnnBase(L) times a quote layer (QLayerSuggested, QLayerAccepted) puts
// it inside a quotation, and adding AnnImported(L) marks it imported and not
// reviewed yet.
func AnnBase(nLabels int) int { return nLabels + 3 }

func (s *Styles) deriveAnn() {
	n := len(s.Spans)
	base := make([]lipgloss.Style, AnnBase(n))
	base[0] = lipgloss.NewStyle()
	copy(base[1:], s.Spans)
	base[n+1] = s.SpanOther
	base[n+2] = s.Selection
	per := 2 * len(base)
	s.Ann = make([]Paint, 2*QuoteLayers*per)
	for imp := 0; imp < 2; imp++ {
		for layer := 0; layer < QuoteLayers; layer++ {
			at := (imp*QuoteLayers + layer) * per
			for i, st := range base {
				st = s.Quotes.layer(st, i, layer)
				if imp == 1 {
					st = s.Review.over(st, i > 0 && i <= n+1)
				}
				if i > 0 || layer > 0 || imp > 0 {
					s.Ann[at+i] = NewPaint(st)
				}
				cur := st.Reverse(true)
				if s.NoColor && i == n+2 {
					cur = st.Bold(true) // reverse already marks the selection
				}
				s.Ann[at+len(base)+i] = NewPaint(cur)
			}
		}
	}
}

// AnnPainters returns RenderLine's style functions.
func (s *Styles) AnnPainters() []func(string) string {
	out := make([]func(string) string, len(s.Ann))
	for i := range s.Ann {
		if i == 0 {
			continue
		}
		p := s.Ann[i]
		out[i] = p.Render
	}
	return out
}

// CheckLabelColors reports a label colour that is not #rrggbb, so a typo in
// the config file is an error rather than a silently default colour.
func CheckLabelColors(colors map[string]string) error {
	var bad []string
	for label, c := range colors {
		if !validHex(c) {
			bad = append(bad, fmt.Sprintf("%s = %q", label, c))
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return fmt.Errorf("[colors]: want \"#rrggbb\": %s", strings.Join(bad, ", "))
	}
	return nil
}

// palette is the theme's named colours for one background, shared by every
// part of Styles (the quotes and duplicates styles too) so a colour tuned
// for contrast is tuned once.
type palette struct {
	pick                                  func(light, dark string) color.Color
	accent, subtle, dim, fg, selBg        color.Color
	selBlur, warn, bad, removed, statusBg color.Color
}

func newPalette(isDark bool) palette {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	return palette{
		pick:     c,
		accent:   c("#5A56E0", "#8C88FF"),
		subtle:   c("#C4C4CC", "#44444E"),
		dim:      c("#67676F", "#8E8E99"),
		fg:       c("#1C1C22", "#E4E4EA"),
		selBg:    c("#DCDAFF", "#37347A"),
		selBlur:  c("#ECECF0", "#2A2A33"),
		warn:     c("#A85400", "#F2A33A"),
		bad:      c("#B3261E", "#F2726B"),
		removed:  c("#9A9AA3", "#66666F"),
		statusBg: c("#ECECF0", "#24242C"),
	}
}
