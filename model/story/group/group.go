package group

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/model/story"
)

// Grouping articles into stories (package comment in doc.go).
//
// Two articles are linked when duplicate detection paired them (a copy is
// always the same story) or when their features (see Extract) are similar
// enough: the cosine of their weighted feature sets reaches the threshold
// (or a share of it, quoteShare, when they share a quotation).
// Links are followed strongest first (copies, then by similarity, ties by
// IDs, so the result never depends on input order) and join the two
// articles' stories unless that would
//
//   - put two articles an annotator keeps apart in one story (Overrides),
//   - join two stories pinned to different keys, or
//   - stretch the story's known dates over more than the window: an event
//     in the same place a month later is another story, and the window
//     stops a chain of follow-ups from gluing a season together.
//
// A refused link is kept in Grouping.Refused, for a screen to explain why
// two similar articles are apart. Two articles whose own dates are more
// than the window apart are never linked, so never listed.

// DefaultThreshold is the feature similarity at and above which two
// articles are linked. Own write-ups of one event score 0.25–0.6 (they
// share names, quotations and figures); articles on the same topic or in
// the same place, 0.05–0.2.
const DefaultThreshold = 0.2

// Sharing a quotation is strong evidence on its own: an outlet that
// carries another's quotation is reporting the same statement. Articles
// sharing quoteKeys quotation keys (a run of quoteKeys+3 quoted words, or
// several shorter ones) need only quoteShare of the threshold: an
// outlet's own angle on the story (its own quotes, its own sources)
// dilutes the similarity, not the quotation.
const (
	quoteKeys  = 3
	quoteShare = 0.4
)

// DefaultWindowDays is how many days a story's dated articles may span.
const DefaultWindowDays = 4

// Item is one article to group.
type Item struct {
	ID       string
	Date     time.Time // publication date (see story.ParseDate); zero when unknown
	Features Features
}

// Overrides are an annotator's hand edits, which grouping respects.
type Overrides struct {
	// Pins put articles in the story named by the key: articles pinned to
	// one key are one story, and stories pinned to different keys never
	// merge. Unpinned articles still join a pinned story through links.
	Pins map[string]string
	// Apart lists pairs of articles that are not the same story.
	Apart [][2]string
}

// Options tunes Group. The zero value gives the defaults.
type Options struct {
	Threshold  float64 // feature similarity for a link; 0: DefaultThreshold
	WindowDays int     // days a story's known dates may span; 0: DefaultWindowDays, <0: no limit
	Workers    int     // goroutines for candidate search; 0: one per CPU
}

// Kinds of Link.
const (
	LinkCopy    = "copy"    // duplicate detection paired them
	LinkSimilar = "similar" // their features are similar
	LinkPin     = "pin"     // an annotator pinned them to one story
)

// Why a link was refused.
const (
	RefusedApart  = "apart"  // an annotator keeps them apart
	RefusedPinned = "pinned" // pinned to different stories
	RefusedWindow = "window" // their stories' dates are too far apart
)

// Link is a reason two articles are in one story.
type Link struct {
	A, B  string  // article IDs, A < B
	Kind  string  // LinkCopy, LinkSimilar or LinkPin
	Score float64 // containment for copies, similarity otherwise; 1 for pins
	// Refused says why the link was not followed ("" when it was).
	Refused string `json:",omitempty"`
}

// Cluster is one story's articles.
type Cluster struct {
	// ID names the story: its pin key when an annotator pinned it, else
	// its smallest member ID, so it stays put while articles come and go.
	ID      string
	Pinned  bool
	Members []string // sorted
	Links   []Link   // the links that joined it, strongest first
}

// Grouping is the stories of a corpus.
type Grouping struct {
	// Clusters are every story, single articles included, ordered by
	// size (largest first), then ID.
	Clusters []Cluster
	// Of gives the cluster of each item, by the items' order.
	Of []int
	// Refused are links not followed, strongest first.
	Refused []Link
}

// Stories groups items into stories. pairs are duplicate pairs among them
// (dup.Index.Pairs); pairs naming an unknown ID are ignored. Items with
// the same ID are taken once (the first).
func Stories(items []Item, pairs []dup.Pair, ov Overrides, opts Options) Grouping {
	if opts.Threshold <= 0 {
		opts.Threshold = DefaultThreshold
	}
	window := opts.WindowDays
	if window == 0 {
		window = DefaultWindowDays
	}
	n := len(items)
	byID := make(map[string]int32, n)
	feats := make([][]uint32, n)
	days := make([]int32, n)
	for i, it := range items {
		if _, dupID := byID[it.ID]; !dupID {
			byID[it.ID] = int32(i)
			if it.Features.Version == FeaturesVersion {
				feats[i] = it.Features.Keys
			}
		}
		days[i] = dayOf(it.Date)
	}
	x := buildIndex(feats)
	edges := similarEdges(x, days, window, opts.Threshold, opts.Workers)
	for _, p := range pairs {
		a, okA := byID[p.A]
		b, okB := byID[p.B]
		if okA && okB && a != b {
			edges = append(edges, edge{min(a, b), max(a, b), 1 + float32(p.Containment()), LinkCopy})
		}
	}
	slices.SortFunc(edges, func(p, q edge) int {
		if c := cmp.Compare(q.score, p.score); c != 0 {
			return c
		}
		if c := cmp.Compare(items[p.a].ID, items[q.a].ID); c != 0 {
			return c
		}
		return cmp.Compare(items[p.b].ID, items[q.b].ID)
	})

	u := newUnion(n, days, window)
	for i, it := range items {
		if first := byID[it.ID]; first != int32(i) {
			u.force(first, int32(i))
		}
	}
	// Pins first: an annotator's story holds whatever the links say.
	pinned := map[string]int32{}
	pinKeys := make([]string, 0, len(ov.Pins))
	for id := range ov.Pins {
		pinKeys = append(pinKeys, id)
	}
	slices.Sort(pinKeys)
	var links []edge
	for _, id := range pinKeys {
		i, ok := byID[id]
		if !ok {
			continue
		}
		key := ov.Pins[id]
		u.pin[u.find(i)] = key
		if j, seen := pinned[key]; seen {
			u.force(i, j)
			links = append(links, edge{min(i, j), max(i, j), 3, LinkPin})
		} else {
			pinned[key] = i
		}
	}
	for _, p := range ov.Apart {
		a, okA := byID[p[0]]
		b, okB := byID[p[1]]
		if okA && okB && a != b {
			u.apart[a] = append(u.apart[a], b)
			u.apart[b] = append(u.apart[b], a)
		}
	}
	var g Grouping
	seen := map[[2]int32]bool{}
	for _, e := range edges {
		k := [2]int32{e.a, e.b}
		if seen[k] {
			continue
		}
		seen[k] = true
		switch why := u.union(e.a, e.b); why {
		case "":
			links = append(links, e)
		case "same":
		default:
			g.Refused = append(g.Refused, e.link(items, why))
		}
	}
	g.Clusters, g.Of = u.clusters(items, links)
	return g
}

// edge is a link between article numbers a < b.
type edge struct {
	a, b  int32
	score float32 // copies score 1+containment and pins 3, so they come first
	kind  string
}

func (e edge) link(items []Item, refused string) Link {
	s := float64(e.score)
	switch e.kind {
	case LinkCopy:
		s--
	case LinkPin:
		s = 1
	}
	a, b := items[e.a].ID, items[e.b].ID
	if a > b {
		a, b = b, a
	}
	return Link{A: a, B: b, Kind: e.kind, Score: s, Refused: refused}
}

// similarEdges finds every pair of articles whose similarity reaches t
// and whose dates (when both are known) are within the window.
//
// Each article reads the postings of its rarest keys (see readOrder) and
// sums the weights it shares with every article found there. What it did
// not read can add at most the weight left unread, so a candidate is
// scored in full only when its partial sum plus that could reach t.
func similarEdges(x *index, days []int32, window int, t float64, workers int) []edge {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var mu sync.Mutex
	var out []edge
	var wg sync.WaitGroup
	const chunk = 256
	for range workers {
		wg.Go(func() {
			acc := make([]float32, x.n)
			var touched, order []int32
			var local []edge
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= x.n {
					break
				}
				for a := int32(lo); a < int32(min(lo+chunk, x.n)); a++ {
					if x.norm[a] == 0 {
						continue
					}
					var unread float64
					order, unread = x.readOrder(a, readBudget, order)
					touched = touched[:0]
					for _, e := range order {
						w := x.weight[e]
						for _, b := range x.postings(e) {
							if b == a {
								continue
							}
							if acc[b] == 0 {
								touched = append(touched, b)
							}
							acc[b] += w
						}
					}
					for _, b := range touched {
						part := float64(acc[b])
						acc[b] = 0
						if window >= 0 && days[a] != 0 && days[b] != 0 && abs32(days[a]-days[b]) > int32(window) {
							continue
						}
						need := quoteShare * t * float64(x.norm[a]) * float64(x.norm[b])
						if part+unread < need {
							continue
						}
						// Both ends may find the pair: Stories keeps it once.
						if s, q := x.similarity(a, b); s >= t || q >= quoteKeys && s >= quoteShare*t {
							local = append(local, edge{min(a, b), max(a, b), float32(s), LinkSimilar})
						}
					}
				}
			}
			mu.Lock()
			out = append(out, local...)
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}

func abs32(v int32) int32 {
	if v < 0 {
		return -v
	}
	return v
}

// dayOf numbers a date's day (UTC) from 1970-01-01, plus one so that 0
// means unknown.
func dayOf(t time.Time) int32 {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400) + 1
}

// ItemOf is the grouping item of a loaded article: its ID, its metadata
// date (see story.ParseDate) and the features of its cleaned text.
func ItemOf(a *model.Article) Item {
	d, _ := story.ParseDate(a.Date)
	return Item{ID: a.ID, Date: d, Features: Extract(a.Text)}
}
