package tui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"storydesk/tui/browse"
	"storydesk/tui/internal/celltest"
	"storydesk/tui/ui"
)

// themeScreens walks a colour reader over the sample corpus (with a store)
// through its screens, calling see on each frame with its name.
func themeScreens(t *testing.T, m *Model, see func(name string)) {
	t.Helper()
	step := func(name string, ok func() bool, keys ...string) {
		t.Helper()
		apress(t, m, keys...)
		if !ok() {
			t.Fatalf("%s: not there (mode %s, screen %q): %q", name, m.mode(), screenName(m), m.bar.message)
		}
		see(name)
	}
	step("list", func() bool { return m.br.Focus() == browse.FocusList && m.br.Showing() })
	step("read", func() bool { return m.br.Focus() == browse.FocusArticle }, "tab")
	step("raw", func() bool { return m.mode() == "RAW" && m.br.Showing() }, "r")
	step("read again", func() bool { return m.mode() == "READ" }, "r", "tab")
	openQuotes(t, m, "wire-ferry-ap.txt")
	see("quotes")
	tagName(t, m, "Ilse Varga", 0, "1")
	step("annotate with a span", func() bool { return m.mode() == "ANNOTATE" }, "Q")
	step("selection", func() bool { return m.mode() == "SELECT" }, "g", "v", "w")
	step("entities", func() bool { return panelShown(m) }, "esc", "e")
	step("carriers", func() bool { return carriersOpen(m) }, "e", "Q", "n", "C")
	step("help", func() bool { return screenName(m) == "help" }, "esc", "esc", "esc", "esc", "?")
	step("problems", func() bool { return screenName(m) == "problems" }, "esc", "!")
	step("duplicates", func() bool { return m.mode() == "DUPS" }, "esc", "D")
}

// termDefault is the default text colour a terminal with background bg
// would use.
func termDefault(isDark bool) color.Color {
	if isDark {
		return color.RGBA{0xd0, 0xd0, 0xd0, 0xff}
	}
	return color.RGBA{0x20, 0x20, 0x20, 0xff}
}

// selectedRow finds the list's selected row (the colour marker in the
// gutter) and returns the cells of its title.
func selectedRow(t *testing.T, m *Model) []celltest.Cell {
	t.Helper()
	for _, l := range ui.SplitLines(content(m)) {
		cells := celltest.Of(t, l)
		if len(cells) > 4 && cells[1].Text == m.c.Styles.Marker {
			return cells[4 : 4+10]
		}
	}
	t.Fatalf("no selected row:\n%s", plain(m))
	return nil
}

func sameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == b
	}
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// The terminal's answer to the background query picks the palette: on a
// light background the reader uses the light colours (the frame shows them:
// the selected row's foreground and background are the light palette's,
// not the dark one's), on a dark one the dark colours, and either way every
// letter on every screen is readable — at least 3:1 against what is behind
// it (4.5:1 where the reader sets a background: selections, spans, the
// status bar), faint text (removed
// paragraphs) apart — on a pure and an off-white or off-black background.
func TestLightAndDarkPalettes(t *testing.T) {
	type sel struct{ fg, bg color.Color }
	picked := map[bool]sel{}
	for _, bg := range []color.Color{
		color.RGBA{0xfa, 0xfa, 0xfa, 0xff}, color.White,
		color.RGBA{0x1e, 0x1e, 0x1e, 0xff}, color.Black,
	} {
		isDark := celltest.RelLuminance(bg) < 0.5
		t.Run(fmt.Sprintf("%v", bg), func(t *testing.T) {
			m, _ := startStore(t, sampleSource(t), tempDB(t), 120, 40)
			// startStore turns colour off; this reader is a colour one.
			m.theme.optNoColor = false
			send(t, m, tea.ColorProfileMsg{Profile: colorprofile.TrueColor})
			if isDark {
				send(t, m, tea.BackgroundColorMsg{Color: color.White}) // so dark is a change
			}
			send(t, m, tea.BackgroundColorMsg{Color: bg})
			if m.c.NoColor || m.c.IsDark != isDark {
				t.Fatalf("noColor %v isDark %v after a %v background", m.c.NoColor, m.c.IsDark, bg)
			}
			want := map[bool]string{true: "dark", false: "light"}[isDark]
			// glamour's text colour for the style: 252 on dark, 234 on light.
			text := map[bool]string{true: "38;5;252m", false: "38;5;234m"}
			if m.c.Styles.Glamour != want || !strings.Contains(content(m), text[isDark]) || strings.Contains(content(m), text[!isDark]) {
				t.Fatalf("glamour style %q, article not rendered in %q:\n%q", m.c.Styles.Glamour, want, content(m))
			}
			// The selected row is drawn in the palette's colours.
			row := selectedRow(t, m)
			fg, sbg := row[0].FG, row[0].BG
			if !sameColor(fg, m.c.Styles.RowSelected.GetForeground()) || !sameColor(sbg, m.c.Styles.RowSelected.GetBackground()) {
				t.Fatalf("selected row drawn %v on %v, the style says %v on %v", fg, sbg, m.c.Styles.RowSelected.GetForeground(), m.c.Styles.RowSelected.GetBackground())
			}
			if r := celltest.Contrast(fg, sbg); r < 4.5 {
				t.Errorf("selected row contrast %.2f", r)
			}
			if sameColor(sbg, bg) {
				t.Error("the selection's background is the terminal's: invisible")
			}
			if p, ok := picked[isDark]; ok && (!sameColor(p.fg, fg) || !sameColor(p.bg, sbg)) {
				t.Errorf("two %s backgrounds gave different selections", want)
			}
			picked[isDark] = sel{fg, sbg}

			dfg := termDefault(isDark)
			themeScreens(t, m, func(name string) {
				low := map[string]bool{}
				for y, l := range ui.SplitLines(content(m)) {
					for x, c := range celltest.Of(t, l) {
						r := []rune(c.Text)
						if len(r) == 0 || !unicode.IsLetter(r[0]) && !unicode.IsDigit(r[0]) || c.Faint {
							continue
						}
						f, b := c.Drawn(dfg, bg)
						need := 3.0 // secondary text: outlets, counts, help
						if c.BG != nil {
							need = 4.5 // highlighted: selections, spans, the status bar
						}
						if cr := celltest.Contrast(f, b); cr < need && !low[fmt.Sprint(f, b)] {
							low[fmt.Sprint(f, b)] = true
							t.Errorf("%s: %q at %d,%d is %v on %v: contrast %.2f < %.1f", name, c.Text, x, y, f, b, cr, need)
						}
					}
				}
			})
		})
	}
	if len(picked) == 2 && (sameColor(picked[true].fg, picked[false].fg) || sameColor(picked[true].bg, picked[false].bg)) {
		t.Errorf("light and dark selections share a colour: %v / %v", picked[false], picked[true])
	}
	// Back to dark from light restores the dark frame exactly.
	m := NewFromSource(fixtureSource(4, -1), Options{})
	send(t, m, teaSize(120, 30))
	drive(t, m, m.Init())
	dark := content(m)
	send(t, m, tea.BackgroundColorMsg{Color: color.White})
	if content(m) == dark {
		t.Fatal("a light background changed nothing")
	}
	send(t, m, tea.BackgroundColorMsg{Color: color.Black})
	if got := content(m); got != dark {
		t.Fatal("dark again does not give the dark frame back")
	}
}
