package browse

import (
	"path"
	"strings"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/model/fuzzy"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// row is one article as the list shows it. Titles start as a guess from the
// file name and are replaced when Stream reads the item.
type row struct {
	title  string
	outlet string
	words  int
	read   bool // Stream has read it: title, outlet, words are real
	dead   bool // could not be read: hidden from the list
	// id and hash are the article's id and cleaned-text hash as Stream read
	// them, so duplicate detection and the changed-on-disk check need not
	// read it again; hash is cleared once the article is read again (a
	// correction, a file changed under the reader), as it may differ.
	id, hash string
	// sketch is the text's duplicate-detection sketch as Stream took it
	// (cleared with hash): duplicate detection reads nothing it covers.
	sketch dup.Sketch
}

// hayChunk is how many haystacks share one copy-on-write block.
const hayChunk = 4096

// haySnap is an immutable view of every item's lower-cased "title outlet"
// haystack. Filter commands scan a snapshot on their own goroutine while the
// update loop keeps applying Stream results: the store copies a chunk before
// writing to it if a snapshot may be reading it, so a snapshot never changes.
type haySnap struct {
	chunks [][]string
	masks  [][]uint64 // letterMask of each haystack, beside it: a scan rejects most items without reading their text
	n      int
}

func (h haySnap) at(i int) string { return h.chunks[i/hayChunk][i%hayChunk] }

func (h haySnap) maskAt(i int) uint64 { return h.masks[i/hayChunk][i%hayChunk] }

// itemStore holds the rows, their haystacks and the list of live items.
type itemStore struct {
	rows    []row
	hay     haySnap
	shared  []bool // chunk i may be read by a snapshot: copy before writing
	version uint64 // bumped whenever a haystack changes or a row dies
	live    []int32
	liveVer uint64 // version live was built at
	nLive   int
	nRead   int
	// outletW is the widest outlet seen so far (display cells), so the list
	// gives the outlet column only the room outlets need — none for a
	// corpus of plain text files that name no outlet.
	outletW int
}

// noteOutlet widens the outlet column to fit o.
func (s *itemStore) noteOutlet(o string) {
	if w := layout.Width(o); w > s.outletW {
		s.outletW = w
	}
}

func newItemStore(src Source) *itemStore {
	n := src.Len()
	s := &itemStore{rows: make([]row, n), nLive: n, liveVer: ^uint64(0)}
	nc := (n + hayChunk - 1) / hayChunk
	s.hay = haySnap{chunks: make([][]string, nc), masks: make([][]uint64, nc), n: n}
	s.shared = make([]bool, nc)
	for c := range s.hay.chunks {
		size := min(hayChunk, n-c*hayChunk)
		s.hay.chunks[c] = make([]string, size)
		s.hay.masks[c] = make([]uint64, size)
	}
	for i := 0; i < n; i++ {
		it := src.Item(i)
		r := &s.rows[i]
		r.title = provisionalTitle(it)
		h := haystack(r.title, "", "")
		s.hay.chunks[i/hayChunk][i%hayChunk] = h
		s.hay.masks[i/hayChunk][i%hayChunk] = hayLetters(h)
	}
	return s
}

// provisionalTitle is the file name without its extension, until the item is read.
func provisionalTitle(it corpus.Item) string {
	p := ui.CleanLine(it.Path)
	if p == "" {
		return ui.CleanLine(it.ID)
	}
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	if ext := path.Ext(base); ext != "" && len(ext) < len(base) && !strings.Contains(ext, ":") {
		base = strings.TrimSuffix(base, ext)
	}
	return base
}

// haystack is what the filter reads of an item: "title\x00outlet\x00date",
// lower-cased but the date (an ISO prefix, or "").
func haystack(title, outlet, date string) string {
	return strings.ToLower(title) + "\x00" + strings.ToLower(outlet) + "\x00" + fuzzy.NormDate(date)
}

// snapshot returns the current haystacks for a filter command to scan.
func (s *itemStore) snapshot() haySnap {
	for i := range s.shared {
		s.shared[i] = true
	}
	cp := haySnap{chunks: make([][]string, len(s.hay.chunks)), masks: make([][]uint64, len(s.hay.masks)), n: s.hay.n}
	copy(cp.chunks, s.hay.chunks)
	copy(cp.masks, s.hay.masks)
	return cp
}

func (s *itemStore) setHay(i int, h string) {
	c := i / hayChunk
	if s.shared[c] {
		s.hay.chunks[c] = append([]string(nil), s.hay.chunks[c]...)
		s.hay.masks[c] = append([]uint64(nil), s.hay.masks[c]...)
		s.shared[c] = false
	}
	s.hay.chunks[c][i%hayChunk] = h
	s.hay.masks[c][i%hayChunk] = hayLetters(h)
}

// apply records one Stream result and reports whether the row died.
func (s *itemStore) apply(r corpus.Result) (died bool) {
	if r.Index < 0 || r.Index >= len(s.rows) {
		return false
	}
	row := &s.rows[r.Index]
	if row.dead {
		return false
	}
	if r.Problem != nil || r.Article == nil {
		row.dead = true
		s.nLive--
		s.setHay(r.Index, "")
		s.version++
		return true
	}
	a := r.Article
	if !row.read {
		s.nRead++
	}
	row.read = true
	if t := ui.CleanLine(a.Title); t != "" {
		row.title = t
	}
	row.outlet = ui.CleanLine(a.Source)
	s.noteOutlet(row.outlet)
	row.words = a.Words
	row.id, row.hash, row.sketch = a.ID, r.Hash, r.Sketch
	s.setHay(r.Index, haystack(row.title, row.outlet, a.Date))
	s.version++
	return false
}

// forgetHash drops item i's streamed hash: it has been read again since.
func (s *itemStore) forgetHash(i int) {
	if i >= 0 && i < len(s.rows) {
		s.rows[i].hash, s.rows[i].sketch = "", dup.Sketch{}
	}
}

// knownTexts are the live items whose text hash Stream took.
func (s *itemStore) knownTexts() []corpus.KnownText {
	var out []corpus.KnownText
	for i := range s.rows {
		if r := &s.rows[i]; !r.dead && r.hash != "" {
			out = append(out, corpus.KnownText{Index: i, ID: r.id, Hash: r.hash, Sketch: r.sketch})
		}
	}
	return out
}

// updateFromArticle refreshes a row from a fully loaded article (the detail
// pane may load an item before Stream reaches it).
func (s *itemStore) updateFromArticle(i int, a *model.Article) {
	if i < 0 || i >= len(s.rows) || a == nil || s.rows[i].dead {
		return
	}
	row := &s.rows[i]
	if row.read {
		return
	}
	if t := ui.CleanLine(a.Title); t != "" {
		row.title = t
	}
	row.outlet = ui.CleanLine(a.Source)
	s.noteOutlet(row.outlet)
	row.words = a.Words
	s.setHay(i, haystack(row.title, row.outlet, a.Date))
	s.version++
}

// liveItems returns the indices of every live row in corpus order, rebuilt
// only after a row died.
func (s *itemStore) liveItems() []int32 {
	if s.live != nil && s.liveVer == s.deadVersion() {
		return s.live
	}
	live := make([]int32, 0, s.nLive)
	for i := range s.rows {
		if !s.rows[i].dead {
			live = append(live, int32(i))
		}
	}
	s.live, s.liveVer = live, s.deadVersion()
	return live
}

// deadVersion identifies the set of dead rows (it only grows).
func (s *itemStore) deadVersion() uint64 { return uint64(len(s.rows) - s.nLive) }
