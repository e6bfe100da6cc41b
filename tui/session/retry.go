package session

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
)

// A write the server could not take (restarted, or the network gone) is
// kept, not dropped: it waits at the head of the queue, the writes typed
// after it wait behind it, and it is tried again every retryDelay until
// the server answers. A retry first asks the store whether the first try
// committed after all (its answer lost with the connection), so nothing
// is saved twice.

// RetryMsg is the tick that tries a stalled write again.
type RetryMsg struct{}

// resumer is a store that can say whether a write whose answer was lost
// committed (store.SQLite).
type resumer interface {
	Clock() time.Time
	Reconnect()
	CommittedSince(ctx context.Context, t time.Time) (store.Action, bool, error)
}

// DefaultRetryDelay is how often a stalled write is tried again.
const DefaultRetryDelay = 2 * time.Second

// SetRetryDelay changes how often a stalled write is tried again; below
// zero, never by itself (tests send RetryMsg).
func (s *Session) SetRetryDelay(d time.Duration) { s.retryDelay = d }

// Stall keeps a write that failed because the server could not be
// reached, to be tried again (the root calls it instead of reporting the
// failure). Only writes of actions are kept: an undo or redo is the
// user's to press again.
func (s *Session) Stall(msg WrittenMsg) (tea.Cmd, bool) {
	j := msg.Job
	if j == nil || (j.Kind != Do && j.Kind != Across) || !store.Unreachable(msg.Err) {
		return nil, false
	}
	s.busy = false
	// The action as built and tried, the same one again, back at the
	// head of the queue (Next took it off to run it).
	j.Build = nil
	s.queue = append([]*Job{j}, s.queue...)
	s.stalled, s.stallErr, s.retrying = j, msg.Err, false
	if s.retryDelay < 0 {
		return nil, true
	}
	return tea.Tick(s.retryDelay, func(time.Time) tea.Msg { return RetryMsg{} }), true
}

// Retry tries the stalled write again.
func (s *Session) Retry() tea.Cmd {
	if s.stalled == nil || s.busy {
		return nil
	}
	s.retrying = true
	return s.Next()
}

// Unsaved is the write waiting for the server, and why (nil when none).
func (s *Session) Unsaved() (*Job, error) { return s.stalled, s.stallErr }

// stamp notes when a write is first tried, by the store's clock, so a
// retry can find it in the store if it committed.
func (s *Session) stamp(j *Job) {
	if r, ok := s.st.(resumer); ok && j.tried.IsZero() {
		j.tried = r.Clock()
	}
}

// committed is the action a retried write committed at its first try, if
// it did.
func committed(ctx context.Context, st store.Store, j *Job) (store.Action, bool, error) {
	r, ok := st.(resumer)
	if !ok || j.tried.IsZero() {
		return store.Action{}, false, nil
	}
	r.Reconnect()
	return r.CommittedSince(ctx, j.tried)
}

// saved clears the stall once its write has gone through.
func (s *Session) saved(j *Job) {
	if s.stalled == j {
		s.stalled, s.stallErr, s.retrying = nil, nil, false
	}
}

// UnsavedSpans are the spans the write waiting for the server adds or
// changes in article id, for annotate mode to draw as unsaved (none when
// no write waits).
func (s *Session) UnsavedSpans(id string) []model.Span {
	j, _ := s.Unsaved()
	if j == nil {
		return nil
	}
	var spans []model.Span
	for _, op := range j.Act.Ops {
		if (op.Kind == store.OpAddSpan || op.Kind == store.OpSetSpan) && op.Article == id {
			spans = append(spans, op.Span)
		}
	}
	return spans
}
