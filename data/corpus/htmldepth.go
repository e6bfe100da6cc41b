package corpus

import (
	"strings"

	"golang.org/x/net/html"
)

// maxHTMLDepth caps how deeply a page's elements nest before extraction.
// Browsers do the same (WebKit's parser flattens past 512); the parser and
// the extractors here walk the open elements at every tag, so their cost
// grows with size times depth: at 512, 1 MB of 600-deep chains took 15 s
// against 6 s for 1 MB of news (BENCHMARKS.md), at 256 about the same as
// news. No real page comes near (news pages nest 20 to 60 deep).
const maxHTMLDepth = 256

// maxTableDepth caps tables inside tables: the extractors look at every
// table's rows and cells again for each table around it (64 KB of tables
// 85 deep took 4.6 s). Old table layouts nest a handful deep.
const maxTableDepth = 16

// impliedEnd are elements whose end tag may be left out: a new one closes
// the open one of its kind, unless a boundary lies between them (a cell in
// a nested table does not close the outer table's cell).
var impliedEnd = map[string]bool{
	"p": true, "li": true, "dt": true, "dd": true, "option": true, "optgroup": true,
	"tr": true, "td": true, "th": true, "thead": true, "tbody": true, "tfoot": true,
	"colgroup": true, "rt": true, "rp": true, "caption": true,
}

// impliedBoundary stops the search for the element a new one closes.
var impliedBoundary = map[string]bool{
	"table": true, "ul": true, "ol": true, "dl": true, "select": true, "div": true,
	"blockquote": true, "section": true, "article": true, "body": true, "html": true,
}

// closes says which open elements a start tag of name closes.
func closes(name, open string) bool {
	switch name {
	case "td", "th":
		return open == "td" || open == "th"
	case "tr":
		return open == "tr" || open == "td" || open == "th"
	case "thead", "tbody", "tfoot":
		return open == "thead" || open == "tbody" || open == "tfoot" || open == "tr" || open == "td" || open == "th"
	case "dt", "dd":
		return open == "dt" || open == "dd"
	case "rt", "rp":
		return open == "rt" || open == "rp"
	}
	return open == name
}

// formatting are the elements the parser reopens after a misnested end
// tag (the "active formatting elements").
var formatting = map[string]bool{
	"a": true, "b": true, "big": true, "code": true, "em": true, "font": true, "i": true,
	"nobr": true, "s": true, "small": true, "strike": true, "strong": true, "tt": true, "u": true,
}

// voidElements never have content.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true, "keygen": true,
}

// flattenDeep returns page with the start and end tags of elements nested
// deeper than maxHTMLDepth left out (their text stays, one level up), in
// one pass over the tokens. A page with fewer tags than the cap is
// returned as it is.
func flattenDeep(page string) string {
	if strings.Count(page, "<") <= maxHTMLDepth {
		return page
	}
	z := html.NewTokenizer(strings.NewReader(page))
	z.SetMaxBuf(0)
	var out strings.Builder
	var stack []string          // open elements that count towards the depth
	skipped := map[string]int{} // start tags left out, by name, awaiting their end tags
	tables := 0                 // tables open (and left out past maxTableDepth)
	changed := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			n := string(name)
			if voidElements[n] {
				break
			}
			if impliedEnd[n] {
				// The outermost one it closes, below the boundary: a new row
				// closes the last row with its cells.
				cut := -1
				for i := len(stack) - 1; i >= 0 && !impliedBoundary[stack[i]]; i-- {
					if closes(n, stack[i]) {
						cut = i
					}
				}
				if cut >= 0 {
					stack = stack[:cut]
				}
			}
			if n == "table" {
				tables++
			}
			if len(stack) >= maxHTMLDepth || n == "table" && tables > maxTableDepth {
				skipped[n]++
				changed = true
				continue
			}
			stack = append(stack, n)
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			if skipped[n] > 0 {
				skipped[n]--
				if n == "table" {
					tables--
				}
				continue
			}
			// Close the nearest open element of that name and, first, the
			// ones left open inside it, explicitly: misnested formatting
			// (<a><p><b></a>) otherwise sends the parser's adoption agency
			// rebuilding formatting elements at every later tag, which
			// nests deeper and deeper (64 KB of it: 3,600 deep, 0.8 s).
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == n {
					for k := len(stack) - 1; k > i; k-- {
						if formatting[stack[k]] {
							out.WriteString("</" + stack[k] + ">")
							changed = true
						}
					}
					for _, e := range stack[i:] {
						if e == "table" {
							tables--
						}
					}
					stack = stack[:i]
					break
				}
			}
		}
		out.Write(raw)
	}
	if !changed {
		return page
	}
	return out.String()
}
