package tui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"storydesk/model"
)

// common is the context every component shares: terminal size, styles,
// bindings and background. Components hold a pointer to the root's copy, so a
// background-colour answer restyles everything at once.
type common struct {
	width, height int
	isDark        bool
	noColor       bool
	styles        Styles
	keys          KeyMap
	labels        []string          // the label set, keys 1–9 in order
	colors        map[string]string // label colours from the config file
}

// restyle rebuilds the styles after the background is known.
func (c *common) restyle(isDark bool) {
	c.isDark = isDark
	c.styles = NewStyles(isDark, c.noColor).WithLabels(c.labels, c.colors)
}

// cleanLine is the view-boundary defence for any one-line text we did not
// produce: it has been sanitised at load, but running SanitizeLine again is
// cheap and guarantees no control reaches the terminal.
func cleanLine(s string) string { return model.SanitizeLine(s) }

// unsafeRune reports a rune that must never be written to the terminal as
// text: C0 controls other than newline and tab, DEL, C1 controls, bidi
// overrides and isolates, and the BOM.
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c, r == 0xfeff:
		return true
	}
	return false
}

// textWidth is ansi.StringWidth with a fast path for what frames are made
// of: ASCII, SGR styling, box drawing, blocks and common punctuation (all one
// cell, none combining). Grapheme segmentation is otherwise the largest cost
// of a frame; anything else falls back to it.
func textWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !oneCell(r) {
				return ansi.StringWidth(s)
			}
			n++
			i += size
			continue
		case c == 0x1b:
			if i+1 >= len(s) || s[i+1] != '[' {
				return ansi.StringWidth(s)
			}
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
				j++
			}
			if j >= len(s) || s[j] != 'm' {
				return ansi.StringWidth(s)
			}
			i = j
		case c < 0x20 || c == 0x7f:
			// zero width
		default:
			n++
		}
		i++
	}
	return n
}

// oneCell lists runes that are one cell wide and never start or extend a
// multi-rune grapheme in frames: Latin-1 letters and signs, general
// punctuation (… · – —), arrows, box drawing, blocks.
func oneCell(r rune) bool {
	switch {
	case r >= 0xa1 && r <= 0xff && r != 0xad:
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e:
		return true
	case r >= 0x2190 && r <= 0x21ff:
		return true
	case r >= 0x2500 && r <= 0x259f:
		return true
	}
	return false
}

// truncate cuts s (which may hold SGR styling) to at most w cells, ending in
// an ellipsis when something was cut. Wide runes are measured, never split.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if textWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// fit truncates s to w cells and pads it with spaces to exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := textWidth(s)
	if n > w {
		s = ansi.Truncate(s, w, "…")
		n = textWidth(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// padLeft right-aligns s in w cells (truncating when it does not fit).
func padLeft(s string, w int) string {
	n := textWidth(s)
	if n >= w {
		return truncate(s, w)
	}
	return strings.Repeat(" ", w-n) + s
}

// clampView is the last line of defence for the whole frame: no line wider
// than the terminal, never more lines than its height.
func clampView(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		// A cell is at least one byte, so short lines need no measuring.
		if len(l) > w && textWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// box draws a bordered pane of exactly w×h cells around content lines, with a
// title on the left of the top border and info on its right. Lines are
// truncated and padded to the inner width; missing lines are blank.
func box(st Styles, focused bool, title, info string, content []string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	if w < 2 || h < 2 {
		// No room for a border: show the content bare.
		out := make([]string, h)
		for i := range out {
			if i < len(content) {
				out[i] = fit(content[i], w)
			} else {
				out[i] = strings.Repeat(" ", w)
			}
		}
		return strings.Join(out, "\n")
	}
	bp, ch, tp := st.p.border, st.Box, st.p.title
	if focused {
		bp, ch, tp = st.p.borderFocused, st.BoxFocused, st.p.titleFocused
	}
	inner := w - 2

	// Top border: ╭─ Title ──── info ─╮, shrinking gracefully.
	var top strings.Builder
	top.WriteString(bp.render(ch.tl))
	avail := inner
	var titleSeg, infoSeg string
	if info != "" && avail >= textWidth(info)+4 {
		infoSeg = " " + info + " "
		avail -= textWidth(infoSeg) + 1
	}
	if title != "" && avail >= 4 {
		t := truncate(title, avail-3)
		titleSeg = " " + t + " "
	}
	used := 0
	if titleSeg != "" {
		top.WriteString(bp.render(ch.h))
		top.WriteString(tp.render(titleSeg))
		used += 1 + textWidth(titleSeg)
	}
	rest := inner - used
	if infoSeg != "" {
		rest -= textWidth(infoSeg) + 1
	}
	if rest > 0 {
		top.WriteString(bp.render(strings.Repeat(ch.h, rest)))
	}
	if infoSeg != "" {
		top.WriteString(st.p.titleInfo.render(infoSeg))
		top.WriteString(bp.render(ch.h))
	}
	top.WriteString(bp.render(ch.tr))

	lines := make([]string, 0, h)
	lines = append(lines, top.String())
	side := bp.render(ch.v)
	blank := strings.Repeat(" ", inner)
	for i := 0; i < h-2; i++ {
		body := blank
		if i < len(content) {
			body = fit(content[i], inner)
		}
		lines = append(lines, side+body+side)
	}
	lines = append(lines, bp.render(ch.bl+strings.Repeat(ch.h, inner)+ch.br))
	return strings.Join(lines, "\n")
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

// commas formats n with thousands separators: 100000 → "100,000".
func commas(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + commas(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
