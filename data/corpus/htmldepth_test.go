package corpus

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// depth is the deepest element nesting of a parsed page, and the depth of
// the element holding the text want.
func depth(t *testing.T, page, want string) (deepest, at int) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	at = -1
	var walk func(n *html.Node, d int)
	walk = func(n *html.Node, d int) {
		if n.Type == html.ElementNode {
			d++
		}
		deepest = max(deepest, d)
		if n.Type == html.TextNode && strings.Contains(n.Data, want) {
			at = d
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, d)
		}
	}
	walk(doc, 0)
	return deepest, at
}

// TestHTMLDepthCapped: 20,000 nested <div>s reach the extractor 512 deep,
// their text kept; the elements after them are back at the top; pages
// within the cap, and unclosed <p> and <li> of sloppy pages, pass as
// they are.
func TestHTMLDepthCapped(t *testing.T) {
	k := 20000
	page := "<html><body>" + strings.Repeat("<div>", k) + "deep text" + strings.Repeat("</div>", k) + "<p>after the divs</p></body></html>"
	flat := flattenDeep(page)
	deepest, at := depth(t, flat, "deep text")
	if deepest > maxHTMLDepth+3 || at < 0 {
		t.Errorf("flattened page: %d deep, text at %d", deepest, at)
	}
	if _, after := depth(t, flat, "after the divs"); after != 3 { // html, body, p
		t.Errorf("the paragraph after the divs is %d deep, want 3", after)
	}
	for _, ok := range []string{
		"<html><body>" + strings.Repeat("<div>", 400) + "x" + strings.Repeat("</div>", 400) + "</body></html>",
		"<html><body>" + strings.Repeat("<p>para ", 2000) + "</body></html>",
		"<html><body><ul>" + strings.Repeat("<li>item ", 2000) + "</ul><table>" + strings.Repeat("<tr><td>c", 1000) + "</table></body></html>",
		"<html><body>" + strings.Repeat("<div><img src=x><br>text</div>", 1000) + "</body></html>",
	} {
		if got := flattenDeep(ok); got != ok {
			t.Errorf("a page within the cap was changed: %.80q…", ok)
		}
	}
	a := mustLoad(t, "deep.html", page)
	if !strings.Contains(a.Raw, "deep text") && !strings.Contains(a.Raw, "after the divs") {
		t.Errorf("the deep page's text was lost: %q", a.Raw)
	}
}
