package ui

import (
	"fmt"
	"math"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// Label colours are chosen in the terminal's own terms, so they stay
// distinct however many colours it has: a colour from the xterm 256-colour
// cube per label and background (the same colour in true colour, so nothing
// changes between terminals), and one of the sixteen ANSI colours, set by
// the terminal's theme, where that is all there is. Before, pastel hex
// tints were left to the renderer, which mapped several of them to one
// cube colour (and most to white or grey in sixteen colours).
//
// Light backgrounds get mid tints (each at least 1.2:1 against white, so a
// span is seen) under black text; dark backgrounds deep colours (at least
// 1.4:1 against black) under white or black text, whichever reads better;
// text on every span is at least 4.5:1 (WCAG AA) — tested in
// labelcolors_test.go. Sixteen colours give thirteen (light) or fourteen
// (dark) distinct backgrounds; labels beyond those repeat a colour with
// underlined text.

// labelSlot is one label colour: a 256-colour index for light and dark
// backgrounds, and an ANSI colour (0–15) for each.
type labelSlot struct {
	light, dark     uint8
	light16, dark16 uint8
}

// labelSlots are the label colours in order; the default labels keep
// their slot (defaultSlot), others take the free ones by position.
var labelSlots = []labelSlot{
	{215, 94, 3, 3},   // PERSON  orange / brown
	{111, 24, 12, 4},  // ORG     blue
	{150, 28, 10, 2},  // GPE     green
	{116, 23, 14, 6},  // LOC     teal
	{213, 90, 13, 5},  // NORP    pink / purple
	{221, 58, 9, 1},   // EVENT   gold / olive; red in 16
	{183, 54, 5, 13},  // FAC     lavender / violet
	{250, 240, 7, 8},  // DATE    grey
	{121, 52, 2, 10},  // MONEY   mint / maroon
	{210, 124, 1, 9},  // red
	{81, 31, 4, 12},   // sky / cerulean
	{138, 70, 6, 14},  // rosy brown / lime
	{180, 166, 8, 11}, // tan / orange
	{147, 60, 3, 7},   // periwinkle / slate
	{175, 125, 12, 3}, // dusty rose / raspberry
	{187, 137, 10, 4}, // khaki / tan
	{152, 66, 14, 2},  // grey teal
	{146, 96, 13, 6},  // grey lavender / mauve
}

var defaultSlot = map[string]int{"PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 3, "NORP": 4, "EVENT": 5, "FAC": 6, "DATE": 7, "MONEY": 8}

// labelSlotsFor gives each label its slot: a default label its own, the
// others the free slots in order (then round again).
func labelSlotsFor(labels []string) []int {
	used := map[int]bool{}
	out := make([]int, len(labels))
	for i, l := range labels {
		out[i] = -1
		if s, ok := defaultSlot[l]; ok && !used[s] {
			out[i] = s
			used[s] = true
		}
	}
	next := 0
	for i := range labels {
		if out[i] >= 0 {
			continue
		}
		for k := 0; k < len(labelSlots); k++ {
			if s := (next + k) % len(labelSlots); !used[s] {
				out[i] = s
				used[s] = true
				next = s + 1
				break
			}
		}
		if out[i] < 0 { // more labels than slots: round again
			out[i] = next % len(labelSlots)
			next++
		}
	}
	return out
}

// slotKey names the colour a slot shows under a profile and background, to
// find labels that would look alike.
func slotKey(s labelSlot, isDark bool, p colorprofile.Profile) int {
	switch {
	case p == colorprofile.ANSI && isDark:
		return int(s.dark16)
	case p == colorprofile.ANSI:
		return int(s.light16)
	case isDark:
		return 256 + int(s.dark)
	}
	return 256 + int(s.light)
}

// labelStyle builds label i's style (slot s) for a background and profile;
// repeat marks a colour an earlier label already has.
func labelStyle(s labelSlot, isDark bool, p colorprofile.Profile, repeat bool) lipgloss.Style {
	st := lipgloss.NewStyle()
	switch {
	case p == colorprofile.ANSI:
		bg := s.light16
		if isDark {
			bg = s.dark16
		}
		fg := uint8(0)
		if contrast(ansi16RGB[bg], [3]uint8{255, 255, 255}) > contrast(ansi16RGB[bg], [3]uint8{0, 0, 0}) {
			fg = 15
		}
		st = st.Background(lipgloss.Color(fmt.Sprint(bg))).Foreground(lipgloss.Color(fmt.Sprint(fg)))
	default:
		idx := s.light
		if isDark {
			idx = s.dark
		}
		rgb := xtermRGB(idx)
		black := contrast(rgb, darkText) >= contrast(rgb, lightText)
		if p == colorprofile.ANSI256 {
			fg := "231"
			if black {
				fg = "16"
			}
			st = st.Background(lipgloss.Color(fmt.Sprint(idx))).Foreground(lipgloss.Color(fg))
		} else {
			fg := "#FFFFFF"
			if black {
				fg = "#101014"
			}
			st = st.Background(lipgloss.Color(fmt.Sprintf("#%02X%02X%02X", rgb[0], rgb[1], rgb[2]))).Foreground(lipgloss.Color(fg))
		}
	}
	if repeat {
		st = st.Underline(true)
	}
	return st
}

// The text colours on spans in true colour (231 and 16 in 256 colours).
var (
	lightText = [3]uint8{255, 255, 255}
	darkText  = [3]uint8{16, 16, 20}
)

// ansi16RGB is xterm's default sixteen colours (terminals' themes vary;
// these are what the contrast choices are made against).
var ansi16RGB = [16][3]uint8{
	{0, 0, 0}, {205, 0, 0}, {0, 205, 0}, {205, 205, 0}, {0, 0, 238}, {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
	{127, 127, 127}, {255, 0, 0}, {0, 255, 0}, {255, 255, 0}, {92, 92, 255}, {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
}

// xtermRGB is the colour of a 256-colour index.
func xtermRGB(i uint8) [3]uint8 {
	switch {
	case i < 16:
		return ansi16RGB[i]
	case i >= 232:
		v := 8 + 10*(i-232)
		return [3]uint8{v, v, v}
	}
	levels := [6]uint8{0, 95, 135, 175, 215, 255}
	i -= 16
	return [3]uint8{levels[i/36], levels[(i/6)%6], levels[i%6]}
}

// contrast is the WCAG contrast ratio of two colours (1 to 21).
func contrast(a, b [3]uint8) float64 {
	la, lb := relLum(a), relLum(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func relLum(c [3]uint8) float64 {
	f := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*f(c[0]) + 0.7152*f(c[1]) + 0.0722*f(c[2])
}
