package widgets_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// TestMsgLog: a repeat reported again is counted; a redraw of the message
// on screen, or of the start of the entry just kept, is not kept again;
// controls are cleaned out; the log is bounded; Lines puts the newest
// first with its time and count, wrapped under the text.
func TestMsgLog(t *testing.T) {
	var l widgets.MsgLog
	at := time.Date(2024, 5, 6, 14, 3, 9, 0, time.Local)
	if l.Add("  ", true, true, at) || l.Len() != 0 || l.Lines(ui.NewStyles(true, true), 40) != nil {
		t.Fatal("blank text kept")
	}
	if !l.Add("Not saved: disk full", true, true, at) || !l.Add("Not saved: disk full", false, true, at.Add(time.Second)) {
		t.Fatal("a report not kept")
	}
	if l.Len() != 1 || l.Entries()[0].N != 2 || !l.Entries()[0].Err || !l.Entries()[0].At.Equal(at.Add(time.Second)) {
		t.Fatalf("a repeat not counted: %+v", l.Entries())
	}
	if l.Add("Not saved: disk full", false, false, at) || l.Add("Not saved", false, false, at) {
		t.Fatal("a redraw kept")
	}
	l.Add("Export wrote \x1b]52;c;aGk=\x07 out.jsonl and a long tail of words to wrap", false, false, at.Add(time.Minute))
	if e := l.Entries()[1]; strings.ContainsRune(e.Text, 0x1b) || strings.ContainsRune(e.Text, 0x07) || e.Err {
		t.Fatalf("entry %+v", e)
	}
	lines := l.Lines(ui.NewStyles(true, true), 30)
	plain := make([]string, len(lines))
	for i, s := range lines {
		plain[i] = ansi.Strip(s)
		if w := ui.TextWidth(plain[i]); w > 30 {
			t.Errorf("line %q is %d cells", plain[i], w)
		}
	}
	if plain[0] != "This session" || !strings.HasPrefix(plain[1], "14:04:09  Export wrote") || !strings.HasPrefix(plain[2], "          ") {
		t.Fatalf("lines:\n%s", strings.Join(plain, "\n"))
	}
	if last := plain[len(plain)-1]; !strings.HasSuffix(last, "(×2)") {
		t.Fatalf("the oldest, counted, last: %q", last)
	}
	for i := range widgets.MsgLogMax + 5 {
		l.Add(fmt.Sprintf("failure %d", i), true, true, at)
	}
	if n := l.Len(); n != widgets.MsgLogMax || l.Entries()[n-1].Text != fmt.Sprintf("failure %d", widgets.MsgLogMax+4) {
		t.Fatalf("log of %d", n)
	}
}
