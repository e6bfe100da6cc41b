package speaker

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"storydesk/model"
	"storydesk/model/newslex"
)

// The frame: the text as tokens, each quotation one opaque token, cut into
// sentences. Attribution reads the frame, so words inside a quotation never
// pass for a cue or a speaker, and a sentence end inside a quotation does
// not cut the sentence that carries it.

const (
	qtWord byte = 1 + iota
	qtPunct
	qtQuote
	qtPara
)

type qTok struct {
	s, e   int // code points
	bs, be int // bytes in the source text
	k      byte
	cap    bool   // a word starting with an upper-case letter (or al-X, d'X)
	q      int    // quotation index, for qtQuote
	sent   int    // sentence index
	lw     string // lower-case word with straight apostrophes, for words
	r      rune   // the rune, for punctuation
}

type qSent struct {
	a, b int // token range
	para int
}

// tokenize builds the frame from the top-level quotations (sorted by open).
func (x *qDoc) tokenize() {
	rs := x.rs
	qi := 0
	cur := qCursor{s: x.src}
	x.toks = make([]qTok, 0, len(rs)/5+8)
	for pi := 0; pi < len(x.paras); pi++ {
		if pi > 0 {
			x.toks = append(x.toks, qTok{k: qtPara, s: x.paras[pi].s, e: x.paras[pi].s})
		}
		i, pe := x.paras[pi].s, x.paras[pi].e
		for i < pe {
			for qi < len(x.quotes) && x.quotes[qi].open < i {
				qi++ // cannot happen with sorted, disjoint quotations
			}
			if qi < len(x.quotes) && x.quotes[qi].open == i {
				q := &x.quotes[qi]
				q.tok = len(x.toks)
				x.toks = append(x.toks, qTok{k: qtQuote, s: i, e: q.end, bs: cur.byteAt(i), be: cur.byteAt(q.end), q: qi})
				i = q.end
				if q.p1 > pi {
					pi = q.p1
					pe = x.paras[pi].e
				}
				qi++
				continue
			}
			r := rs[i]
			switch {
			case qSpace(r):
				i++
			case model.IsWordRune(r):
				j := x.wordEnd(i)
				bs := cur.byteAt(i)
				be := cur.byteAt(j)
				w := x.src[bs:be]
				lw := strings.ToLower(w)
				if strings.ContainsRune(lw, '’') {
					lw = strings.ReplaceAll(lw, "’", "'")
				}
				x.toks = append(x.toks, qTok{k: qtWord, s: i, e: j, bs: bs, be: be, lw: lw, cap: x.capWord(i, j)})
				i = j
			default:
				bs := cur.byteAt(i)
				x.toks = append(x.toks, qTok{k: qtPunct, s: i, e: i + 1, bs: bs, be: cur.byteAt(i + 1), r: r})
				i++
			}
		}
	}
}

// wordEnd returns the end of the word starting at i. Apostrophes and hyphens
// between letters, points in initialisms (U.S.) and separators in numbers
// stay inside.
func (x *qDoc) wordEnd(i int) int {
	rs := x.rs
	j := i + 1
	dotted := false
	for j < len(rs) {
		r := rs[j]
		if model.IsWordRune(r) {
			j++
			continue
		}
		if j+1 < len(rs) && model.IsWordRune(rs[j+1]) {
			prev := rs[j-1]
			switch r {
			case '\'', '’', 'ʼ':
				if unicode.IsLetter(prev) {
					j++
					continue
				}
			case '-', '‐', '‑', '&':
				if model.IsWordRune(prev) {
					j++
					continue
				}
			case '.':
				// initialisms: single letters between points
				if unicode.IsLetter(prev) && (j-1 == i || rs[j-2] == '.') && !unicode.IsLetter(x.at(j+2)) && unicode.IsLetter(rs[j+1]) {
					dotted = true
					j++
					continue
				}
				if unicode.IsDigit(prev) && unicode.IsDigit(rs[j+1]) {
					j++
					continue
				}
			case ',':
				if unicode.IsDigit(prev) && unicode.IsDigit(rs[j+1]) {
					j++
					continue
				}
			}
		}
		break
	}
	if dotted && j < len(rs) && rs[j] == '.' {
		j++
	}
	return j
}

// capWord: the word reads as a capitalised (name) word.
func (x *qDoc) capWord(i, j int) bool {
	r := x.rs[i]
	if unicode.IsUpper(r) || unicode.IsTitle(r) {
		return true
	}
	// al-Assad, el-Sisi, d'Alembert, bin-Salman
	for k := i; k < j && k-i < 4; k++ {
		if x.rs[k] == '-' || x.rs[k] == '\'' || x.rs[k] == '’' {
			return k+1 < j && unicode.IsUpper(x.rs[k+1])
		}
	}
	return false
}

func (x *qDoc) isPunct(t int, rs ...rune) bool {
	if t < 0 || t >= len(x.toks) || x.toks[t].k != qtPunct {
		return false
	}
	for _, r := range rs {
		if x.toks[t].r == r {
			return true
		}
	}
	return false
}

// word is token t as written.
func (x *qDoc) word(t int) string { return x.src[x.toks[t].bs:x.toks[t].be] }

func (x *qDoc) isWord(t int) bool { return t >= 0 && t < len(x.toks) && x.toks[t].k == qtWord }

// splitSentences cuts the frame into sentences. A paragraph break always
// ends one; so does . ! ? … before a capital, unless it ends an
// abbreviation, and so does a quotation ending with such a mark, unless an
// attribution follows it ("“Why not?” Petro asked").
func (x *qDoc) splitSentences() {
	start := 0
	para := 0
	flush := func(end int) {
		if end > start {
			x.sents = append(x.sents, qSent{a: start, b: end, para: para})
			for t := start; t < end; t++ {
				x.toks[t].sent = len(x.sents) - 1
			}
		}
		start = end
	}
	for t := 0; t < len(x.toks); t++ {
		tk := &x.toks[t]
		if tk.k == qtPara {
			flush(t)
			start = t + 1
			tk.sent = -1
			para = x.paraOf(tk.s)
			continue
		}
		if x.endsSentence(t, start) {
			flush(t + 1)
		}
	}
	flush(len(x.toks))
}

func qTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func (x *qDoc) endsSentence(t, start int) bool {
	n := t + 1
	// a closing bracket after a sentence mark: "(… left.) The …"
	if x.isPunct(t, ')', ']') && t > 0 && x.toks[t-1].k == qtPunct && qTerminal(x.toks[t-1].r) {
		t--
	}
	if n >= len(x.toks) || x.toks[n].k == qtPara {
		return false
	}
	tk, next := &x.toks[t], &x.toks[n]
	startsNew := next.k == qtQuote || next.k == qtWord && (next.cap || unicode.IsDigit(x.rs[next.s]))
	switch tk.k {
	case qtPunct:
		if !qTerminal(tk.r) {
			return false
		}
		if next.k == qtPunct && (qTerminal(next.r) || next.r == ')') {
			return false
		}
		if tk.r == '.' && t > 0 && x.toks[t-1].k == qtWord && x.toks[t-1].e == tk.s {
			pw := &x.toks[t-1]
			if newslex.Abbrevs[pw.lw] && !(pw.lw == "no" && next.k == qtWord && !unicode.IsDigit(x.rs[next.s])) {
				return false
			}
			if x.toks[t-1].e-x.toks[t-1].s == 1 && pw.cap {
				return false // an initial
			}
		}
		if next.k == qtPunct && qMark(next.r) {
			return true // a stray mark starting the next sentence
		}
		return startsNew
	case qtWord:
		// an initialism ending the sentence: "… in the U.S. The …"
		if strings.HasSuffix(tk.lw, ".") {
			return next.k == qtWord && next.cap && newslex.FuncCap[next.lw]
		}
	case qtQuote:
		q := &x.quotes[tk.q]
		if q.close < 0 || q.e <= q.s || !qTerminal(x.rs[q.e-1]) {
			return false
		}
		if next.k == qtQuote {
			return true
		}
		if next.k == qtWord && next.cap {
			// "“Why not?” Petro asked." continues the sentence, but only
			// for a quotation that opened it and ends with ? or !: after
			// "Petro said the move was “a crime.”" or "“We won.”" a new
			// sentence begins.
			if x.rs[q.e-1] == '.' {
				return true
			}
			for k := start; k < t; k++ {
				if x.toks[k].k == qtWord {
					return true
				}
			}
			_, _, ok := x.attrAt(n, len(x.toks))
			return !ok
		}
	}
	return false
}

// qCursor converts increasing code point positions to byte offsets.
type qCursor struct {
	s    string
	r, b int
}

func (c *qCursor) byteAt(r int) int {
	if r < c.r {
		c.r, c.b = 0, 0
	}
	for c.r < r && c.b < len(c.s) {
		_, n := utf8.DecodeRuneInString(c.s[c.b:])
		c.b += n
		c.r++
	}
	return c.b
}
