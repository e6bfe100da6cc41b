package browse_test

import (
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/model/fuzzy"
	"storydesk/tui/internal/keytest"
)

// refFilter is the filter written the simple way, straight from the query
// syntax: every row read as a string, every field and term tested, matches
// ranked by a stable sort. The reader's scan (interned outlets, coded
// dates, letter masks, narrowing from the last result, stopping a scan a
// newer query made useless, a counting sort) must agree with it exactly.
func refFilter(titles, outlets, dates []string, dead []bool, query string) []int32 {
	q, problem := fuzzy.Parse(strings.Join(strings.Fields(strings.ToLower(query)), " "))
	if problem != "" {
		return nil
	}
	type hit struct {
		item  int32
		score int
	}
	var hits []hit
	ranked := false
	for _, t := range q.Terms {
		if !t.Exact && !t.Negate && t.Text != "" {
			ranked = true
		}
	}
rows:
	for i := range titles {
		if dead[i] {
			continue
		}
		title, outlet := strings.ToLower(titles[i]), strings.ToLower(outlets[i])
		for _, f := range q.Fields {
			var ok bool
			switch f.Key {
			case "outlet":
				ok = strings.Contains(outlet, f.Value)
			case "date":
				ok = fuzzy.InDates(dates[i], f.Lo, f.Hi)
			default:
				continue rows // no store: the fact fields match nothing
			}
			if ok == f.Negate {
				continue rows
			}
		}
		score := 0
		for _, t := range q.Terms {
			in := strings.Contains(title, t.Text) || strings.Contains(outlet, t.Text)
			switch {
			case t.Text == "":
			case t.Negate:
				if in {
					continue rows
				}
			case t.Exact:
				if !in {
					continue rows
				}
			default:
				s, ok := fuzzy.Score(t.Text, title)
				if so, oko := fuzzy.Score(t.Text, outlet); oko && outlet != "" && (!ok || so > s) {
					s, ok = so, true
				}
				if !ok {
					continue rows
				}
				score += s
			}
		}
		hits = append(hits, hit{int32(i), score})
	}
	if ranked {
		sort.SliceStable(hits, func(a, b int) bool { return hits[a].score > hits[b].score })
	}
	out := make([]int32, len(hits))
	for k, h := range hits {
		out[k] = h.item
	}
	return out
}

// refCorpus is n rows of generated headlines with a spread of outlets
// (accents, Greek, none), dates (ISO, partial, prose, none) and a few
// items that fail to read.
func refCorpus(n int) (*fakeSource, []string, []string, []string, []bool) {
	rng := rand.New(rand.NewSource(18))
	outletNames := []string{"Harbour Gazette", "The Northern Ledger", "Valley Courier", "Civic Wire", "Βόρειος Τύπος", "Gazeta Kraków", ""}
	extra := []string{"ferry", "Kraków", "vote", "Zoë", "strike", "harbor", "wind", "école", "2026", "K-12"}
	dateForms := []func() string{
		func() string { return fmt.Sprintf("2025-%02d-%02d", 1+rng.Intn(12), 1+rng.Intn(28)) },
		func() string { return fmt.Sprintf("2026-%02d-%02dT08:00:00Z", 1+rng.Intn(12), 1+rng.Intn(28)) },
		func() string { return fmt.Sprintf("202%d-%02d", 4+rng.Intn(3), 1+rng.Intn(12)) },
		func() string { return "2025" },
		func() string { return "14 September 2025" },
		func() string { return "" },
	}
	f := &fakeSource{label: "ref", batch: 997}
	titles, outs, dates := make([]string, n), make([]string, n), make([]string, n)
	dead := make([]bool, n)
	for i := range n {
		t := fmt.Sprintf("%s %s %s", topics[rng.Intn(len(topics))], verbs[rng.Intn(len(verbs))], nouns[rng.Intn(len(nouns))])
		if rng.Intn(3) == 0 {
			t += " " + extra[rng.Intn(len(extra))]
		}
		if rng.Intn(5) == 0 {
			t = strings.ToUpper(t[:1]) + strings.ToLower(t[1:])
		}
		titles[i], outs[i], dates[i] = t, outletNames[rng.Intn(len(outletNames))], dateForms[rng.Intn(len(dateForms))]()
		path := fmt.Sprintf("ref/%05d.txt", i)
		if i%4999 == 17 {
			dead[i] = true
			f.add(path, nil)
			continue
		}
		f.add(path, &model.Article{Title: t, Source: outs[i], Date: dates[i], Text: "Body.", Raw: "Body.", Words: 1})
	}
	return f, titles, outs, dates, dead
}

var refQueries = []string{
	"harbor vote",
	"k",
	"rivr delays",
	"outlet:courier bridge",
	"date:2025-09..2026-03 har",
	"date:2025.. -outlet:wire 'ferry",
	"-date:2025-09 council",
	"kraków",
	"τύπος budget",
	"-strike -vote festival",
	"2026 k-12",
	"zoë",
	"status:done ferry",
	"date:2025-9 ferry",
	"'school rev",
	"'courier vote",
	"-ledger -'gazette bridge",
	// The outlet alone reaches a term's highest score (the title is then
	// not scored): the rows and their order must not change.
	"courier ferry",
	"gazette",
}

// Typing each query a letter at a time (each keystroke's scan finished
// before the next, so every one narrows from the last result where it can)
// shows exactly the simple filter's rows, in its order, at every letter.
func TestFilterAgreesWithSimpleFilter(t *testing.T) {
	n := 17_000 // over the parallel threshold and several haystack chunks
	src, titles, outs, dates, dead := refCorpus(n)
	h := start(t, src, 120, 40)
	h.press("/")
	for _, q := range refQueries {
		typed := ""
		for _, r := range q {
			typed += string(r)
			h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
			want := refFilter(titles, outs, dates, dead, typed)
			if strings.TrimSpace(typed) == "" {
				continue // no filter: the whole list
			}
			if got := h.b.Visible(); !slices.Equal(got, want) {
				t.Fatalf("%q: %d rows, the simple filter %d; first %v vs %v", typed, len(got), len(want), head(got), head(want))
			}
		}
		// Deleting letters widens: each scan starts afresh.
		for range 2 {
			h.press("backspace")
			rs := []rune(typed)
			typed = string(rs[:len(rs)-1])
			if strings.TrimSpace(typed) == "" {
				break
			}
			if got, want := h.b.Visible(), refFilter(titles, outs, dates, dead, typed); !slices.Equal(got, want) {
				t.Fatalf("%q after backspace: %d rows, want %d", typed, len(got), len(want))
			}
		}
		h.press("ctrl+u")
	}
}

// Keys that arrive while a scan runs: a query the running one does not
// narrow to stops it; one it narrows to waits for it. Either way the rows
// shown at the end are the last query's.
func TestFilterTypedAheadAgrees(t *testing.T) {
	src, titles, outs, dates, dead := refCorpus(17_000)
	h := start(t, src, 120, 40)
	h.press("/")
	for _, q := range refQueries {
		var cmds []tea.Cmd
		for _, r := range q {
			cmds = append(cmds, h.update(tea.KeyPressMsg{Code: r, Text: string(r)}))
		}
		h.drive(tea.Batch(cmds...))
		if got, want := h.b.Visible(), refFilter(titles, outs, dates, dead, q); !slices.Equal(got, want) {
			t.Fatalf("%q typed ahead: %d rows, want %d", q, len(got), len(want))
		}
		// A word replaced while its scan runs (not a narrowing: stopped).
		cmds = cmds[:0]
		for _, k := range []string{"ctrl+w", "w", "i"} {
			cmds = append(cmds, h.update(keytest.Key(k)))
		}
		h.drive(tea.Batch(cmds...))
		want := refFilter(titles, outs, dates, dead, h.b.Filter())
		if got := h.b.Visible(); !slices.Equal(got, want) {
			t.Fatalf("%q after a replaced word: %d rows, want %d", h.b.Filter(), len(got), len(want))
		}
		h.press("ctrl+u")
	}
}

func head(s []int32) []int32 { return s[:min(len(s), 8)] }
