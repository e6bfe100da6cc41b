package story_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"storydesk/data/corpus"
)

// Text from files is untrusted: titles, outlets, quotations, passages and
// names carrying terminal controls reach no screen of the feature.
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	evil := "\x1b]52;c;cHduZWQ=\x07\x1b[2J\u202e"
	body := func(n string) string {
		return "Rescuers said " + n + " people " + evil + "were missing after the ferry Maren Sund" + evil + " capsized off Port Ellis on Monday night.\n\n" +
			"“We will keep searching until everyone is home" + evil + ",” Mayor Ilse Varga" + evil + " told reporters at the harbour.\n\n" +
			"The Northern Seafarers Union had warned in January that the bow door leaked in heavy seas, a letter the company has not denied receiving.\n"
	}
	fs := fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: Ferry " + evil + " capsizes\nsource: Wire " + evil + "\ndate: 2026-03-03\n---\n\n" + body("42"))},
		"b.md": {Data: []byte("---\ntitle: Ferry capsizes " + evil + "\nsource: Herald " + evil + "\ndate: 2026-03-03\n---\n\n" + body("47") + "\nOnly the Herald " + evil + " says the crew had asked for a new door twice last year.\n")},
	}
	c, err := corpus.OpenFS(fs, "evil")
	if err != nil {
		t.Fatal(err)
	}
	for _, sz := range [][2]int{{120, 40}, {40, 12}} {
		h := newHarness(t, c, true, sz[0], sz[1])
		if got := h.f.Stories(); len(got) != 1 || len(got[0]) != 2 {
			t.Fatalf("the two articles are not one story: %v", got)
		}
		h.selectItem("a.md")
		var frames strings.Builder
		h.press("z", "l")
		frames.WriteString(h.host.Top().View())
		h.press("enter")
		for range 5 {
			for range 4 {
				frames.WriteString(h.host.Top().View())
				h.press("l")
			}
			h.press("j", "tab")
		}
		out := sgr.ReplaceAllString(frames.String(), "")
		for _, bad := range []string{"\x1b", "\x07", "\u202e"} {
			if strings.Contains(out, bad) {
				t.Fatalf("%dx%d: a control (%q) reached the screen", sz[0], sz[1], bad)
			}
		}
		if !strings.Contains(out, "Herald") {
			t.Fatalf("the story was not drawn:\n%s", out)
		}
	}
}
