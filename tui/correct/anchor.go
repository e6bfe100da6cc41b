package correct

import (
	"sort"
	"strings"
	"unicode/utf8"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/clean"
)

// Moving annotations across a correction.
//
// A correction changes the cleaned text in a known way: the paragraphs are
// the same, in the same order, and only the corrected one comes in, goes
// out or (a dateline put back or cut off) changes at its start. Cleaned text
// is its kept paragraphs joined by a blank line, so the old and the new text
// are cut into paragraphs and matched through the raw paragraphs they come
// from. Every annotation then moves by its paragraph's shift, exactly (no
// search: a name repeated in the removed paragraph cannot capture a tag from
// another), in time linear in the text; those in a paragraph that goes are
// lost. Only annotations whose offsets change are written: the store checks
// each one it adds against the whole text, so a correction near the end of
// a long, heavily tagged article stays fast.

// paraShift maps offsets of an old cleaned text onto a new one.
type paraShift struct {
	oldStart, oldLen []int // each old paragraph's rune offset and length
	newIdx           []int // its paragraph in the new text, -1 when gone
	newStart, newLen []int // each new paragraph's rune offset and length
	same             []bool
	oldText, newText []string // paragraph texts, for the changed ones
}

// chunks cuts a cleaned text into its paragraphs (see clean.Clean: they are
// never empty and hold no line break).
func chunks(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n\n")
}

func chunkStarts(cs []string) (starts, lens []int) {
	off := 0
	for _, c := range cs {
		n := utf8.RuneCountInString(c)
		starts, lens = append(starts, off), append(lens, n)
		off += n + 2
	}
	return starts, lens
}

// newParaShift matches the paragraphs of now.Text and next.Text (cleanings
// of the same raw text); false when they do not line up as expected.
func newParaShift(raw string, now, next clean.Cleaned) (*paraShift, bool) {
	oc, nc := chunks(now.Text), chunks(next.Text)
	m := &paraShift{oldText: oc, newText: nc}
	m.oldStart, m.oldLen = chunkStarts(oc)
	m.newStart, m.newLen = chunkStarts(nc)
	m.newIdx = make([]int, len(oc))
	m.same = make([]bool, len(oc))
	oi, ni := 0, 0
	for _, p := range clean.Paragraphs(raw) {
		_, ro := model.RemovedPara(now.Removed, p.Start, p.End)
		_, rn := model.RemovedPara(next.Removed, p.Start, p.End)
		switch {
		case !ro && !rn:
			if oi >= len(oc) || ni >= len(nc) {
				return nil, false
			}
			m.newIdx[oi], m.same[oi] = ni, oc[oi] == nc[ni]
			oi, ni = oi+1, ni+1
		case !ro:
			if oi >= len(oc) {
				return nil, false
			}
			m.newIdx[oi] = -1
			oi++
		case !rn:
			ni++
		}
	}
	return m, oi == len(oc) && ni == len(nc)
}

// para is the old paragraph holding rune offset off, -1 for a separator.
func (m *paraShift) para(off int) int {
	i := sort.Search(len(m.oldStart), func(i int) bool { return m.oldStart[i] > off }) - 1
	if i < 0 || off >= m.oldStart[i]+m.oldLen[i] {
		return -1
	}
	return i
}

// move maps [s, e) of the old text; false when its text does not come
// through.
func (m *paraShift) move(s, e int) (int, int, bool) {
	if e <= s {
		return 0, 0, false
	}
	i, j := m.para(s), m.para(e-1)
	if i < 0 || j < 0 {
		return 0, 0, false
	}
	if i == j && !m.same[i] {
		// The corrected paragraph itself changed at its start: what it
		// shares with its new form at either end keeps its place there.
		ni := m.newIdx[i]
		if ni < 0 {
			return 0, 0, false
		}
		o, n := []rune(m.oldText[i]), []rune(m.newText[ni])
		cp := 0
		for cp < len(o) && cp < len(n) && o[cp] == n[cp] {
			cp++
		}
		cs := 0
		for cs < len(o)-cp && cs < len(n)-cp && o[len(o)-1-cs] == n[len(n)-1-cs] {
			cs++
		}
		ls, le := s-m.oldStart[i], e-m.oldStart[i]
		switch {
		case le <= cp:
			return m.newStart[ni] + ls, m.newStart[ni] + le, true
		case ls >= len(o)-cs:
			d := len(n) - len(o)
			return m.newStart[ni] + ls + d, m.newStart[ni] + le + d, true
		}
		return 0, 0, false
	}
	// Every paragraph it covers comes through unchanged and still together.
	for k := i; k <= j; k++ {
		if m.newIdx[k] < 0 || !m.same[k] || k > i && m.newIdx[k] != m.newIdx[k-1]+1 {
			return 0, 0, false
		}
	}
	d := m.newStart[m.newIdx[i]] - m.oldStart[i]
	return s + d, e + d, true
}

// Moves is how a correction carries an article's annotations: remove
// goes before the OpSetText, add after it, so undo (which replays the ops
// in reverse) takes them out of the new text and puts them back in the old.
type Moves struct {
	Moved  int // annotations whose offsets change
	Lost   []model.Span
	QLost  []model.QuoteAnn
	Remove []store.Op
	Add    []store.Op
}

// MoveAnnotations works out which of doc's spans and quotations move from
// oldText (doc.Text) to newText and how; false when the paragraphs do not
// line up (the snapshot is not the text the correction starts from).
func MoveAnnotations(raw string, now, next clean.Cleaned, doc *store.Doc) (Moves, bool) {
	var mv Moves
	if doc.Text != now.Text {
		return mv, false
	}
	m, ok := newParaShift(raw, now, next)
	if !ok {
		return mv, false
	}
	id := doc.ArticleID
	touched := map[int64]bool{} // spans deleted (lost, or re-added elsewhere)
	gone := map[int64]bool{}
	var movedSpans []model.Span
	for _, sp := range doc.Spans {
		s, e, ok := m.move(sp.Start, sp.End)
		if ok && model.RuneSlice(next.Text, s, e) != sp.Text {
			ok = false // cannot happen with the paragraphs matched; never write a wrong span
		}
		switch {
		case !ok:
			mv.Lost = append(mv.Lost, sp)
			touched[sp.ID], gone[sp.ID] = true, true
		case s != sp.Start:
			n := sp
			n.Start, n.End = s, e
			movedSpans = append(movedSpans, n)
			touched[sp.ID] = true
		}
	}
	// A quotation is taken out and put back when it moves, and when its
	// speaker's span does: deleting that span would clear the link for
	// good (ON DELETE SET NULL), where re-adding both restores it, and undo
	// does the same in reverse.
	var movedQuotes []model.QuoteAnn
	for _, q := range doc.Quotes {
		s, e, ok := m.move(q.Start, q.End)
		if ok && model.RuneSlice(next.Text, s, e) != q.Text {
			ok = false
		}
		// The speaker's mention moves with its own paragraph (it may sit
		// in the one before); in a paragraph that goes, it is dropped.
		ms, me := q.MentionStart, q.MentionEnd
		if q.HasMention() {
			var mok bool
			if ms, me, mok = m.move(q.MentionStart, q.MentionEnd); !mok ||
				model.RuneSlice(next.Text, ms, me) != model.RuneSlice(doc.Text, q.MentionStart, q.MentionEnd) {
				ms, me = 0, 0
			}
		}
		switch {
		case !ok:
			mv.QLost = append(mv.QLost, q)
			mv.Remove = append(mv.Remove, store.Op{Kind: store.OpDelQuote, Article: id, Quote: q})
		case s != q.Start || ms != q.MentionStart || me != q.MentionEnd || q.SpeakerSpan != 0 && touched[q.SpeakerSpan]:
			mv.Remove = append(mv.Remove, store.Op{Kind: store.OpDelQuote, Article: id, Quote: q})
			q.Start, q.End = s, e
			q.MentionStart, q.MentionEnd = ms, me
			if gone[q.SpeakerSpan] {
				q.SpeakerSpan = 0 // its speaker's tag is lost; the name stays
			}
			movedQuotes = append(movedQuotes, q)
		}
	}
	for _, sp := range doc.Spans {
		if touched[sp.ID] {
			mv.Remove = append(mv.Remove, store.Op{Kind: store.OpDelSpan, Article: id, Span: sp})
		}
	}
	for _, sp := range movedSpans {
		mv.Add = append(mv.Add, store.Op{Kind: store.OpAddSpan, Article: id, Span: sp})
	}
	for _, q := range movedQuotes {
		mv.Add = append(mv.Add, store.Op{Kind: store.OpAddQuote, Article: id, Quote: q})
	}
	mv.Moved = len(movedSpans) + len(movedQuotes)
	return mv, true
}

// ReanchorAll is the fallback when the snapshot is not the text the
// correction starts from (the file changed on disk since): every
// annotation is looked for in the new text, as R does.
func ReanchorAll(oldText, newText string, doc *store.Doc) Moves {
	var mv Moves
	id := doc.ArticleID
	placed, lost := model.Reanchor(oldText, newText, doc.Spans)
	qPlaced, qLost := model.ReanchorQuotes(oldText, newText, doc.Quotes, lost)
	for _, q := range doc.Quotes {
		mv.Remove = append(mv.Remove, store.Op{Kind: store.OpDelQuote, Article: id, Quote: q})
	}
	for _, sp := range doc.Spans {
		mv.Remove = append(mv.Remove, store.Op{Kind: store.OpDelSpan, Article: id, Span: sp})
	}
	for _, sp := range placed {
		mv.Add = append(mv.Add, store.Op{Kind: store.OpAddSpan, Article: id, Span: sp})
	}
	for _, q := range qPlaced {
		mv.Add = append(mv.Add, store.Op{Kind: store.OpAddQuote, Article: id, Quote: q})
	}
	mv.Moved, mv.Lost, mv.QLost = len(placed)+len(qPlaced), lost, qLost
	return mv
}
