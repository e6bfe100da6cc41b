package browse

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"storydesk/model"
)

// Article text is plain text, not markdown. Before it reaches glamour every
// character markdown could read as syntax is written as a numeric character
// reference. Backslash escapes are not enough: glamour renders text segments
// as written in the source and only HTML-unescapes them, so "\~" or "\:" keep
// their backslash and "\&#27;" still becomes a real ESC byte. A reference
// such as "&#126;" is not syntax to goldmark and glamour turns it back into
// the one character, so what the reader sees is exactly the text.

// mdEntity maps the characters that are markdown (or GFM) syntax anywhere in
// a line to a form glamour shows as that character: escapes (a backslash is
// the one character better escaped with a backslash: glamour reads a
// backslash made from a reference as an escape once more), emphasis, headings, entities, raw HTML and autolinks,
// links and footnotes, code, tables, strikethrough, and the ':' and '@' that
// let linkify turn "https://…" or "a@b.c" into a hyperlink.
var mdEntity = map[rune]string{
	'\\': `\\`, '*': "&#42;", '_': "&#95;", '#': "&#35;", '&': "&amp;",
	'<': "&lt;", '>': "&gt;", '[': "&#91;", ']': "&#93;", '`': "&#96;",
	'|': "&#124;", '~': "&#126;", ':': "&#58;", '@': "&#64;",
}

// escapeMarkdown turns one paragraph of plain text into markdown that renders
// as exactly that text on one logical line: controls are dropped, runs of
// white space (including line breaks) become one space, leading white space
// (a code block indent) goes, and block markers at the start ("- ", "+ ",
// "1. ", "2) ", "=", "> ", "#") are neutralised along with inline syntax.
func escapeMarkdown(s string) string {
	// Fields also folds NBSP and the Unicode line/paragraph separators.
	s = strings.Join(strings.Fields(model.SanitizeLine(s)), " ")
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	// Block markers only matter at the start of the paragraph.
	switch s[0] {
	case '-':
		b.WriteString("&#45;")
		s = s[1:]
	case '+':
		b.WriteString("&#43;")
		s = s[1:]
	case '=':
		b.WriteString("&#61;")
		s = s[1:]
	default:
		// An ordered-list marker: up to nine digits then '.' or ')'.
		d := 0
		for d < len(s) && d < 10 && s[d] >= '0' && s[d] <= '9' {
			d++
		}
		if d > 0 && d < len(s) && (s[d] == '.' || s[d] == ')') {
			b.WriteString(s[:d])
			if s[d] == '.' {
				b.WriteString("&#46;")
			} else {
				b.WriteString("&#41;")
			}
			s = s[d+1:]
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if e, ok := mdEntity[r]; ok {
			b.WriteString(e)
		} else if r == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www") {
			b.WriteString("&#46;") // linkify's "www." trigger
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

var paraSplit = regexp.MustCompile(`\n[ \t]*\n`)

// paragraphs splits text on blank lines, dropping empty paragraphs.
func paragraphs(text string) []string {
	parts := paraSplit.Split(text, -1)
	out := parts[:0]
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// isQuotation reports whether a paragraph is one quotation from start to end
// ("“We will win.”"), as opposed to a quote with attribution.
func isQuotation(p string) bool {
	p = strings.TrimSpace(p)
	first, _ := utf8.DecodeRuneInString(p)
	last, _ := utf8.DecodeLastRuneInString(p)
	if utf8.RuneCountInString(p) < 3 {
		return false
	}
	switch {
	case first == '“' && last == '”':
		return strings.Count(p, "”") == 1 && strings.Count(p, "“") == 1
	case first == '«' && last == '»':
		return strings.Count(p, "»") == 1
	case first == '"' && last == '"':
		return strings.Count(p, `"`) == 2
	}
	return false
}

// articleMarkdown builds glamour's input for an article: the title as a
// heading, a metadata line, the URL, the standfirst, then the paragraphs of
// the cleaned text (whole-paragraph quotations as block quotes).
func articleMarkdown(a *model.Article, title string, noColor bool) string {
	var b strings.Builder
	b.Grow(len(a.Text) + len(a.Text)/8 + 256)
	if t := escapeMarkdown(a.Title); t != "" {
		title = t
	} else {
		title = escapeMarkdown(title)
	}
	if title == "" {
		title = "(untitled)"
	}
	b.WriteString("# ")
	b.WriteString(title)
	b.WriteString("\n\n")

	var meta []string
	for _, f := range []string{a.Source, a.Byline, a.Date, a.Path} {
		if e := escapeMarkdown(f); e != "" {
			meta = append(meta, e)
		}
	}
	if len(meta) > 0 {
		line := strings.Join(meta, " · ")
		if !noColor {
			line = "*" + line + "*" // italics; NO_COLOR's notty style would show the asterisks
		}
		b.WriteString(line)
		b.WriteString("\n\n")
	}
	if u := escapeMarkdown(a.URL); u != "" {
		b.WriteString(u)
		b.WriteString("\n\n")
	}
	if s := escapeMarkdown(a.Summary); s != "" {
		// The standfirst: not a block quote, which would read as a quotation.
		if !noColor {
			s = "*" + s + "*"
		}
		b.WriteString(s)
		b.WriteString("\n\n")
	}
	b.WriteString("---\n\n")

	text := a.Text
	if strings.TrimSpace(text) == "" {
		text = a.Raw
	}
	for _, p := range paragraphs(text) {
		e := escapeMarkdown(p)
		if e == "" {
			continue
		}
		if isQuotation(p) {
			b.WriteString("> ")
		}
		b.WriteString(e)
		b.WriteString("\n\n")
	}
	return b.String()
}
