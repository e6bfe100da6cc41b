package browse

import (
	"context"
	"runtime"
	"sync"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
)

// streamBatchMsg is a batch of items read in the background.
type streamBatchMsg struct{ results []corpus.Result }

// StreamDoneMsg says Stream has returned: every item was read (or the
// reader is shutting down).
type StreamDoneMsg struct{}

// maxBatch bounds how many results one message carries, so a burst of
// results is applied in one update but a frame is never held up for long.
const maxBatch = 4096

// streamer runs Source.Stream on its own goroutine and feeds its batches to
// the update loop through a channel read by a re-arming command.
type streamer struct {
	src     Source
	workers int
	ch      chan []corpus.Result
	ctx     context.Context
	cancel  context.CancelFunc
	once    sync.Once
}

func newStreamer(src Source, workers int) *streamer {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &streamer{src: src, workers: workers, ch: make(chan []corpus.Result, 16), ctx: ctx, cancel: cancel}
}

// start launches Stream (once) and waits for the first batch.
func (s *streamer) start() tea.Cmd {
	return func() tea.Msg {
		s.once.Do(func() {
			go func() {
				defer close(s.ch)
				s.src.Stream(s.ctx, s.workers, func(rs []corpus.Result) {
					// Copy: Stream may reuse its slice once emit returns.
					cp := append([]corpus.Result(nil), rs...)
					select {
					case s.ch <- cp:
					case <-s.ctx.Done():
					}
				})
			}()
		})
		return s.wait()
	}
}

// next waits for the following batch.
func (s *streamer) next() tea.Cmd { return s.wait }

func (s *streamer) wait() tea.Msg {
	rs, ok := <-s.ch
	if !ok {
		return StreamDoneMsg{}
	}
	// Coalesce whatever else is already waiting.
	for len(rs) < maxBatch {
		select {
		case more, ok := <-s.ch:
			if !ok {
				return streamBatchMsg{rs} // the next wait reports the end
			}
			rs = append(rs, more...)
		default:
			return streamBatchMsg{rs}
		}
	}
	return streamBatchMsg{rs}
}

// stop cancels the background read.
func (s *streamer) stop() { s.cancel() }
