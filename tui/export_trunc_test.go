package tui

import (
	"strings"
	"testing"

	"storydesk/tui/ui"
)

func TestTruncLeftLongPath(t *testing.T) {
	if got := truncLeft(strings.Repeat("/東京", 20_000)+"/out.jsonl", 25); ui.TextWidth(got) > 25 || ui.TextWidth(got) < 24 || !strings.HasSuffix(got, "/out.jsonl") || !strings.HasPrefix(got, "…") {
		t.Fatalf("truncLeft of a long path: %q (%d cells)", got, ui.TextWidth(got))
	}
}
