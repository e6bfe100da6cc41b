// Command nertrain trains the entity recogniser shipped with storydesk
// (model/ner) from the shared NER data and writes its weights file:
//
//	go run ./internal/nertrain                 # train, write model/ner/weights.bin, score dev
//	go run ./internal/nertrain -eval           # score the current weights on dev only
//
// Training is deterministic: the same data and flags give the same bytes.
package main

import (
	"compress/gzip"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"storydesk/model/ner"
)

// sources are the shared data's per-source files. Social media posts (BTC,
// WNUT-17) count for less than Wikipedia prose (WikiGold, CrossNER), which
// is closer to news; neither tweet source tags MISC.
var sources = []struct {
	name   string
	noMisc bool
}{
	{"wikigold", false},
	{"crossner", false},
	{"btc", true},
	{"wnut17", true},
}

func main() {
	data := flag.String("data", filepath.Join("..", "shared", "data", "ner"), "directory of the shared NER data")
	out := flag.String("out", filepath.Join("model", "ner", "weights.bin"), "weights file to write")
	epochs := flag.Int("epochs", ner.DefaultEpochs, "passes over the training data")
	seed := flag.Uint64("seed", 1, "seed of the document order")
	minCount := flag.Int("mincount", 2, "leave out features seen fewer times")
	weightsFlag := flag.String("weights", "wikigold=1,crossner=1,btc=0.3,wnut17=0.3", "weight of each source's documents")
	evalOnly := flag.Bool("eval", false, "only score the weights file (-out) on the dev split")
	flag.Parse()
	if err := run(*data, *out, *epochs, *seed, *minCount, *weightsFlag, *evalOnly); err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
}

func run(data, out string, epochs int, seed uint64, minCount int, weightsFlag string, evalOnly bool) error {
	weights, err := parseWeights(weightsFlag)
	if err != nil {
		return err
	}
	held, err := readDocs(filepath.Join(data, "dev.conll.gz"), ner.CoNLLOptions{})
	if err != nil {
		return err
	}
	var train, calib, dev []ner.Doc
	for _, s := range sources {
		docs, err := readDocs(filepath.Join(data, "sources", s.name+".conll.gz"), ner.CoNLLOptions{Source: s.name, Weight: weights[s.name], NoMisc: s.noMisc})
		if err != nil {
			return err
		}
		tr, dv := ner.SplitDev(docs, held)
		// One train doc in 50 is held out to fit the score temperature.
		nc := 0
		for _, d := range tr {
			if textHash(d.Text)%50 == 0 {
				calib = append(calib, d)
				nc++
			} else {
				train = append(train, d)
			}
		}
		dev = append(dev, dv...)
		fmt.Printf("%-9s train %5d docs %7d tokens (calibration %d docs), dev %4d docs %6d tokens, weight %.2f\n",
			s.name, len(tr)-nc, tokens(tr), nc, len(dv), tokens(dv), weights[s.name])
	}
	var m *ner.Model
	if evalOnly {
		b, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		if m, err = ner.Unmarshal(b); err != nil {
			return err
		}
	} else {
		start := time.Now()
		m, err = ner.Train(train, ner.TrainOptions{
			Epochs:    epochs,
			Seed:      seed,
			MinCount:  minCount,
			Calibrate: calib,
			Progress: func(e, n int) {
				fmt.Printf("epoch %d/%d  %s\n", e, n, time.Since(start).Round(time.Millisecond))
			},
		})
		if err != nil {
			return err
		}
		b, err := m.Marshal()
		if err != nil {
			return err
		}
		if err := os.WriteFile(out, b, 0o644); err != nil {
			return err
		}
		fmt.Printf("trained in %s; wrote %s (%d bytes)\n", time.Since(start).Round(time.Millisecond), out, len(b))
	}
	fmt.Printf("\nDev split, exact spans, app labels:\n\n%s\n", ner.Evaluate(m, dev, ner.EvalOptions{}))
	fmt.Printf("Dev split, exact spans, GPE and LOC as one PLACE:\n\n%s", ner.Evaluate(m, dev, ner.EvalOptions{MergePlaces: true}))
	return nil
}

func parseWeights(s string) (map[string]float64, error) {
	w := map[string]float64{}
	for _, s := range sources {
		w[s.name] = 1
	}
	for part := range strings.SplitSeq(s, ",") {
		name, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, fmt.Errorf("-weights: %q is not name=weight", part)
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
			return nil, fmt.Errorf("-weights: bad weight %q", v)
		}
		if _, known := w[name]; !known {
			return nil, fmt.Errorf("-weights: no source %q", name)
		}
		w[name] = f
	}
	return w, nil
}

func readDocs(path string, opts ner.CoNLLOptions) ([]ner.Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	docs, err := ner.ReadCoNLL(r, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

func textHash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

func tokens(docs []ner.Doc) int {
	n := 0
	for _, d := range docs {
		n += len(d.Tokens)
	}
	return n
}
