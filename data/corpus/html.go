package corpus

import (
	"fmt"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// htmlOptions: fallback extractors on (readability and DOM distiller are
// consulted when trafilatura's own pass finds little, a few ms a page for
// clearly better bodies), comments out, and the fast date search (the
// extensive one runs a regexp-heavy date parser over the whole page).
var htmlOptions = trafilatura.Options{
	EnableFallback:  true,
	ExcludeComments: true,
	HtmlDateMode:    trafilatura.Fast,
}

// htmlArticle extracts the main text and metadata of a web page. The text
// keeps the page's paragraphs (trafilatura's own ContentText runs them all
// into one line). The reason is set when nothing could be extracted.
func htmlArticle(page string) (text string, m fileMeta, reason string) {
	defer func() {
		// The extractor is big third-party code fed untrusted pages: a panic
		// in it costs one article, not the session.
		if r := recover(); r != nil {
			text, m, reason = "", fileMeta{}, fmt.Sprintf("could not read the HTML page (%v)", r)
		}
	}()
	res, err := trafilatura.Extract(strings.NewReader(flattenDeep(page)), htmlOptions)
	if err != nil {
		return "", fileMeta{}, "no article text found in the HTML page (" + err.Error() + ")"
	}
	if res.ContentNode != nil {
		text = nodeText(res.ContentNode)
	}
	if strings.TrimSpace(text) == "" {
		text = res.ContentText
	}
	md := res.Metadata
	m = fileMeta{
		title:   md.Title,
		source:  md.Sitename,
		url:     md.URL,
		byline:  md.Author,
		summary: md.Description,
	}
	if !md.Date.IsZero() {
		m.date = md.Date.Format("2006-01-02")
	}
	extra := map[string]string{
		"language":   md.Language,
		"categories": strings.Join(md.Categories, ", "),
		"tags":       strings.Join(md.Tags, ", "),
		"license":    md.License,
	}
	for k, v := range extra {
		if v == "" {
			continue
		}
		if m.meta == nil {
			m.meta = make(map[string]string)
		}
		m.meta[k] = v
	}
	return text, m, ""
}

// htmlBreak says how an element separates its text from what is around it:
// a blank line for paragraph-like blocks, a line break for list items, rows
// and <br>, nothing for inline elements.
var htmlBreak = map[string]int{
	"p": 2, "div": 2, "h1": 2, "h2": 2, "h3": 2, "h4": 2, "h5": 2, "h6": 2,
	"blockquote": 2, "pre": 2, "table": 2, "ul": 2, "ol": 2, "dl": 2,
	"article": 2, "section": 2, "figure": 2, "figcaption": 2, "header": 2,
	"footer": 2, "main": 2, "aside": 2, "address": 2, "hr": 2, "body": 2,
	"li": 1, "tr": 1, "dt": 1, "dd": 1, "br": 1,
}

// nodeText renders an extracted HTML tree as plain text with paragraphs
// separated by blank lines and whitespace collapsed (except inside <pre>).
func nodeText(n *html.Node) string {
	var w textWriter
	w.node(n, false)
	return w.b.String()
}

type textWriter struct {
	b       strings.Builder
	pending int  // line breaks owed before the next text: 0, 1 or 2
	space   bool // a space is owed before the next text on this line
}

func (w *textWriter) brk(n int) {
	if w.b.Len() > 0 && n > w.pending {
		w.pending = n
	}
	w.space = false
}

func (w *textWriter) text(s string, pre bool) {
	if pre {
		w.flush()
		w.b.WriteString(s)
		return
	}
	lead := len(s) > 0 && isHTMLSpace(s[0])
	trail := len(s) > 0 && isHTMLSpace(s[len(s)-1])
	words := strings.Fields(s)
	if len(words) == 0 {
		if lead && w.b.Len() > 0 && w.pending == 0 {
			w.space = true
		}
		return
	}
	if lead && w.pending == 0 && w.b.Len() > 0 {
		w.space = true
	}
	w.flush()
	w.b.WriteString(strings.Join(words, " "))
	w.space = trail
}

func (w *textWriter) flush() {
	switch {
	case w.pending > 0:
		w.b.WriteString("\n\n"[:w.pending])
	case w.space:
		w.b.WriteByte(' ')
	}
	w.pending, w.space = 0, false
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func (w *textWriter) node(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, pre)
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "noscript", "template", "head":
			return
		case "pre":
			pre = true
		case "td", "th":
			if w.b.Len() > 0 && w.pending == 0 {
				w.space = true
			}
		}
	case html.DocumentNode:
	default:
		return
	}
	brk := htmlBreak[n.Data]
	if n.Type == html.ElementNode && brk > 0 {
		w.brk(brk)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, pre)
	}
	if n.Type == html.ElementNode && brk > 0 {
		w.brk(brk)
	}
}
