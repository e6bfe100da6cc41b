package entities_test

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"testing"

	"storydesk/tui/layout"

	"github.com/charmbracelet/x/ansi"
)

// A rendered line read back as terminal cells with the attributes each is
// drawn with (a trimmed copy of the root's cells_test.go: a test package
// cannot import another's tests).

type sgrState struct {
	bold, faint, italic, under, reverse, strike bool
	fg, bg                                      color.Color
}

type cell struct {
	text string
	sgrState
}

// cellsOf reads a rendered line into cells; any escape but SGR fails.
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
	color := func(i int, sub []string) (color.Color, int, error) {
		args, used := sub[1:], 0
		if len(args) == 0 {
			args, used = ps[i+1:], -1
		}
		if len(args) == 0 {
			return nil, 0, fmt.Errorf("colour without arguments")
		}
		switch args[0] {
		case "5":
			if len(args) < 2 {
				return nil, 0, fmt.Errorf("bad 256-colour index")
			}
			if used < 0 {
				used = 2
			}
			return ansi.IndexedColor(num(args[1])), used, nil
		case "2":
			rgb := args[1:]
			if len(rgb) == 4 && used == 0 {
				rgb = rgb[1:]
			}
			if len(rgb) < 3 {
				return nil, 0, fmt.Errorf("short RGB colour")
			}
			if used < 0 {
				used = 4
			}
			return color.RGBA{uint8(num(rgb[0])), uint8(num(rgb[1])), uint8(num(rgb[2])), 0xff}, used, nil
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
		case n == 5 || n == 6 || n == 25 || n == 59:
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
			c, used, err := color(i, sub)
			if err != nil {
				return err
			}
			i += used
			switch n {
			case 38:
				st.fg = c
			case 48:
				st.bg = c
			}
		default:
			return fmt.Errorf("unknown SGR parameter %q", ps[i])
		}
	}
	return nil
}

// plain drops the SGR sequences of s.
func plain(s string) string {
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
