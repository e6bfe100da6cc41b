package ui

import "github.com/charmbracelet/colorprofile"

// Context is what every component shares: terminal size, styles,
// bindings and background. Components hold a pointer to the root's copy, so a
// background-colour answer restyles everything at once.
type Context struct {
	Width, Height int
	IsDark        bool
	NoColor       bool
	Styles        Styles
	Keys          KeyMap
	Labels        []string          // the label set, keys 1–9 in order
	Colors        map[string]string // label colours from the config file
	// Profile is the terminal's colour profile (label colours are picked
	// in its terms); Unknown until the terminal says, then as true colour.
	Profile colorprofile.Profile
}

// Restyle rebuilds the styles after the background is known.
func (c *Context) Restyle(isDark bool) {
	c.IsDark = isDark
	p := c.Profile
	if p == colorprofile.Unknown {
		p = colorprofile.TrueColor
	}
	c.Styles = NewStyles(isDark, c.NoColor).WithLabelsFor(c.Labels, c.Colors, p)
}
