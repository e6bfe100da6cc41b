package celltest

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"testing"

	"storydesk/tui/layout"

	"github.com/charmbracelet/x/ansi"
)

// State is what the SGR sequences so far have set. A nil colour is the
// terminal's default.
type State struct {
	Bold, Faint, Italic, Under, Blink, Reverse, Strike bool
	FG, BG                                             color.Color
}

// Cell is one terminal cell: its grapheme (empty for the second half of a
// wide one) and the state it is drawn with.
type Cell struct {
	Text string
	State
}

// Of reads a rendered line into cells. Any escape other than SGR, or a
// malformed SGR, fails the test: a view must not emit one.
func Of(tb testing.TB, s string) []Cell {
	tb.Helper()
	var st State
	var out []Cell
	for len(s) > 0 {
		if s[0] == 0x1b {
			end := strings.IndexByte(s, 'm')
			if !strings.HasPrefix(s, "\x1b[") || end < 0 || strings.Trim(s[2:end], "0123456789;:") != "" {
				tb.Fatalf("unexpected escape in %q", s)
			}
			if err := st.Apply(s[2:end]); err != nil {
				tb.Fatalf("%v in %q", err, s)
			}
			s = s[end+1:]
			continue
		}
		g, w := layout.FirstCluster(s)
		for i := 0; i < w; i++ {
			c := Cell{State: st}
			if i == 0 {
				c.Text = g
			}
			out = append(out, c)
		}
		s = s[len(g):]
	}
	return out
}

// Apply updates the state with one SGR sequence's parameters (what stands
// between "\x1b[" and "m"). An unknown parameter or an out-of-range colour
// is an error.
func (st *State) Apply(params string) error {
	if params == "" {
		*st = State{}
		return nil
	}
	ps := strings.Split(params, ";")
	for i := 0; i < len(ps); i++ {
		sub := strings.Split(ps[i], ":")
		n := num(sub[0])
		if sub[0] == "" {
			n = 0
		}
		switch {
		case n == 0:
			*st = State{}
		case n == 1:
			st.Bold = true
		case n == 2:
			st.Faint = true
		case n == 22:
			st.Bold, st.Faint = false, false
		case n == 3:
			st.Italic = true
		case n == 23:
			st.Italic = false
		case n == 4:
			st.Under = len(sub) == 1 || sub[1] != "0"
		case n == 24:
			st.Under = false
		case n == 5 || n == 6:
			st.Blink = true
		case n == 25:
			st.Blink = false
		case n == 7:
			st.Reverse = true
		case n == 27:
			st.Reverse = false
		case n == 9:
			st.Strike = true
		case n == 29:
			st.Strike = false
		case n >= 30 && n <= 37:
			st.FG = ansi.BasicColor(n - 30)
		case n >= 90 && n <= 97:
			st.FG = ansi.BasicColor(n - 90 + 8)
		case n == 39:
			st.FG = nil
		case n >= 40 && n <= 47:
			st.BG = ansi.BasicColor(n - 40)
		case n >= 100 && n <= 107:
			st.BG = ansi.BasicColor(n - 100 + 8)
		case n == 49:
			st.BG = nil
		case n == 38 || n == 48 || n == 58:
			c, used, err := extColor(ps, i, sub)
			if err != nil {
				return err
			}
			i += used
			switch n {
			case 38:
				st.FG = c
			case 48:
				st.BG = c
			} // 58, the underline colour, is not tracked
		case n == 59:
		default:
			return fmt.Errorf("unknown SGR parameter %q", ps[i])
		}
	}
	return nil
}

// num is s as a number, -1 when it is not one.
func num(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// extColor reads 5;N or 2;R;G;B after the 38/48/58 at ps[i], in ';' or ':'
// form (sub is ps[i] split at ':'), and how many more parameters it used.
func extColor(ps []string, i int, sub []string) (color.Color, int, error) {
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

// Plain drops the SGR sequences of s.
func Plain(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		if s[0] == 0x1b {
			if end := strings.IndexByte(s, 'm'); end >= 0 {
				s = s[end+1:]
				continue
			}
		}
		b.WriteByte(s[0])
		s = s[1:]
	}
	return b.String()
}

// Style reports, per cell of a rendered line, whether it is italic, faint
// and underlined.
func Style(tb testing.TB, s string) (italic, faint, under []bool) {
	tb.Helper()
	for _, c := range Of(tb, s) {
		italic = append(italic, c.Italic)
		faint = append(faint, c.Faint)
		under = append(under, c.Under)
	}
	return italic, faint, under
}

// ColorSGR reports whether an SGR sequence's parameters set a colour (as
// opposed to attributes or a reset to the default colours).
func ColorSGR(params string) bool {
	for _, p := range strings.Split(params, ";") {
		n, _ := strconv.Atoi(strings.SplitN(p, ":", 2)[0])
		switch {
		case n >= 30 && n <= 38, n >= 40 && n <= 48, n >= 90 && n <= 97, n >= 100 && n <= 107, n == 58:
			return true
		}
	}
	return false
}

// Find is the cells that spell word (both halves of a wide character) on
// the first line of a rendered view where it stands.
func Find(tb testing.TB, view, word string) []Cell {
	tb.Helper()
	for _, line := range strings.Split(view, "\n") {
		cs := Of(tb, line)
		var text strings.Builder
		for _, c := range cs {
			text.WriteString(c.Text)
		}
		i := strings.Index(text.String(), word)
		if i < 0 {
			continue
		}
		at, b := 0, 0
		for at < len(cs) && (b < i || cs[at].Text == "") {
			b += len(cs[at].Text)
			at++
		}
		end := at
		for end < len(cs) && (b < i+len(word) || cs[end].Text == "") {
			b += len(cs[end].Text)
			end++
		}
		return cs[at:end]
	}
	tb.Fatalf("%q not on screen:\n%s", word, view)
	return nil
}
