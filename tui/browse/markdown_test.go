package browse_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"storydesk/model"
	"storydesk/tui/browse"
	"storydesk/tui/ui"
)

// renderPlain renders one escaped paragraph with glamour and returns the
// visible text on one line.
func renderPlain(t *testing.T, md string) string {
	t.Helper()
	out, err := browse.RenderMarkdown(2000, "notty", md)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(ansi.Strip(browse.KeepSGR(out))), " ")
}

// TestEscapeMarkdownRoundTrip: whatever the text, glamour shows exactly the
// text (spaces normalised), never markdown's reading of it.
func TestEscapeMarkdownRoundTrip(t *testing.T) {
	cases := []string{
		"- not a list", "+ plus", "* star", "1. one", "2) two", "12345. big", "# hash", "### three", "> quote",
		"=====", "----", "***", "___", "- - -", "    indented code", "\tTabbed",
		"a *b* _c_ **d** `e` [f](g) ![h](i) <j> &amp; &#27;[31m \\ \\* | ~~s~~ ~t~ :smile:",
		"https://x.example/a_b?c=d www.x.example and a@b.example <https://y.example>",
		"term\n: definition", "| a | b |\n|---|---|\n| 1 | 2 |", "[^1]: footnote", "[ref]: https://x.example",
		"<div>html</div> <!-- comment --> <script>alert(1)</script>", "1\\. escaped already",
		"emoji 🎉 and 中文 and e\u0301", "line one\nline two\n===", "```go\ncode\n```", "~~~\nfence\n~~~",
		"&copy; &nbsp; &#x41; &lt;b&gt;", "trailing backslash \\", "A  double  space",
	}
	r := rand.New(rand.NewPCG(3, 4))
	const chars = "-+*#>_`[]()!<>&;:/\\|~=.0123456789 abcXYZ@\"'{}$%^\n\t"
	for i := 0; i < 1500; i++ {
		n := 1 + r.IntN(30)
		b := make([]byte, n)
		for k := range b {
			b[k] = chars[r.IntN(len(chars))]
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		want := strings.Join(strings.Fields(model.SanitizeLine(c)), " ")
		if want == "" {
			continue
		}
		if got := renderPlain(t, browse.EscapeMarkdown(c)); got != want {
			t.Fatalf("text %q\n  escaped %q\n  shown   %q\n  want    %q", c, browse.EscapeMarkdown(c), got, want)
		}
	}
}

func TestEscapeMarkdownDropsControls(t *testing.T) {
	e := browse.EscapeMarkdown("a\x1b[31mb\x07c\u009bd\u202ee&#27;f")
	for _, r := range e {
		if ui.UnsafeRune(r) || r == 0x1b {
			t.Fatalf("escaped text keeps control %U: %q", r, e)
		}
	}
	if strings.Contains(e, "&#27;") {
		t.Fatalf("entity left for glamour to decode: %q", e)
	}
}

func TestKeepSGR(t *testing.T) {
	in := "\x1b[1;38;5;228mbold\x1b[m \x1b]8;id=1;https://x\x07link\x1b]8;;\x07 \x1b[2J\x1b[H\x07bell\r\tcr \u009bc1 \x1bPdcs\x1b\\ end"
	got := browse.KeepSGR(in)
	want := "\x1b[1;38;5;228mbold\x1b[m link bell cr c1  end"
	if got != want {
		t.Fatalf("keepSGR:\n got %q\nwant %q", got, want)
	}
}

func TestIsQuotation(t *testing.T) {
	for p, want := range map[string]bool{
		"“We will win.”":          true,
		"\"We will win.\"":        true,
		"«Nous gagnerons.»":       true,
		"“We will win,” he said.": false,
		"“A,” she said, “and B.”": false,
		"\"A,\" she said. \"B.\"": false,
		"Plain paragraph.":        false,
		"“”":                      false,
	} {
		if got := browse.IsQuotation(p); got != want {
			t.Errorf("isQuotation(%q) = %v", p, got)
		}
	}
}

func TestArticleMarkdownRenders(t *testing.T) {
	a := fixtureArticle(3, 3)
	a.Summary = "A standfirst."
	a.Text += "\n\n“We will not wait,” the mayor said.\n\n“Entirely a quote.”"
	out, err := browse.RenderMarkdown(80, "notty", browse.ArticleMarkdown(a, "", true))
	if err != nil {
		t.Fatal(err)
	}
	p := ansi.Strip(out)
	for _, s := range []string{"# " + a.Title, a.Source + " · A. Reporter · " + a.Date, a.URL, "A standfirst.", "| “Entirely a quote.”"} {
		if !strings.Contains(p, s) {
			t.Fatalf("rendered article lacks %q:\n%s", s, p)
		}
	}
	if strings.Contains(p, "| “We will not wait,”") {
		t.Fatal("a quote with attribution became a block quote")
	}
}
