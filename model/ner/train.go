package ner

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"storydesk/model"
)

// Doc is a text with its entity spans, to learn from.
type Doc struct {
	Text string
	// Tokens, when not nil, are the text's tokens as cut elsewhere (CoNLL
	// data); nil cuts Text with Tokenize.
	Tokens []Token
	// Spans are the names in the text: Start, End (code points) and Label.
	// A span is fitted to whole tokens as Snap does.
	Spans []model.Span
	// Complete says every name in the text is in Spans, so a word outside
	// them is not a name. When false only the spans are known and the
	// rest of the text teaches nothing.
	Complete bool
	// Rejected are suggestions the annotator turned down: not a name of
	// that label at exactly that span. They matter in incomplete docs; in
	// a complete doc anything outside Spans is already not a name.
	Rejected []model.Span
	// Weight scales what the doc teaches; 0 means 1.
	Weight float64
	// Source names the corpus the doc came from, for reports.
	Source string
}

// TrainOptions tune Train. The zero value trains from scratch for the
// default number of epochs.
type TrainOptions struct {
	Epochs int    // passes over the docs; 0 means DefaultEpochs
	Seed   uint64 // orders the docs in each epoch
	// Base, when not nil, is the model to continue from (a copy is
	// trained); nil starts from zero weights.
	Base *Model
	// Hidden are labels to learn but never suggest; from scratch, nil
	// means MISC.
	Hidden []string
	// MinCount leaves out features seen fewer times in docs (from
	// scratch: a smaller, faster model); 0 means 1.
	MinCount int
	// Calibrate are held-out docs to fit the score temperature on. Without
	// them a Base's temperature is kept, and a model from scratch fits it
	// on its own training docs (its scores are then too confident).
	Calibrate []Doc
	// Progress, when not nil, is called after each epoch.
	Progress func(epoch, epochs int)
	// NoTails learns no lower-case tails from docs (a Base's are kept):
	// the shipped model's, whose data follow other naming conventions
	// than news (see tails.go).
	NoTails bool
}

// DefaultEpochs is how many passes Train makes when not told.
const DefaultEpochs = 12

// Train learns a model from docs with the averaged structured perceptron:
// for each sentence, in a seeded random order each epoch, the model tags
// it (Viterbi under the BILOU constraints, with the two-pass document
// features) and, where it is wrong, every feature of a wrongly tagged token
// moves its weight toward the right tag and away from the predicted one.
// The result is the average of the weights over all steps, which
// generalises better than the last. The same docs and options always give
// the same model, byte for byte.
func Train(docs []Doc, opts TrainOptions) (*Model, error) {
	if len(docs) == 0 {
		return nil, errors.New("ner: no documents to train on")
	}
	epochs := opts.Epochs
	if epochs <= 0 {
		epochs = DefaultEpochs
	}
	m := newModel(nil, nil)
	if opts.Base != nil {
		m = opts.Base.Clone()
	}
	if err := m.addDocLabels(docs); err != nil {
		return nil, err
	}
	if len(m.labels) == 0 {
		return nil, errors.New("ner: the documents name nothing: no labels to learn")
	}
	hidden := opts.Hidden
	if hidden == nil && opts.Base == nil {
		hidden = []string{LabelMisc}
	}
	for i, l := range m.labels {
		switch {
		case slices.Contains(hidden, l):
			m.hidden[i] = true
		case m.hidden[i] && docsHaveLabel(docs, l):
			// A label the docs teach is suggested unless asked otherwise.
			m.hidden[i] = false
		}
	}
	var counts map[uint64]int32
	if opts.MinCount > 1 {
		counts = countKeys(docs)
	}
	tr := &trainer{m: m, avg: true, d: &docState{groups: map[uint64]int32{}}}
	samples := make([]*sample, 0, len(docs))
	scratch := statePool.Get().(*docState)
	defer statePool.Put(scratch)
	tails := map[uint64]tailCount{}
	for i := range docs {
		s, err := m.newSample(scratch, &docs[i], func(k uint64) int32 {
			if counts != nil && counts[k] < int32(opts.MinCount) {
				return m.row(k)
			}
			return m.addRow(k)
		}, tails)
		if err != nil {
			return nil, err
		}
		samples = append(samples, s)
	}
	if !opts.NoTails {
		m.addTails(tails)
	}
	counts = nil
	tr.addMajorityRows()
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	for e := range epochs {
		rng := rand.New(rand.NewPCG(opts.Seed, uint64(e)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			tr.learn(samples[i])
		}
		if opts.Progress != nil {
			opts.Progress(e+1, epochs)
		}
	}
	tr.average()
	switch {
	case len(opts.Calibrate) > 0:
		m.temp = m.fitTemperature(opts.Calibrate)
	case opts.Base == nil:
		m.temp = m.fitTemperature(docs)
	}
	return m, nil
}

// Update teaches the model docs at once (online learning, as an annotator
// works): a few perceptron passes over them, stopping early once the model
// tags them all as given. It adds the docs' labels and features. Tag calls
// wait while it runs; to keep tagging, Update a Clone and swap.
func (m *Model) Update(docs ...Doc) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.addDocLabels(docs); err != nil {
		return err
	}
	tr := &trainer{m: m, d: &docState{groups: map[uint64]int32{}}}
	scratch := statePool.Get().(*docState)
	defer statePool.Put(scratch)
	samples := make([]*sample, 0, len(docs))
	tails := map[uint64]tailCount{}
	for i := range docs {
		s, err := m.newSample(scratch, &docs[i], m.addRow, tails)
		if err != nil {
			return err
		}
		samples = append(samples, s)
	}
	m.addTails(tails)
	tr.addMajorityRows()
	for range updatePasses {
		wrong := 0
		for _, s := range samples {
			if tr.learn(s) {
				wrong++
			}
		}
		if wrong == 0 {
			break
		}
	}
	return nil
}

// updatePasses bounds Update's passes over its docs.
const updatePasses = 4

func (m *Model) addDocLabels(docs []Doc) error {
	for i := range docs {
		for _, sp := range docs[i].Spans {
			if m.labelIndex(sp.Label) < 0 {
				if len(m.labels) == maxLabels {
					return fmt.Errorf("ner: more than %d labels (%q)", maxLabels, sp.Label)
				}
				if sp.Label == "" {
					return errors.New("ner: a span without a label")
				}
				m.addLabel(sp.Label)
			}
		}
	}
	return nil
}

func docsHaveLabel(docs []Doc, l string) bool {
	for i := range docs {
		for _, sp := range docs[i].Spans {
			if sp.Label == l {
				return true
			}
		}
	}
	return false
}

// countKeys counts how many times each feature occurs in docs.
func countKeys(docs []Doc) map[uint64]int32 {
	counts := map[uint64]int32{}
	d := statePool.Get().(*docState)
	defer statePool.Put(d)
	for i := range docs {
		d.prepare(docs[i].Text, docToks(&docs[i]))
		for _, k := range d.keys {
			counts[k]++
		}
	}
	return counts
}

func docToks(doc *Doc) []tok {
	if doc.Tokens == nil {
		return nil
	}
	return byteOffsets(doc.Text, doc.Tokens)
}

// trainer holds the running perceptron: the model's weights are the
// current ones; u and ut accumulate step × change, so the average over all
// steps is w − u/step (Daumé's trick: no copy of the weights per step).
type trainer struct {
	m     *Model
	avg   bool
	u, ut []float64
	step  float64
	d     *docState
	gold  []uint8
	allow []uint64
}

// addMajorityRows makes sure every document-majority feature has a row, so
// training can update them.
func (tr *trainer) addMajorityRows() {
	for l := 0; l <= len(tr.m.labels); l++ {
		tr.m.addRow(majorityKey(tr.m, l))
	}
}

// learn tags sample s with the current weights and updates them where it is
// wrong; it reports whether it was.
func (tr *trainer) learn(s *sample) bool {
	m, d := tr.m, tr.d
	s.load(d)
	d.emit(m)
	if s.repeated {
		d.decode(m)
	} else {
		for k := range d.sends {
			d.decodeSentence(m, k, nil)
		}
		d.docRow = growI32(d.docRow, len(d.toks))
		for i := range d.docRow {
			d.docRow[i] = -1
		}
	}
	tr.step++
	wrong := false
	for k := range d.sends {
		a, b := d.sentence(k)
		gold := s.goldFor(tr, k, a, b)
		if gold == nil || slices.Equal(gold, d.tags[a:b]) {
			continue
		}
		wrong = true
		tr.update(a, gold, d.tags[a:b], float32(s.weight))
	}
	return wrong
}

// update moves the weights of tokens a… toward gold and away from pred.
func (tr *trainer) update(a int, gold, pred []uint8, lr float32) {
	m, d := tr.m, tr.d
	nt := m.nt()
	if tr.avg && len(tr.u) < len(m.w) {
		tr.u = append(tr.u, make([]float64, len(m.w)-len(tr.u))...)
		tr.ut = growF64(tr.ut, len(m.trans))
	}
	add := func(r int32, t uint8, v float32) {
		i := int(r)*nt + int(t)
		m.w[i] += v
		if tr.avg {
			tr.u[i] += tr.step * float64(v)
		}
	}
	addT := func(p, t int, v float32) {
		i := p*(nt+1) + t
		m.trans[i] += v
		if tr.avg {
			tr.ut[i] += tr.step * float64(v)
		}
	}
	pg, pp := nt, nt // the start
	for j := range gold {
		g, p := gold[j], pred[j]
		if g != p {
			for _, r := range d.tokenRows(a + j) {
				if r >= 0 {
					add(r, g, lr)
					add(r, p, -lr)
				}
			}
			if r := d.docRow[a+j]; r >= 0 {
				add(r, g, lr)
				add(r, p, -lr)
			}
		}
		if g != p || pg != pp {
			addT(pg, int(g), lr)
			addT(pp, int(p), -lr)
		}
		pg, pp = int(g), int(p)
	}
	if pg != pp {
		addT(pg, nt, lr)
		addT(pp, nt, -lr)
	}
}

// average replaces the weights by their average over all steps.
func (tr *trainer) average() {
	if tr.step == 0 {
		return
	}
	m := tr.m
	for i := range tr.u {
		m.w[i] -= float32(tr.u[i] / tr.step)
	}
	for i := range tr.ut {
		m.trans[i] -= float32(tr.ut[i] / tr.step)
	}
}
