package layout

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Over is drawn over a screen line on top of the marks: either the text's
// own clusters in [Start, End) repainted (Text empty: a search match), or
// Text in place of the cells from the cluster at Start on (a jump hint),
// as many cells as Text is wide, cut at the layout's width. A wide
// cluster the replacement half covers becomes spaces, so every other cell
// stays where it was.
type Over struct {
	Start, End int // code points; End is ignored when Text is set
	Text       string
	Paint      func(string) string
}

// RenderLineOver is RenderLine with overs (sorted by Start, not
// overlapping) drawn on top. The line is as wide as RenderLine's, or
// wider by a replacement that runs past its last cell (never past Width).
func (l *Layout) RenderLineOver(i int, marks []Mark, styles []func(string) string, overs []Over) string {
	if len(overs) == 0 {
		return l.RenderLine(i, marks, styles)
	}
	if i < 0 || i >= len(l.clusters) {
		return ""
	}
	var b strings.Builder
	var run strings.Builder
	cur := -1
	emit := func() {
		if run.Len() == 0 {
			return
		}
		switch {
		case cur < -1 && overs[-cur-2].Paint != nil: // an over's run
			b.WriteString(overs[-cur-2].Paint(run.String()))
		case cur > 0 && cur < len(styles) && styles[cur] != nil:
			b.WriteString(styles[cur](run.String()))
		default:
			b.WriteString(run.String())
		}
		run.Reset()
	}
	paint := func(p func(string) string, s string) {
		emit()
		cur = -1
		if p != nil {
			s = p(s)
		}
		b.WriteString(s)
	}
	x := 0
	oi := 0
	covered := 0 // replaced cells end here
	for _, c := range l.clusters[i] {
		for oi < len(overs) && (overs[oi].Text == "" && overs[oi].End <= c.start || overs[oi].Text != "" && overs[oi].Start < c.start) {
			oi++
		}
		switch {
		case x < covered:
			if x+c.width > covered {
				paint(nil, strings.Repeat(" ", x+c.width-covered))
			}
		case oi < len(overs) && overs[oi].Text != "" && overs[oi].Start == c.start:
			o := overs[oi]
			oi++
			t := ansi.Truncate(o.Text, max(0, l.Width-x), "")
			paint(o.Paint, t)
			covered = x + ansi.StringWidth(t)
			if covered < x+c.width {
				paint(nil, strings.Repeat(" ", x+c.width-covered))
			}
		case oi < len(overs) && overs[oi].Text == "" && c.start >= overs[oi].Start && c.start < overs[oi].End:
			if st := -oi - 2; st != cur {
				emit()
				cur = st
			}
			run.WriteString(c.s)
		default:
			st := 0
			for _, m := range marks {
				if c.start >= m.Start && c.start < m.End {
					st = m.Style
				}
			}
			if st != cur {
				emit()
				cur = st
			}
			run.WriteString(c.s)
		}
		x += c.width
	}
	emit()
	return b.String()
}
