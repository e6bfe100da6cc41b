package corpus

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdownText turns a Markdown body into plain prose from goldmark's
// parse tree: every character it keeps is a slice of the source (link
// text, code exactly as written, a list item's marker), blocks are
// separated by a blank line and a paragraph keeps its line breaks, so the
// cleaner sees the paragraphs the writer made. Heading marks, emphasis
// markers, link targets, images, HTML and link definitions go.
func markdownText(s string) string {
	w := markdownWrite(s)
	return string(w.b)
}

// markdownInline is the plain text of one line of Markdown.
func markdownInline(line string) string {
	return strings.TrimSpace(strings.ReplaceAll(markdownText(line), "\n", " "))
}

// MarkdownText is what the reader makes of a Markdown file (its text after
// model.Sanitize): the body's prose, as the article's raw text, and the
// map from that prose's code points back to the file's.
func MarkdownText(file string) (string, SourceMap) {
	_, rest := splitFrontMatter(file)
	w := markdownWrite(rest)
	m := newSourceMap(rest, w)
	m.shift(utf8.RuneCountInString(file[:len(file)-len(rest)]))
	return string(w.b), m
}

func markdownWrite(s string) *mdWriter {
	src := []byte(s)
	doc := mdParser().Parse(text.NewReader(src))
	w := &mdWriter{src: src}
	w.block(doc)
	w.trimRight()
	return w
}

// mdWriter collects the text of a parse tree and, for each byte it
// writes, where in the source it came from (-1 for what it wrote itself:
// a list marker, a line break, a blank line between blocks).
type mdWriter struct {
	src  []byte
	b    []byte
	at   []int32
	last int // the source offset written last: where an autolink's label is looked for
}

func (w *mdWriter) sub() *mdWriter { return &mdWriter{src: w.src, last: w.last} }

// gen writes text of our own.
func (w *mdWriter) gen(s string) {
	w.b = append(w.b, s...)
	for range len(s) {
		w.at = append(w.at, -1)
	}
}

// copySrc writes src[lo:hi] as it is.
func (w *mdWriter) copySrc(lo, hi int) {
	w.b = append(w.b, w.src[lo:hi]...)
	for k := lo; k < hi; k++ {
		w.at = append(w.at, int32(k))
	}
	w.last = max(w.last, hi)
}

// stands writes v, which stands for src[lo:hi] (escapes and entities
// resolved): byte for byte when it is that slice, else each byte at the
// next source byte that equals it ("\\*" gives "*" at the star), or where
// the last one stopped when none does (an entity's é).
func (w *mdWriter) stands(v []byte, lo, hi int) {
	if bytes.Equal(v, w.src[lo:hi]) {
		w.copySrc(lo, hi)
		return
	}
	w.b = append(w.b, v...)
	j := lo
	for _, c := range v {
		at := min(j, max(lo, hi-1))
		if k := bytes.IndexByte(w.src[j:hi], c); k >= 0 {
			at = j + k
			j = at + 1
		}
		w.at = append(w.at, int32(at))
	}
	w.last = max(w.last, hi)
}

// put appends another writer's bytes and their places.
func (w *mdWriter) put(o *mdWriter) {
	w.b = append(w.b, o.b...)
	w.at = append(w.at, o.at...)
	w.last = max(w.last, o.last)
}

func (w *mdWriter) trimRight() {
	n := len(bytes.TrimRight(w.b, "\n"))
	w.b, w.at = w.b[:n], w.at[:n]
}

func (w *mdWriter) endsNewline() bool { return len(w.b) > 0 && w.b[len(w.b)-1] == '\n' }

// sep ends the block written last with a blank line.
func (w *mdWriter) sep() {
	switch {
	case len(w.b) == 0, bytes.HasSuffix(w.b, []byte("\n\n")):
	case w.endsNewline():
		w.gen("\n")
	default:
		w.gen("\n\n")
	}
}

func (w *mdWriter) block(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading, *ast.Paragraph, *ast.TextBlock:
			w.sep()
			w.para(c)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			w.sep()
			lines := c.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				w.stands(seg.Value(w.src), seg.Start, seg.Stop)
			}
		case *ast.List:
			w.list(c)
		case *ast.HTMLBlock, *ast.ThematicBreak:
			// markup, not prose
		default:
			w.block(c) // block quotes, list items, anything else with children
		}
	}
}

// list writes each item on its own line, with its marker ("-", "1."), so
// the cleaner still sees a list.
func (w *mdWriter) list(l *ast.List) {
	w.sep()
	num := l.Start
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		if !w.endsNewline() && len(w.b) > 0 {
			w.gen("\n")
		}
		if l.IsOrdered() {
			w.gen(strconv.Itoa(num) + string(l.Marker) + " ")
			num++
		} else {
			w.gen(string(l.Marker) + " ")
		}
		first := true
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				if !first {
					w.gen("\n")
				}
				w.para(c)
			case *ast.List:
				w.gen("\n")
				w.list(c)
			default:
				sub := w.sub()
				sub.block(c)
				sub.trimRight()
				if len(sub.b) > 0 {
					if !first {
						w.gen("\n")
					}
					w.put(sub)
				}
			}
			first = false
		}
	}
	w.gen("\n")
}

// para writes a paragraph's text, each line trimmed (a dropped image or
// tag leaves no space behind).
func (w *mdWriter) para(n ast.Node) {
	sub := w.sub()
	sub.inline(n)
	sub.trimRight()
	for i, line := 0, 0; line <= len(sub.b); line++ {
		if line < len(sub.b) && sub.b[line] != '\n' {
			continue
		}
		lo, hi := i, line
		for lo < hi && isSpaceByte(sub.b[lo]) {
			lo++
		}
		for hi > lo && isSpaceByte(sub.b[hi-1]) {
			hi--
		}
		if i > 0 {
			w.b, w.at = append(w.b, '\n'), append(w.at, sub.at[i-1])
		}
		w.b, w.at = append(w.b, sub.b[lo:hi]...), append(w.at, sub.at[lo:hi]...)
		i = line + 1
	}
	w.last = max(w.last, sub.last)
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\v' || b == '\f' }

// inline writes the text under n.
func (w *mdWriter) inline(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment
			v := seg.Value(w.src)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			w.stands(v, seg.Start, seg.Stop)
			if c.SoftLineBreak() || c.HardLineBreak() {
				w.gen("\n")
			}
		case *ast.String:
			w.gen(string(c.Value))
		case *ast.CodeSpan:
			// Code exactly as written: its asterisks and underscores stay.
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					w.copySrc(t.Segment.Start, t.Segment.Stop)
				}
			}
		case *ast.AutoLink:
			label := c.Label(w.src)
			if k := bytes.Index(w.src[w.last:], label); k >= 0 {
				w.copySrc(w.last+k, w.last+k+len(label))
			} else {
				w.gen(string(label))
			}
		case *ast.Image, *ast.RawHTML:
			// a picture, a tag: not prose
		case *ast.Emphasis:
			w.emphasis(c)
		default:
			w.inline(c) // links (their text), strikethrough, anything else
		}
	}
}

// emphasis writes an emphasis's text; inside a word ("2*3*4") the markers
// are kept, as they are more likely arithmetic or a name than emphasis.
func (w *mdWriter) emphasis(e *ast.Emphasis) {
	src := w.src
	lo, hi := mdSpan(e, src)
	d := e.Level
	if lo-d-1 >= 0 && hi+d < len(src) && lo >= d && isWordByte(src[lo-d-1]) && isWordByte(src[hi+d]) && src[lo-1] == '*' {
		w.copySrc(lo-d, lo)
		w.inline(e)
		w.copySrc(hi, hi+d)
		return
	}
	w.inline(e)
}

// mdSpan is the source range of an inline node's text (-1, -1 if none).
func mdSpan(n ast.Node, src []byte) (int, int) {
	lo, hi := -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			if lo < 0 || t.Segment.Start < lo {
				lo = t.Segment.Start
			}
			hi = max(hi, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	return lo, hi
}

func isWordByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// SourceMap maps the code points of a Markdown file's prose (MarkdownText)
// back to the file's code points, as runs: text [out, out+n) came from
// source [src, src+n), or, for a run that is not exact (a resolved entity
// or escape, a marker or line break the prose was given), every code
// point of it from src.
type SourceMap struct {
	runs []mdRun
}

type mdRun struct {
	out, src, n int
	exact       bool
}

// Source is the file's code point that text code point cp came from. A
// character the prose was given (a list marker, a line break between
// blocks) maps to where the text after it comes from.
func (m SourceMap) Source(cp int) int {
	k := sort.Search(len(m.runs), func(k int) bool { return m.runs[k].out+m.runs[k].n > cp })
	if k == len(m.runs) {
		if len(m.runs) == 0 {
			return 0
		}
		r := m.runs[len(m.runs)-1]
		return r.src + r.n*b2i(r.exact)
	}
	r := m.runs[k]
	if r.exact && cp >= r.out {
		return r.src + cp - r.out
	}
	return r.src
}

// SourceRange is the file's range of code points that the text's range
// [start, end) came from.
func (m SourceMap) SourceRange(start, end int) (int, int) {
	if end <= start {
		s := m.Source(start)
		return s, s
	}
	return m.Source(start), m.Source(end-1) + 1
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (m *SourceMap) shift(by int) {
	for k := range m.runs {
		m.runs[k].src += by
	}
}

// newSourceMap turns a writer's byte places into code point runs.
func newSourceMap(src string, w *mdWriter) SourceMap {
	// Each text code point's source byte (its first byte's); what the
	// prose was given takes the next known place, else the last.
	var places []int
	var given []bool
	for i := 0; i < len(w.b); {
		_, size := utf8.DecodeRune(w.b[i:])
		places = append(places, int(w.at[i]))
		given = append(given, w.at[i] < 0)
		i += size
	}
	next := len(src)
	for k := len(places) - 1; k >= 0; k-- {
		if places[k] < 0 {
			places[k] = next
		} else {
			next = places[k]
		}
	}
	// Source bytes to code points, walking forward (places rarely go back).
	lastB, lastCP := 0, 0
	toCP := func(b int) int {
		b = min(b, len(src))
		if b < lastB {
			lastB, lastCP = 0, 0
		}
		lastCP += utf8.RuneCountInString(src[lastB:b])
		lastB = b
		return lastCP
	}
	var m SourceMap
	for k, p := range places {
		exact := !given[k]
		s := toCP(p)
		if n := len(m.runs); n > 0 {
			r := &m.runs[n-1]
			if exact && r.exact && s == r.src+r.n {
				r.n++
				continue
			}
			if !exact && !r.exact && s == r.src {
				r.n++
				continue
			}
		}
		m.runs = append(m.runs, mdRun{out: k, src: s, n: 1, exact: exact})
	}
	return m
}
