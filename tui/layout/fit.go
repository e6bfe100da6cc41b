package layout

import (
	"bytes"
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Renderers that measure by grapheme (glamour, through lipgloss) make lines
// too wide when the terminal counts code points (an emoji ZWJ sequence, a
// flag, a skin tone): cut at the pane's edge, their ends would be lost.
// FitLines re-flows such lines to the width as Width counts it.

// FitLines returns lines (styled with SGR sequences) with every line at most
// w cells wide by Width, losing no text: a too-wide line loses the padding
// the renderer put after its text first; then the words that do not fit
// move to the start of the next line when it continues the same paragraph
// (not blank, indented alike), or onto lines of their own, indented like
// the line and styled as the text they continue. Lines that fit and follow
// no overflow are returned as they are.
func FitLines(lines []string, w int) []string {
	if w < 1 {
		return lines
	}
	var out []string
	carry, carryIndent := "", 0 // words moved down from the line above
	for i, l := range lines {
		if carry != "" {
			if plain := ansi.Strip(l); strings.TrimSpace(plain) != "" && indentOf(plain) == carryIndent {
				l = strings.Repeat(" ", carryIndent) + carry + " " + Method().TruncateLeft(l, carryIndent, "")
			} else {
				out = append(out, fitLine(strings.Repeat(" ", carryIndent)+carry, w, "")...)
			}
			carry = ""
		}
		if out == nil && Width(l) <= w {
			continue // nothing changed yet: lines[:i+1] will be copied
		}
		if out == nil {
			out = append(make([]string, 0, len(lines)+8), lines[:i]...)
		}
		if Width(l) <= w {
			out = append(out, l)
			continue
		}
		var rest string
		out = append(out, fitLine(l, w, "")[0])
		if pieces := fitLine(l, w, "\x00"); len(pieces) > 1 {
			rest = pieces[1]
		}
		if rest != "" {
			carry, carryIndent = rest, indentOf(ansi.Strip(l))
			if i == len(lines)-1 {
				out = append(out, fitLine(strings.Repeat(" ", carryIndent)+carry, w, "")...)
			}
		}
	}
	if out == nil {
		return lines
	}
	return out
}

// fitLine wraps one styled line to w cells (see FitLines). With join ""
// it returns every line; otherwise two: the first line and the rest, its
// lines joined by spaces without the indent (join only marks the mode).
func fitLine(line string, w int, join string) []string {
	width := Width(line)
	if width <= w {
		return []string{line}
	}
	plain := ansi.Strip(line)
	trail := len(plain) - len(strings.TrimRight(plain, " "))
	if width-trail <= w {
		return []string{Truncate(line, w, "")} // only padding goes
	}
	line = Truncate(line, width-trail, "")
	indent := indentOf(plain)
	if indent > w/2 {
		indent = 0
	}
	body := Method().TruncateLeft(line, indent, "")
	// The wrap writer closes the style at each break and opens it again on
	// the next line, so no colour runs into the pane's border.
	var buf bytes.Buffer
	ww := lipgloss.NewWrapWriter(&buf)
	_, _ = io.WriteString(ww, Method().Wrap(body, w-indent, ""))
	_ = ww.Close()
	out := strings.Split(buf.String(), "\n")
	for i, l := range out {
		if Width(l) > w-indent {
			l = Truncate(l, w-indent, "") // cannot happen: Wrap breaks inside words too
		}
		out[i] = l
	}
	if join != "" {
		return []string{strings.Repeat(" ", indent) + out[0], strings.Join(out[1:], " ")}
	}
	pad := strings.Repeat(" ", indent)
	for i := range out {
		out[i] = pad + out[i]
	}
	return out
}

func indentOf(plain string) int { return len(plain) - len(strings.TrimLeft(plain, " ")) }
