package tui

import (
	"strconv"
	"strings"
	"testing"

	"storydesk/tui/internal/celltest"
	"storydesk/tui/layout"
)

// vtScreen is a small terminal emulator for tests: it plays back a
// program's raw output (what Bubble Tea's renderer wrote, with its cursor
// moves, erasing, inserting, scrolling and SGR) onto a grid of cells, so a
// test can look at the screen a user would see rather than at the model's
// strings. It implements what the renderer uses; anything else (modes,
// queries, OSC) changes nothing on the grid. Newline also returns the
// carriage, as the renderer assumes of a tty (ONLCR).
type vtScreen struct {
	w, h     int
	cells    [][]celltest.Cell
	x, y     int
	pen      celltest.State
	wrapNext bool // the last column was written: the next character wraps
	autoWrap bool
	insert   bool
	top, bot int // scroll region, inclusive
	saved    [2]int
	last     string // the last grapheme printed, for REP
}

func newVTScreen(w, h int) *vtScreen {
	s := &vtScreen{w: w, h: h, autoWrap: true, bot: h - 1}
	s.cells = make([][]celltest.Cell, h)
	for y := range s.cells {
		s.cells[y] = s.blankLine()
	}
	return s
}

func (s *vtScreen) blankLine() []celltest.Cell {
	l := make([]celltest.Cell, s.w)
	for i := range l {
		l[i] = celltest.Cell{Text: " "}
	}
	return l
}

// line is row y as plain text (wide characters once, trailing blanks kept).
func (s *vtScreen) line(y int) string {
	var b strings.Builder
	for _, c := range s.cells[y] {
		b.WriteString(c.Text)
	}
	return b.String()
}

// text is the whole screen as plain text, one line per row.
func (s *vtScreen) text() string {
	lines := make([]string, s.h)
	for y := range lines {
		lines[y] = s.line(y)
	}
	return strings.Join(lines, "\n")
}

// write plays output back onto the screen.
func (s *vtScreen) write(tb testing.TB, out string) {
	tb.Helper()
	for i := 0; i < len(out); {
		c := out[i]
		switch {
		case c == 0x1b:
			i += s.escape(tb, out[i:])
		case c == '\r':
			s.x, s.wrapNext = 0, false
			i++
		case c == '\n':
			s.x, s.wrapNext = 0, false
			s.lineFeed()
			i++
		case c == '\b':
			s.x, s.wrapNext = max(0, s.x-1), false
			i++
		case c == '\t':
			s.x, s.wrapNext = min(s.w-1, (s.x/8+1)*8), false
			i++
		case c < 0x20 || c == 0x7f:
			i++ // BEL and the rest draw nothing
		default:
			j := i
			for j < len(out) && out[j] >= 0x20 && out[j] != 0x7f && out[j] != 0x1b {
				j++
			}
			for rest := out[i:j]; rest != ""; {
				g, w := layout.FirstCluster(rest)
				s.print(g, w)
				rest = rest[len(g):]
			}
			i = j
		}
	}
}

func (s *vtScreen) lineFeed() {
	if s.y == s.bot {
		s.scrollUp(1)
	} else if s.y < s.h-1 {
		s.y++
	}
}

func (s *vtScreen) scrollUp(n int) {
	for ; n > 0; n-- {
		copy(s.cells[s.top:s.bot], s.cells[s.top+1:s.bot+1])
		s.cells[s.bot] = s.blankLine()
	}
}

func (s *vtScreen) scrollDown(n int) {
	for ; n > 0; n-- {
		copy(s.cells[s.top+1:s.bot+1], s.cells[s.top:s.bot])
		s.cells[s.top] = s.blankLine()
	}
}

// put sets one cell, blanking the other half of a wide character it cuts.
func (s *vtScreen) put(x int, c celltest.Cell) {
	row := s.cells[s.y]
	if row[x].Text == "" && x > 0 {
		row[x-1] = celltest.Cell{Text: " ", State: row[x-1].State}
	}
	if x+1 < s.w && row[x+1].Text == "" && row[x].Text != "" {
		row[x+1] = celltest.Cell{Text: " ", State: row[x+1].State}
	}
	row[x] = c
}

func (s *vtScreen) print(g string, w int) {
	if w == 0 {
		return // a stray combining mark: the renderer never writes one alone
	}
	if s.wrapNext && s.autoWrap {
		s.x = 0
		s.lineFeed()
	}
	s.wrapNext = false
	if s.x+w > s.w {
		if !s.autoWrap {
			s.x = s.w - w
		} else {
			s.x = 0
			s.lineFeed()
		}
	}
	if s.insert {
		row := s.cells[s.y]
		copy(row[s.x+w:], row[s.x:s.w-w])
	}
	s.put(s.x, celltest.Cell{Text: g, State: s.pen})
	for k := 1; k < w; k++ {
		s.put(s.x+k, celltest.Cell{State: s.pen})
	}
	s.last = g
	if s.x+w >= s.w {
		s.x = s.w - 1
		s.wrapNext = true
	} else {
		s.x += w
	}
}

// erase blanks cells [from, to) of row y with the pen's background.
func (s *vtScreen) erase(y, from, to int) {
	for x := max(0, from); x < min(s.w, to); x++ {
		s.cells[y][x] = celltest.Cell{Text: " ", State: celltest.State{BG: s.pen.BG}}
	}
}

// escape handles one escape sequence at out[0] and returns its length.
func (s *vtScreen) escape(tb testing.TB, out string) int {
	tb.Helper()
	if len(out) < 2 {
		return len(out)
	}
	switch out[1] {
	case '[':
		j := 2
		for j < len(out) && out[j] >= 0x30 && out[j] <= 0x3f {
			j++
		}
		params := out[2:j]
		for j < len(out) && out[j] >= 0x20 && out[j] <= 0x2f {
			j++
		}
		if j >= len(out) {
			return len(out)
		}
		s.csi(tb, params, out[2+len(params):j], out[j])
		return j + 1
	case ']', 'P', 'X', '^', '_':
		for j := 2; j < len(out); j++ {
			if out[j] == 0x07 {
				return j + 1
			}
			if out[j] == 0x1b && j+1 < len(out) && out[j+1] == '\\' {
				return j + 2
			}
		}
		return len(out)
	case '7':
		s.saved = [2]int{s.x, s.y}
	case '8':
		s.x, s.y, s.wrapNext = s.saved[0], s.saved[1], false
	case 'M':
		if s.y == s.top {
			s.scrollDown(1)
		} else if s.y > 0 {
			s.y--
		}
		s.wrapNext = false
	case 'D':
		s.lineFeed()
	case 'E':
		s.x = 0
		s.lineFeed()
	case '(', ')', '*', '+', '#', ' ':
		return min(3, len(out))
	}
	return 2
}

func (s *vtScreen) csi(tb testing.TB, params, inter string, final byte) {
	tb.Helper()
	private := strings.HasPrefix(params, "?") || strings.HasPrefix(params, ">") || strings.HasPrefix(params, "<") || strings.HasPrefix(params, "=")
	if inter != "" || private {
		if params == "?7h" {
			s.autoWrap = true
		} else if params == "?7l" {
			s.autoWrap = false
		}
		return // modes, queries, cursor styles
	}
	var ps []int
	if final != 'm' {
		for _, p := range strings.Split(params, ";") {
			n, _ := strconv.Atoi(p)
			ps = append(ps, n)
		}
	}
	arg := func(i, def int) int {
		if i < len(ps) && ps[i] > 0 {
			return ps[i]
		}
		return def
	}
	clampX := func(x int) int { return max(0, min(s.w-1, x)) }
	clampY := func(y int) int { return max(0, min(s.h-1, y)) }
	row := func() []celltest.Cell { return s.cells[s.y] }
	s.wrapNext = s.wrapNext && final == 'm'
	switch final {
	case 'm':
		if err := s.pen.Apply(params); err != nil {
			tb.Fatalf("SGR %q: %v", params, err)
		}
	case 'H', 'f':
		s.y, s.x = clampY(arg(0, 1)-1), clampX(arg(1, 1)-1)
	case 'A':
		s.y = max(min(s.top, s.y), s.y-arg(0, 1))
	case 'B':
		s.y = min(max(s.bot, s.y), s.y+arg(0, 1))
	case 'C':
		s.x = clampX(s.x + arg(0, 1))
	case 'D':
		s.x = clampX(s.x - arg(0, 1))
	case 'E':
		s.x, s.y = 0, clampY(s.y+arg(0, 1))
	case 'F':
		s.x, s.y = 0, clampY(s.y-arg(0, 1))
	case 'G', '`':
		s.x = clampX(arg(0, 1) - 1)
	case 'd':
		s.y = clampY(arg(0, 1) - 1)
	case 'I':
		for n := arg(0, 1); n > 0; n-- {
			s.x = clampX((s.x/8 + 1) * 8)
		}
	case 'Z':
		for n := arg(0, 1); n > 0; n-- {
			s.x = max(0, (s.x-1)/8*8)
		}
	case 'K':
		switch arg(0, 0) {
		case 0:
			s.erase(s.y, s.x, s.w)
		case 1:
			s.erase(s.y, 0, s.x+1)
		case 2:
			s.erase(s.y, 0, s.w)
		}
	case 'J':
		switch arg(0, 0) {
		case 0:
			s.erase(s.y, s.x, s.w)
			for y := s.y + 1; y < s.h; y++ {
				s.erase(y, 0, s.w)
			}
		case 1:
			for y := 0; y < s.y; y++ {
				s.erase(y, 0, s.w)
			}
			s.erase(s.y, 0, s.x+1)
		case 2, 3:
			for y := 0; y < s.h; y++ {
				s.erase(y, 0, s.w)
			}
		}
	case 'X':
		s.erase(s.y, s.x, s.x+arg(0, 1))
	case '@':
		n := min(arg(0, 1), s.w-s.x)
		r := row()
		copy(r[s.x+n:], r[s.x:s.w-n])
		s.erase(s.y, s.x, s.x+n)
	case 'P':
		n := min(arg(0, 1), s.w-s.x)
		r := row()
		copy(r[s.x:], r[s.x+n:])
		s.erase(s.y, s.w-n, s.w)
	case 'L', 'M':
		if s.y < s.top || s.y > s.bot {
			return
		}
		top := s.top
		s.top = s.y
		if final == 'L' {
			s.scrollDown(arg(0, 1))
		} else {
			s.scrollUp(arg(0, 1))
		}
		s.top = top
		s.x = 0
	case 'S':
		s.scrollUp(arg(0, 1))
	case 'T':
		s.scrollDown(arg(0, 1))
	case 'b':
		if s.last != "" {
			w := layout.Width(s.last)
			for n := arg(0, 1); n > 0; n-- {
				s.print(s.last, w)
			}
		}
	case 'r':
		s.top, s.bot = clampY(arg(0, 1)-1), clampY(arg(1, s.h)-1)
		if s.top >= s.bot {
			s.top, s.bot = 0, s.h-1
		}
		s.x, s.y = 0, 0
	case 'h', 'l':
		if params == "4" {
			s.insert = final == 'h'
		}
	}
}

// The emulator itself: cursor moves, wrapping at the last column, erasing,
// inserting and deleting characters and lines, scrolling, REP, SGR.
func TestVTScreen(t *testing.T) {
	s := newVTScreen(6, 3)
	s.write(t, "abcdefgh\x1b[1;3HX\x1b[2;3H\x1b[7m京\x1b[mZ\x1b[3;2Hq\x1b[3b")
	if got := s.text(); got != "abXdef\ngh京Z \n qqqq " {
		t.Fatalf("%q", got)
	}
	if r := s.cells[1]; !r[2].Reverse || r[3].Text != "" || !r[3].Reverse || r[4].Reverse {
		t.Fatalf("attributes: %+v", r)
	}
	s.write(t, "\x1b[1;2H\x1b[2P\x1b[2;1H\x1b[@\x1b[3;1H\x1b[2X")
	if got := s.text(); got != "adef  \n gh京Z\n  qqq " {
		t.Fatalf("%q", got)
	}
	s.write(t, "\x1b[1;1H\x1b[L\x1b[3;6H\x1b[?7lW\x1b[?7h\x1b[2;1H\x1b[K\x1b[1;1H\x1b[S")
	if got := s.text(); got != "      \n gh京W\n      " {
		t.Fatalf("%q", got)
	}
	s.write(t, "\x1b[3;1Hline\n\x1b[2J\x1b[H\x1b]0;title\x07ok\x1b[?25l")
	if got := s.text(); got != "ok    \n      \n      " {
		t.Fatalf("%q", got)
	}
}
