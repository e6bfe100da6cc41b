package clean

import (
	"strings"
	"testing"

	"storydesk/model"
)

// analysed runs the cleaner's per-paragraph analysis on paragraphs joined by
// blank lines.
func analysed(paras ...string) []cpara {
	var c Cleaner
	ps, _ := c.analyse(strings.Join(paras, "\n\n"), nil)
	return ps
}

// menuLines returns n short capitalised navigation lines.
func menuLines(n int) []string {
	items := []string{"Home", "World", "Business", "Sport", "Culture", "Opinion", "Video", "Weather", "Jobs", "Travel"}
	out := make([]string, n)
	for i := range out {
		out[i] = items[i%len(items)]
	}
	return out
}

var pageBody = []string{
	"The harbour authority confirmed on Tuesday that the northern pier will close for repairs from next month, after divers found cracks in two of its supporting columns.",
	"Fishing crews that use the pier will be moved to the eastern basin, where the authority said it had cleared twelve berths and added temporary lighting for the winter.",
	"“We would rather lose a season than lose a boat,” the harbour master told a meeting of skippers, adding that the repairs should take about four months.",
	"The work is expected to cost more than the authority’s whole maintenance budget for the year, and the council will be asked to cover the difference.",
}

func TestCleanPageKeepsOnlyTheArticle(t *testing.T) {
	var raw []string
	raw = append(raw, "Northern pier to close for repairs | The Harbour Times")
	raw = append(raw, menuLines(30)...)
	raw = append(raw, "Northern pier to close for repairs", "By Ines Duarte", "March 3, 2026")
	raw = append(raw, pageBody...)
	raw = append(raw, "Share this:", "Facebook", "Twitter",
		"3 responses to “Northern pier to close for repairs”",
		"seadog41 says:", "March 3, 2026 at 9:12 am",
		"About time. The cracks have been visible from the water for at least two years and everyone knew it.",
		"Marta K. says:", "March 3, 2026 at 10:40 am",
		"Who pays for the new lighting at the eastern basin, though? The article does not say and it matters.",
		"Leave a Reply")
	raw = append(raw, menuLines(20)...)
	raw = append(raw, "© 2026 Harbour Times Media. All rights reserved.")
	text := strings.Join(raw, "\n\n")

	c := Clean(text)
	checkInvariants(t, text, c)
	if want := strings.Join(pageBody, "\n\n"); c.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", c.Text, want)
	}
	if c.Title != "Northern pier to close for repairs" || c.Byline != "Ines Duarte" {
		t.Errorf("title %q byline %q", c.Title, c.Byline)
	}
	if got := removedBy(c, model.ReasonComment); len(got) < 6 {
		t.Errorf("comment thread not removed as comments: %q", got)
	}
	if got := removedBy(c, model.ReasonNav); !contains(got, "Weather") {
		t.Errorf("menu not removed as navigation: %q", got)
	}
}

// Teaser lists (headline, summary, time) hold prose like the article's,
// before and after it; they are not the body.
func TestCleanPageTeaserLists(t *testing.T) {
	teasers := func(prefix string) []string {
		var out []string
		for i, s := range []string{
			"Council votes to extend the night bus network to the outer estates",
			"Storm warning issued for the coast as ferries stay in port",
			"New library opens its doors after a decade of delays and disputes",
			"Rail union and operator agree to talks over weekend timetable",
		} {
			out = append(out, prefix+s,
				"The decision follows months of complaints from residents who said they had no way to get home after late shifts in the city.",
				[]string{"2H ago", "5H ago", "Yesterday 18:40", "Mar 2"}[i])
		}
		return out
	}
	var raw []string
	raw = append(raw, menuLines(25)...)
	raw = append(raw, "Trending")
	raw = append(raw, teasers("")...)
	raw = append(raw, pageBody...)
	raw = append(raw, "More from the city")
	raw = append(raw, teasers("City: ")...)
	raw = append(raw, menuLines(12)...)
	text := strings.Join(raw, "\n\n")

	c := Clean(text)
	checkInvariants(t, text, c)
	if want := strings.Join(pageBody, "\n\n"); c.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", c.Text, want)
	}
}

// A list article on a page has the shape of a teaser list (title, short
// text, a line under it): it is kept when it is where the prose is.
func TestCleanPageListArticle(t *testing.T) {
	items := []string{
		"Best budget headphones: the Arden Mk2",
		"The Arden Mk2 sounds far better than its price suggests, with a warm low end and a battery that lasted us a full week of commuting.",
		"Buy it at Corner Audio for $39",
		"Best for running: the Strider Loop",
		"The Strider Loop stays put through a long run and shrugs off rain, though the case is bulky and the microphone is only passable.",
		"Buy it at Corner Audio for $59",
		"Best for the office: the Quill Pro",
		"The Quill Pro blocks out an open-plan office better than anything else we tried, and its microphone made calls sound clear.",
		"Buy it at Corner Audio for $129",
	}
	var raw []string
	raw = append(raw, "The best headphones of the year | Gadget Weekly")
	raw = append(raw, menuLines(30)...)
	raw = append(raw, "The best headphones of the year", "By Sam Reyes",
		"We tested forty pairs of headphones over three months, on trains, on runs and in a noisy office, to find the ones worth your money this year.")
	raw = append(raw, items...)
	raw = append(raw, "Prices were correct at the time of writing, but they change often, so check before you buy anything from the list above.")
	raw = append(raw, menuLines(20)...)
	text := strings.Join(raw, "\n\n")

	c := Clean(text)
	checkInvariants(t, text, c)
	paras := paragraphsOf(c.Text)
	for _, it := range items {
		if !contains(paras, it) {
			t.Errorf("list item %q lost; text:\n%s", it, c.Text)
		}
	}
	if contains(paras, "Home") {
		t.Errorf("menu kept")
	}
}

func TestMarkComments(t *testing.T) {
	says := func(ps []cpara) []string {
		var out []string
		for _, p := range ps {
			if p.comment {
				out = append(out, p.text)
			}
		}
		return out
	}
	// An interview's "Name says:" lines carry no times: no thread.
	ps := analysed("The mayor and the harbour master spoke to us on the quay.",
		"Mayor Lind says:", "We will find the money for the repairs, whatever it takes, because the port is the town.",
		"Harbour master Okafor says:", "The money is one thing. The time the boats lose is another, and nobody can give that back.",
		"Both agreed to meet again in May.")
	if got := says(ps); len(got) > 0 {
		t.Errorf("interview marked as comments: %q", got)
	}
	// A heading, then names with times: a thread, up to its last post.
	ps = analysed("The council will vote on the plan next month.",
		"2 thoughts on “Night buses”", "Pilar", "March 3, 2026 at 9:12 am", "Finally some good news for the estates.",
		"J. Osei", "March 3, 2026 at 11:02 am", "Will they run on Sundays too? That is when I need them most.",
		"Related stories")
	got := says(ps)
	if len(got) != 7 || got[0] != "2 thoughts on “Night buses”" || got[6] != "Will they run on Sundays too? That is when I need them most." {
		t.Errorf("thread = %q", got)
	}
}

func TestMarkCopies(t *testing.T) {
	a := strings.Repeat("The harbour authority confirmed the closure of the northern pier for repairs. ", 4)
	b := strings.Repeat("Fishing crews will be moved to the eastern basin for the winter months ahead. ", 4)
	dump := a + " " + b + " " + strings.Repeat("More words of the article follow here in the copy. ", 20)
	ps := analysed(strings.TrimSpace(a), strings.TrimSpace(b), "Share this", strings.TrimSpace(dump))
	if ps[0].copy || ps[1].copy || !ps[3].copy {
		t.Errorf("copy flags %v %v %v, want only the run-together copy", ps[0].copy, ps[1].copy, ps[3].copy)
	}
}

func TestSiteTitle(t *testing.T) {
	for in, want := range map[string]string{
		"Northern pier to close for repairs | The Harbour Times": "Northern pier to close for repairs",
		"Pier to close | News | The Harbour Times":               "Pier to close",
		"Storm warning issued for the coast - Harbour Times":     "Storm warning issued for the coast",
		"Rail talks – the full story – Harbour Times":            "Rail talks – the full story",
		"Quanta Magazine":                    "Quanta Magazine",
		"A - B":                              "A - B", // too short to be a headline
		"Storm warning issued for the coast": "Storm warning issued for the coast",
	} {
		if got := siteTitle(in); got != want {
			t.Errorf("siteTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsTitleHead(t *testing.T) {
	title := "northern pier to close for repairs | the harbour times"
	for head, want := range map[string]bool{
		"northern pier to close for repairs":                     true,
		"northern pier to close for repairs | the harbour times": true,
		"northern pier to close":                                 false, // cut mid-headline
		"harbour times":                                          false,
	} {
		if got := isTitleHead(title, head); got != want {
			t.Errorf("isTitleHead(%q) = %v, want %v", head, got, want)
		}
	}
}

func TestIsCommentHeading(t *testing.T) {
	for low, want := range map[string]bool{
		"34 responses to “pier to close”":  true,
		"10 thoughts on “night buses”":     true,
		"one response":                     true,
		"comments":                         true,
		"leave a reply":                    true,
		"the council responded on tuesday": false,
		"34 boats were moved":              false,
	} {
		if got := isCommentHeading(low); got != want {
			t.Errorf("isCommentHeading(%q) = %v, want %v", low, got, want)
		}
	}
}

func TestDateLineNumeric(t *testing.T) {
	for line, want := range map[string]bool{
		"11/20/2019 01:14 PM":        true,
		"2019-11-13T23:06:00+01:00":  true,
		"13.11.2019, 23:06":          true,
		"3 Kevin Harvick 5033 4 6":   false,
		"The 2019 season in numbers": false,
	} {
		low := lower(line)
		f := measure(line, low)
		if got := isDateLine(low, &f); got != want {
			t.Errorf("isDateLine(%q) = %v, want %v", line, got, want)
		}
	}
}

// Japanese and Chinese have no spaces between words: paragraphs are still
// measured by their length.
func TestCleanPageJapanese(t *testing.T) {
	body := []string{
		"港湾局は火曜日、北側の桟橋で二本の支柱にひびが見つかったため、来月から修理のため閉鎖すると発表した。",
		"桟橋を使っている漁船は東側の泊地に移され、局は冬に向けて十二の係留場所を空け、仮設の照明を設置したと説明した。",
		"港長は漁師たちとの会合で「船を失うより一シーズンを失う方がいい」と述べ、修理には約四か月かかる見通しだと付け加えた。",
		"工事費は局の年間維持予算全体を上回る見込みで、差額の負担を市議会に求めることになる。",
	}
	menu := []string{"ホーム", "ニュース", "経済", "スポーツ", "天気", "社会", "国際", "文化", "動画", "ログイン"}
	var raw []string
	raw = append(raw, "北側の桟橋、修理のため閉鎖へ | 港町新聞")
	for i := 0; i < 3; i++ {
		raw = append(raw, menu...)
	}
	raw = append(raw, "北側の桟橋、修理のため閉鎖へ", "2026年3月3日")
	raw = append(raw, body...)
	raw = append(raw, "この記事を共有する", "関連記事", "市議会、夜行バスの延長を承認", "図書館が十年ぶりに再開")
	raw = append(raw, menu...)
	text := strings.Join(raw, "\n")

	c := Clean(text)
	checkInvariants(t, text, c)
	if want := strings.Join(body, "\n\n"); c.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", c.Text, want)
	}
	if c.Title != "北側の桟橋、修理のため閉鎖へ" {
		t.Errorf("title %q", c.Title)
	}
}

// A page can set a box of other stories inside its article; the article's
// own subheads stay.
func TestCleanPageInlineTeaserBox(t *testing.T) {
	box := []string{"Most read", "Council votes to extend the night bus network", "LATE SHIFT",
		"Storm warning issued for the coast as ferries stay in port", "New library opens its doors after a decade of delays",
		"Rail union and operator agree to talks over the weekend"}
	var raw []string
	raw = append(raw, "Northern pier to close for repairs | The Harbour Times")
	raw = append(raw, menuLines(30)...)
	raw = append(raw, "Northern pier to close for repairs", pageBody[0], pageBody[1])
	raw = append(raw, box...)
	raw = append(raw, pageBody[2], "What happens next", pageBody[3])
	raw = append(raw, menuLines(20)...)
	text := strings.Join(raw, "\n\n")

	c := Clean(text)
	checkInvariants(t, text, c)
	want := strings.Join([]string{pageBody[0], pageBody[1], pageBody[2], "What happens next", pageBody[3]}, "\n\n")
	if c.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", c.Text, want)
	}
	if got := removedBy(c, model.ReasonRelated); !contains(got, box[1]) {
		t.Errorf("teaser box not removed as related: %q", got)
	}
}
