package tui

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
	"testing"

	"storydesk/tui/layout"

	"github.com/charmbracelet/x/ansi"
)

// The cell-mapping helpers every view test shares: a rendered line (text and
// SGR sequences, as the views build them) read back as terminal cells, each
// with the attributes and colours it is drawn with. Tests that check "this
// cell is a span's code point", "the selected row is readable" or "no colour
// reaches the terminal" go through cellsOf instead of parsing SGR
// themselves.

// sgrState is what the SGR sequences so far have set. A nil colour is the
// terminal's default.
type sgrState struct {
	bold, faint, italic, under, blink, reverse, strike bool
	fg, bg                                             color.Color
}

// cell is one terminal cell: its grapheme (empty for the second half of a
// wide one) and the state it is drawn with.
type cell struct {
	text string
	sgrState
}

// cellsOf reads a rendered line into cells. Any escape other than SGR, or a
// malformed SGR, fails the test: a view must not emit one.
func cellsOf(tb testing.TB, s string) []cell {
	tb.Helper()
	var st sgrState
	var out []cell
	for len(s) > 0 {
		if s[0] == 0x1b {
			end := strings.IndexByte(s, 'm')
			if !strings.HasPrefix(s, "\x1b[") || end < 0 || strings.Trim(s[2:end], "0123456789;:") != "" {
				tb.Fatalf("unexpected escape in %q", s)
			}
			if err := st.apply(s[2:end]); err != nil {
				tb.Fatalf("%v in %q", err, s)
			}
			s = s[end+1:]
			continue
		}
		g, w := layout.FirstCluster(s)
		for i := 0; i < w; i++ {
			c := cell{sgrState: st}
			if i == 0 {
				c.text = g
			}
			out = append(out, c)
		}
		s = s[len(g):]
	}
	return out
}

// apply updates the state with one SGR sequence's parameters.
func (st *sgrState) apply(params string) error {
	if params == "" {
		*st = sgrState{}
		return nil
	}
	ps := strings.Split(params, ";")
	num := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			return -1
		}
		return n
	}
	// extColor reads 5;N or 2;R;G;B after a 38/48/58, in ';' or ':' form.
	extColor := func(i int, sub []string) (color.Color, int, error) {
		args := sub[1:]
		used := 0
		if len(args) == 0 { // ';' form: the arguments are the next parameters
			args = ps[i+1:]
			used = -1
		}
		if len(args) == 0 {
			return nil, 0, fmt.Errorf("colour without arguments")
		}
		switch args[0] {
		case "5":
			if len(args) < 2 || num(args[1]) < 0 || num(args[1]) > 255 {
				return nil, 0, fmt.Errorf("bad 256-colour index")
			}
			if used < 0 {
				used = 2
			}
			return ansi.IndexedColor(num(args[1])), used, nil
		case "2":
			rgb := args[1:]
			if len(rgb) == 4 && used == 0 { // 38:2:CS:R:G:B with a colour space id
				rgb = rgb[1:]
			}
			if len(rgb) < 3 {
				return nil, 0, fmt.Errorf("short RGB colour")
			}
			var v [3]uint8
			for k := range v {
				n := num(rgb[k])
				if n < 0 || n > 255 {
					return nil, 0, fmt.Errorf("bad RGB component %q", rgb[k])
				}
				v[k] = uint8(n)
			}
			if used < 0 {
				used = 4
			}
			return color.RGBA{v[0], v[1], v[2], 0xff}, used, nil
		}
		return nil, 0, fmt.Errorf("unknown colour form %q", args[0])
	}
	for i := 0; i < len(ps); i++ {
		sub := strings.Split(ps[i], ":")
		n := num(sub[0])
		if sub[0] == "" {
			n = 0
		}
		switch {
		case n == 0:
			*st = sgrState{}
		case n == 1:
			st.bold = true
		case n == 2:
			st.faint = true
		case n == 22:
			st.bold, st.faint = false, false
		case n == 3:
			st.italic = true
		case n == 23:
			st.italic = false
		case n == 4:
			st.under = len(sub) == 1 || sub[1] != "0"
		case n == 24:
			st.under = false
		case n == 5 || n == 6:
			st.blink = true
		case n == 25:
			st.blink = false
		case n == 7:
			st.reverse = true
		case n == 27:
			st.reverse = false
		case n == 9:
			st.strike = true
		case n == 29:
			st.strike = false
		case n >= 30 && n <= 37:
			st.fg = ansi.BasicColor(n - 30)
		case n >= 90 && n <= 97:
			st.fg = ansi.BasicColor(n - 90 + 8)
		case n == 39:
			st.fg = nil
		case n >= 40 && n <= 47:
			st.bg = ansi.BasicColor(n - 40)
		case n >= 100 && n <= 107:
			st.bg = ansi.BasicColor(n - 100 + 8)
		case n == 49:
			st.bg = nil
		case n == 38 || n == 48 || n == 58:
			c, used, err := extColor(i, sub)
			if err != nil {
				return err
			}
			i += used
			switch n {
			case 38:
				st.fg = c
			case 48:
				st.bg = c
			} // 58, the underline colour, is not tracked
		case n == 59:
		default:
			return fmt.Errorf("unknown SGR parameter %q", ps[i])
		}
	}
	return nil
}

// colorSGR reports whether an SGR sequence's parameters set a colour (as
// opposed to attributes or a reset to the default colours).
func colorSGR(params string) bool {
	for _, p := range strings.Split(params, ";") {
		n, _ := strconv.Atoi(strings.SplitN(p, ":", 2)[0])
		switch {
		case n >= 30 && n <= 38, n >= 40 && n <= 48, n >= 90 && n <= 97, n >= 100 && n <= 107, n == 58:
			return true
		}
	}
	return false
}

// cellAttrs reports, per cell, whether it is underlined and whether it is
// reversed.
func cellAttrs(tb testing.TB, s string) (under, rev []bool) {
	tb.Helper()
	for _, c := range cellsOf(tb, s) {
		under = append(under, c.under)
		rev = append(rev, c.reverse)
	}
	return under, rev
}

// cellStyle reports, per cell, whether it is italic, faint and underlined.
func cellStyle(tb testing.TB, s string) (italic, faint, under []bool) {
	tb.Helper()
	for _, c := range cellsOf(tb, s) {
		italic = append(italic, c.italic)
		faint = append(faint, c.faint)
		under = append(under, c.under)
	}
	return italic, faint, under
}

// relLuminance is WCAG 2's relative luminance of c.
func relLuminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is WCAG 2's contrast ratio of two colours, 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := relLuminance(a), relLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// drawnColors is what a cell looks like on a terminal whose default colours
// are fg and bg: reverse swaps them.
func (c cell) drawnColors(fg, bg color.Color) (color.Color, color.Color) {
	f, b := c.fg, c.bg
	if f == nil {
		f = fg
	}
	if b == nil {
		b = bg
	}
	if c.reverse {
		f, b = b, f
	}
	return f, b
}

// TestCellsOf checks the reader the view tests rely on.
func TestCellsOf(t *testing.T) {
	line := "a\x1b[1;4;38;2;10;20;30;48;5;196mb京\x1b[22;24;7mc\x1b[38:2::1:2:3;39;3md\x1b[m e\x1b[91;44;9mf\x1b[0mg"
	cells := cellsOf(t, line)
	want := []struct {
		text                        string
		bold, under, rev, it, strik bool
		fg, bg                      string
	}{
		{"a", false, false, false, false, false, "", ""},
		{"b", true, true, false, false, false, "{10 20 30 255}", "196"},
		{"京", true, true, false, false, false, "{10 20 30 255}", "196"},
		{"", true, true, false, false, false, "{10 20 30 255}", "196"},
		{"c", false, false, true, false, false, "{10 20 30 255}", "196"},
		{"d", false, false, true, true, false, "", "196"},
		{" ", false, false, false, false, false, "", ""},
		{"e", false, false, false, false, false, "", ""},
		{"f", false, false, false, false, true, "9", "4"},
		{"g", false, false, false, false, false, "", ""},
	}
	if len(cells) != len(want) {
		t.Fatalf("%d cells, want %d: %+v", len(cells), len(want), cells)
	}
	str := func(c color.Color) string {
		if c == nil {
			return ""
		}
		return strings.Trim(fmt.Sprint(c), "&")
	}
	for i, w := range want {
		c := cells[i]
		got := []any{c.text, c.bold, c.under, c.reverse, c.italic, c.strike, str(c.fg), str(c.bg)}
		exp := []any{w.text, w.bold, w.under, w.rev, w.it, w.strik, w.fg, w.bg}
		if fmt.Sprint(got) != fmt.Sprint(exp) {
			t.Errorf("cell %d: %v, want %v", i, got, exp)
		}
	}
	if !colorSGR("1;38;5;3") || !colorSGR("48:2::1:2:3") || colorSGR("0;1;7;39;49") || colorSGR("") {
		t.Error("colorSGR misclassifies")
	}
	if r := contrast(color.White, color.Black); math.Abs(r-21) > 0.01 {
		t.Errorf("contrast black on white %.2f", r)
	}
}
