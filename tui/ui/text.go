package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"storydesk/model"
	"storydesk/tui/layout"
)

// cleanLine is the view-boundary defence for any one-line text we did not
// produce: it has been sanitised at load, but running SanitizeLine again is
// cheap and guarantees no control reaches the terminal.
func CleanLine(s string) string { return model.SanitizeLine(s) }

// unsafeRune reports a rune that must never be written to the terminal as
// text: C0 controls other than newline and tab, DEL, C1 controls, bidi
// overrides and isolates, and the BOM.
func UnsafeRune(r rune) bool {
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

// TextWidth is layout.Width (the terminal's way of counting cells) with a fast path for what frames are made
// of: ASCII, SGR styling, box drawing, blocks and common punctuation (all one
// cell, none combining). Grapheme segmentation is otherwise the largest cost
// of a frame; anything else falls back to it.
func TextWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !oneCell(r) {
				return layout.Width(s)
			}
			n++
			i += size
			continue
		case c == 0x1b:
			if i+1 >= len(s) || s[i+1] != '[' {
				return layout.Width(s)
			}
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
				j++
			}
			if j >= len(s) || s[j] != 'm' {
				return layout.Width(s)
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
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if TextWidth(s) <= w {
		return s
	}
	return layout.Truncate(s, w, "…")
}

// TruncLeft keeps the end of s (a path's file name matters most) within w
// cells, marking the cut with an ellipsis.
func TruncLeft(s string, w int) string {
	total := TextWidth(s)
	if total <= w {
		return s
	}
	// One cut from the left, then a rune at a time for any wide character
	// the cut split: linear, where trying every suffix was quadratic (a
	// pasted 27 KB path took seconds a frame).
	t := layout.Method().TruncateLeft(s, total-w+1, "")
	for t != "" && TextWidth(t) > w-1 {
		_, n := utf8.DecodeRuneInString(t)
		t = t[n:]
	}
	return "…" + t
}

// fit truncates s to w cells and pads it with spaces to exactly w.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := TextWidth(s)
	if n > w {
		s = layout.Truncate(s, w, "…")
		n = TextWidth(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// padLeft right-aligns s in w cells (truncating when it does not fit).
func PadLeft(s string, w int) string {
	n := TextWidth(s)
	if n >= w {
		return Truncate(s, w)
	}
	return strings.Repeat(" ", w-n) + s
}

// clampView is the last line of defence for the whole frame: no line wider
// than the terminal, never more lines than its height.
func ClampView(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		// A cell is at least one byte, so short lines need no measuring.
		if len(l) > w && TextWidth(l) > w {
			lines[i] = layout.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// box draws a bordered pane of exactly w×h cells around content lines, with a
// title on the left of the top border and info on its right. Lines are
// truncated and padded to the inner width; missing lines are blank.
func Box(st Styles, focused bool, title, info string, content []string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	if w < 2 || h < 2 {
		// No room for a border: show the content bare.
		out := make([]string, h)
		for i := range out {
			if i < len(content) {
				out[i] = Fit(content[i], w)
			} else {
				out[i] = strings.Repeat(" ", w)
			}
		}
		return strings.Join(out, "\n")
	}
	bp, ch, tp := st.P.Border, st.Box, st.P.Title
	if focused {
		bp, ch, tp = st.P.BorderFocused, st.BoxFocused, st.P.TitleFocused
	}
	inner := w - 2

	// Top border: ╭─ Title ──── info ─╮, shrinking gracefully.
	var top strings.Builder
	top.WriteString(bp.Render(ch.TL))
	avail := inner
	var titleSeg, infoSeg string
	if info != "" && avail >= TextWidth(info)+4 {
		infoSeg = " " + info + " "
		avail -= TextWidth(infoSeg) + 1
	}
	if title != "" && avail >= 4 {
		t := Truncate(title, avail-3)
		titleSeg = " " + t + " "
	}
	used := 0
	if titleSeg != "" {
		top.WriteString(bp.Render(ch.H))
		top.WriteString(tp.Render(titleSeg))
		used += 1 + TextWidth(titleSeg)
	}
	rest := inner - used
	if infoSeg != "" {
		rest -= TextWidth(infoSeg) + 1
	}
	if rest > 0 {
		top.WriteString(bp.Render(strings.Repeat(ch.H, rest)))
	}
	if infoSeg != "" {
		top.WriteString(st.P.TitleInfo.Render(infoSeg))
		top.WriteString(bp.Render(ch.H))
	}
	top.WriteString(bp.Render(ch.TR))

	lines := make([]string, 0, h)
	lines = append(lines, top.String())
	side := bp.Render(ch.V)
	blank := strings.Repeat(" ", inner)
	for i := 0; i < h-2; i++ {
		body := blank
		if i < len(content) {
			body = Fit(content[i], inner)
		}
		lines = append(lines, side+body+side)
	}
	lines = append(lines, bp.Render(ch.BL+strings.Repeat(ch.H, inner)+ch.BR))
	return strings.Join(lines, "\n")
}

func SplitLines(s string) []string { return strings.Split(s, "\n") }

// commas formats n with thousands separators: 100000 → "100,000".
func Commas(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + Commas(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func ClampInt(v, lo, hi int) int {
	if hi < lo {
		return lo
	}
	return min(hi, max(lo, v))
}

func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// clip shortens s to n code points for messages, as one clean line.
func Clip(s string, n int) string {
	s = CleanLine(strings.Join(strings.Fields(s), " "))
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// wrapPlain sanitises untrusted one-line text and wraps it to w cells,
// preferring spaces, then path and option separators (not the dot of an
// extension), then any grapheme.
func WrapPlain(s string, w int) []string {
	s = CleanLine(s)
	if s == "" {
		return nil
	}
	return strings.Split(ansi.Wrap(s, max(1, w), "/\\:,;=_"), "\n")
}

// wrapHanging is wrapPlain with every line after the first indented by
// indent cells (when w leaves room for it), so one entry of a list reads as
// one block.
func WrapHanging(s string, w, indent int) []string {
	lines := WrapPlain(s, w)
	if len(lines) < 2 || w <= 2*indent {
		return lines
	}
	clean := CleanLine(s)
	if !strings.HasPrefix(clean, lines[0]) {
		return lines
	}
	rest := WrapPlain(strings.TrimLeft(clean[len(lines[0]):], " "), w-indent)
	pad := strings.Repeat(" ", indent)
	for i := range rest {
		rest[i] = pad + rest[i]
	}
	return append(lines[:1], rest...)
}

// keyName is a binding's first key, for messages.
func KeyName(b key.Binding) string {
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return "?"
}

// joinColumns puts two blocks of equal height side by side.
func JoinColumns(a, b string) string {
	al, bl := SplitLines(a), SplitLines(b)
	n := max(len(al), len(bl))
	out := make([]string, n)
	for i := range out {
		var l, r string
		if i < len(al) {
			l = al[i]
		}
		if i < len(bl) {
			r = bl[i]
		}
		out[i] = l + r
	}
	return strings.Join(out, "\n")
}

// DescribeSpan is a span for the status bar: PERSON “Petro” → Gustavo
// Petro, and where it came from while it is imported and not reviewed.
func DescribeSpan(sp model.Span) string {
	s := fmt.Sprintf("%s “%s”", sp.Label, Clip(sp.Text, 40))
	if sp.Canonical != "" && sp.Canonical != sp.Text {
		s += " → " + Clip(sp.Canonical, 40)
	}
	if sp.Source != "" {
		s += " · " + DescribeSource(sp.Source)
	}
	return s
}

// DescribeQuote is a quotation for messages: “first words…” — Speaker.
func DescribeQuote(text, speaker string) string {
	s := "“" + Clip(text, 32) + "”"
	if speaker != "" {
		s += " — " + Clip(speaker, 30)
	}
	return s
}

// ReviewedNote is what a hand edit's message adds when it reviewed an
// imported span or quotation (src is its source; "" adds nothing).
func ReviewedNote(src string) string {
	if src == "" {
		return ""
	}
	return " (" + DescribeSource(src) + ": reviewed)"
}

// DescribeSource is a span's or quotation's source for people:
// "imported from news.jsonl".
func DescribeSource(src string) string {
	if f, ok := strings.CutPrefix(src, "import:"); ok {
		return "imported from " + Clip(f, 40)
	}
	return "from " + Clip(src, 40)
}
