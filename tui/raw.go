package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"

	"storydesk/model"
)

// The raw view shows an article's text as read, with what the cleaner
// removed struck through and tagged with its reason. It is laid out once per
// (article, width) in a command; each frame styles only the lines on screen.

type spanKind uint8

const (
	spanKept spanKind = iota
	spanRemoved
	spanTag
	spanNote
)

type span struct {
	text string
	kind spanKind
}

// rawDoc is a word-wrapped raw text: each line is a run of spans.
type rawDoc struct {
	lines [][]span
}

// layoutRaw wraps a.Raw to width, marking the model.Removed rune ranges.
func layoutRaw(a *model.Article, width int) *rawDoc {
	width = max(1, width)
	w := &rawWrapper{width: width}
	raw := a.Raw
	if raw == "" {
		raw = a.Text
	}
	removed := append([]model.Removed(nil), a.Removed...)
	sort.Slice(removed, func(i, j int) bool { return removed[i].Start < removed[j].Start })

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
			parts[i] = cleanLine(string(r))
			if counts[r] > 1 {
				parts[i] += fmt.Sprintf(" ×%d", counts[r])
			}
		}
		summary = fmt.Sprintf("Raw text: %d removed (%s).", len(removed), strings.Join(parts, ", "))
	}
	w.words(summary, spanNote)
	w.newline()
	w.newline()

	if strings.TrimSpace(raw) == "" {
		w.words("(no raw text)", spanNote)
		w.newline()
		return &rawDoc{lines: w.lines}
	}

	// Walk the raw text by runes, switching between kept and removed runs.
	ri := 0
	pos := 0 // rune offset
	var run strings.Builder
	kind := spanKept
	flush := func() {
		if run.Len() > 0 {
			w.text(run.String(), kind)
			run.Reset()
		}
	}
	cur := -1 // index of the removed range being shown
	for _, r := range raw {
		for ri < len(removed) && removed[ri].End <= pos {
			ri++ // ranges already passed (or empty)
		}
		if ri < len(removed) && pos >= removed[ri].Start {
			if kind != spanRemoved || cur != ri {
				flush()
				w.tag("[" + cleanLine(string(removed[ri].Reason)) + "]")
				kind, cur = spanRemoved, ri
			}
		} else if kind == spanRemoved {
			flush()
			kind = spanKept
		}
		if !unsafeRune(r) {
			run.WriteRune(r) // dropped, not shifted: pos still counts it
		}
		pos++
	}
	flush()
	w.newline()
	return &rawDoc{lines: w.lines}
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

func (w *rawWrapper) tag(t string) {
	w.word(t, spanTag)
	w.space, w.spaceKind = true, spanKept
}

func (w *rawWrapper) word(s string, kind spanKind) {
	ww := ansi.StringWidth(s)
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
		state := -1
		var part strings.Builder
		pw := 0
		for s != "" {
			var cl string
			var cw int
			cl, s, cw, state = uniseg.FirstGraphemeClusterInString(s, state)
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
func (d *rawDoc) view(st Styles, from, to int) []string {
	to = min(to, len(d.lines))
	out := make([]string, 0, max(0, to-from))
	for i := max(0, from); i < to; i++ {
		var b strings.Builder
		for _, sp := range d.lines[i] {
			switch sp.kind {
			case spanKept:
				b.WriteString(st.p.rawKept.render(sp.text))
			case spanRemoved:
				b.WriteString(st.p.rawRemoved.render(sp.text))
			case spanTag:
				b.WriteString(st.p.rawTag.render(sp.text))
			case spanNote:
				b.WriteString(st.p.placeholder.render(sp.text))
			}
		}
		out = append(out, b.String())
	}
	return out
}
