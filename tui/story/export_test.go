package story

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"storydesk/model/dup"
)

// ReadPairs runs the grouping read over src's first n items as it runs
// without a store (signing each article as it reads it, its sketch kept)
// and returns the copy pairs it found.
func ReadPairs(src Source, n, workers int) ([]dup.Pair, error) {
	live := make([]int32, n)
	for i := range live {
		live[i] = int32(i)
	}
	r := &reader{ctx: context.Background(), j: &job{ch: make(chan tea.Msg, 1)}, src: src, workers: workers, live: live, sign: true}
	msg := r.run()
	return msg.pairs, msg.err
}
