package annotate

import (
	"fmt"
	"sort"
	"strings"

	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// lineMarks is what RenderLine gets for screen line i: the spans, the
// selection, the cursor and the overlay's marks, as non-overlapping runs of
// annotate styles.
func (a *Pane) lineMarks(i int) []layout.Mark {
	l := a.lay.Lines[i]
	if l.Blank || l.End <= l.Start {
		return nil
	}
	nl := len(a.c.Labels)
	base := ui.AnnBase(nl)
	cs, ce := -1, -1
	if len(a.stops) > 0 {
		cs, ce = a.CursorRange()
	}
	ss, se, sel := a.Selection()
	cuts := []int{l.Start, l.End}
	add := func(x int) {
		if x > l.Start && x < l.End {
			cuts = append(cuts, x)
		}
	}
	first := sort.Search(len(a.spans), func(k int) bool { return a.spans[k].End > l.Start })
	for k := first; k < len(a.spans) && a.spans[k].Start < l.End; k++ {
		add(a.spans[k].Start)
		add(a.spans[k].End)
	}
	if a.overlay != nil {
		a.overlay.Cuts(l.Start, l.End, add)
	}
	a.importedCuts(l.Start, l.End, add)
	a.unsavedCuts(l.Start, l.End, add)
	if a.sugg != nil {
		a.sugg.Cuts(l.Start, l.End, add)
	}
	if sel {
		add(ss)
		add(se)
	}
	add(cs)
	add(ce)
	sort.Ints(cuts)
	var marks []layout.Mark
	for k := 0; k+1 < len(cuts); k++ {
		s, e := cuts[k], cuts[k+1]
		if s == e {
			continue
		}
		style := 0
		imported := false
		if sp, ok := a.SpanAt(s); ok {
			if li := a.labelIndex(sp.Label); li >= 0 {
				style = 1 + li
			} else {
				style = nl + 1
			}
			imported = sp.Source != ""
		} else if sp, ok := a.unsavedAt(s); ok {
			if li := a.labelIndex(sp.Label); li >= 0 {
				style = 1 + li
			} else {
				style = nl + 1
			}
			imported = true
		} else if st := a.suggestStyle(s); st > 0 {
			style, imported = st, true
		}
		if !imported && len(a.impQ) > 0 {
			_, imported = a.importedQuoteAt(s)
		}
		if sel && s >= ss && s < se {
			style = nl + 2
		}
		if s >= cs && s < ce {
			style += base
		}
		if a.overlay != nil {
			style += a.overlay.LayerAt(s) * 2 * base
		}
		if imported {
			style += ui.AnnImported(nl)
		}
		if style == 0 {
			continue
		}
		if n := len(marks); n > 0 && marks[n-1].Style == style && marks[n-1].End == s {
			marks[n-1].End = e
			continue
		}
		marks = append(marks, layout.Mark{Start: s, End: e, Style: style})
	}
	return marks
}

// suggestStyle is the label style of a suggestion at off (no span is
// there), 0 for none; the caller adds the imported layer.
func (a *Pane) suggestStyle(off int) int {
	if a.sugg == nil {
		return 0
	}
	label, ok := a.sugg.LabelAt(off)
	if !ok {
		return 0
	}
	if li := a.labelIndex(label); li >= 0 {
		return 1 + li
	}
	return len(a.c.Labels) + 1
}

// hint is the legend line's hint: on an imported annotation its review,
// on a suggestion its decision.
func (a *Pane) hint() string {
	if h := a.reviewHint(); h != "" || a.sugg == nil {
		return h
	}
	return a.sugg.Hint()
}

// RenderLine is layout line i as drawn, without the margin.
func (a *Pane) RenderLine(i int) string {
	return a.lay.RenderLineOver(i, a.lineMarks(i), a.c.Styles.AnnPainters(), a.nav.overs(a, i))
}

// TextLines renders the visible text lines with their margins (without the
// box).
func (a *Pane) TextLines() []string {
	h := a.textH()
	pad := strings.Repeat(" ", a.pad())
	painters := a.c.Styles.AnnPainters()
	out := make([]string, 0, h)
	for i := a.top; i < len(a.lay.Lines) && len(out) < h; i++ {
		out = append(out, a.gutter(i, pad)+a.lay.RenderLineOver(i, a.lineMarks(i), painters, a.nav.overs(a, i)))
	}
	return out
}

// gutter is the left margin of screen line i: the pad, or the overlay's
// mark there.
func (a *Pane) gutter(i int, pad string) string {
	if pad == "" || a.overlay == nil {
		return pad
	}
	cs, ce := -1, -1
	if a.extPanel && len(a.stops) > 0 && a.anchor < 0 {
		cs, ce = a.CursorRange()
	}
	return a.overlay.Gutter(a.lay.Lines[i], cs, ce, pad)
}

// legend is the one-line key → label strip, each label in its colour.
func (a *Pane) legend(w int) string {
	st := a.c.Styles
	var b strings.Builder
	used := 0
	for i, l := range a.c.Labels {
		k := labelKeyName(a.c.Keys, i)
		item := k + " " + l
		iw := ui.TextWidth(item)
		if used > 0 {
			iw++
		}
		if used+iw > w {
			break
		}
		if used > 0 {
			b.WriteString(" ")
		}
		b.WriteString(st.P.RowDim.Render(k) + " ")
		b.WriteString(st.Ann[1+i].Render(ui.CleanLine(l)))
		used += iw
	}
	return b.String()
}

// labelKeyName is the first key bound to label i, for the legend.
func labelKeyName(k ui.KeyMap, i int) string {
	if i < len(k.Labels) {
		if ks := k.Labels[i].Keys(); len(ks) > 0 {
			return ks[0]
		}
	}
	return "·"
}

// labelKeys names the keys of labels first to last: "1–9".
func labelKeys(k ui.KeyMap, first, last int) string {
	return labelKeyName(k, first) + "–" + labelKeyName(k, last)
}

// Percent is how far down the text the screen is.
func (a *Pane) Percent() int {
	if a.lay == nil {
		return 0
	}
	m := len(a.lay.Lines) - a.textH()
	if m <= 0 {
		return 100
	}
	return ui.ClampInt(a.top*100/m, 0, 100)
}

// PromptWidth is the width of a prompt's input in the legend row.
func (a *Pane) PromptWidth() int { return max(1, a.innerW()/2) }

// View draws the text box (and the side panel when it is open). prompt,
// when set, replaces the legend line (the canonical-name prompt); panel
// draws the side panel in w×h.
func (a *Pane) View(info, prompt string, panel func(w, h int) string) string {
	if a.w <= 0 || a.h <= 0 {
		return ""
	}
	below := a.panelBelowH()
	if a.panel && a.panelW() == 0 && below == 0 && panel != nil {
		return panel(a.w, a.h)
	}
	inner := a.innerW()
	pad := strings.Repeat(" ", a.pad())
	if n := a.unreviewed(); n > 0 {
		// How much of the article is still as imported.
		info = fmt.Sprintf("%s%d to review · %s", a.c.Styles.Review.MarkCh, n, info)
	}
	var content []string
	if a.legendH() > 0 {
		lw := inner - 2*a.pad()
		switch hint := a.hint(); {
		case prompt != "":
			content = append(content, pad+prompt)
		case hint != "":
			// On an imported annotation: where it came from and the keys
			// that review it, then as many labels (for relabelling) as fit.
			hint = ui.Truncate(hint, lw)
			if rest := lw - ui.TextWidth(hint) - 3; rest >= 8 {
				hint += "   " + a.legend(rest)
			}
			content = append(content, pad+hint)
		default:
			content = append(content, pad+a.legend(lw))
		}
	}
	if a.lay != nil {
		if len(a.stops) == 0 {
			content = append(content, a.c.Styles.P.Placeholder.Render("This article has no words to annotate."))
		} else {
			content = append(content, a.TextLines()...)
		}
	}
	title := ui.CleanLine(a.title)
	if title == "" {
		title = "Annotate"
	}
	bw := a.w
	if a.panel && panel != nil {
		bw = a.w - a.panelW()
	}
	if below > 0 && panel != nil {
		return ui.Box(a.c.Styles, true, title, info, content, bw, a.h-below) + "\n" + panel(a.w, below)
	}
	body := ui.Box(a.c.Styles, true, title, info, content, bw, a.h)
	if a.panel && panel != nil {
		return ui.JoinColumns(body, panel(a.panelW(), a.h))
	}
	return body
}

// PromptCursor is where the terminal cursor goes for a prompt drawn in the
// legend row, x cells into it; ok false when the row is not shown or x is
// past the box.
func (a *Pane) PromptCursor(x int) (int, int, bool) {
	x += 1 + a.pad()
	if a.legendH() == 0 || x >= a.w-1 {
		return 0, 0, false
	}
	return x, 1, true
}
