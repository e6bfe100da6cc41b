package export

import (
	"fmt"
	"strings"
	"unicode"

	"storydesk/model"
)

// conll: CoNLL-2003-style NER data, the shape `spacy convert -c ner` and most
// sequence-labelling tools read. One token per line with four columns —
// token, a dummy POS tag (-X-), a dummy chunk tag (_), and the entity tag in
// IOB2 (B- opens every entity, I- continues it, O is outside) — sentences
// separated by a blank line, and every article opened by
// "-DOCSTART- -X- O O". Quotations are not entities and are not written.
//
// Tokens are cut at whitespace, around punctuation and symbols, and always
// at a span's edges, so every entity is a whole number of tokens. Chinese and
// Japanese characters are one token each (the usual character-level tagging
// for those languages). Sentences end after . ! ? … 。！？ (with any closing
// quote or bracket) before whitespace, and at line breaks — never inside an
// entity, so no entity is ever split across sentences.

type conllSink struct {
	out  *outFile
	toks []conllTok
	rs   []rune
	buf  conllBuf
}

// conllBuf is the tokeniser's scratch space, reused across articles.
type conllBuf struct{ edge, inside []bool }

type conllTok struct {
	start, end int  // code points
	brk        bool // a sentence ends after this token
}

func newCoNLLSink(env *exportEnv) (docSink, error) {
	out, err := createOut(env.opts.Out, env.opts.Stdout, env.opts.wrap)
	if err != nil {
		return nil, err
	}
	return &conllSink{out: out}, nil
}

func (s *conllSink) doc(d *outDoc) error {
	s.rs = s.rs[:0]
	for _, r := range d.Text {
		s.rs = append(s.rs, r)
	}
	s.toks = conllTokens(s.rs, d.Spans, s.toks[:0], &s.buf)
	w := s.out
	w.WriteString("-DOCSTART- -X- O O\n\n")
	si := 0 // current span
	open := false
	for i, t := range s.toks {
		for si < len(d.Spans) && d.Spans[si].End <= t.start {
			si++
			open = false
		}
		tag := "O"
		if si < len(d.Spans) && d.Spans[si].Start <= t.start && t.end <= d.Spans[si].End {
			if open {
				tag = "I-" + conllLabel(d.Spans[si].Label)
			} else {
				tag = "B-" + conllLabel(d.Spans[si].Label)
				open = true
			}
		}
		for _, r := range s.rs[t.start:t.end] {
			w.WriteRune(r)
		}
		w.WriteString(" -X- _ ")
		w.WriteString(tag)
		w.WriteByte('\n')
		if t.brk || i == len(s.toks)-1 {
			w.WriteByte('\n')
		}
	}
	if _, err := w.Write(nil); err != nil {
		return fmt.Errorf("export %s: %w", w.name(), err)
	}
	return nil
}

func (s *conllSink) finish() error { return s.out.commit() }
func (s *conllSink) abort()        { s.out.abort() }

// conllLabel keeps a tag one column wide.
func conllLabel(l string) string {
	if strings.IndexFunc(l, unicode.IsSpace) < 0 {
		return l
	}
	return strings.Join(strings.Fields(l), "_")
}

// conllTokens tokenises rs, cutting at every span edge, and marks sentence
// ends. spans are sorted and do not overlap.
func conllTokens(rs []rune, spans []model.Span, toks []conllTok, buf *conllBuf) []conllTok {
	n := len(rs)
	// edge[i]: a span starts or ends at i; inside[i]: i lies strictly inside
	// a span, where no sentence may end.
	if buf == nil {
		buf = &conllBuf{}
	}
	buf.edge = append(buf.edge[:0], make([]bool, n+1)...)
	buf.inside = append(buf.inside[:0], make([]bool, n+1)...)
	edge, inside := buf.edge, buf.inside
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > n || sp.Start >= sp.End {
			continue
		}
		edge[sp.Start], edge[sp.End] = true, true
		for i := sp.Start + 1; i < sp.End; i++ {
			inside[i] = true
		}
	}
	i := 0
	for i < n {
		r := rs[i]
		if unicode.IsSpace(r) {
			i++
			continue
		}
		start := i
		i++
		switch {
		case conllCJK(r):
			i = conllAttach(rs, i, edge)
		case conllWordRune(r):
			for i < n && !edge[i] {
				c := rs[i]
				switch {
				case conllWordRune(c) && !conllCJK(c):
					i++
				case conllAttached(c):
					i = conllAttach(rs, i, edge)
				case conllInnerPunct(c) && i+1 < n && !edge[i+1] && conllWordRune(rs[i+1]) && !conllCJK(rs[i+1]):
					i += 2
				default:
					goto done
				}
			}
		done:
			// "U.S.", "F.", "Mr.": the full stop belongs to the word and
			// ends no sentence.
			if i < n && rs[i] == '.' && !edge[i] && conllAbbreviation(rs[start:i]) {
				i++
			}
		default:
			i = conllAttach(rs, i, edge)
			// A flag is two regional indicators.
			if conllRegional(r) && i < n && !edge[i] && conllRegional(rs[i]) {
				i = conllAttach(rs, i+1, edge)
			}
		}
		toks = append(toks, conllTok{start: start, end: i})
	}
	// Sentence ends.
	for k := 0; k+1 < len(toks); k++ {
		t, next := toks[k], toks[k+1]
		if inside[next.start] {
			continue
		}
		gap := rs[t.end:next.start]
		if conllHasRune(gap, '\n') {
			toks[k].brk = true
			continue
		}
		if t.end-t.start != 1 || !conllTerminal(rs[t.start]) {
			continue
		}
		// Closing quotes and brackets stay with the sentence they close.
		j := k
		for j+1 < len(toks) && toks[j+1].start == toks[j].end && toks[j+1].end-toks[j+1].start == 1 && conllCloser(rs[toks[j+1].start]) {
			j++
		}
		if j+1 >= len(toks) || inside[toks[j+1].start] {
			continue
		}
		if toks[j+1].start > toks[j].end || conllCJKTerminal(rs[t.start]) {
			toks[j].brk = true
		}
		k = j
	}
	return toks
}

// conllAttach extends a token over what belongs to its last character: combining
// marks, variation selectors, emoji skin tones and tags, and the characters
// a zero-width joiner glues on (👩‍👩‍👧 is one token).
func conllAttach(rs []rune, i int, edge []bool) int {
	for i < len(rs) && !edge[i] {
		c := rs[i]
		switch {
		case c == '\u200d' && i+1 < len(rs) && !edge[i+1] && !unicode.IsSpace(rs[i+1]):
			i += 2
		case conllAttached(c):
			i++
		default:
			return i
		}
	}
	return i
}

func conllAttached(r rune) bool {
	if r < 0x300 {
		return false
	}
	return unicode.Is(unicode.M, r) || r == '\u200d' || (r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}

func conllWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

func conllCJK(r rune) bool {
	return r >= 0x3040 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func conllRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// conllInnerPunct joins two word characters into one token: 3.5, 1,000, don't,
// well-known.
func conllInnerPunct(r rune) bool {
	switch r {
	case '.', ',', '\'', '’', '-', '‐', '‑':
		return true
	}
	return false
}

func conllTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

func conllCJKTerminal(r rune) bool { return r == '。' || r == '！' || r == '？' }

func conllCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』', '）', '】':
		return true
	}
	return false
}

// conllAbbreviation: initials (U.S, F) and common titles.
func conllAbbreviation(w []rune) bool {
	if len(w) == 1 {
		return unicode.IsUpper(w[0])
	}
	initials := len(w) >= 3
	for k, r := range w {
		if k%2 == 0 && !unicode.IsLetter(r) || k%2 == 1 && r != '.' {
			initials = false
			break
		}
	}
	if initials {
		return true
	}
	switch string(w) {
	case "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov", "Sen", "Rep", "Rev", "Mt", "No", "vs", "Inc", "Ltd", "Corp", "Co":
		return true
	}
	return false
}

func conllHasRune(rs []rune, r rune) bool {
	for _, c := range rs {
		if c == r {
			return true
		}
	}
	return false
}
