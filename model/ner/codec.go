package ner

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The weights file: gzip over
//
//	"storydesk-ner" 0x00, version (1 byte)
//	labels: count, then each as length, bytes, hidden (0/1)
//	temperature (float64), quantisation step (float32)
//	transitions: (nt+1)² float32
//	rows: count, then for each in key order: key delta, non-zero
//	      weights count, and each as tag delta and zig-zag quantised weight
//	tails (version 2): count, then for each in key order: key delta,
//	      in, out (see tails.go)
//
// Counts, lengths and deltas are uvarints; floats little-endian. Weights
// are multiples of the step (the largest weight over 32767), so a weight
// under half a step is dropped: most of the perceptron's weights are tiny
// and the file is a fraction of the in-memory model.

const (
	magic         = "storydesk-ner\x00"
	formatVersion = 2 // 2 added the tails; 1 is still read (no tails)
	quantLevels   = 32767
)

// ErrFormat is returned for bytes that are not a weights file this
// version can read.
var ErrFormat = errors.New("ner: not a storydesk NER model")

// Marshal encodes the model; the same model always gives the same bytes.
func (m *Model) Marshal() ([]byte, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var body bytes.Buffer
	body.WriteString(magic)
	body.WriteByte(formatVersion)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(v uint64) { body.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	uv(uint64(len(m.labels)))
	for i, l := range m.labels {
		uv(uint64(len(l)))
		body.WriteString(l)
		h := byte(0)
		if m.hidden[i] {
			h = 1
		}
		body.WriteByte(h)
	}
	body.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(m.temp)))
	step := m.quantStep()
	body.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(step)))
	for _, t := range m.trans {
		body.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(t)))
	}
	nt := m.nt()
	order := make([]int, 0, len(m.keys))
	for r := range m.keys {
		if nonZero(m.w[r*nt:(r+1)*nt], step) {
			order = append(order, r)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		ka, kb := m.keys[a], m.keys[b]
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	uv(uint64(len(order)))
	prev := uint64(0)
	for _, r := range order {
		uv(m.keys[r] - prev)
		prev = m.keys[r]
		row := m.w[r*nt : (r+1)*nt]
		n := 0
		for _, w := range row {
			if quant(w, step) != 0 {
				n++
			}
		}
		uv(uint64(n))
		last := 0
		for t, w := range row {
			if q := quant(w, step); q != 0 {
				uv(uint64(t - last))
				last = t
				body.Write(tmp[:binary.PutVarint(tmp[:], int64(q))])
			}
		}
	}
	keys := m.tailKeys()
	uv(uint64(len(keys)))
	prev = 0
	for _, k := range keys {
		uv(k - prev)
		prev = k
		uv(uint64(m.tails[k].in))
		uv(uint64(m.tails[k].out))
	}
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if _, err := zw.Write(body.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// quantStep is the weight one quantisation level stands for.
func (m *Model) quantStep() float32 {
	mx := float32(0)
	for _, w := range m.w {
		mx = max(mx, abs32(w))
	}
	if mx == 0 {
		return 1
	}
	return mx / quantLevels
}

func quant(w, step float32) int32 { return int32(math.Round(float64(w / step))) }

func nonZero(row []float32, step float32) bool {
	for _, w := range row {
		if quant(w, step) != 0 {
			return true
		}
	}
	return false
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// Unmarshal decodes a model written by Marshal.
func Unmarshal(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	r := &reader{b: body}
	if string(r.bytes(len(magic))) != magic {
		return nil, ErrFormat
	}
	version := r.byte()
	if version < 1 || version > formatVersion {
		if r.err != nil {
			return nil, ErrFormat
		}
		return nil, fmt.Errorf("%w: version %d, want 1 to %d", ErrFormat, version, formatVersion)
	}
	nl := r.uvarint()
	if nl == 0 || nl > maxLabels {
		return nil, fmt.Errorf("%w: %d labels", ErrFormat, nl)
	}
	var labels, hidden []string
	for range nl {
		l := string(r.bytes(int(r.uvarint())))
		labels = append(labels, l)
		if r.byte() == 1 {
			hidden = append(hidden, l)
		}
	}
	m := newModel(labels, hidden)
	m.temp = math.Float64frombits(binary.LittleEndian.Uint64(r.bytes(8)))
	step := math.Float32frombits(binary.LittleEndian.Uint32(r.bytes(4)))
	for i := range m.trans {
		m.trans[i] = math.Float32frombits(binary.LittleEndian.Uint32(r.bytes(4)))
	}
	nt := m.nt()
	rows := r.uvarint()
	if r.err != nil || rows > uint64(len(body)) {
		return nil, ErrFormat
	}
	m.keys = make([]uint64, 0, rows)
	m.w = make([]float32, int(rows)*nt)
	m.feats.reserve(int(rows))
	key := uint64(0)
	for row := range int(rows) {
		key += r.uvarint()
		m.keys = append(m.keys, key)
		m.feats.put(key, int32(row))
		t := 0
		for range r.uvarint() {
			t += int(r.uvarint())
			q := r.varint()
			if t >= nt || r.err != nil {
				return nil, ErrFormat
			}
			m.w[row*nt+t] = float32(q) * step
		}
	}
	if version >= 2 {
		n := r.uvarint()
		if r.err != nil || n > uint64(len(r.b)) {
			return nil, ErrFormat
		}
		if n > 0 {
			m.tails = make(map[uint64]tailCount, n)
		}
		key = 0
		for range n {
			key += r.uvarint()
			in, out := r.uvarint(), r.uvarint()
			if in > math.MaxUint32 || out > math.MaxUint32 {
				return nil, ErrFormat
			}
			m.tails[key] = tailCount{uint32(in), uint32(out)}
		}
	}
	if r.err != nil || len(r.b) != 0 || math.IsNaN(m.temp) || m.temp <= 0 {
		return nil, ErrFormat
	}
	return m, nil
}

// reader reads the body; its first error sticks and later reads give zeros.
type reader struct {
	b   []byte
	err error
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.err = ErrFormat
		return make([]byte, min(max(n, 0), 16))
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) byte() byte { return r.bytes(1)[0] }

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = ErrFormat
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = ErrFormat
		return 0
	}
	r.b = r.b[n:]
	return v
}
