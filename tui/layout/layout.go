// Package layout word-wraps an article's cleaned text for the annotate view
// and remembers, for every token on screen, which code points of the text it
// came from. Glamour's output cannot tell us that, so annotating renders its
// own wrap: the map from screen cells to offsets must hold through wrapping,
// resizing and highlighting, with wide characters and combining marks.
//
// Widths are measured per grapheme cluster with the same function lipgloss
// uses, so what this package lays out is what the terminal shows.
package layout

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a word (letters, digits and marks, with inner apostrophes,
// hyphens and abbreviation dots) or a single punctuation grapheme.
// Start and End are code point offsets into the text; Line and Col place it.
type Token struct {
	Start, End int
	Line, Col  int
	Width      int
	Word       bool
}

// Line is one screen line: the code points it shows and its tokens.
type Line struct {
	Start, End int // code points shown on this line (End exclusive)
	First, N   int // its tokens are Tokens[First : First+N]
	Blank      bool
}

// Layout is text wrapped to a width.
type Layout struct {
	Width  int
	Lines  []Line
	Tokens []Token
	runes  []rune
	// graphemes per line: byte-free pieces for rendering, built once.
	clusters [][]cluster
}

type cluster struct {
	start, end int // code points
	width      int
	s          string
}

type class int

const (
	clSpace class = iota
	clBreak
	clWord
	clPunct
)

// Wrap lays out text at width columns. Paragraphs are separated by
// newlines; a blank line in the text is a blank line on screen. The width is
// at least 2, the widest a single grapheme can be.
func Wrap(text string, width int) *Layout {
	if width < 2 {
		width = 2
	}
	l := &Layout{Width: width, runes: []rune(text)}
	cls := splitClusters(text)
	toks := tokenize(cls)
	l.place(cls, toks)
	return l
}

// splitClusters breaks text into grapheme clusters with their widths.
func splitClusters(text string) []cluster {
	var out []cluster
	off := 0
	for len(text) > 0 {
		g, w := FirstCluster(text)
		if len(g) == 0 {
			_, size := utf8.DecodeRuneInString(text)
			g, w = text[:size], 1
		}
		n := utf8.RuneCountInString(g)
		out = append(out, cluster{start: off, end: off + n, width: w, s: g})
		off += n
		text = text[len(g):]
	}
	return out
}

func classify(c cluster) class {
	r, _ := utf8.DecodeRuneInString(c.s)
	switch {
	case r == '\n':
		return clBreak
	case unicode.IsSpace(r) && len(c.s) == utf8.RuneLen(r):
		return clSpace
	case unicode.IsSpace(r): // a space carrying a joiner or mark: keep it visible
		return clPunct
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return clWord
	case c.width >= 2: // emoji and other wide symbols count as words
		return clWord
	}
	return clPunct
}

func isJoiner(s string) bool {
	switch s {
	case "'", "’", "-", "‐", ".", "·", "_", "&":
		return true
	}
	return false
}

// tok is a token in cluster indexes, before placement.
type tok struct {
	from, to int // clusters [from, to)
	word     bool
}

// tokenize groups clusters into words and punctuation. A joiner stays inside
// a word when word characters follow it ("people's", "well-known", "U.S.");
// an abbreviation made of single letters and dots keeps its final dot.
func tokenize(cls []cluster) []tok {
	var out []tok
	for i := 0; i < len(cls); {
		switch classify(cls[i]) {
		case clSpace, clBreak:
			i++
		case clPunct:
			out = append(out, tok{from: i, to: i + 1})
			i++
		case clWord:
			j := i + 1
			for j < len(cls) {
				c := classify(cls[j])
				if c == clWord {
					j++
					continue
				}
				if isJoiner(cls[j].s) && j+1 < len(cls) && classify(cls[j+1]) == clWord {
					j += 2
					continue
				}
				break
			}
			if j < len(cls) && cls[j].s == "." && isAbbrev(cls[i:j]) {
				j++
			}
			out = append(out, tok{from: i, to: j, word: true})
			i = j
		}
	}
	return out
}

// isAbbrev: single letters separated by dots, as in "U.S" (before the last dot).
func isAbbrev(cls []cluster) bool {
	if len(cls) < 3 {
		return false
	}
	for k, c := range cls {
		if k%2 == 1 && c.s != "." || k%2 == 0 && classify(c) != clWord {
			return false
		}
	}
	return true
}

// place wraps tokens greedily; spaces at a wrap point are not shown.
func (l *Layout) place(cls []cluster, toks []tok) {
	line := []cluster{}
	lineStart := 0
	col := 0
	first := 0
	flush := func(end int, blank bool) {
		l.Lines = append(l.Lines, Line{Start: lineStart, End: end, First: first, N: len(l.Tokens) - first, Blank: blank})
		l.clusters = append(l.clusters, line)
		line = []cluster{}
		col = 0
		first = len(l.Tokens)
	}
	ti := 0
	i := 0
	atLineStart := true
	for i < len(cls) {
		c := cls[i]
		switch classify(c) {
		case clBreak:
			flush(c.start, len(line) == 0)
			i++
			lineStart = c.end
			atLineStart = true
			continue
		case clSpace:
			if atLineStart && len(line) == 0 && len(l.Lines) > 0 && !l.Lines[len(l.Lines)-1].Blank && l.Lines[len(l.Lines)-1].End == c.start {
				// a space where the line wrapped: swallowed
				i++
				lineStart = c.end
				continue
			}
			if col+c.width > l.Width {
				flush(c.start, false)
				lineStart = c.end
				atLineStart = true
				i++
				continue
			}
			line = append(line, c)
			col += c.width
			i++
			continue
		}
		// a token starts here
		t := toks[ti]
		ti++
		w := 0
		for k := t.from; k < t.to; k++ {
			w += cls[k].width
		}
		if col+w > l.Width && col > 0 {
			if k, runW := gluedRun(line); k > 0 && runW+w <= l.Width {
				// The token is glued to what precedes it ("lives,”"): carry
				// the whole run to the next line rather than start a line
				// with punctuation.
				run := append([]cluster(nil), line[k:]...)
				line = line[:k]
				for len(line) > 0 && classify(line[len(line)-1]) == clSpace {
					line = line[:len(line)-1]
				}
				moved := len(l.Tokens)
				for moved > first && l.Tokens[moved-1].Start >= run[0].start {
					moved--
				}
				l.Lines = append(l.Lines, Line{Start: lineStart, End: run[0].start, First: first, N: moved - first})
				l.clusters = append(l.clusters, line)
				x := 0
				for ti := moved; ti < len(l.Tokens); ti++ {
					t := &l.Tokens[ti]
					for x < len(run) && run[x].start < t.Start {
						x++
					}
					t.Line = len(l.Lines)
					t.Col = 0
					for _, rc := range run[:x] {
						t.Col += rc.width
					}
				}
				line = run
				col = runW
				first = moved
				lineStart = run[0].start
			} else {
				// trailing spaces stay on the previous line, unseen
				for len(line) > 0 && classify(line[len(line)-1]) == clSpace {
					col -= line[len(line)-1].width
					line = line[:len(line)-1]
				}
				flush(c.start, false)
				lineStart = c.start
			}
		}
		if w <= l.Width || col > 0 {
			l.Tokens = append(l.Tokens, Token{Start: cls[t.from].start, End: cls[t.to-1].end, Line: len(l.Lines), Col: col, Width: w, Word: t.word})
			line = append(line, cls[t.from:t.to]...)
			col += w
		} else {
			// a token wider than the screen (a long URL): hard-break it,
			// one token piece per line so every cell still maps to text.
			k := t.from
			for k < t.to {
				pw, pstart := 0, k
				for k < t.to && (pw+cls[k].width <= l.Width || pw == 0) {
					pw += cls[k].width
					k++
				}
				l.Tokens = append(l.Tokens, Token{Start: cls[pstart].start, End: cls[k-1].end, Line: len(l.Lines), Col: col, Width: pw, Word: t.word})
				line = append(line, cls[pstart:k]...)
				col += pw
				if k < t.to {
					flush(cls[k].start, false)
					lineStart = cls[k].start
				}
			}
		}
		atLineStart = false
		i = t.to
	}
	end := len(l.runes)
	if len(line) > 0 || len(l.Lines) == 0 || lineStart < end {
		flush(end, len(line) == 0)
	}
}

// gluedRun finds the clusters at the end of a line that are not separated
// by a space from what comes next: it returns where they start and their
// width; k is 0 when the whole line is one run (nowhere to break).
func gluedRun(line []cluster) (k, width int) {
	k = len(line)
	for k > 0 && classify(line[k-1]) != clSpace {
		k--
		width += line[k].width
	}
	if k == len(line) {
		return 0, 0 // the line ends in a space: the token is not glued
	}
	return k, width
}

// Text returns the code points [start, end) of the laid-out text.
func (l *Layout) Text(start, end int) string {
	if start < 0 {
		start = 0
	}
	if end > len(l.runes) {
		end = len(l.runes)
	}
	if start >= end {
		return ""
	}
	return string(l.runes[start:end])
}

// Len is the text's length in code points.
func (l *Layout) Len() int { return len(l.runes) }

// TokenAt returns the index of the token containing offset, or the first
// token after it; len(Tokens) when there is none.
func (l *Layout) TokenAt(offset int) int {
	return sort.Search(len(l.Tokens), func(i int) bool { return l.Tokens[i].End > offset })
}

// LineOf returns the screen line showing offset.
func (l *Layout) LineOf(offset int) int {
	i := sort.Search(len(l.Lines), func(i int) bool { return l.Lines[i].End > offset })
	if i == len(l.Lines) {
		return len(l.Lines) - 1
	}
	return i
}

// OffsetAt returns the code point shown at (line, col), or -1 for an empty cell.
func (l *Layout) OffsetAt(line, col int) int {
	if line < 0 || line >= len(l.clusters) {
		return -1
	}
	x := 0
	for _, c := range l.clusters[line] {
		if col >= x && col < x+c.width {
			return c.start
		}
		x += c.width
	}
	return -1
}

// Mark styles the code points [Start, End) with Style (an index into the
// styles given to RenderLine); later marks win where they overlap.
type Mark struct {
	Start, End int
	Style      int
}

// RenderLine returns screen line i with marks applied. Style 0 is plain
// text; styles[k] renders a run of text in style k. The result is exactly
// as wide as the clusters it shows: styles must not add or remove cells.
func (l *Layout) RenderLine(i int, marks []Mark, styles []func(string) string) string {
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
		if cur > 0 && cur < len(styles) && styles[cur] != nil {
			b.WriteString(styles[cur](run.String()))
		} else {
			b.WriteString(run.String())
		}
		run.Reset()
	}
	for _, c := range l.clusters[i] {
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
	emit()
	return b.String()
}

// LineWidth is the display width of screen line i.
func (l *Layout) LineWidth(i int) int {
	w := 0
	for _, c := range l.clusters[i] {
		w += c.width
	}
	return w
}
