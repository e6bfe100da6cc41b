package corpus

import (
	"strings"
	"testing"
	"unicode"
)

// tricky Markdown: every word listed must be found in the prose, and map
// back to exactly that word in the file.
var mdMapCases = []struct {
	name, file string
	words      []string
}{
	{"link with parentheses in its URL", "See [the list](https://a.example/Foo_(bar)) now, café.", []string{"the list", "now, café."}},
	{"code spans holding asterisks", "Run `a*b*c` and `**not bold**` as is.", []string{"a*b*c", "**not bold**", "as is."}},
	{"emphasis", "Some **bold** and *em* and _under_ text; 2*3*4 stays.", []string{"bold", "em", "under", "text;", "2*3*4"}},
	{"nested lists", "Winners:\n\n- Best film: The Keeper\n  - runner-up: Lantern\n    1. Third: Ash\n- Best actor: Moss\n", []string{"Winners:", "Best film: The Keeper", "runner-up: Lantern", "Third: Ash", "Best actor: Moss"}},
	{"reference links", "A [ref link][r] and [another][] here.\n\n[r]: https://x.example/(a)\n[another]: <https://y.example> \"T\"\n", []string{"ref link", "another", "here."}},
	{"HTML blocks", "<div class=\"ad\">\nBuy now\n</div>\n\nAfter the <b>ad</b> block.", []string{"After the", "ad", "block."}},
	{"headings", "# Ferry sinks ##\n\nSetext head\n===========\n\nBody line one\nline two.", []string{"Ferry sinks", "Setext head", "Body line one", "line two."}},
	{"escapes and autolinks", "Escaped \\*stars\\* at <https://x.example/a> today.", []string{"stars", "https://x.example/a", "today."}},
	{"block quote and code block", "> Quoted *line*.\n\n```go\nx := a*b\n```\n\n    indented code\n", []string{"Quoted", "line", "x := a*b", "indented code"}},
	{"front matter", "---\ntitle: \"Caf\\u00e9\"\nsummary: >\n  folded\n---\n# Über uns\n\nText ünd more.", []string{"Über uns", "Text ünd more."}},
}

func TestMarkdownSourceMap(t *testing.T) {
	for _, tc := range mdMapCases {
		t.Run(tc.name, func(t *testing.T) {
			text, m := MarkdownText(tc.file)
			_, rest := splitFrontMatter(tc.file)
			if want := markdownText(rest); text != want {
				t.Fatalf("prose %q, the loader's %q", text, want)
			}
			tr, fr := []rune(text), []rune(tc.file)
			from := 0
			for _, w := range tc.words {
				k := strings.Index(string(tr[from:]), w)
				if k < 0 {
					t.Fatalf("%q not in the prose %q", w, text)
				}
				start := from + len([]rune(string(tr[from:])[:k]))
				end := start + len([]rune(w))
				s, e := m.SourceRange(start, end)
				if s < 0 || e > len(fr) || s > e || string(fr[s:e]) != w {
					t.Errorf("%q at %d–%d maps to %d–%d: %q", w, start, end, s, e, string(fr[max(0, min(s, len(fr))):max(0, min(e, len(fr)))]))
				}
				from = end
			}
			// Every letter comes from the same letter in the file, in order.
			prev := 0
			for cp, r := range tr {
				src := m.Source(cp)
				if src < prev {
					t.Fatalf("code point %d maps to %d, before %d", cp, src, prev)
				}
				prev = src
				if unicode.IsLetter(r) && (src >= len(fr) || fr[src] != r) {
					t.Fatalf("letter %q at %d maps to %d (%q)", r, cp, src, string(fr[min(src, len(fr)-1)]))
				}
			}
		})
	}
}

// What the prose was given maps to what follows it; resolved entities to
// where they are written.
func TestMarkdownSourceMapGivenAndResolved(t *testing.T) {
	if text, m := MarkdownText("Escaped \\*stars\\* here."); text != "Escaped *stars* here." || m.Source(8) != 9 || m.Source(14) != 16 {
		t.Errorf("escaped stars: %q, %d %d", text, m.Source(8), m.Source(14))
	}
	file := "Tom &amp; Jerry &#233;t\u00e9.\n\n- one\n- two"
	text, m := MarkdownText(file)
	if text != "Tom & Jerry été.\n\n- one\n- two" {
		t.Fatalf("prose %q", text)
	}
	fr := []rune(file)
	amp := strings.Index(text, "&")
	if s := m.Source(amp); string(fr[s:s+5]) != "&amp;" {
		t.Errorf("& maps to %d", s)
	}
	if s, e := m.SourceRange(amp+2, amp+7); string(fr[s:e]) != "Jerry" {
		t.Errorf("Jerry after an entity maps to %q", string(fr[s:e]))
	}
	two := []rune(text)
	k := strings.LastIndex(text, "- two")
	cp := len([]rune(text[:k]))
	if two[cp] != '-' || m.Source(cp) != m.Source(cp+2) || fr[m.Source(cp)] != 't' {
		t.Errorf("the second marker maps to %q, not to its item's text", string(fr[m.Source(cp)]))
	}
	if s, e := m.SourceRange(cp+2, cp+5); string(fr[s:e]) != "two" {
		t.Errorf("two maps to %q", string(fr[s:e]))
	}
}
