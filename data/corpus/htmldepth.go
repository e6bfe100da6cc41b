package corpus

import (
	"strings"

	"golang.org/x/net/html"
)

// maxHTMLDepth caps how deeply a page's elements nest before extraction.
// Browsers do the same (WebKit's parser flattens past 512): the parser and
// the extractors walk the open elements at every tag, so a page of 20,000
// nested <div>s would cost the square of its size; no real page comes near.
const maxHTMLDepth = 512

// optionalEnd are elements whose end tag may be left out (a new one closes
// the last): they do not nest, so they do not count towards the depth.
var optionalEnd = map[string]bool{
	"p": true, "li": true, "dt": true, "dd": true, "option": true, "optgroup": true,
	"tr": true, "td": true, "th": true, "thead": true, "tbody": true, "tfoot": true,
	"colgroup": true, "rt": true, "rp": true, "caption": true,
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
			if voidElements[n] || optionalEnd[n] {
				break
			}
			if len(stack) >= maxHTMLDepth {
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
				continue
			}
			// Close the nearest open element of that name (and the ones
			// left open inside it, as the parser would).
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == n {
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
