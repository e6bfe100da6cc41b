package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"sync"
	"time"

	"storydesk/data/corpus"
	"storydesk/data/export"
	"storydesk/data/store"
	"storydesk/model/dup"
)

// runDups finds copies among the articles: `storydesk dups [--json]
// [--threshold X] [--db PATH] PATH...`.
//
// Signatures are cached in the corpus's annotation store when it already
// exists (the one `storydesk PATH` would open), or in --db (created if
// needed); dups never creates the default store by itself, so running it on
// a folder leaves no trace there.
func runDups(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := subcommandFlags("dups", "dups [--json] [--threshold X] [--db PATH] PATH...", stderr)
	asJSON := fs.Bool("json", false, "one JSON object per pair per line: a, b, jaccard, containment, a_in_b, b_in_a, kind")
	threshold := fs.Float64("threshold", dup.DefaultThreshold, "report pairs whose containment (the share of the shorter text found in the other) is at least `X`, in (0, 1]")
	dbPath := fs.String("db", "", "annotation store `PATH` to cache signatures in (default: the corpus's store, only if it exists)")
	if err := parseSubcommand(fs, args); err != nil {
		return err
	}
	if t := *threshold; !(t > 0 && t <= 1) || math.IsNaN(t) {
		fmt.Fprintf(stderr, "storydesk dups: --threshold must be in (0, 1], got %v\n", t)
		return errUsage
	}
	c, err := corpus.Open(fs.Args(), stdin)
	if c != nil {
		reportProblems(stderr, c.Problems)
	}
	if err != nil {
		return err
	}

	opts := corpus.DupJobOptions{Threshold: *threshold}
	path, open := *dbPath, *dbPath != ""
	if !open {
		path, open = store.ExistingPath(c)
	}
	if open {
		who, err := annotatorName("")
		if err != nil {
			return err
		}
		ann, err := openStore(path, who)
		switch {
		case err != nil && *dbPath != "":
			return err
		case err != nil:
			// The default store is only a cache here: go on without it.
			fmt.Fprintf(stderr, "storydesk: not caching signatures (%v)\n", err)
		default:
			defer ann.Close()
			opts.Cache = ann
		}
	}
	var bar *progressLine
	// The progress line's own \r and erase-line must reach the terminal:
	// it writes to the file under the sanitiser (its text is our own).
	if f := terminalOf(stderr); f != nil {
		bar = &progressLine{w: f}
		opts.Progress = bar.update
	}
	rep, err := corpus.FindDuplicates(context.Background(), c, opts)
	bar.clear()
	if err != nil {
		return err
	}
	reportProblems(stderr, rep.Problems)
	if rep.CacheErr != nil {
		fmt.Fprintf(stderr, "storydesk: signature cache failed, every text was signed (%v)\n", rep.CacheErr)
	}
	if *asJSON {
		err = export.WriteDupsJSON(stdout, rep.Pairs)
	} else {
		err = export.WriteDupsTable(stdout, rep.Pairs)
	}
	if err != nil {
		return err
	}
	if bar != nil {
		fmt.Fprintf(stderr, "%d pairs among %d articles (%d signed, %d from the cache)\n",
			len(rep.Pairs), rep.Articles, rep.Computed, rep.Cached)
	}
	if len(c.Problems)+len(rep.Problems) > 0 {
		return errSkipped
	}
	return nil
}

// progressLine redraws one status line on a terminal, at most ten times a
// second. Its text is our own (stage names and counts), never article text.
type progressLine struct {
	w    io.Writer
	mu   sync.Mutex
	last time.Time
	on   bool
}

func (p *progressLine) update(stage string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if done < total && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	fmt.Fprintf(p.w, "\r\x1b[Kstorydesk dups: %s %d/%d", stage, done, total)
	p.on = true
}

func (p *progressLine) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.on {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.on = false
	}
}
