package browse

import (
	"fmt"
	"sort"
	"strings"

	"storydesk/model"
	"storydesk/model/clean"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// The raw view shows an article's text as read, with what the cleaner
// removed struck through and tagged with its reason. It is laid out once per
// (article, width) in a command; each frame styles only the lines on screen.
//
// With an annotation store the view also has a cursor on one paragraph (the
// cleaner's unit, clean.Paragraphs) in a two-cell gutter, and the reviewer's
// corrections are tagged: "[removed by you]" on what a correction removed,
// "[kept by you]" on what one keeps (see correct.go).

type spanKind uint8

const (
	spanKept spanKind = iota
	spanRemoved
	spanTag
	spanNote
	spanUserTag // a tag for the reviewer's own correction
)

type span struct {
	text string
	kind spanKind
}

// rawDoc is a word-wrapped raw text: each line is a run of spans.
type rawDoc struct {
	lines  [][]span
	paras  []rawPara // the paragraphs, in order, with their lines
	gutter int       // cells left of every line for the cursor mark
}

// rawPara is one paragraph of the raw text as laid out.
type rawPara struct {
	start, end  int          // raw code points
	first, last int          // lines of the layout it spans
	reason      model.Reason // why it is removed; "" when kept
	user        bool         // a correction decides it
}

// Raw view tags. The reviewer's reason reads as what it is.
const (
	TagKeptByYou    = "kept by you"
	TagRemovedByYou = "removed by you"
)

// rawGutter is the width of the cursor gutter.
const rawGutter = 2

// ReasonTag is how the raw view names why a paragraph is removed.
func ReasonTag(r model.Reason) string {
	if r == model.ReasonUser {
		return TagRemovedByYou
	}
	return ui.CleanLine(string(r))
}

// layoutRaw wraps a.Raw to width, marking the model.Removed rune ranges.
func layoutRaw(a *model.Article, width int) *rawDoc { return layoutRawWith(a, nil, width, false) }

// layoutRawWith is layoutRaw with the article's stored corrections (to tag
// what the reviewer kept) and, when cursor is set, a gutter for the cursor.
func layoutRawWith(a *model.Article, corr []model.Correction, width int, cursor bool) *rawDoc {
	gutter := 0
	if cursor {
		gutter = rawGutter
	}
	width = max(1, width-gutter)
	w := &rawWrapper{width: width}
	raw := a.Raw
	if raw == "" {
		raw = a.Text
	}
	removed := append([]model.Removed(nil), a.Removed...)
	sort.Slice(removed, func(i, j int) bool { return removed[i].Start < removed[j].Start })

	var paras []rawPara
	if cursor || len(corr) > 0 {
		for _, p := range clean.Paragraphs(raw) {
			rp := rawPara{start: p.Start, end: p.End}
			if r, ok := model.RemovedPara(removed, p.Start, p.End); ok {
				rp.reason = r.Reason
			}
			c, ok := model.CorrectionFor(corr, p.Start, p.End)
			rp.user = rp.reason == model.ReasonUser || ok && c.Keep && rp.reason == ""
			paras = append(paras, rp)
		}
	}

	// A summary line first, so the key to the marks is on screen.
	counts := map[model.Reason]int{}
	var order []model.Reason
	for _, r := range removed {
		if counts[r.Reason] == 0 {
			order = append(order, r.Reason)
		}
		counts[r.Reason]++
	}
	summary := "Raw text: nothing removed by the cleaner."
	if len(removed) > 0 {
		parts := make([]string, len(order))
		for i, r := range order {
			parts[i] = ReasonTag(r)
			if counts[r] > 1 {
				parts[i] += fmt.Sprintf(" ×%d", counts[r])
			}
		}
		summary = fmt.Sprintf("Raw text: %d removed (%s).", len(removed), strings.Join(parts, ", "))
	}
	kept := 0
	for _, p := range paras {
		if p.user && p.reason == "" {
			kept++
		}
	}
	if kept > 0 {
		summary += fmt.Sprintf(" %d %s.", kept, TagKeptByYou)
	}
	if n := len(clean.UnusedCorrections(raw, corr)); n == 1 {
		summary += " 1 correction no longer matches the text (ignored)."
	} else if n > 1 {
		summary += fmt.Sprintf(" %d corrections no longer match the text (ignored).", n)
	}
	w.words(summary, spanNote)
	w.newline()
	w.newline()

	if strings.TrimSpace(raw) == "" {
		w.words("(no raw text)", spanNote)
		w.newline()
		return &rawDoc{lines: w.lines, gutter: gutter}
	}

	// Walk the raw text by runes, switching between kept and removed runs.
	ri := 0
	pos := 0 // rune offset
	pi := 0  // next paragraph to open or close
	var run strings.Builder
	kind := spanKept
	flush := func() {
		if run.Len() > 0 {
			w.text(run.String(), kind)
			run.Reset()
		}
	}
	closePara := func() {
		// The paragraph's last word is on the line being built.
		flush()
		paras[pi].last = len(w.lines)
		pi++
	}
	cur := -1 // index of the removed range being shown
	for _, r := range raw {
		if pi < len(paras) && pos == paras[pi].end {
			closePara()
		}
		if pi < len(paras) && pos == paras[pi].start {
			// A paragraph starts a line: its leading spaces are only owed.
			flush()
			paras[pi].first = len(w.lines)
			if paras[pi].user && paras[pi].reason == "" {
				w.tagKind("["+TagKeptByYou+"]", spanUserTag)
			}
		}
		for ri < len(removed) && removed[ri].End <= pos {
			ri++ // ranges already passed (or empty)
		}
		if ri < len(removed) && pos >= removed[ri].Start {
			if kind != spanRemoved || cur != ri {
				flush()
				tk := spanTag
				if removed[ri].Reason == model.ReasonUser {
					tk = spanUserTag
				}
				w.tagKind("["+ReasonTag(removed[ri].Reason)+"]", tk)
				kind, cur = spanRemoved, ri
			}
		} else if kind == spanRemoved {
			flush()
			kind = spanKept
		}
		if !ui.UnsafeRune(r) {
			run.WriteRune(r) // dropped, not shifted: pos still counts it
		}
		pos++
	}
	if pi < len(paras) && pos == paras[pi].end {
		closePara()
	}
	flush()
	w.newline()
	return &rawDoc{lines: w.lines, paras: paras[:pi], gutter: gutter}
}

// rawWrapper is a greedy word wrapper over styled spans.
type rawWrapper struct {
	width     int
	lines     [][]span
	cur       []span
	curW      int
	space     bool // a space is owed before the next word
	spaceKind spanKind
}

// text adds a run of raw text of one kind: words, spaces and line breaks.
func (w *rawWrapper) text(s string, kind spanKind) {
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			w.newline()
		}
		start := -1
		for j, r := range line {
			if r == ' ' || r == '\t' {
				if start >= 0 {
					w.word(line[start:j], kind)
					start = -1
				}
				w.space, w.spaceKind = true, kind
				continue
			}
			if start < 0 {
				start = j
			}
		}
		if start >= 0 {
			w.word(line[start:], kind)
		}
	}
}

func (w *rawWrapper) words(s string, kind spanKind) {
	for _, f := range strings.Fields(s) {
		w.word(f, kind)
		w.space, w.spaceKind = true, kind
	}
	w.space = false
}

func (w *rawWrapper) tagKind(t string, kind spanKind) {
	w.word(t, kind)
	w.space, w.spaceKind = true, spanKept
}

func (w *rawWrapper) word(s string, kind spanKind) {
	ww := layout.Width(s)
	need := ww
	if w.space && w.curW > 0 {
		need++
	}
	if w.curW > 0 && w.curW+need > w.width {
		w.breakLine()
	}
	if ww > w.width {
		// Longer than a line: split between grapheme clusters.
		if w.curW > 0 {
			w.breakLine()
		}
		w.space = false
		var part strings.Builder
		pw := 0
		for s != "" {
			var cl string
			var cw int
			cl, cw = layout.FirstCluster(s)
			s = s[len(cl):]
			if pw+cw > w.width && pw > 0 {
				w.appendSpan(part.String(), kind, pw)
				w.breakLine()
				part.Reset()
				pw = 0
			}
			part.WriteString(cl)
			pw += cw
		}
		w.appendSpan(part.String(), kind, pw)
		return
	}
	if w.space && w.curW > 0 {
		w.appendSpan(" ", w.spaceKind, 1)
	}
	w.space = false
	w.appendSpan(s, kind, ww)
}

func (w *rawWrapper) appendSpan(s string, kind spanKind, width int) {
	if s == "" {
		return
	}
	if n := len(w.cur); n > 0 && w.cur[n-1].kind == kind {
		w.cur[n-1].text += s
	} else {
		w.cur = append(w.cur, span{s, kind})
	}
	w.curW += width
}

// breakLine ends a wrapped line (soft break).
func (w *rawWrapper) breakLine() {
	w.lines = append(w.lines, w.cur)
	w.cur, w.curW, w.space = nil, 0, false
}

// newline ends a line of the text (hard break), keeping empty lines.
func (w *rawWrapper) newline() {
	w.breakLine()
}

// view styles lines [from, to) of the document.
func (d *rawDoc) view(st ui.Styles, from, to int) []string { return d.viewCursor(st, from, to, -1) }

// viewCursor is view with paragraph cur marked in the gutter (-1: none).
func (d *rawDoc) viewCursor(st ui.Styles, from, to, cur int) []string {
	to = min(to, len(d.lines))
	out := make([]string, 0, max(0, to-from))
	mark, blank := "", ""
	if d.gutter > 0 {
		mark = st.P.BorderFocused.Render("▌") + strings.Repeat(" ", d.gutter-1)
		blank = strings.Repeat(" ", d.gutter)
	}
	for i := max(0, from); i < to; i++ {
		var b strings.Builder
		if d.gutter > 0 {
			if cur >= 0 && cur < len(d.paras) && i >= d.paras[cur].first && i <= d.paras[cur].last {
				b.WriteString(mark)
			} else {
				b.WriteString(blank)
			}
		}
		for _, sp := range d.lines[i] {
			switch sp.kind {
			case spanKept:
				b.WriteString(st.P.RawKept.Render(sp.text))
			case spanRemoved:
				b.WriteString(st.P.RawRemoved.Render(sp.text))
			case spanTag:
				b.WriteString(st.P.RawTag.Render(sp.text))
			case spanUserTag:
				b.WriteString(st.P.Badge.Render(sp.text))
			case spanNote:
				b.WriteString(st.P.Placeholder.Render(sp.text))
			}
		}
		out = append(out, b.String())
	}
	return out
}
