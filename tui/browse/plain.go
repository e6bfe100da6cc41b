package browse

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"storydesk/model"
)

// maxGlamourBytes is the longest article glamour formats. Above it glamour
// takes tens of seconds and gigabytes (a 50 MB article: 21 s of glamour and
// 1.3 GB before it appears), so the reading view shows the text plainly
// wrapped instead, which is linear and cheap.
const maxGlamourBytes = 1 << 20

// tooLongForGlamour reports whether a's text is shown plain.
func tooLongForGlamour(a *model.Article) bool { return len(a.Text) > maxGlamourBytes }

// plainLines lays out a long article as plain text at width: title,
// metadata, a note saying why it is plain, then the paragraphs. The text was
// sanitised at load; nothing here adds escape sequences.
func plainLines(a *model.Article, title string, width int) []string {
	w := max(width-4, 8)
	var lines []string
	add := func(s string) {
		for _, l := range strings.Split(ansi.Wrap(s, w, "-"), "\n") {
			lines = append(lines, "  "+l)
		}
		lines = append(lines, "")
	}
	if a.Title != "" {
		title = a.Title
	}
	add(title)
	var meta []string
	for _, f := range []string{a.Source, a.Byline, a.Date, a.Path} {
		if f != "" {
			meta = append(meta, f)
		}
	}
	if len(meta) > 0 {
		add(strings.Join(meta, " · "))
	}
	add(fmt.Sprintf("(%.1f MB: too long to format, shown as plain text)", float64(len(a.Text))/(1<<20)))
	for _, p := range paragraphs(a.Text) {
		add(p)
	}
	return lines
}
