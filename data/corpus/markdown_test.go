package corpus

import (
	"strings"
	"testing"
)

func TestFrontMatterYAML(t *testing.T) {
	for _, tc := range []struct {
		name, front string
		want        map[string]string
	}{
		{"escapes", `title: "Caf\u00e9 owner\tsays \"no\""`, map[string]string{"title": "Café owner\tsays \"no\""}},
		{"folded", "summary: >\n  The ferry sank\n  at dawn.\ntitle: Ferry", map[string]string{"summary": "The ferry sank at dawn.", "title": "Ferry"}},
		{"literal", "summary: |\n  Line one\n  Line two\n", map[string]string{"summary": "Line one\nLine two"}},
		{"list and nested", "tags:\n  - ferry\n  - 'rescue'\nnested:\n  key: skipped\ndate: 2026-03-03", map[string]string{"tags": "ferry, rescue", "nested": "", "date": "2026-03-03"}},
		// Not YAML (a colon in a plain value): the hand reader takes it.
		{"broken", "title: Breaking: storm hits coast\nsource: Tribune", map[string]string{"title": "Breaking: storm hits coast", "source": "Tribune"}},
		{"broken tab", "title: Storm\n\tsource: x\nauthor: 'Lina O''Berg'", map[string]string{"title": "Storm", "author": "Lina O'Berg"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fields, body := splitFrontMatter("---\n" + tc.front + "\n---\nBody text.\n")
			if body != "Body text.\n" {
				t.Errorf("body %q", body)
			}
			got := map[string]string{}
			for _, f := range fields {
				got[f.key] = f.value
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q (all: %q)", k, got[k], v, got)
				}
			}
		})
	}
}

func TestMarkdownText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"See [the list](https://a.example/Foo_(bar)) now.", "See the list now."},
		{"Run `a*b*c` and `**not bold**` as is.", "Run a*b*c and **not bold** as is."},
		{"Some **bold** and *em* and _under_ text.", "Some bold and em and under text."},
		{"2*3*4 and snake_case_name stay.", "2*3*4 and snake_case_name stay."},
		{"Escaped \\*stars\\* &amp; entities &#233;.", "Escaped *stars* & entities é."},
		{"# Heading ##\n\nPara one\nline two.\n\n<!-- note -->\n\n---\n\n> Quoted line.", "Heading\n\nPara one\nline two.\n\nQuoted line."},
		{"![photo](a.jpg) Caption text.", "Caption text."},
		{"A [ref link][r] here.\n\n[r]: https://x.example", "A ref link here."},
		{"Visit <https://x.example/a> today.", "Visit https://x.example/a today."},
		{"Winners:\n\n- Best film: The Keeper\n- Best actor: David Moss\n\n3. Third\n4. Fourth", "Winners:\n\n- Best film: The Keeper\n- Best actor: David Moss\n\n3. Third\n4. Fourth"},
		{"```\ncode *stays*\n```\n\nAfter.", "code *stays*\n\nAfter."},
		{"Old ~~text~~ gone.", "Old text gone."},
	} {
		if got := markdownText(tc.in); got != tc.want {
			t.Errorf("markdownText(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestLoadMarkdownFrontMatterYAML(t *testing.T) {
	a := mustLoad(t, "cafe.md", "---\ntitle: \"Caf\\u00e9 reopens\"\nsummary: >\n  The caf\u00e9 reopened\n  on Monday.\n---\nThe café on the square reopened on Monday after a long [refit](https://x.example/Refit_(2026)).\n")
	if a.Title != "Café reopens" {
		t.Errorf("title %q", a.Title)
	}
	if strings.Contains(a.Raw, ")") || !strings.Contains(a.Raw, "after a long refit.") {
		t.Errorf("raw %q", a.Raw)
	}
}
