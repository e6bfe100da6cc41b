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

// TestHTMLDepthCapped: 20,000 nested <div>s reach the extractor 256 deep,
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
		"<html><body>" + strings.Repeat("<div>", 200) + "x" + strings.Repeat("</div>", 200) + "</body></html>",
		"<html><body>" + strings.Repeat("<p>para ", 2000) + "</body></html>",
		"<html><body><ul>" + strings.Repeat("<li>item ", 2000) + "</ul><table>" + strings.Repeat("<tr><td>c<td>d", 1000) + "</table></body></html>",
		"<html><body><table>" + strings.Repeat("<tr><td><table><tr><td>inner</table>", 1000) + "</table></body></html>",
		"<html><body><dl>" + strings.Repeat("<dt>term<dd>definition", 1000) + "</dl><select>" + strings.Repeat("<option>o", 1000) + "</select></body></html>",
		"<html><body>" + strings.Repeat("<div><img src=x><br>text</div>", 1000) + "</body></html>",
	} {
		if got := flattenDeep(ok); got != ok {
			t.Errorf("a page within the cap was changed: %.80q…", ok)
		}
	}
	// Nested tables: at most maxTableDepth, each table, body, row, cell.
	tables := "<html><body>" + strings.Repeat("<table><tr><td>cell", 5000) + "</body></html>"
	if d, at := depth(t, flattenDeep(tables), "cell"); d > 4*maxTableDepth+8 || at < 0 {
		t.Errorf("nested tables: %d deep, text at %d", d, at)
	}
	// Misnested formatting: the parser would rebuild it deeper at every tag.
	mis := "<html><body>" + strings.Repeat("<a><p><b></a></p>x", 4000) + "</body></html>"
	flat = flattenDeep(mis)
	if d, _ := depth(t, flat, "x"); d > 10 || strings.Count(flat, "x") != 4000 {
		t.Errorf("misnested formatting: %d deep, %d x of 4000", d, strings.Count(flat, "x"))
	}
	if d, _ := depth(t, mis, "x"); d < 100 {
		t.Errorf("the misnested page is only %d deep as it is: the case is not tested", d)
	}
	a := mustLoad(t, "deep.html", page)
	if !strings.Contains(a.Raw, "deep text") && !strings.Contains(a.Raw, "after the divs") {
		t.Errorf("the deep page's text was lost: %q", a.Raw)
	}
}
