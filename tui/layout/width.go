package layout

import (
	"strings"
	"sync/atomic"

	"github.com/charmbracelet/x/ansi"
)

// The one width function every drawn string is measured with, in wrapping,
// highlighting and truncation. It follows Bubble Tea's renderer, which
// counts cells as the terminal will: code point by code point
// (ansi.WcWidth: an emoji ZWJ sequence is as wide as its emoji, a flag as
// its two letters) unless the terminal says it clusters graphemes (mode
// 2027), then by grapheme cluster (ansi.GraphemeWidth, lipgloss's). Text is
// always cut between grapheme clusters; only their widths follow the
// terminal. Measuring one way and drawing the other shifts the rest of a
// line by the difference.

var method atomic.Int32 // ansi.Method; WcWidth until the terminal says otherwise

func init() { method.Store(int32(ansi.WcWidth)) }

// Method is how cells are counted now.
func Method() ansi.Method { return ansi.Method(method.Load()) }

// SetMethod changes how cells are counted (the root calls it when the
// terminal reports mode 2027); it reports whether it changed.
func SetMethod(m ansi.Method) bool { return ansi.Method(method.Swap(int32(m))) != m }

// Width is s's width in cells (SGR and other escapes take none).
func Width(s string) int { return Method().StringWidth(s) }

// FirstCluster splits s's first grapheme cluster off, with its width.
func FirstCluster(s string) (cluster string, width int) {
	return ansi.FirstGraphemeCluster(s, Method())
}

// Truncate cuts s (which may hold SGR styling) to at most w cells, counted
// by Method, ending in tail when something was cut; grapheme clusters are
// never split.
func Truncate(s string, w int, tail string) string {
	if Width(s) <= w {
		return s
	}
	// x/ansi's Truncate returns s whole when its grapheme width fits,
	// whatever the method: padding past that makes it cut, by the method,
	// inside s (which is wider than w by the method, so the cut comes
	// before the padding).
	return Method().Truncate(s+strings.Repeat(" ", w+1), w, tail)
}
