package ner

import (
	"compress/gzip"
	"fmt"
	"hash/fnv"
	"io"
	"path"
)

// The shared training data (../shared/data/ner) and how the shipped model
// is trained from it. Reading goes through an opener, so this package does
// no file I/O of its own: internal/nertrain and the benchmarks pass
// os.Open.

// Source is one of the shared data's per-source files and how training
// weighs it.
type Source struct {
	Name   string
	Weight float64
	// NoMisc: the source does not tag MISC (see CoNLLOptions.NoMisc).
	NoMisc bool
}

// Sources are the shared data's sources. Social media posts (BTC, WNUT-17)
// count half as much as Wikipedia prose (WikiGold, CrossNER), which is
// closer to news.
var Sources = []Source{
	{Name: "wikigold", Weight: 1},
	{Name: "crossner", Weight: 1},
	{Name: "btc", Weight: 0.5, NoMisc: true},
	{Name: "wnut17", Weight: 0.5, NoMisc: true},
}

// ShippedOptions are the options the shipped model is trained with (plus
// the corpus's Calibrate docs). It learns no lower-case tails: see tails.go.
var ShippedOptions = TrainOptions{Epochs: DefaultEpochs, Seed: 1, MinCount: 2, NoTails: true}

// Corpus is the shared data, split: Train (with headline-case and capitals
// copies of some prose sentences, see recased), Calibrate (one train doc in
// 50, held out to fit the score temperature) and Dev (dev.conll's docs,
// with their Source).
type Corpus struct {
	Train, Calibrate, Dev []Doc
	Stats                 []SourceStats // per source, for reports
}

// SourceStats counts one source's docs and tokens in each part.
type SourceStats struct {
	Source                          Source
	TrainDocs, TrainTokens, Recased int
	CalibrateDocs                   int
	DevDocs, DevTokens              int
}

// ReadCorpus reads dev.conll.gz and sources/<name>.conll.gz through open
// (given a path relative to the data directory) and splits them.
func ReadCorpus(open func(name string) (io.ReadCloser, error), sources []Source) (*Corpus, error) {
	held, err := readGz(open, "dev.conll.gz", CoNLLOptions{})
	if err != nil {
		return nil, err
	}
	c := &Corpus{}
	for _, s := range sources {
		docs, err := readGz(open, path.Join("sources", s.Name+".conll.gz"), CoNLLOptions{Source: s.Name, Weight: s.Weight, NoMisc: s.NoMisc})
		if err != nil {
			return nil, err
		}
		tr, dv := SplitDev(docs, held)
		st := SourceStats{Source: s, DevDocs: len(dv), DevTokens: countTokens(dv)}
		var kept []Doc
		for _, d := range tr {
			if textHash(d.Text)%50 == 0 {
				c.Calibrate = append(c.Calibrate, d)
				st.CalibrateDocs++
			} else {
				kept = append(kept, d)
				st.TrainTokens += len(d.Tokens)
			}
		}
		st.TrainDocs = len(kept)
		c.Train = append(c.Train, kept...)
		if !s.NoMisc {
			more := recased(kept)
			c.Train = append(c.Train, more...)
			st.Recased = len(more)
		}
		c.Dev = append(c.Dev, dv...)
		c.Stats = append(c.Stats, st)
	}
	return c, nil
}

func readGz(open func(string) (io.ReadCloser, error), name string, opts CoNLLOptions) ([]Doc, error) {
	f, err := open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	docs, err := ReadCoNLL(zr, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return docs, nil
}

func textHash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}
