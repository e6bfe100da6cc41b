package ner

import (
	_ "embed"
	"maps"
	"slices"
	"sync"
)

// Entity is a name the model found: [Start, End) in code points of the
// text, its label (PERSON, ORG, GPE, LOC, NORP, or a label the model was
// taught), the text it covers, and Score, the model's probability that
// exactly this span with this label is right (see the package comment).
type Entity struct {
	Start, End int
	Label      string
	Text       string
	Score      float64
}

// Model is a trained tagger. Tag may be called from many goroutines at once;
// Update waits for them and they for it.
type Model struct {
	mu     sync.RWMutex
	labels []string // entity labels; label k owns tags 1+4k … 4+4k
	hidden []bool   // learned but never suggested (MISC)
	ts     *tagset
	trans  []float32 // (nt+1)×(nt+1), see tagset
	feats  featTable
	keys   []uint64             // the key of each row
	w      []float32            // rows × nt
	temp   float64              // scores are softmax(score / temp)
	tails  map[uint64]tailCount // lower-case words names end in (tails.go)
}

// newModel returns an empty model over labels.
func newModel(labels []string, hidden []string) *Model {
	m := &Model{temp: 1}
	for _, l := range labels {
		m.addLabel(l)
	}
	for i, l := range m.labels {
		m.hidden[i] = slices.Contains(hidden, l)
	}
	return m
}

// Labels returns the labels the model suggests.
func (m *Model) Labels() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var out []string
	for i, l := range m.labels {
		if !m.hidden[i] {
			out = append(out, l)
		}
	}
	return out
}

func (m *Model) nt() int { return 1 + 4*len(m.labels) }

func (m *Model) labelIndex(l string) int { return slices.Index(m.labels, l) }

// addLabel grows the tag set by one label, keeping every weight: the new
// label's tags come last, so existing tags keep their numbers.
func (m *Model) addLabel(l string) int {
	if k := m.labelIndex(l); k >= 0 {
		return k
	}
	old := m.nt()
	m.labels = append(m.labels, l)
	m.hidden = append(m.hidden, false)
	nt := m.nt()
	m.ts = newTagset(len(m.labels))
	tr := make([]float32, (nt+1)*(nt+1))
	for p := 0; p <= old && len(m.trans) > 0; p++ {
		for t := 0; t <= old; t++ {
			tr[remap(p, old, nt)*(nt+1)+remap(t, old, nt)] = m.trans[p*(old+1)+t]
		}
	}
	m.trans = tr
	if len(m.keys) > 0 {
		w := make([]float32, len(m.keys)*nt)
		for r := range m.keys {
			copy(w[r*nt:], m.w[r*old:(r+1)*old])
		}
		m.w = w
	}
	return len(m.labels) - 1
}

// remap moves the start/end index (old) of the transition matrix to nt.
func remap(i, old, nt int) int {
	if i == old {
		return nt
	}
	return i
}

// Clone returns an independent copy, to train while the original tags.
func (m *Model) Clone() *Model {
	m.mu.RLock()
	defer m.mu.RUnlock()
	c := &Model{
		labels: slices.Clone(m.labels),
		hidden: slices.Clone(m.hidden),
		ts:     m.ts,
		trans:  slices.Clone(m.trans),
		feats:  m.feats.clone(),
		keys:   slices.Clone(m.keys),
		w:      slices.Clone(m.w),
		temp:   m.temp,
		tails:  maps.Clone(m.tails),
	}
	return c
}

// row returns the row of key, or -1.
func (m *Model) row(key uint64) int32 { return m.feats.get(key) }

// addRow returns the row of key, adding a zero row when it is new.
func (m *Model) addRow(key uint64) int32 {
	if r := m.feats.get(key); r >= 0 {
		return r
	}
	r := int32(len(m.keys))
	m.keys = append(m.keys, key)
	m.w = append(m.w, zeros[:m.nt()]...)
	m.feats.put(key, r)
	return r
}

var zeros [1 + 4*maxLabels]float32

// featTable maps feature keys to rows: open addressing with linear probing
// over keys that are already well mixed. Faster than a Go map here, and
// allocation-free to read.
type featTable struct {
	slots []slot
	n     int
}

type slot struct {
	key uint64
	row int32
}

func (ft *featTable) get(k uint64) int32 {
	if len(ft.slots) == 0 {
		return -1
	}
	mask := uint64(len(ft.slots) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		s := &ft.slots[i]
		if s.key == k {
			return s.row
		}
		if s.key == 0 {
			return -1
		}
	}
}

func (ft *featTable) put(k uint64, row int32) {
	if (ft.n+1)*2 > len(ft.slots) {
		ft.grow()
	}
	mask := uint64(len(ft.slots) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		s := &ft.slots[i]
		if s.key == 0 || s.key == k {
			if s.key == 0 {
				ft.n++
			}
			s.key, s.row = k, row
			return
		}
	}
}

func (ft *featTable) grow() {
	old := ft.slots
	ft.slots = make([]slot, max(1024, 2*len(old)))
	ft.n = 0
	for _, s := range old {
		if s.key != 0 {
			ft.put(s.key, s.row)
		}
	}
}

// reserve sizes the table for n keys at once.
func (ft *featTable) reserve(n int) {
	size := 1024
	for size < 2*n+2 {
		size *= 2
	}
	if size > len(ft.slots) {
		old := ft.slots
		ft.slots = make([]slot, size)
		ft.n = 0
		for _, s := range old {
			if s.key != 0 {
				ft.put(s.key, s.row)
			}
		}
	}
}

func (ft *featTable) clone() featTable {
	return featTable{slots: slices.Clone(ft.slots), n: ft.n}
}

//go:embed weights.bin
var shippedWeights []byte

var (
	loadOnce sync.Once
	shipped  *Model
	loadErr  error
)

// Load returns the model shipped with storydesk, decoded on first use. It
// is shared: train a Clone of it, not it.
func Load() (*Model, error) {
	loadOnce.Do(func() { shipped, loadErr = Unmarshal(shippedWeights) })
	return shipped, loadErr
}
