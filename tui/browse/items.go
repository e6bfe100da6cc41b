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

// haySnap is an immutable view of what the filter reads of every item: its
// lower-cased title, the letters of its title and outlet (a mask), and its
// date and outlet as numbers (meta). Filter commands scan a snapshot on
// their own goroutine while the update loop keeps applying Stream results:
// the store copies a chunk before writing to it if a snapshot may be
// reading it, so a snapshot never changes. Outlets are interned (a corpus
// has few outlets and many articles): a scan tests each outlet once.
type haySnap struct {
	titles  [][]string
	masks   [][]uint64 // letterMask of each title and outlet: a scan rejects most items without reading their text
	metas   [][]uint64 // hayMeta: date code, outlet number, dead
	outlets []string   // lower-cased, by number (0 is "no outlet"); append-only, so a snapshot's prefix never changes
	n       int
}

func (h haySnap) title(i int) string { return h.titles[i/hayChunk][i%hayChunk] }

func (h haySnap) maskAt(i int) uint64 { return h.masks[i/hayChunk][i%hayChunk] }

func (h haySnap) meta(i int) uint64 { return h.metas[i/hayChunk][i%hayChunk] }

// hay is one item's haystack as the store writes it.
type hay struct {
	title string // lower-cased
	mask  uint64
	meta  uint64
}

// hayMeta packs an item's date code (bits 32–62), its outlet's number
// (bits 0–31) and whether it is dead (bit 63: it matches nothing).
func hayMeta(date fuzzy.DateCode, outlet uint32) uint64 {
	return uint64(date)<<32 | uint64(outlet)
}

const hayDead = 1 << 63

func metaDate(m uint64) fuzzy.DateCode { return fuzzy.DateCode(m >> 32 & (1<<31 - 1)) }

func metaOutlet(m uint64) uint32 { return uint32(m) }

// itemStore holds the rows, their haystacks and the list of live items.
type itemStore struct {
	rows    []row
	hay     haySnap
	outletN map[string]uint32 // interned outlets' numbers (hay.outlets)
	shared  []bool            // chunk i may be read by a snapshot: copy before writing
	version uint64            // bumped whenever a haystack changes or a row dies
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
	s.hay = haySnap{titles: make([][]string, nc), masks: make([][]uint64, nc), metas: make([][]uint64, nc), outlets: []string{""}, n: n}
	s.outletN = map[string]uint32{"": 0}
	s.shared = make([]bool, nc)
	for c := range s.hay.titles {
		size := min(hayChunk, n-c*hayChunk)
		s.hay.titles[c] = make([]string, size)
		s.hay.masks[c] = make([]uint64, size)
		s.hay.metas[c] = make([]uint64, size)
	}
	for i := 0; i < n; i++ {
		it := src.Item(i)
		r := &s.rows[i]
		r.title = provisionalTitle(it)
		h := s.haystack(r.title, "", "")
		s.hay.titles[i/hayChunk][i%hayChunk] = h.title
		s.hay.masks[i/hayChunk][i%hayChunk] = h.mask
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

// haystack is what the filter reads of an item: its title lower-cased,
// the letters of its title and outlet, its outlet (interned) and its date
// (NormDate's ISO prefix, coded).
func (s *itemStore) haystack(title, outlet, date string) hay {
	title, outlet = strings.ToLower(title), strings.ToLower(outlet)
	num, ok := s.outletN[outlet]
	if !ok {
		num = uint32(len(s.hay.outlets))
		s.outletN[outlet] = num
		s.hay.outlets = append(s.hay.outlets, outlet)
	}
	return hay{
		title: title,
		mask:  letterMask(title) | letterMask(outlet),
		meta:  hayMeta(fuzzy.EncodeDate(fuzzy.NormDate(date)), num),
	}
}

// deadHay matches nothing; its mask has every bit so no query rejects it by
// the mask (the scan's meta test does).
var deadHay = hay{mask: ^uint64(0), meta: hayDead}

// snapshot returns the current haystacks for a filter command to scan.
func (s *itemStore) snapshot() haySnap {
	for i := range s.shared {
		s.shared[i] = true
	}
	cp := s.hay
	cp.titles = append([][]string(nil), s.hay.titles...)
	cp.masks = append([][]uint64(nil), s.hay.masks...)
	cp.metas = append([][]uint64(nil), s.hay.metas...)
	cp.outlets = s.hay.outlets[:len(s.hay.outlets):len(s.hay.outlets)]
	return cp
}

func (s *itemStore) setHay(i int, h hay) {
	c := i / hayChunk
	if s.shared[c] {
		s.hay.titles[c] = append([]string(nil), s.hay.titles[c]...)
		s.hay.masks[c] = append([]uint64(nil), s.hay.masks[c]...)
		s.hay.metas[c] = append([]uint64(nil), s.hay.metas[c]...)
		s.shared[c] = false
	}
	s.hay.titles[c][i%hayChunk] = h.title
	s.hay.masks[c][i%hayChunk] = h.mask
	s.hay.metas[c][i%hayChunk] = h.meta
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
		s.setHay(r.Index, deadHay)
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
	s.setHay(r.Index, s.haystack(row.title, row.outlet, a.Date))
	s.version++
	return false
}

// forgetHash drops item i's streamed hash: it has been read again since.
func (s *itemStore) forgetHash(i int) {
	if i >= 0 && i < len(s.rows) {
		s.rows[i].hash, s.rows[i].sketch = "", dup.Sketch{}
	}
}

// dropSketches lets go of every row's duplicate sketch once detection has
// them: at 100k articles they are over 50 MB the list would hold for
// nothing (story grouping then reads its own). A later detection reads
// what it then lacks, or takes it from the signature cache.
func (s *itemStore) dropSketches() {
	for i := range s.rows {
		s.rows[i].sketch = dup.Sketch{}
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
	s.setHay(i, s.haystack(row.title, row.outlet, a.Date))
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

// liveOnly is items without the rows that died, in the same order.
func (s *itemStore) liveOnly(items []int32) []int32 {
	kept := items[:0:0]
	for _, i := range items {
		if !s.rows[i].dead {
			kept = append(kept, i)
		}
	}
	return kept
}

// deadVersion identifies the set of dead rows (it only grows).
func (s *itemStore) deadVersion() uint64 { return uint64(len(s.rows) - s.nLive) }
