package browse_test

import (
	"fmt"
	"math/rand"
	"strings"
	"unicode/utf8"

	"storydesk/model"
)

var (
	outlets = []string{"Harbour Gazette", "The Northern Ledger", "Valley Courier", "Civic Wire", "Meridian Post"}
	topics  = []string{"Council", "River", "School", "Transit", "Budget", "Harvest", "Bridge", "Library", "Market", "Festival"}
	verbs   = []string{"approves", "delays", "questions", "celebrates", "reviews", "rejects", "expands", "opens"}
	nouns   = []string{"plan", "repairs", "funding", "schedule", "proposal", "report", "season", "contract"}
	prose   = strings.Fields("the council met on tuesday evening to discuss a long list of items including road repairs " +
		"funding for the library and a proposal to extend bus routes into the northern districts residents spoke " +
		"for and against the plan while officials said the final decision would wait for a detailed cost report")
)

// fixtureArticle writes a deterministic article with a caption and a byline
// line the cleaner removed.
func fixtureArticle(i, paras int) *model.Article {
	rng := rand.New(rand.NewSource(int64(i)))
	title := fmt.Sprintf("%s %s %s", topics[i%len(topics)], verbs[(i/3)%len(verbs)], nouns[(i/7)%len(nouns)])
	var body []string
	for p := 0; p < paras; p++ {
		n := 25 + rng.Intn(30)
		w := make([]string, n)
		for k := range w {
			w[k] = prose[rng.Intn(len(prose))]
		}
		s := strings.Join(w, " ")
		body = append(body, strings.ToUpper(s[:1])+s[1:]+".")
	}
	text := strings.Join(body, "\n\n")
	caption := "Photo: Harbour Gazette staff"
	byline := "By A. Reporter"
	raw := byline + "\n\n" + caption + "\n\n" + text
	bl := utf8.RuneCountInString(byline)
	cs := bl + 2
	ce := cs + utf8.RuneCountInString(caption)
	return &model.Article{
		Source: outlets[i%len(outlets)],
		Title:  title,
		Byline: "A. Reporter",
		Date:   fmt.Sprintf("2024-03-%02d", 1+i%28),
		URL:    fmt.Sprintf("https://news.example/%d", i),
		Words:  len(strings.Fields(text)),
		Raw:    raw,
		Text:   text,
		Removed: []model.Removed{
			{Start: 0, End: bl, Reason: model.ReasonByline, Text: byline},
			{Start: cs, End: ce, Reason: model.ReasonCaption, Text: caption},
		},
	}
}
