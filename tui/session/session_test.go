package session_test

import (
	"errors"
	"strings"
	"testing"

	"storydesk/tui/session"
)

// TestSavedButRereadFailedIsNotNotSaved: when the write committed and only
// re-reading failed, the bar must not say "Not saved".
func TestSavedButRereadFailedIsNotNotSaved(t *testing.T) {
	msg := session.DescribeErr("Undo failed", &session.SavedButError{ID: "a.txt", Err: errors.New("disk I/O error")})
	if strings.Contains(msg, "failed:") || !strings.HasPrefix(msg, "Saved, but") || !strings.Contains(msg, "a.txt") {
		t.Fatalf("%q", msg)
	}
	if msg := session.DescribeErr("Not saved", errors.New("x")); msg != "Not saved: x" {
		t.Fatalf("%q", msg)
	}
}
