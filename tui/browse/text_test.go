package browse_test

import (
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/tui/browse"
)

// A very long article skips glamour (tens of seconds and gigabytes at 50 MB)
// and is shown plainly wrapped, still fitting the pane.
func TestLongArticleShownPlain(t *testing.T) {
	para := strings.Repeat("The harbour board met again on Tuesday to discuss the long list of repairs. ", 20)
	var b strings.Builder
	for b.Len() <= browse.MaxGlamourBytes {
		b.WriteString(para)
		b.WriteString("\n\n")
	}
	b.WriteString("Supercalifragilisticexpialidocious" + strings.Repeat("x", 300)) // longer than any line
	long := &model.Article{Title: "A very long record", Source: "Harbour Gazette", Text: b.String(), Words: 1}
	if !browse.TooLongForGlamour(long) {
		t.Fatal("fixture is not long enough")
	}
	src := &fakeSource{label: "long", batch: 1}
	src.add("long.txt", long)
	src.add("short.txt", fixtureArticle(1, 2))
	h := start(t, src, 100, 28)
	h.press("tab")
	if p := h.plain(); !strings.Contains(p, "too long to format, shown as plain text") || !strings.Contains(p, "The harbour board met again") {
		t.Fatalf("long article not shown plainly:\n%s", p)
	}
	checkView(t, h, 100, 28)
	h.press("G")
	checkView(t, h, 100, 28)
	if !strings.Contains(h.plain(), "xxxx") {
		t.Fatalf("the end of the long article is not reachable:\n%s", h.plain())
	}
	// A short article still goes through glamour (a heading, no note).
	h.press("shift+tab", "j", "tab")
	if strings.Contains(h.plain(), "shown as plain text") {
		t.Fatal("a short article was shown plain")
	}
}

// hostile holds every kind of terminal trickery an article could carry.
const hostile = "A \x1b[31mred\x1b[0m word, " +
	"a clipboard write \x1b]52;c;SGVsbG8=\x07 here, " +
	"a C1 CSI \u009b31m there, an OSC-8 \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ too, " +
	"a bell \x07 and a carriage\rreturn, " +
	"an entity &#27;[31m and &#x1b;]52;c;QQ==&#7; and &#155;, " +
	"bidi \u202eesrever\u202c and \u2066isolate\u2069."

// controls is what is left that could drive the terminal once the
// styling is removed: escapes, C0/C1 controls, bidi controls.
func controls(s string) []string {
	s = sgrRE.ReplaceAllString(s, "")
	var bad []string
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			bad = append(bad, string(r))
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			bad = append(bad, string(r))
		}
	}
	return bad
}

// Text from files never reaches the terminal as anything but text: not in
// the list, the title, the read view, the raw view, the filter.
func TestHostileText(t *testing.T) {
	src := &fakeSource{label: "evil\x1b[2J", batch: 2}
	a := &model.Article{
		Title: "Title " + hostile, Source: "Outlet \x1b]52;c;AAAA\x07", Byline: "By \u009b2J someone",
		Date: "2024\r-01-01", URL: "https://x.example/\x1b[5m", Summary: "Summary " + hostile,
		Raw: "Caption \x1b[31m\n\n" + hostile + "\n\n" + hostile, Text: hostile + "\n\n" + hostile, Words: 40,
		Removed: []model.Removed{{Start: 0, End: 10, Reason: model.ReasonCaption}},
	}
	src.add("evil/\x1b[31mfile\u202e.txt", a)
	src.add("plain.txt", fixtureArticle(1, 2))
	h := start(t, src, 120, 38)
	check := func(state string) {
		t.Helper()
		if bad := controls(h.b.View()); len(bad) > 0 {
			t.Fatalf("%s: controls reach the view: %q\n%q", state, bad, h.b.View())
		}
	}
	check("list")
	if !h.b.Showing() || !strings.Contains(h.plain(), "&#27;[31m") {
		t.Fatalf("entity not shown literally:\n%s", h.plain())
	}
	h.press("tab", "G")
	check("article bottom")
	h.press("r")
	check("raw")
	h.press("g")
	check("raw top")
	h.press("/")
	h.typeText("\x1b[31mred")
	check("filter")
}
