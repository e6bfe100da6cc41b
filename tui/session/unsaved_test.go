package session_test

import (
	"net"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
)

// TestUnsavedSpans: a write the server could not take leaves its added and
// changed spans in its own article to be drawn as unsaved — not its
// deletions, not another article's; nothing when no write waits.
func TestUnsavedSpans(t *testing.T) {
	s := session.New(nil, "tester")
	if got := s.UnsavedSpans("a.txt"); got != nil {
		t.Fatalf("no write waits, yet %v", got)
	}
	added := model.Span{Start: 0, End: 5, Label: "PERSON"}
	moved := model.Span{Start: 10, End: 14, Label: "ORG"}
	j := &session.Job{Kind: session.Do, Act: store.Action{Name: "tag", Ops: []store.Op{
		{Kind: store.OpAddSpan, Article: "a.txt", Span: added},
		{Kind: store.OpSetSpan, Article: "a.txt", Span: moved},
		{Kind: store.OpDelSpan, Article: "a.txt", Span: model.Span{Start: 20, End: 22, Label: "GPE"}},
		{Kind: store.OpAddSpan, Article: "b.txt", Span: added},
	}}}
	unreachable := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", IsNotFound: true}}
	if _, ok := s.Stall(session.WrittenMsg{Job: j, Err: unreachable}); !ok {
		t.Fatal("the write was not kept for a retry")
	}
	got := s.UnsavedSpans("a.txt")
	if len(got) != 2 || got[0] != added || got[1] != moved {
		t.Fatalf("unsaved %v", got)
	}
	if got := s.UnsavedSpans("c.txt"); len(got) != 0 {
		t.Fatalf("another article: %v", got)
	}
}
