package tui

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"storydesk/data/corpus"
	"storydesk/model"
)

// hostile holds every kind of terminal trickery an article could carry.
const hostile = "A \x1b[31mred\x1b[0m word, " +
	"a clipboard write \x1b]52;c;SGVsbG8=\x07 here, " +
	"a C1 CSI \u009b31m there, an OSC-8 \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ too, " +
	"a bell \x07 and a carriage\rreturn, " +
	"an entity &#27;[31m and &#x1b;]52;c;QQ==&#7; and &#155;, " +
	"bidi \u202eesrever\u202c and \u2066isolate\u2069."

func hostileSource() *fakeSource {
	f := &fakeSource{label: "evil\x1b[2J", batch: 2}
	a := &model.Article{
		Title:   "Title " + hostile,
		Source:  "Outlet \x1b]52;c;AAAA\x07",
		Byline:  "By \u009b2J someone",
		Date:    "2024\r-01-01",
		URL:     "https://x.example/\x1b[5m",
		Summary: "Summary " + hostile,
		Raw:     "Caption \x1b[31m\n\n" + hostile + "\n\n" + hostile,
		Text:    hostile + "\n\n" + hostile,
		Words:   40,
	}
	a.Removed = []model.Removed{{Start: 0, End: 10, Reason: model.ReasonCaption}}
	f.add("evil/\x1b[31mfile\u202e.txt", a)
	f.add("plain.txt", fixtureArticle(1, 2))
	f.problems = []corpus.Problem{{Path: "bad\x1b]52;c;AAAA\x07.txt", Reason: "reason \x9b31m \x1b[2J"}}
	return f
}

// contentControls returns what is left that could drive the terminal once
// our own SGR styling is removed: escapes, C0/C1 controls, bidi controls.
func contentControls(s string) []string {
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

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		name := "color"
		if noColor {
			name = "nocolor"
		}
		t.Run(name, func(t *testing.T) {
			m := NewFromSource(hostileSource(), Options{NoColor: noColor})
			send(t, m, teaSize(120, 40))
			drive(t, m, m.Init())
			check := func(state string) {
				t.Helper()
				c := content(m)
				if bad := contentControls(c); len(bad) > 0 {
					t.Fatalf("%s: controls reach the view: %q\n%q", state, bad, c)
				}
				if noColor {
					// Without colour the only escapes are our attributes
					// (bold, faint, italic, underline, reverse, strike).
					for _, seq := range sgrRE.FindAllString(c, -1) {
						for _, p := range strings.Split(strings.Trim(seq, "\x1b[m"), ";") {
							if n, _ := strconv.Atoi(p); n > 29 {
								t.Fatalf("%s: colour sequence %q with NO_COLOR", state, seq)
							}
						}
					}
				}
			}
			check("list")
			if !m.br.Showing() {
				t.Fatal("hostile article not rendered")
			}
			p := plain(m)
			// The entity is shown as text, not decoded into an escape.
			if !strings.Contains(p, "&#27;[31m") {
				t.Fatalf("entity not shown literally:\n%s", p)
			}
			press(t, m, "tab", "G")
			check("detail bottom")
			press(t, m, "r")
			check("raw")
			press(t, m, "g")
			check("raw top")
			press(t, m, "!")
			check("problems")
			press(t, m, "esc", "/")
			typeText(t, m, "\x1b[31mred")
			check("filter")
		})
	}
}

func TestHostileTextProgramOutput(t *testing.T) {
	m := NewFromSource(hostileSource(), Options{NoColor: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	waitFor(t, tm, "Read 2 articles")
	tm.Type("r")
	waitFor(t, tm, "[caption]")
	tm.Type("!")
	waitFor(t, tm, "Problems")
	tm.Type("q")
	out, err := io.ReadAll(tm.FinalOutput(t, teatest.WithFinalTimeout(5*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"\x1b]52", "\x1b[31m", "\x1b[2J", "\x1b[5m", "\xc2\x9b", "\u202e", "\u2066", "\x1b]8;;http://evil", "\x07"} {
		if bytes.Contains(out, []byte(bad)) {
			i := bytes.Index(out, []byte(bad))
			t.Fatalf("program output contains %q: …%q…", bad, out[max(0, i-40):min(len(out), i+40)])
		}
	}
}
