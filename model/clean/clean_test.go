package clean

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"storydesk/model"
)

// checkInvariants asserts what every Cleaned must satisfy: removed ranges are
// ordered, disjoint, trimmed and equal to their raw slice; the body is
// whitespace-normalised; and raw's non-space characters are exactly split
// between Text (in order) and the removed ranges.
func checkInvariants(t *testing.T, raw string, c Cleaned) {
	t.Helper()
	rs := []rune(raw)
	prevEnd := 0
	for i, r := range c.Removed {
		if r.Start < prevEnd || r.End <= r.Start || r.End > len(rs) {
			t.Fatalf("removed[%d] [%d,%d) out of order or range (prev end %d, raw %d)", i, r.Start, r.End, prevEnd, len(rs))
		}
		if got := string(rs[r.Start:r.End]); got != r.Text {
			t.Fatalf("removed[%d] text %q != raw slice %q", i, r.Text, got)
		}
		if unicode.IsSpace(rs[r.Start]) || unicode.IsSpace(rs[r.End-1]) {
			t.Fatalf("removed[%d] %q not trimmed", i, r.Text)
		}
		if r.Reason == "" {
			t.Fatalf("removed[%d] %q has no reason", i, r.Text)
		}
		prevEnd = r.End
	}
	if c.Text != strings.TrimSpace(c.Text) {
		t.Fatalf("text not trimmed: %q", c.Text)
	}
	for _, para := range strings.Split(c.Text, "\n\n") {
		if c.Text != "" && para == "" {
			t.Fatalf("empty paragraph in %q", c.Text)
		}
		for i, r := range para {
			if unicode.IsSpace(r) && (r != ' ' || i == 0 || strings.HasPrefix(para[i+1:], " ") || i == len(para)-1) {
				t.Fatalf("un-normalised whitespace %U in paragraph %q", r, para)
			}
		}
	}
	var body []rune
	for _, r := range c.Text {
		if !unicode.IsSpace(r) {
			body = append(body, r)
		}
	}
	ri, bi := 0, 0
	for p, r := range rs {
		if unicode.IsSpace(r) {
			continue
		}
		for ri < len(c.Removed) && p >= c.Removed[ri].End {
			ri++
		}
		if ri < len(c.Removed) && p >= c.Removed[ri].Start {
			continue
		}
		if bi >= len(body) || body[bi] != r {
			t.Fatalf("raw rune %d %q is neither removed nor next in text (text pos %d)", p, r, bi)
		}
		bi++
	}
	if bi != len(body) {
		t.Fatalf("text has %d characters not taken from raw: %q…", len(body)-bi, string(body[bi:min(len(body), bi+40)]))
	}
}

// removedBy returns the removed texts with the given reason.
func removedBy(c Cleaned, reason model.Reason) []string {
	var out []string
	for _, r := range c.Removed {
		if r.Reason == reason {
			out = append(out, normSpace(r.Text))
		}
	}
	return out
}

func paragraphsOf(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n\n")
}

func TestCleanNoise(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		removed map[model.Reason][]string // exact (normalised) removed texts per reason
		keep    []string                  // paragraphs that must be in Text
		meta    Cleaned                   // Title, Summary, Byline, Dateline expected (Text/model.Removed ignored)
	}{
		{
			name: "wire header with standfirst and dateline",
			raw: "Europe\n\nStorm floods hundreds of homes across northern Portugal\n\n" +
				"Rescue teams worked through the night as rivers burst their banks after three days of rain.\n\n" +
				"By Marta Lopes and Tom Hale, Associated Press\n\n" +
				"PORTO, Portugal — Floodwaters swept through low-lying streets of northern Portugal on Saturday, forcing hundreds of families from their homes.\n\n" +
				"Officials said two people were missing and more rain was expected on Sunday.",
			removed: map[model.Reason][]string{
				model.ReasonSection:    {"Europe"},
				model.ReasonHeadline:   {"Storm floods hundreds of homes across northern Portugal"},
				model.ReasonStandfirst: {"Rescue teams worked through the night as rivers burst their banks after three days of rain."},
				model.ReasonByline:     {"By Marta Lopes and Tom Hale, Associated Press"},
				model.ReasonDateline:   {"PORTO, Portugal —"},
			},
			keep: []string{
				"Floodwaters swept through low-lying streets of northern Portugal on Saturday, forcing hundreds of families from their homes.",
				"Officials said two people were missing and more rain was expected on Sunday.",
			},
			meta: Cleaned{
				Title:    "Storm floods hundreds of homes across northern Portugal",
				Summary:  "Rescue teams worked through the night as rivers burst their banks after three days of rain.",
				Byline:   "Marta Lopes and Tom Hale, Associated Press",
				Dateline: "PORTO, Portugal",
			},
		},
		{
			name: "agency dateline, credits and reading time",
			raw: "Chile's central bank holds rates, signals cuts next year\nBy Diego Ruiz\n3 min read\n" +
				"SANTIAGO, Dec 4 (Reuters) - Chile's central bank held its benchmark rate at 5.25% on Wednesday and said it saw room for gradual cuts next year.\n" +
				"\"The inflation outlook has improved, but risks remain,\" the bank said in a statement.\n" +
				"Reporting by Diego Ruiz; Editing by Laura Kent\n",
			removed: map[model.Reason][]string{
				model.ReasonHeadline: {"Chile's central bank holds rates, signals cuts next year"},
				model.ReasonByline:   {"By Diego Ruiz", "Reporting by Diego Ruiz; Editing by Laura Kent"},
				model.ReasonBoiler:   {"3 min read"},
				model.ReasonDateline: {"SANTIAGO, Dec 4 (Reuters) -"},
			},
			keep: []string{"\"The inflation outlook has improved, but risks remain,\" the bank said in a statement."},
			meta: Cleaned{Title: "Chile's central bank holds rates, signals cuts next year", Byline: "Diego Ruiz", Dateline: "SANTIAGO, Dec 4 (Reuters)"},
		},
		{
			name: "colon dateline and agency line with caption and section on top",
			raw: "Finance Minister Aiko Tanaka at a news briefing\u00a0(Photo | Reuters)\nMarkets\n\n" +
				"Japan unveils record stimulus to shield households from energy costs\n\n" +
				"Agence France-Presse\n\n" +
				"TOKYO: Japan's cabinet approved a record stimulus package on Friday aimed at easing the burden of rising energy bills on households.\n\n" +
				"The package still needs parliamentary approval, which is expected before the end of the year.",
			removed: map[model.Reason][]string{
				model.ReasonCaption:  {"Finance Minister Aiko Tanaka at a news briefing (Photo | Reuters)"},
				model.ReasonSection:  {"Markets"},
				model.ReasonHeadline: {"Japan unveils record stimulus to shield households from energy costs"},
				model.ReasonByline:   {"Agence France-Presse"},
				model.ReasonDateline: {"TOKYO:"},
			},
			meta: Cleaned{Title: "Japan unveils record stimulus to shield households from energy costs", Byline: "Agence France-Presse", Dateline: "TOKYO"},
		},
		{
			name: "related headlines and calls to action after the body",
			raw: "Farmers in the valley have begun harvesting early because forecasters expect a long dry spell to start next week.\n\n" +
				"The cooperative said yields were lower than last year but the quality of the grain was good.\n\n" +
				"Also read\n\n" +
				"Drought forces rationing in three southern districts\n\n" +
				"Why seed prices doubled in two years, explained\n\n" +
				"Rail strike called off after late-night talks with unions\n\n" +
				"Sign up for our morning newsletter\n\nLeave a comment\n\nSCROLL FOR NEXT STORY",
			removed: map[model.Reason][]string{
				model.ReasonRelated: {"Drought forces rationing in three southern districts", "Why seed prices doubled in two years, explained", "Rail strike called off after late-night talks with unions"},
				model.ReasonCTA:     {"Also read", "Sign up for our morning newsletter", "Leave a comment", "SCROLL FOR NEXT STORY"},
			},
		},
		{
			name: "unlabelled related run at the bottom",
			raw: "The museum will reopen on Monday after a two-year renovation that cost more than expected.\n" +
				"Visitors will be able to book tickets online from Friday, the director said.\n" +
				"Ancient shipwreck found off the coast of Sicily\n" +
				"City council approves new cycling lanes downtown\n" +
				"Heatwave warnings issued for the weekend in five regions\n",
			removed: map[model.Reason][]string{
				model.ReasonRelated: {"Ancient shipwreck found off the coast of Sicily", "City council approves new cycling lanes downtown", "Heatwave warnings issued for the weekend in five regions"},
			},
		},
		{
			name: "embedded posts with link and attribution",
			raw: "The mayor defended a plan to close the historic centre to most private cars, saying the city could no longer choke on its own traffic.\n\n" +
				"In a post on X, she wrote that the first phase would begin in March.\n\n" +
				"Nous fermons le centre aux voitures dès mars. Une ville qui respire est une ville qui vit. pic.twitter.com/Ab12Cd34Ef\n\n" +
				"— Claire Dubois (@claire_dubois) February 3, 2026\n\n" +
				"Shop owners were divided. Some said the change would bring more walkers; others feared losing customers.\n\n" +
				"This plan is a disaster for every small business in town\n\n" +
				"— Marc Petit (@marcpetit) February 3, 2026\n\n" +
				"The council will vote on the plan next month.",
			removed: map[model.Reason][]string{
				model.ReasonEmbed: {
					"Nous fermons le centre aux voitures dès mars. Une ville qui respire est une ville qui vit. pic.twitter.com/Ab12Cd34Ef",
					"— Claire Dubois (@claire_dubois) February 3, 2026",
					"This plan is a disaster for every small business in town",
					"— Marc Petit (@marcpetit) February 3, 2026",
				},
			},
			keep: []string{"In a post on X, she wrote that the first phase would begin in March.", "The council will vote on the plan next month."},
		},
		{
			name: "post text ending in a short link, no attribution",
			raw: "Officials confirmed the bridge would stay closed until inspectors finish their work later this week.\n" +
				"Die Brücke bleibt bis auf Weiteres gesperrt. Wir informieren über alle Umleitungen. https://t.co/Zz9Yy8Xx7W\n" +
				"Drivers have been told to expect delays of up to an hour on the ring road.\n",
			removed: map[model.Reason][]string{
				model.ReasonEmbed: {"Die Brücke bleibt bis auf Weiteres gesperrt. Wir informieren über alle Umleitungen. https://t.co/Zz9Yy8Xx7W"},
			},
		},
		{
			name: "captions in the body",
			raw: "Thousands marched through the capital on Sunday to demand higher wages for nurses and teachers.\n\n" +
				"Protesters gather outside parliament on Sunday. (AP Photo/Jan Novak)\n\n" +
				"Organisers said it was the largest demonstration in a decade.\n\n" +
				"Photo: Reuters\n\n" +
				"FILE - Nurses hold placards during an earlier strike in the capital.\n\n" +
				"A protester waves a flag near the main square. Getty Images\n\n" +
				"File photo\n\n" +
				"Police said the march passed off peacefully and no arrests were made.",
			removed: map[model.Reason][]string{
				model.ReasonCaption: {
					"Protesters gather outside parliament on Sunday. (AP Photo/Jan Novak)",
					"Photo: Reuters",
					"FILE - Nurses hold placards during an earlier strike in the capital.",
					"A protester waves a flag near the main square. Getty Images",
					"File photo",
				},
			},
			keep: []string{"Organisers said it was the largest demonstration in a decade."},
		},
		{
			name: "footers, share rows and cookie banners",
			raw: "https://orbitdaily.example/science/2026/03/probe-far-side\n" +
				"We use cookies to improve your experience. By continuing to browse this site you accept our cookie policy.\n" +
				"Accept all\n" +
				"Home > Science > Space\n" +
				"Probe sends first images from the far side of the Moon\n" +
				"The spacecraft began transmitting pictures on Thursday, two days after a difficult landing that engineers had feared would fail.\n" +
				"Advertisement\n" +
				"Scientists said the images would help them understand how the Moon's two faces came to differ so much.\n" +
				"Share this article\n" +
				"Tags: Moon, Space exploration, Robotics\n" +
				"Facebook Twitter WhatsApp Email\n" +
				"© 2026 Orbit Daily Media. All rights reserved. Do not reproduce without permission.\n",
			removed: map[model.Reason][]string{
				model.ReasonShare:    {"We use cookies to improve your experience. By continuing to browse this site you accept our cookie policy.", "Accept all", "Share this article", "Facebook Twitter WhatsApp Email"},
				model.ReasonBoiler:   {"https://orbitdaily.example/science/2026/03/probe-far-side", "Home > Science > Space", "Advertisement", "Tags: Moon, Space exploration, Robotics"},
				model.ReasonHeadline: {"Probe sends first images from the far side of the Moon"},
				model.ReasonFooter:   {"© 2026 Orbit Daily Media. All rights reserved. Do not reproduce without permission."},
			},
			meta: Cleaned{Title: "Probe sends first images from the far side of the Moon"},
		},
		{
			name: "standfirst above a datelined lead, no byline",
			raw: "Drought forces water cuts in Lisbon\n\nThe capital will ration tap water for the first time since 1995.\n\n" +
				"LISBON (Reuters) - Portugal's capital will cut water supplies overnight from next week, the city utility said on Monday.\n\n" +
				"Reservoirs are at a third of their capacity.",
			removed: map[model.Reason][]string{
				model.ReasonHeadline:   {"Drought forces water cuts in Lisbon"},
				model.ReasonStandfirst: {"The capital will ration tap water for the first time since 1995."},
				model.ReasonDateline:   {"LISBON (Reuters) -"},
			},
			keep: []string{"Portugal's capital will cut water supplies overnight from next week, the city utility said on Monday.", "Reservoirs are at a third of their capacity."},
			meta: Cleaned{Title: "Drought forces water cuts in Lisbon", Summary: "The capital will ration tap water for the first time since 1995.", Dateline: "LISBON (Reuters)"},
		},
		{
			name: "title-case city dateline",
			raw:  "Quito, Ecuador — Ecuador's electoral council confirmed on Monday that the runoff vote would be held in April.\n\nTurnout in the first round was above 80%.",
			removed: map[model.Reason][]string{
				model.ReasonDateline: {"Quito, Ecuador —"},
			},
			keep: []string{"Ecuador's electoral council confirmed on Monday that the runoff vote would be held in April.", "Turnout in the first round was above 80%."},
			meta: Cleaned{Dateline: "Quito, Ecuador"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Clean(tt.raw)
			checkInvariants(t, tt.raw, c)
			got := map[model.Reason][]string{}
			for _, r := range c.Removed {
				got[r.Reason] = append(got[r.Reason], normSpace(r.Text))
			}
			for reason, want := range tt.removed {
				if fmt.Sprint(got[reason]) != fmt.Sprint(want) {
					t.Errorf("%s removed %q, want %q", reason, got[reason], want)
				}
			}
			for reason, have := range got {
				if _, ok := tt.removed[reason]; !ok {
					t.Errorf("unexpected %s removals: %q", reason, have)
				}
			}
			paras := paragraphsOf(c.Text)
			for _, k := range tt.keep {
				if !contains(paras, k) {
					t.Errorf("paragraph %q missing from text:\n%s", k, c.Text)
				}
			}
			if c.Title != tt.meta.Title || c.Summary != tt.meta.Summary || c.Byline != tt.meta.Byline || c.Dateline != tt.meta.Dateline {
				t.Errorf("meta = {%q %q %q %q}, want {%q %q %q %q}", c.Title, c.Summary, c.Byline, c.Dateline,
					tt.meta.Title, tt.meta.Summary, tt.meta.Byline, tt.meta.Dateline)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCleanKeepsBody: paragraphs that resemble noise in one respect but are
// body prose stay, untouched.
func TestCleanKeepsBody(t *testing.T) {
	lede := "The regional government announced on Tuesday that it would suspend all water-sharing agreements with its neighbour until a dispute over the dam is settled."
	tail := "Negotiators from both sides are due to meet again in Geneva at the end of the month, officials said."
	for _, mid := range []string{
		"He declined to comment.",
		"“We will not be intimidated,” she said.",
		"\"It's over,\" he said. 'Really over.' “Mismatched quotes\" are kept as they are’",
		"— and that, critics say, is the problem.",
		"— Reporting from the border, Ana Ruiz",
		"Read the statement below.",
		"Why it matters",
		"Photos of the dam, which were shared widely online, show the reservoir at a record low.",
		"By the end of the week, the reservoir had fallen to a third of its capacity.",
		"Copyright lawyers say the case could take years.",
		"Follow the money, the opposition leader told reporters.",
		"World leaders urged calm.",
		"Subscribers to the utility will see higher bills from January.",
		"The share of water each side receives was fixed in a 1994 treaty.",
		"Reuters could not independently verify the figures.",
		"Updated figures released on Monday showed that 1,200 households had no running water.",
		"On Nov. 11, 2025, the ministry published the full text of the agreement.",
		"Related talks on electricity exports have also stalled.",
		"LONDON is watching closely.",
		"NATO, the Western alliance — which both countries joined in 1949 — has stayed silent.",
		"The minister later shared a clip of the meeting (video)",
		"She wrote:",
		"The photo by a local student was shared thousands of times",
		"US officials said they were monitoring the situation.",
	} {
		raw := lede + "\n\n" + mid + "\n\n" + tail
		c := Clean(raw)
		checkInvariants(t, raw, c)
		want := lede + "\n\n" + mid + "\n\n" + tail
		if c.Text != want || len(c.Removed) != 0 {
			t.Errorf("middle paragraph %q: removed %v, text:\n%s", mid, c.Removed, c.Text)
		}
	}
}

// TestCleanCleanArticleUnchanged: an article with normalised paragraphs and no
// noise comes back as it went in.
func TestCleanCleanArticleUnchanged(t *testing.T) {
	articles := []string{
		"Short single paragraph with a sentence.",
		"The council approved the budget on Thursday after a heated debate that lasted late into the night.\n\n" +
			"“This is a budget for families,” the mayor said. Critics called it “reckless.”\n\n" +
			"The opposition’s amendments were rejected 31–12.\n\n" +
			"— The vote followed weeks of protests.\n\n" +
			"Spending on roads will rise by 4.5% next year, while the parks budget is frozen.",
		"El Gobierno anunció el martes que suspenderá la cooperación con sus socios hasta que se aclaren los hechos.\n\n" +
			"«No vamos a permitir que esto se repita», dijo la ministra en una rueda de prensa en la capital.",
		"東京都は月曜日、新しい防災計画を発表した。\n\n計画は来年四月から実施される。",
	}
	for _, a := range articles {
		c := Clean(a)
		checkInvariants(t, a, c)
		if c.Text != a || len(c.Removed) != 0 || c.Title != "" || c.Dateline != "" {
			t.Errorf("clean article changed:\nin:  %q\nout: %q\nremoved: %v", a, c.Text, c.Removed)
		}
	}
}

// TestCleanLineBreakStyles: the same article written with different line
// break conventions cleans to the same text.
func TestCleanLineBreakStyles(t *testing.T) {
	paras := []string{
		"Engineers restored power to most of the northern suburbs on Wednesday evening, nearly two days after a storm brought down transmission lines across the region.",
		"The utility said about 4,000 homes were still without electricity and that crews would work through the night to reconnect them before temperatures drop again.",
		"Residents complained that they had received no warning, and several local councillors called for an independent inquiry into how the network was maintained.",
		"The company’s chief executive apologised and promised compensation.",
	}
	want := strings.Join(paras, "\n\n")
	styles := map[string]string{
		"blank lines":       strings.Join(paras, "\n\n"),
		"single newlines":   strings.Join(paras, "\n"),
		"spaced blanks":     "\n  " + strings.Join(paras, " \n\t \n\u00a0") + "\n\n\n",
		"crlf":              strings.Join(paras, "\r\n\r\n"),
		"hard-wrapped 72":   wrapParas(paras, 72, "\n\n"),
		"hard-wrapped 60":   wrapParas(paras, 60, "\n\n"),
		"nbsp and tabs":     strings.ReplaceAll(strings.Join(paras, "\n\n"), " the ", " the\u00a0\t "),
		"wrapped then crlf": strings.ReplaceAll(wrapParas(paras, 66, "\n\n"), "\n", "\r\n"),
	}
	for name, raw := range styles {
		t.Run(name, func(t *testing.T) {
			c := Clean(raw)
			checkInvariants(t, raw, c)
			if c.Text != want || len(c.Removed) != 0 {
				t.Errorf("got removed %v, text:\n%s", c.Removed, c.Text)
			}
		})
	}
}

// wrapParas hard-wraps each paragraph greedily at width.
func wrapParas(paras []string, width int, sep string) string {
	var out []string
	for _, p := range paras {
		var lines []string
		line := ""
		for _, w := range strings.Fields(p) {
			if line != "" && model.RuneLen(line)+1+model.RuneLen(w) > width {
				lines = append(lines, line)
				line = w
				continue
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		out = append(out, strings.Join(append(lines, line), "\n"))
	}
	return strings.Join(out, sep)
}

// TestCleanShortLinesNotJoined: a block of short single-newline lines (a
// header, a list of headlines) is not mistaken for a hard-wrapped paragraph.
func TestCleanShortLinesNotJoined(t *testing.T) {
	raw := "World\nMinisters agree to extend the grain deal for another year\nBy Sam Okafor\n" +
		"ANKARA, Turkey — Ministers from four countries agreed on Friday to extend the grain corridor for another twelve months, officials said.\n" +
		"The deal had been due to expire at the end of the month.\n" +
		"Floods cut off villages in the north\nTeachers strike over unpaid wages\nPort reopens after cyber attack\n"
	c := Clean(raw)
	checkInvariants(t, raw, c)
	if c.Title != "Ministers agree to extend the grain deal for another year" || c.Byline != "Sam Okafor" || c.Dateline != "ANKARA, Turkey" {
		t.Errorf("meta: %q %q %q", c.Title, c.Byline, c.Dateline)
	}
	if got := removedBy(c, model.ReasonRelated); len(got) != 3 {
		t.Errorf("related = %q", got)
	}
	if want := "Ministers from four countries agreed on Friday to extend the grain corridor for another twelve months, officials said.\n\nThe deal had been due to expire at the end of the month."; c.Text != want {
		t.Errorf("text:\n%s", c.Text)
	}
}

// TestCleanKeepsTailList: a list closing the article, announced by a colon,
// is not a related-headline list.
func TestCleanKeepsTailList(t *testing.T) {
	raw := "Fishermen blocked the harbour entrance for a second day on Thursday, demanding that the government reverse the new quotas.\n\n" +
		"Their demands include:\n\nAn end to the new catch limits\n\nCompensation for the lost season\n\nA seat at the next round of talks"
	c := Clean(raw)
	checkInvariants(t, raw, c)
	if len(c.Removed) != 0 {
		t.Errorf("removed %v", c.Removed)
	}
}

// TestCleanBylineInBody: a "By Name" line that slipped below the lead is
// still a byline, while prose starting with "By" is not.
func TestCleanBylineInBody(t *testing.T) {
	raw := "Voters in the southern districts went to the polls on Sunday in a repeat election ordered by the supreme court.\n\n" +
		"By Lena Vogel\n\n" +
		"By midday, turnout had already passed the level of the annulled vote, the electoral commission said."
	c := Clean(raw)
	checkInvariants(t, raw, c)
	if got := removedBy(c, model.ReasonByline); len(got) != 1 || got[0] != "By Lena Vogel" {
		t.Errorf("bylines = %q", got)
	}
	if !strings.HasSuffix(c.Text, "By midday, turnout had already passed the level of the annulled vote, the electoral commission said.") {
		t.Errorf("text = %q", c.Text)
	}
}

func TestBylineName(t *testing.T) {
	for in, want := range map[string]string{
		"By Jane Doe":               "Jane Doe",
		"BY JANE DOE, Reuters":      "JANE DOE, Reuters",
		"— AFP":                     "AFP",
		"(Reuters)":                 "Reuters",
		"Associated Press":          "Associated Press",
		"By Jane Doe Jr.":           "Jane Doe Jr.",
		"Jane Doe | Staff Writer |": "Jane Doe | Staff Writer",
	} {
		if got := bylineName(in); got != want {
			t.Errorf("bylineName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanEmptyAndDegenerate(t *testing.T) {
	for _, raw := range []string{"", "   \n\n\t\n", "World", "Leave a comment", "\u00a0", "— \n —"} {
		c := Clean(raw)
		checkInvariants(t, raw, c)
	}
	// Nothing reads as prose: only strong noise goes, the rest is kept.
	raw := "Colombia\nVenezuela\nEcuador\nShare this article"
	c := Clean(raw)
	checkInvariants(t, raw, c)
	if c.Text != "Colombia\n\nVenezuela\n\nEcuador" {
		t.Errorf("text = %q", c.Text)
	}
}

func TestCleanerRepeated(t *testing.T) {
	long := "Our newsroom has covered the region for more than forty years and has correspondents in every provincial capital, from the coast to the mountains and the islands beyond."
	blurb := "Harbour News is an independent paper owned by its readers."
	articles := []string{
		"Harbour News Daily\n\nThe port authority said on Monday that cargo volumes rose by a tenth last year.\n\n" + long + "\n\n" + blurb + "\n\nGet the paper delivered at home",
		"Harbour News Daily\n\nFishermen protested outside the ministry over new quotas set for the coming season.\n\n" + long + "\n\n" + blurb + "\n\nGet the paper delivered at home",
		"Harbour News Daily\n\nThe ferry to the islands will run twice a day from June, the operator announced.\n\n" + long + "\n\n" + blurb + "\n\nGet the paper delivered at home",
	}
	rep := RepeatedLines(articles, 3)
	for _, k := range []string{"harbour news daily", "get the paper delivered at home", RepeatKey(long), RepeatKey(blurb)} {
		if !rep[k] {
			t.Errorf("RepeatedLines missed %q", k)
		}
	}
	if len(rep) != 4 {
		t.Errorf("RepeatedLines = %v", rep)
	}
	c := Cleaner{Repeated: rep}
	out := c.Clean(articles[1])
	checkInvariants(t, articles[1], out)
	want := "Fishermen protested outside the ministry over new quotas set for the coming season.\n\n" + long
	if out.Text != want {
		t.Errorf("text:\n%s", out.Text)
	}
	if got := removedBy(out, model.ReasonBoiler); len(got) != 3 {
		t.Errorf("boilerplate = %q", got)
	}
	// Without the corpus knowledge the masthead passes for a headline, and
	// the rest reads as the article.
	plain := Clean(articles[1])
	if len(plain.Removed) != 1 || plain.Title != "Harbour News Daily" {
		t.Errorf("default cleaner removed %v", plain.Removed)
	}
}

func TestCleanerClassifyHook(t *testing.T) {
	raw := "Editor's note: this story has been updated.\n\nThe festival will go ahead despite the rain, the organisers said on Friday.\n\nShare this article"
	var seen []Para
	c := Cleaner{Classify: func(p Para) (model.Reason, bool) {
		seen = append(seen, p)
		switch {
		case strings.HasPrefix(p.Text, "Editor's note"):
			return model.ReasonBoiler, true
		case p.Text == "Share this article":
			return "", true // keep, overriding the built-in rule
		}
		return "", false
	}}
	out := c.Clean(raw)
	checkInvariants(t, raw, out)
	if len(seen) != 3 || seen[1].Zone != ZoneBody || !seen[1].Prose || seen[1].Words != 13 || seen[2].Index != 2 || seen[2].Count != 3 {
		t.Errorf("hook saw %+v", seen)
	}
	if out.Text != "The festival will go ahead despite the rain, the organisers said on Friday.\n\nShare this article" {
		t.Errorf("text = %q", out.Text)
	}
	if len(out.Removed) != 1 || out.Removed[0].Reason != model.ReasonBoiler {
		t.Errorf("removed = %v", out.Removed)
	}
}

func TestMatchDateline(t *testing.T) {
	for _, tt := range []struct{ line, label string }{
		{"BOGOTA, Colombia — The president said", "BOGOTA, Colombia"},
		{"BOGOTA: The president said", "BOGOTA"},
		{"WASHINGTON (Reuters) - The Senate voted", "WASHINGTON (Reuters)"},
		{"LONDON, Nov 3 (AFP) - Britain said", "LONDON, Nov 3 (AFP)"},
		{"NEW DELHI, Nov. 12 (PTI): The court ruled", "NEW DELHI, Nov. 12 (PTI)"},
		{"RIO DE JANEIRO — Police said", "RIO DE JANEIRO"},
		{"São Paulo, Brazil — Police said", "São Paulo, Brazil"},
		{"Frankfurt am Main, Germany – Shares fell", "Frankfurt am Main, Germany"},
		{"Quito, Ecuador -- Voters went", "Quito, Ecuador"},
		{"GENEVA (AP) — “We are worried,” the agency said", "GENEVA (AP)"},
		// Not datelines.
		{"US: The president said", ""},
		{"NATO, the Western alliance — which was founded", ""},
		{"Petro, Colombia's president — who", ""},
		{"BOGOTA, Colombia — the president said", ""}, // no capital after the dash
		{"The minister (Reuters) - said", ""},
		{"Colombia: a timeline of the crisis", ""},
		{"Bogota — The capital", ""}, // title case needs the region part
		{"In Bogota, Colombia — The", ""},
	} {
		n, label := matchDateline(tt.line)
		if label != tt.label || (n > 0) != (tt.label != "") {
			t.Errorf("matchDateline(%q) = %d %q, want %q", tt.line, n, label, tt.label)
		}
	}
}

func TestLineShapes(t *testing.T) {
	for _, tt := range []struct {
		text string
		want kind
		not  kind
	}{
		{text: "By Jane Doe", want: kByline},
		{text: "By JANE DOE and JOHN ROE, Associated Press", want: kByline},
		{text: "Jane Doe | Reuters", want: kByline},
		{text: "Jane Doe, Staff Writer", want: kByline},
		{text: "By the end of the week, prices had doubled.", not: kByline},
		{text: "Paris, France", not: kByline},
		{text: "Reuters", want: kAgency},
		{text: "— AFP", want: kAgency},
		{text: "(Reuters)", want: kAgency},
		{text: "AFP and Reuters", want: kAgency},
		{text: "Reuters could not verify the report.", not: kAgency},
		{text: "World", want: kSection},
		{text: "Latin America", want: kSection},
		{text: "Updated: 12 March 2026, 09:40", want: kDate},
		{text: "November 11, 2025", want: kDate},
		{text: "Read more: Why the yen keeps falling", want: kRelatedLabel},
		{text: "You may also like", want: kRelatedLabel},
		{text: "Related talks have stalled since", not: kRelatedLabel},
		{text: "Sign up for our newsletter", want: kCTA},
		{text: "Signing up took hours, voters said.", not: kCTA},
		{text: "— Jane Doe (@janedoe) November 11, 2025", want: kAttribution},
		{text: "— Jane Doe, who met him in 2019, said so.", not: kAttribution},
		{text: "© 2026 Example Media. All rights reserved.", want: kFooter},
		{text: "Copyright 2025 Example Wire. This material may not be published, broadcast, rewritten or redistributed.", want: kFooter},
		{text: "Copyright law is changing fast in Europe, experts say.", not: kFooter},
		{text: "Share on Facebook Share on X Copy link", want: kShare},
		{text: "Facebook Twitter Email", want: kShare},
		{text: "The share price fell by a third.", not: kShare},
		{text: "Home > World > Americas", want: kBreadcrumb},
		{text: "Tags: Colombia, United States, Drugs", want: kTags},
	} {
		low := lower(tt.text)
		f := measure(tt.text, low)
		got := classifyKinds(tt.text, low, &f)
		if tt.want != 0 && got&tt.want == 0 {
			t.Errorf("%q: kinds %b lack %b", tt.text, got, tt.want)
		}
		if tt.not != 0 && got&tt.not != 0 {
			t.Errorf("%q: kinds %b include %b", tt.text, got, tt.not)
		}
	}
}

// TestNormSpace compares normSpace with a plain reference on strings mixing
// every kind of Unicode space.
func TestNormSpace(t *testing.T) {
	ref := func(s string) string { return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ") }
	pieces := []string{"a", "é", "東", " ", "  ", "\t", "\n", "\u00a0", "\u0085", "\u1680", "\u2003", "\u2028", "\u202f", "\u205f", "\u3000", "\u200b", "’", "x y"}
	seed := uint32(3)
	for n := 0; n < 5000; n++ {
		var b strings.Builder
		for k := 0; k < n%12; k++ {
			seed = seed*1664525 + 1013904223
			b.WriteString(pieces[seed>>16%uint32(len(pieces))])
		}
		if got, want := normSpace(b.String()), ref(b.String()); got != want {
			t.Fatalf("normSpace(%q) = %q, want %q", b.String(), got, want)
		}
	}
}
