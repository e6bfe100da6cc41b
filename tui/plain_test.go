package tui

import (
	"strings"
	"testing"

	"storydesk/model"
)

// A very long article skips glamour (tens of seconds and gigabytes at 50 MB)
// and is shown plainly wrapped, still fitting the pane.
func TestLongArticleShownPlain(t *testing.T) {
	para := strings.Repeat("The harbour board met again on Tuesday to discuss the long list of repairs. ", 20)
	var b strings.Builder
	for b.Len() <= maxGlamourBytes {
		b.WriteString(para)
		b.WriteString("\n\n")
	}
	b.WriteString("Supercalifragilisticexpialidocious" + strings.Repeat("x", 300)) // longer than any line
	long := &model.Article{Title: "A very long record", Source: "Harbour Gazette", Text: b.String(), Words: 1}
	if !tooLongForGlamour(long) {
		t.Fatal("fixture is not long enough")
	}
	src := &fakeSource{label: "long", batch: 1}
	src.add("long.txt", long)
	src.add("short.txt", fixtureArticle(1, 2))
	m := start(t, src, 100, 30)
	press(t, m, "tab")
	frame := plain(m)
	if !strings.Contains(frame, "too long to format, shown as plain text") || !strings.Contains(frame, "The harbour board met again") {
		t.Fatalf("long article not shown plainly:\n%s", frame)
	}
	checkFrame(t, m, 100, 30)
	press(t, m, "G")
	checkFrame(t, m, 100, 30)
	if !strings.Contains(plain(m), "xxxx") {
		t.Fatalf("the end of the long article is not reachable:\n%s", plain(m))
	}
	// A short article still goes through glamour (a heading, no note).
	press(t, m, "shift+tab", "j", "tab")
	if strings.Contains(plain(m), "shown as plain text") {
		t.Fatal("a short article was shown plain")
	}
}
