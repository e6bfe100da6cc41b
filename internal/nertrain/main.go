// Command nertrain trains the entity recogniser shipped with storydesk
// (model/ner) from the shared NER data and writes its weights file:
//
//	go run ./internal/nertrain          # train, write model/ner/weights.bin, score dev
//	go run ./internal/nertrain -eval    # score the current weights on dev only
//
// Training is deterministic: the same data and flags give the same bytes.
// The recipe (sources, their weights, options) is model/ner's Sources and
// ShippedOptions.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"storydesk/model/ner"
)

func main() {
	data := flag.String("data", filepath.Join("..", "shared", "data", "ner"), "directory of the shared NER data")
	out := flag.String("out", filepath.Join("model", "ner", "weights.bin"), "weights file to write (or read, with -eval)")
	opts := ner.ShippedOptions
	flag.IntVar(&opts.Epochs, "epochs", opts.Epochs, "passes over the training data")
	flag.Uint64Var(&opts.Seed, "seed", opts.Seed, "seed of the document order")
	flag.IntVar(&opts.MinCount, "mincount", opts.MinCount, "leave out features seen fewer times")
	weights := flag.String("weights", "", "source weights to change, e.g. btc=0.3,wnut17=0.3")
	evalOnly := flag.Bool("eval", false, "only score the weights file on the dev split")
	flag.Parse()
	if err := run(*data, *out, opts, *weights, *evalOnly); err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
}

func run(data, out string, opts ner.TrainOptions, weights string, evalOnly bool) error {
	sources, err := withWeights(ner.Sources, weights)
	if err != nil {
		return err
	}
	c, err := ner.ReadCorpus(func(name string) (io.ReadCloser, error) {
		return os.Open(filepath.Join(data, filepath.FromSlash(name)))
	}, sources)
	if err != nil {
		return err
	}
	for _, s := range c.Stats {
		fmt.Printf("%-9s weight %.2f  train %5d docs %7d tokens (+%d recased)  calibration %3d docs  dev %4d docs %6d tokens\n",
			s.Source.Name, s.Source.Weight, s.TrainDocs, s.TrainTokens, s.Recased, s.CalibrateDocs, s.DevDocs, s.DevTokens)
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
		opts.Calibrate = c.Calibrate
		opts.Progress = func(e, n int) {
			fmt.Printf("epoch %d/%d  %s\n", e, n, time.Since(start).Round(time.Millisecond))
		}
		if m, err = ner.Train(c.Train, opts); err != nil {
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
	fmt.Printf("\nDev split, exact spans:\n\n%s", ner.Evaluate(m, c.Dev))
	return nil
}

// withWeights returns sources with the weights of spec (name=w,…) changed.
func withWeights(sources []ner.Source, spec string) ([]ner.Source, error) {
	out := append([]ner.Source(nil), sources...)
	if spec == "" {
		return out, nil
	}
	for part := range strings.SplitSeq(spec, ",") {
		name, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, fmt.Errorf("-weights: %q is not name=weight", part)
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
			return nil, fmt.Errorf("-weights: bad weight %q", v)
		}
		found := false
		for i := range out {
			if out[i].Name == name {
				out[i].Weight, found = f, true
			}
		}
		if !found {
			return nil, fmt.Errorf("-weights: no source %q", name)
		}
	}
	return out, nil
}
