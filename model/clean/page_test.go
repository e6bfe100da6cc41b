package clean

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"storydesk/model"
)

// A generator of whole pages: a generated article (genArticle) wrapped in
// what a scraper keeps of a news site: the page title, menus, teaser lists
// whose summaries are prose like the article's, a newsletter box, a comment
// thread and a footer. Used by the property test below.

var (
	genMenu = []string{"Home", "World", "Politics", "Business", "Markets", "Tech", "Science", "Health", "Sport", "Culture",
		"Opinion", "Video", "Podcasts", "Newsletters", "Subscribe", "Sign In", "Search", "Weather", "Obituaries", "Real Estate",
		"Jobs", "Travel", "Food", "Books", "Climate", "Education", "Latest News", "Local", "Cars", "Puzzles"}
	genUsers   = []string{"harbourfan77", "Marta K.", "quietreader", "J. Osei", "northbank_ed", "Pilar"}
	genRemarks = []string{
		"This is exactly what everyone in town has been saying for months, and nobody at the council listened.",
		"I think the article misses the point about who will actually pay for all of this in the end.",
		"Great reporting as always. I hope they follow up on the funding question next week.",
		"My family lived near the port for years and the traffic was never as bad as they claim here.",
	}
)

type genPageParts struct {
	raw    string
	body   []string // paragraphs that must be kept
	noise  []string // paragraphs that must be removed
	reason map[string]model.Reason
}

func genTeasers(r *rand.Rand, n int, withTimes bool, parts *genPageParts) []string {
	var out []string
	for i := 0; i < n; i++ {
		h := genHeadline(r, 6+r.IntN(6))
		s := genProse(r, 1)
		out = append(out, h, s)
		parts.noise = append(parts.noise, h, s)
		if withTimes {
			t := fmt.Sprintf("%dH ago", 1+r.IntN(20))
			out = append(out, t)
		}
	}
	return out
}

// genPage builds a page around a generated article.
func genPage(r *rand.Rand) genPageParts {
	raw, ps, title := genArticle(r, 4+r.IntN(8))
	parts := genPageParts{reason: map[string]model.Reason{}}
	for _, p := range ps {
		if p.keep != "" {
			parts.body = append(parts.body, p.keep)
		}
	}
	var lines []string
	if title != "" {
		lines = append(lines, title+" | The Coastline Times")
	}
	menu := func(n int) {
		for i := 0; i < n; i++ {
			m := genMenu[r.IntN(len(genMenu))]
			lines = append(lines, m)
			parts.noise = append(parts.noise, m)
		}
	}
	menu(15 + r.IntN(40))
	if r.IntN(2) == 0 {
		lines = append(lines, "Trending Now")
		lines = append(lines, genTeasers(r, 3+r.IntN(3), r.IntN(2) == 0, &parts)...)
		menu(3 + r.IntN(5))
	}
	lines = append(lines, raw)
	lines = append(lines, "Share this:", "Facebook", "Twitter", "Email")
	if r.IntN(2) == 0 {
		n := 3 + r.IntN(4)
		lines = append(lines, fmt.Sprintf("%d responses to “%s”", n, genHeadline(r, 5)))
		for i := 0; i < n; i++ {
			u := genUsers[r.IntN(len(genUsers))] + " says:"
			t := fmt.Sprintf("March %d, 2026 at %d:%02d am", 1+r.IntN(28), 1+r.IntN(11), r.IntN(60))
			c := genRemarks[r.IntN(len(genRemarks))]
			lines = append(lines, u, t, c)
			parts.noise = append(parts.noise, c)
			parts.reason[c] = model.ReasonComment
		}
		lines = append(lines, "Leave a Reply")
	}
	lines = append(lines, "More from Politics")
	lines = append(lines, genTeasers(r, 3+r.IntN(4), true, &parts)...)
	lines = append(lines, "Get the morning briefing in your inbox every weekday.", "Sign up")
	menu(10 + r.IntN(20))
	lines = append(lines, "© 2026 Coastline Media Group. All rights reserved.")
	parts.raw = strings.Join(lines, "\n\n")
	return parts
}

// TestCleanPageProperty checks the cleaner on generated whole pages: the
// article's body paragraphs are kept and everything around them (menus,
// teasers written in the same kind of prose, comments, footer) is removed.
func TestCleanPageProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 19))
	n := 300
	if testing.Short() {
		n = 50
	}
	for i := 0; i < n; i++ {
		pg := genPage(r)
		c := Clean(pg.raw)
		checkInvariants(t, pg.raw, c)
		paras := paragraphsOf(c.Text)
		for _, b := range pg.body {
			if !contains(paras, b) {
				t.Fatalf("page %d: body paragraph %q lost\nraw:\n%s\ntext:\n%s", i, b, pg.raw, c.Text)
			}
		}
		for _, x := range pg.noise {
			if contains(pg.body, x) {
				continue // the generator's small vocabulary can repeat a body sentence
			}
			if contains(paras, x) {
				t.Fatalf("page %d: %q kept\ntext:\n%s", i, x, c.Text)
			}
			if want := pg.reason[x]; want != "" && !contains(removedBy(c, want), x) {
				t.Fatalf("page %d: %q not removed as %s", i, x, want)
			}
		}
	}
}
