package quote

import (
	"sort"
	"unicode"

	"storydesk/model/wordtok"
)

// Quotation marks: finding paragraphs and pairing marks into quotations.
//
// Double marks (straight and curly, low-high „“ and „”) and guillemets
// (« » either way round) are paired per paragraph. Curly glyphs say which
// way they face, but scraped text mixes them up, so a mark's role comes from
// its glyph and its neighbours together: a straight " opens when it is
// followed by text and preceded by space or an opening bracket, and closes
// the other way round; any double mark may close a quotation opened by any
// other. A quotation left open at the end of a paragraph continues into the
// next one when that paragraph opens with a mark (the news convention for
// long quotations); otherwise it stops at the paragraph end, so an unbalanced
// mark never swallows the rest of the article.
//
// Single marks are also apostrophes. They are paired only where they face
// each other across text: an opener after space or an opening mark and
// before a letter, a closer after text and before space or punctuation, and
// not the elisions that look like openers (’90s, 'n', 'em, 'til). A closer
// after a plural s ("Liberators' Caribbean") gives way to a better closer
// further on.

const (
	qfDouble byte = 1 + iota
	qfGuil
	qfSingle
)

const (
	qrNone = iota
	qrOpen
	qrClose
	qrAmb    // a straight mark between two words or two brackets
	qrSpaced // a straight mark with space on both sides
)

// qRaw is one quotation found by pairing marks.
type qRaw struct {
	open, close int // mark positions (code points); close is -1 when unclosed
	s, e        int // the quoted words, trimmed
	end         int // just past the closing mark (or the cap when unclosed)
	p0, p1      int // first and last paragraph
	fam         byte
	nested      bool
}

type qSpan struct{ s, e int }

func qMarkFam(r rune) byte {
	switch r {
	case '"', '“', '”', '„', '‟', '＂', '〝', '〞', '〟':
		return qfDouble
	case '«', '»':
		return qfGuil
	case '\'', '‘', '’', '‚', '‛':
		return qfSingle
	}
	return 0
}

func qSpace(r rune) bool { return r == 0 || unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }

// qOpenish: a rune after which a mark can open a quotation.
func qOpenish(r rune) bool {
	if qSpace(r) || qMarkFam(r) != 0 {
		return true
	}
	switch r {
	case '(', '[', '{', '<', '—', '–', '-', '‐', '‒', '―', '/', '…', ':', '¿', '¡':
		return true
	}
	return false
}

// qCloseish: a rune before which a mark can close a quotation.
func qCloseish(r rune) bool {
	if qSpace(r) || qMarkFam(r) != 0 {
		return true
	}
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '—', '–', '-', '‐', '‒', '―', '/', '…', '*':
		return true
	}
	return false
}

func (x *qDoc) at(i int) rune {
	if i < 0 || i >= len(x.rs) {
		return 0
	}
	return x.rs[i]
}

// findParas splits the text into paragraphs: blank lines always separate
// them, and so does a single line break unless it looks like a hard wrap
// (no sentence end before it, a lower-case letter after it).
func (x *qDoc) findParas() {
	rs := x.rs
	for i, r := range rs {
		if qMarkFam(r) != 0 || r == '`' {
			x.markPos = append(x.markPos, i)
		}
	}
	cur := qSpan{-1, -1}
	ls := 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && rs[i] != '\n' {
			continue
		}
		s, e := ls, i
		ls = i + 1
		for s < e && qSpace(rs[s]) {
			s++
		}
		for e > s && qSpace(rs[e-1]) {
			e--
		}
		if s == e {
			if cur.s >= 0 {
				x.paras = append(x.paras, cur)
				cur.s = -1
			}
			continue
		}
		if cur.s >= 0 && !qSoftWrap(rs[cur.e-1], rs[s]) {
			x.paras = append(x.paras, cur)
			cur.s = -1
		}
		if cur.s < 0 {
			cur = qSpan{s, e}
		} else {
			cur.e = e
		}
	}
	if cur.s >= 0 {
		x.paras = append(x.paras, cur)
	}
}

func qSoftWrap(last, first rune) bool {
	switch last {
	case '.', '!', '?', ':', ';', '…', ')', ']':
		return false
	}
	if qMarkFam(last) != 0 {
		return false
	}
	return unicode.IsLower(first)
}

// dblAt returns the double mark at i as the glyph it stands for, and its
// width: scraped text writes ’’ or ” for a closing mark and ‘‘ or “ for an
// opening one. It is 0 when no double mark starts at i.
func (x *qDoc) dblAt(i int) (rune, int) {
	r := x.rs[i]
	if qMarkFam(r) == qfDouble {
		return r, 1
	}
	switch r {
	case '’', '\'', '‘', '`':
		if x.at(i+1) == r && x.at(i-1) != r && x.at(i+2) != r {
			switch r {
			case '’':
				return '”', 2
			case '\'':
				return '"', 2
			}
			return '“', 2
		}
	}
	return 0, 0
}

// dblRole says how a double mark can act.
func (x *qDoc) dblRole(i int) int {
	r, w := x.dblAt(i)
	p, n := x.at(i-1), x.at(i+w)
	lf := !qSpace(n) && qOpenish(p)
	rf := !qSpace(p) && qCloseish(n)
	switch r {
	case '“', '〝':
		if rf && !lf && r == '“' {
			return qrClose // German closer, or a sloppy one
		}
		if !qSpace(n) || qSpace(p) {
			return qrOpen // “ spaced out on both sides still opens
		}
		return qrClose
	case '”', '〞', '〟':
		if rf {
			return qrClose
		}
		if lf && (unicode.IsLetter(n) || unicode.IsDigit(n)) {
			return qrOpen
		}
		return qrClose
	case '„', '‟':
		if !qSpace(n) {
			return qrOpen
		}
	default:
		switch {
		case lf && !rf:
			return qrOpen
		case rf && !lf:
			return qrClose
		case lf && rf, !qSpace(p) && !qSpace(n):
			return qrAmb
		case qSpace(p) && qSpace(n):
			return qrSpaced
		}
	}
	return qrNone
}

// spacedOpens: outside a quotation, a straight mark with space on both
// sides (" Trading Nation") opens one when words follow and another double
// mark later in the paragraph can close it.
func (x *qDoc) spacedOpens(i, pe int) bool {
	j := i + 1
	for j < pe && qSpace(x.rs[j]) {
		j++
	}
	if j >= pe || !(unicode.IsLetter(x.rs[j]) || unicode.IsDigit(x.rs[j])) {
		return false
	}
	for k := j; k < pe; k++ {
		if _, w := x.dblAt(k); w > 0 {
			return true
		}
	}
	// or the next paragraph continues it
	if pi := x.paraOf(i); pi+1 < len(x.paras) {
		_, w := x.dblAt(x.paras[pi+1].s)
		return w > 0
	}
	return false
}

// ambOpens: outside a quotation, an ambiguous straight mark opens one when
// text follows it ("said:\"Yes" lost its space).
func (x *qDoc) ambOpens(i int) bool {
	n := x.at(i + 1)
	return unicode.IsLetter(n) || unicode.IsDigit(n) || n == '…' || n == '.'
}

// guilRole: guillemets face by glyph; rev is the »German« order.
func (x *qDoc) guilRole(i int, rev bool) int {
	if (x.rs[i] == '«') != rev {
		return qrOpen
	}
	return qrClose
}

// marksIn lists the positions of marks of one family in a paragraph.
func (x *qDoc) marksIn(p qSpan, fam byte, buf []int) []int {
	buf = buf[:0]
	k := sort.SearchInts(x.markPos, p.s)
	for ; k < len(x.markPos) && x.markPos[k] < p.e; k++ {
		i := x.markPos[k]
		if fam == qfDouble {
			// dblAt is 0 on the second half of ’’
			if _, w := x.dblAt(i); w > 0 {
				buf = append(buf, i)
			}
			continue
		}
		if qMarkFam(x.rs[i]) == fam {
			buf = append(buf, i)
		}
	}
	return buf
}

func (x *qDoc) role(i int, fam byte, rev bool) int {
	if fam == qfGuil {
		return x.guilRole(i, rev)
	}
	return x.dblRole(i)
}

// pairFamily pairs the double marks or the guillemets of the whole text.
func (x *qDoc) pairFamily(fam byte) {
	cur, curP := -1, 0
	rev := false
	var ms []int
	for pi, p := range x.paras {
		ms = x.marksIn(p, fam, ms)
		k := 0
		if cur >= 0 {
			k = 1 // the continuation mark checked below, at the previous paragraph's end
		} else if fam == qfGuil && len(ms) > 0 {
			rev = x.rs[ms[0]] == '»' && !qSpace(x.at(ms[0]+1))
		}
		for ; k < len(ms); k++ {
			m := ms[k]
			role := x.role(m, fam, rev)
			if cur < 0 {
				if role == qrOpen || role == qrAmb && x.ambOpens(m) || role == qrSpaced && x.spacedOpens(m, p.e) {
					cur, curP = m, pi
				}
				continue
			}
			switch role {
			case qrClose, qrAmb, qrSpaced:
				x.emit(cur, m, m, m+x.markWidth(m, fam), curP, pi, fam)
				cur = -1
			case qrOpen:
				// A new quotation opens while one is still open: the first
				// lost its closing mark.
				x.emit(cur, -1, m, m, curP, pi, fam)
				cur, curP = m, pi
			}
		}
		if cur < 0 {
			continue
		}
		if pi+1 < len(x.paras) && x.continues(x.paras[pi+1], fam, rev) && x.hasLetter(cur+1, p.e) {
			continue
		}
		x.emit(cur, -1, p.e, p.e, curP, pi, fam)
		cur = -1
	}
}

func (x *qDoc) markWidth(i int, fam byte) int {
	if fam == qfDouble {
		_, w := x.dblAt(i)
		return w
	}
	return 1
}

// continues: the paragraph opens with a mark that can open a quotation.
func (x *qDoc) continues(p qSpan, fam byte, rev bool) bool {
	i := p.s
	if fam == qfGuil {
		return qMarkFam(x.rs[i]) == fam // French continues with « or », German with »
	}
	if _, w := x.dblAt(i); w == 0 {
		return false
	}
	role := x.dblRole(i)
	return role == qrOpen || role == qrAmb || role == qrSpaced
}

func (x *qDoc) hasLetter(s, e int) bool {
	for i := s; i < e; i++ {
		if unicode.IsLetter(x.rs[i]) || unicode.IsDigit(x.rs[i]) {
			return true
		}
	}
	return false
}

// emit records the quotation opened at open and ending at contentEnd (the
// closing mark, or the cap), unless it holds no words.
func (x *qDoc) emit(open, close, contentEnd, end, p0, p1 int, fam byte) {
	s, e := x.trim(open+x.markWidth(open, fam), contentEnd)
	if !x.hasLetter(s, e) {
		return
	}
	if close < 0 {
		end = e
	}
	x.quotes = append(x.quotes, qRaw{open: open, close: close, s: s, e: e, end: end, p0: p0, p1: p1, fam: fam})
}

// trim narrows [s,e) to the quoted words: no surrounding space, and no
// trailing comma (the sentence's punctuation, put inside the marks by
// American style). A sign that prefixes what follows it (U+0600 ARABIC
// NUMBER SIGN) prefixes nothing at the end, and would end the quotation
// inside a grapheme (it is one with the space or mark after it): trimmed.
func (x *qDoc) trim(s, e int) (int, int) {
	for s < e && qSpace(x.rs[s]) {
		s++
	}
	for e > s && (qSpace(x.rs[e-1]) || x.rs[e-1] == ',' || wordtok.Prepended(x.rs[e-1])) {
		e--
	}
	return s, e
}

// dropOverlaps keeps, of overlapping quotations, the one that opens first
// (guillemets inside double marks are a quotation within a quotation).
func (x *qDoc) dropOverlaps() {
	sort.Slice(x.quotes, func(a, b int) bool { return x.quotes[a].open < x.quotes[b].open })
	out := x.quotes[:0]
	last := -1
	for _, q := range x.quotes {
		if q.open < last {
			continue
		}
		out = append(out, q)
		last = q.end
	}
	x.quotes = out
}

// paraOf returns the paragraph holding code point i.
func (x *qDoc) paraOf(i int) int {
	return sort.Search(len(x.paras), func(k int) bool { return x.paras[k].e > i })
}

// singles pairs single marks within [s,e) of one paragraph.
func (x *qDoc) singles(s, e, p int, nested bool) []qRaw {
	var out []qRaw
	var stack []int
	for i := s; i < e; i++ {
		if qMarkFam(x.rs[i]) != qfSingle {
			continue
		}
		if _, w := x.dblAt(i); w == 2 {
			i++ // ’’ stands for a double mark
			continue
		}
		if len(stack) > 0 && x.sglCloses(i) {
			if x.sglWeak(i) && x.strongCloserAhead(i+1, e) {
				continue
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			qs, qe := x.trim(o+1, i)
			if x.hasLetter(qs, qe) {
				out = append(out, qRaw{open: o, close: i, s: qs, e: qe, end: i + 1, p0: p, p1: p, fam: qfSingle, nested: nested})
			}
			continue
		}
		if x.sglOpens(i) {
			stack = append(stack, i)
		}
	}
	// Innermost pairs were found first; report in text order.
	sort.Slice(out, func(a, b int) bool { return out[a].open < out[b].open })
	return out
}

func (x *qDoc) sglOpens(i int) bool {
	p, n := x.at(i-1), x.at(i+1)
	if !qOpenish(p) || qSpace(n) {
		return false
	}
	if !(unicode.IsLetter(n) || unicode.IsDigit(n) || n == '…' || n == '.') {
		return false
	}
	return !x.elision(i)
}

func (x *qDoc) sglCloses(i int) bool {
	r, p, n := x.rs[i], x.at(i-1), x.at(i+1)
	if r == '‚' || r == '‛' || qSpace(p) || !qCloseish(n) {
		return false
	}
	// the closing half of "rock 'n' roll"
	if (p == 'n' || p == 'N') && i >= 2 && qMarkFam(x.rs[i-2]) == qfSingle && qSpace(x.at(i-3)) {
		return false
	}
	return true
}

// sglWeak: a closer that may be a plural possessive ("the Liberators'
// Caribbean").
func (x *qDoc) sglWeak(i int) bool {
	p, n := x.at(i-1), x.at(i+1)
	return (p == 's' || p == 'S' || p == 'z') && qSpace(n) && unicode.IsLetter(x.at(i+2))
}

func (x *qDoc) strongCloserAhead(s, e int) bool {
	for i := s; i < e; i++ {
		if qMarkFam(x.rs[i]) == qfSingle {
			if x.sglOpens(i) {
				return false
			}
			if x.sglCloses(i) && !x.sglWeak(i) {
				return true
			}
		}
	}
	return false
}

// qElisions are words that start with an apostrophe.
var qElisions = qSet("n", "em", "til", "tis", "twas", "cause", "bout", "round", "cept", "fraid",
	"nuff", "neath", "scuse", "twere", "ello", "sup", "ow")

// elision: the single mark at i starts an elided word (’90s, 'em, 'n').
func (x *qDoc) elision(i int) bool {
	j := i + 1
	if unicode.IsDigit(x.at(j)) {
		k := j
		for unicode.IsDigit(x.at(k)) {
			k++
		}
		return k-j == 2 && !unicode.IsDigit(x.at(k))
	}
	k := j
	for unicode.IsLetter(x.at(k)) {
		k++
	}
	if k == j || k-j > 5 {
		return false
	}
	w := make([]rune, 0, 5)
	for _, r := range x.rs[j:k] {
		w = append(w, unicode.ToLower(r))
	}
	return qElisions[string(w)]
}

func qSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
