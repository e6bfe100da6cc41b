package widgets

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"

	"storydesk/tui/ui"
)

// HelpSection is one titled part of the full help (a mode, a pane, a
// feature): its bindings in groups, each group a column.
type HelpSection struct {
	Title  string
	Groups [][]key.Binding
}

// helpGap is the space between two columns of one section.
const helpGap = 3

// HelpLines lays the sections out for a box w cells wide, so nothing is cut:
// a section's groups sit side by side while they fit and stack below each
// other when they do not (bubbles' FullHelpView keeps one row of columns
// and drops the ones past the width, which hid most of the keys at 80
// columns); a description too long for the width wraps under itself.
func HelpLines(st help.Styles, title func(string) string, sections []HelpSection, w int) []string {
	w = max(1, w)
	var lines []string
	for _, s := range sections {
		cols := helpColumns(st, s.Groups, w)
		if len(cols) == 0 {
			continue
		}
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		for _, l := range ui.WrapPlain(s.Title, w) {
			lines = append(lines, title(l))
		}
		lines = append(lines, packColumns(cols, w)...)
	}
	return lines
}

// helpColumn is one group drawn as lines of equal width.
type helpColumn struct {
	lines []string
	width int
}

func helpColumns(st help.Styles, groups [][]key.Binding, w int) []helpColumn {
	var cols []helpColumn
	for _, g := range groups {
		var bs []key.Binding
		keyW := 0
		for _, b := range g {
			if !b.Enabled() || b.Help().Key == "" {
				continue
			}
			bs = append(bs, b)
			keyW = max(keyW, ui.TextWidth(b.Help().Key))
		}
		if len(bs) == 0 {
			continue
		}
		// A key wider than half the box would leave its description no room:
		// then the description goes under the key.
		keyW = min(keyW, max(1, w/2))
		descW := max(1, w-keyW-1)
		var col helpColumn
		for _, b := range bs {
			k, d := b.Help().Key, b.Help().Desc
			pad := strings.Repeat(" ", max(0, keyW-ui.TextWidth(k)))
			if ui.TextWidth(k) > keyW {
				for _, kl := range ui.WrapPlain(k, w) {
					col.lines = append(col.lines, st.FullKey.Render(kl))
				}
				k, pad = "", strings.Repeat(" ", keyW)
			}
			for i, dl := range wrapDesc(d, descW) {
				if i > 0 {
					k, pad = "", strings.Repeat(" ", keyW)
				}
				col.lines = append(col.lines, st.FullKey.Render(k)+pad+" "+st.FullDesc.Render(dl))
			}
		}
		for _, l := range col.lines {
			col.width = max(col.width, ui.TextWidth(l))
		}
		cols = append(cols, col)
	}
	return cols
}

func wrapDesc(d string, w int) []string {
	if d == "" || ui.TextWidth(d) <= w {
		return []string{d}
	}
	return ui.WrapPlain(d, w)
}

// packColumns puts as many columns side by side as fit in w, row after row.
func packColumns(cols []helpColumn, w int) []string {
	var out []string
	for len(cols) > 0 {
		n, width := 1, cols[0].width
		for n < len(cols) && width+helpGap+cols[n].width <= w {
			width += helpGap + cols[n].width
			n++
		}
		row := cols[:n]
		cols = cols[n:]
		if len(out) > 0 {
			out = append(out, "")
		}
		height := 0
		for _, c := range row {
			height = max(height, len(c.lines))
		}
		for i := 0; i < height; i++ {
			var b strings.Builder
			for j, c := range row {
				cell := ""
				if i < len(c.lines) {
					cell = c.lines[i]
				}
				if j < len(row)-1 {
					cell += strings.Repeat(" ", c.width-ui.TextWidth(cell)+helpGap)
				}
				b.WriteString(cell)
			}
			out = append(out, strings.TrimRight(b.String(), " "))
		}
	}
	return out
}
