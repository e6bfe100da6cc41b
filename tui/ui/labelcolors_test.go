package ui

import (
	"fmt"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"storydesk/model"
)

// eighteen is the default labels and nine more.
var eighteen = append(append([]string(nil), model.DefaultLabels...), "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL", "TIME")

// The colour a label's span shows under a profile: what the terminal
// gets once the renderer has brought the colours down to the profile
// (background, foreground, underline).
func spanLook(st Styles, i int, p colorprofile.Profile) string {
	s := st.Spans[i]
	return fmt.Sprintf("%v/%v/%v", p.Convert(s.GetBackground()), p.Convert(s.GetForeground()), s.GetUnderline())
}

// Every label looks different from every other, in true colour, in 256
// colours and in sixteen (where labels past the distinct backgrounds are
// underlined), on light and dark backgrounds.
func TestLabelColorsDistinct(t *testing.T) {
	for _, p := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.ANSI} {
		for _, dark := range []bool{false, true} {
			st := NewStyles(dark, false).WithLabelsFor(eighteen, nil, p)
			seen := map[string]string{}
			for i, l := range eighteen {
				look := spanLook(st, i, p)
				if other, ok := seen[look]; ok {
					t.Errorf("%v dark=%v: %s and %s look the same (%s)", p, dark, l, other, look)
				}
				seen[look] = l
			}
		}
	}
}

// In 256 colours (and true colour, the same colours) each of eighteen
// labels has its own background, never a colour the renderer would have
// to pick for it; in sixteen, the nine default labels have nine.
func TestLabelColorsOwnBackground(t *testing.T) {
	for _, dark := range []bool{false, true} {
		bgs := map[int]bool{}
		for _, s := range labelSlotsFor(eighteen) {
			k := slotKey(labelSlots[s], dark, colorprofile.ANSI256)
			if bgs[k] {
				t.Errorf("dark=%v: slot %d repeats a 256-colour background", dark, s)
			}
			bgs[k] = true
		}
		bgs16 := map[int]bool{}
		for _, s := range labelSlotsFor(model.DefaultLabels) {
			k := slotKey(labelSlots[s], dark, colorprofile.ANSI)
			if bgs16[k] {
				t.Errorf("dark=%v: a default label repeats a 16-colour background (slot %d)", dark, s)
			}
			bgs16[k] = true
		}
	}
}

// Text on every span reads (4.5:1), and every span stands out from the
// terminal's own background (white for light themes, black for dark).
func TestLabelColorsLegible(t *testing.T) {
	white, black := [3]uint8{255, 255, 255}, [3]uint8{0, 0, 0}
	for i, s := range labelSlots {
		for _, c := range []struct {
			name   string
			bg     [3]uint8
			term   [3]uint8
			minBg  float64
			minTxt float64
		}{
			{"light 256", xtermRGB(s.light), white, 1.2, 4.5},
			{"dark 256", xtermRGB(s.dark), black, 1.4, 4.5},
			{"light 16", ansi16RGB[s.light16], white, 1.2, 4.5},
			{"dark 16", ansi16RGB[s.dark16], black, 1.4, 4.5},
		} {
			txt := max(contrast(c.bg, darkText), contrast(c.bg, lightText))
			if txt < c.minTxt {
				t.Errorf("slot %d %s: text contrast %.2f", i, c.name, txt)
			}
			if bg := contrast(c.bg, c.term); bg < c.minBg {
				t.Errorf("slot %d %s: %.2f against the terminal's background", i, c.name, bg)
			}
		}
	}
}

// A colour from the config file still wins.
func TestLabelColorsConfigOverride(t *testing.T) {
	st := NewStyles(true, false).WithLabelsFor([]string{"PERSON", "ORG"}, map[string]string{"ORG": "#123456"}, colorprofile.ANSI256)
	if got := fmt.Sprint(st.Spans[1].GetBackground()); got != fmt.Sprint(lipgloss.Color("#123456")) {
		t.Errorf("ORG background %s, want the config's #123456", got)
	}
}
