package corpus_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/corpus"
)

// Pathological inputs for every loader, at a few sizes: the time per
// byte should stay flat as the size grows (linear cost). Compare ns/op
// across sizes of one kind:
//
//	go test ./data/corpus -run '^$' -bench Pathological -benchtime 3x
//
// Each input is one file loaded (Open, then Load: decode, parse, clean).

// prose is n bytes of news-like text: the baseline every kind is held to.
func prose(n int) string {
	vocab := strings.Fields("the harbour council said on Tuesday that ferries would resume after storm damage to piers was repaired while residents asked who pays for it and when")
	var b strings.Builder
	x := uint32(7)
	for b.Len() < n {
		x = x*1664525 + 1013904223
		b.WriteString(vocab[x>>16%uint32(len(vocab))])
		switch {
		case x&0xff < 12:
			b.WriteString(".\n\n")
		case x&0xff < 30:
			b.WriteString(". ")
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// repeatTo repeats unit until the result is about n bytes.
func repeatTo(unit string, n int) string { return strings.Repeat(unit, max(1, n/len(unit))) }

// pathological are the inputs: a file name and a generator of about n bytes.
var pathological = []struct {
	kind, name string
	gen        func(n int) string
}{
	{"txt-prose", "a.txt", prose},
	{"txt-one-line", "a.txt", func(n int) string { return repeatTo("word ", n) }},
	{"txt-blank-lines", "a.txt", func(n int) string { return "Title\n" + repeatTo("\n", n) + "end" }},
	{"txt-short-lines", "a.txt", func(n int) string { return repeatTo("A.\n", n) }},
	{"txt-quotes", "a.txt", func(n int) string { return repeatTo("“He said ", n) }},
	{"md-nested-quotes", "a.md", func(n int) string { return repeatTo(">", n) + " deep" }},
	{"md-nested-lists", "a.md", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("  ", i%200) + "- item\n")
		}
		return b.String()
	}},
	{"md-emphasis", "a.md", func(n int) string { return repeatTo("*a _b `c [d ", n) }},
	{"md-front-matter", "a.md", func(n int) string {
		var b strings.Builder
		b.WriteString("---\n")
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "key%d: value %d\n", i, i)
		}
		return b.String() + "---\n\nBody text.\n"
	}},
	{"html-prose", "a.html", func(n int) string {
		return "<html><head><title>T</title></head><body><article>" + strings.ReplaceAll("<p>"+prose(n)+"</p>", "\n\n", "</p><p>") + "</article></body></html>"
	}},
	{"html-nested-divs", "a.html", func(n int) string {
		k := n / 11
		return "<html><body>" + strings.Repeat("<div>", k) + "text" + strings.Repeat("</div>", k) + "</body></html>"
	}},
	{"html-unclosed-divs", "a.html", func(n int) string { return "<html><body>" + repeatTo("<div>x", n) }},
	{"html-deep-chains", "a.html", func(n int) string {
		chain := strings.Repeat("<div>", 600) + "<p>words in a deep chain</p>" + strings.Repeat("</div>", 600)
		return "<html><body>" + repeatTo(chain, n) + "</body></html>"
	}},
	{"html-formatting", "a.html", func(n int) string { return "<html><body><p>" + repeatTo("<b><i><u>x", n) }},
	{"html-tables", "a.html", func(n int) string { return "<html><body>" + repeatTo("<table><tr><td>", n) }},
	{"html-misnested", "a.html", func(n int) string { return "<html><body>" + repeatTo("<a><p><b></a></p>x", n) }},
	// Flat pages: many siblings at one level (a long list, a page of short
	// paragraphs, a link farm), each element about 50 bytes.
	{"html-flat-p", "a.html", func(n int) string {
		return "<html><body><article>" + repeatTo("<p>Short paragraph of a flat page, one line.</p>\n", n) + "</article></body></html>"
	}},
	{"html-flat-li", "a.html", func(n int) string {
		return "<html><body><ul>" + repeatTo("<li>An item of a very long flat list here</li>\n", n) + "</ul></body></html>"
	}},
	{"html-flat-div", "a.html", func(n int) string {
		return "<html><body>" + repeatTo("<div>A block of text in a flat page of divs.</div>\n", n) + "</body></html>"
	}},
	{"html-flat-links", "a.html", func(n int) string {
		return "<html><body><p>" + repeatTo(`<a href="/s/1">A linked headline</a> `, n) + "</p></body></html>"
	}},
	{"html-flat-br", "a.html", func(n int) string {
		return "<html><body><p>" + repeatTo("One line of a poem or a list<br>\n", n) + "</p></body></html>"
	}},
	{"jsonl-tiny-lines", "a.jsonl", func(n int) string { return repeatTo(`{"text":"x"}`+"\n", n) }},
	{"jsonl-nested", "a.jsonl", func(n int) string {
		return `{"meta":` + strings.Repeat("[", n/2) + strings.Repeat("]", n/2) + `,"text":"deep"}` + "\n"
	}},
	{"jsonl-escapes", "a.jsonl", func(n int) string { return `{"text":"` + repeatTo(`\u00e9\n\"`, n) + `"}` + "\n" }},
	{"jsonl-many-keys", "a.jsonl", func(n int) string {
		var b strings.Builder
		b.WriteString(`{"text":"body"`)
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, `,"k%d":"v"`, i)
		}
		return b.String() + "}\n"
	}},
}

func BenchmarkPathological(b *testing.B) {
	for _, p := range pathological {
		for _, size := range []int{64 << 10, 256 << 10, 1 << 20} {
			b.Run(fmt.Sprintf("%s/%dKB", p.kind, size>>10), func(b *testing.B) {
				dir := b.TempDir()
				path := filepath.Join(dir, p.name)
				data := p.gen(size)
				if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(data)))
				b.ResetTimer()
				for range b.N {
					c, err := corpus.Open([]string{path}, nil)
					if err != nil {
						b.Fatal(err)
					}
					for i := range c.Items {
						c.Load(i) // an error (nothing to read) is an outcome too
					}
				}
			})
		}
	}
}
