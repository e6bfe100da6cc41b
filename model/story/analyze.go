package story

import (
	"cmp"
	"slices"
	"time"

	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/model/ner"
	"storydesk/model/textdiff"
)

// Story is one story's analysis: everything a story screen or report
// shows. Articles are in timeline order, and every other part names
// articles by ID and places text by code points into that article's
// cleaned text.
type Story struct {
	ID            string
	Articles      []Article
	Quotes        []QuoteRow    // most carried first
	Discrepancies []Discrepancy // figures, then names, then titles
	Unique        []Passage     // what only one article has
	Dropped       []Passage     // what a cut copy left out of its original
	Entities      []Entity      // most widely mentioned first
}

// Relation says how an article stands to the others of its story.
type Relation string

const (
	// RelOriginal is the text others copied or cut (the most complete
	// version of a copy cluster), or an article with no copy at all.
	RelOriginal Relation = "original"
	// RelCut is a copy of Of cut short: most of it is in Of, and Of is
	// notably longer.
	RelCut Relation = "cut"
	// RelCopy is the same text as Of, perhaps edited (Edits says how
	// much).
	RelCopy Relation = "copy"
	// RelRewrite is an outlet's own write-up of the story; Of is the
	// article whose text it shares most, when it shares any.
	RelRewrite Relation = "rewrite"
)

// Date sources, for Article.DateFrom.
const (
	DateMetadata = "metadata" // the file's own date: not a guess
	DateDateline = "dateline" // a date in the dateline
	DateText     = "text"     // the latest full date written in the text or an embedded post
	DateWeekday  = "weekday"  // the weekday the lead names, placed next to another article's date
)

// Article is one row of the timeline.
type Article struct {
	ID, Path, Title string
	Outlet          string // the file's source, else the copyright holder of its footer, else the organisation in its byline; "" when none
	Byline          string
	Date            time.Time // zero when unknown
	HasTime         bool      // Date has a time of day
	DateFrom        string    // one of the Date* sources; "" when unknown
	DateNote        string    // how a guessed date was found, for the reader ("weekday Tuesday, next to X")
	Words           int
	Length          int // code points of the cleaned text

	Relation    Relation
	Of          string  // the article it is a cut, copy or rewrite of; "" for originals
	Containment float64 // the share of its text found in Of (word shingles, as duplicate detection counts)
	Edits       int     // for copies: runs of words changed against Of
}

// Guessed reports whether the date is a guess rather than metadata.
func (a Article) Guessed() bool { return a.DateFrom != "" && a.DateFrom != DateMetadata }

// AnalyzeOptions tunes Analyze. The zero value works.
type AnalyzeOptions struct {
	// NER finds the story's entities; nil falls back to capitalised
	// names, without labels.
	NER *ner.Model
}

// Analyze analyses one story from its articles' full texts (the cleaned
// text, with metadata and the removed parts the loader keeps). Articles
// without a body are analysed as empty texts; an ID given twice counts
// once.
func Analyze(id string, arts []*model.Article, opts AnalyzeOptions) *Story {
	docs := prepare(arts)
	s := &Story{ID: id}
	pairs := containments(docs)
	rels := relations(docs, pairs)
	dates := resolveDates(docs)
	order := timeline(docs, rels, dates)
	reorder(docs, order)
	for _, d := range docs {
		r, dt := rels[d.a.ID], dates[d.a.ID]
		s.Articles = append(s.Articles, Article{
			ID: d.a.ID, Path: d.a.Path, Title: d.a.Title, Outlet: outletOf(d.a), Byline: d.a.Byline,
			Date: dt.t, HasTime: dt.hasTime, DateFrom: dt.from, DateNote: dt.note,
			Words: d.a.Words, Length: d.off.Len(),
			Relation: r.rel, Of: r.of, Containment: r.containment, Edits: r.edits,
		})
	}
	s.Quotes = quoteMatrix(docs)
	s.Discrepancies = discrepancies(docs)
	s.Unique, s.Dropped = passages(docs, s.Articles, s.Quotes)
	s.Entities = entities(docs, opts.NER)
	return s
}

// doc is one article being analysed.
type doc struct {
	a     *model.Article
	off   *model.Offsets
	sents []sentence
	sig   dup.Signature
}

// slice returns code points [s, e) of the article's text ("" for an empty
// or reversed range).
func (d *doc) slice(s, e int) string {
	bs, be := d.off.ByteAt(s), d.off.ByteAt(e)
	if be <= bs {
		return ""
	}
	return d.a.Text[bs:be]
}

func prepare(arts []*model.Article) []*doc {
	seen := map[string]bool{}
	var docs []*doc
	for _, a := range arts {
		if a == nil || seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		docs = append(docs, &doc{a: a, off: model.NewOffsets(a.Text), sents: splitSentences(a.Text), sig: dup.Sign(a.Text)})
	}
	// Analysis goes by ID until the timeline is known, so that the input
	// order never changes the result.
	slices.SortFunc(docs, func(x, y *doc) int { return cmp.Compare(x.a.ID, y.a.ID) })
	return docs
}

// reorder sorts docs by the timeline order.
func reorder(docs []*doc, order map[string]int) {
	slices.SortFunc(docs, func(x, y *doc) int { return cmp.Compare(order[x.a.ID], order[y.a.ID]) })
}

// containment[i][j] is the share of doc i's shingles found in doc j.
func containments(docs []*doc) [][]float64 {
	c := make([][]float64, len(docs))
	for i := range docs {
		c[i] = make([]float64, len(docs))
	}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			a, b := docs[i].sig.Shingles, docs[j].sig.Shingles
			n := float64(sharedCount(a, b))
			if len(a) > 0 {
				c[i][j] = n / float64(len(a))
			}
			if len(b) > 0 {
				c[j][i] = n / float64(len(b))
			}
		}
	}
	return c
}

// sharedCount counts the values two sorted slices share.
func sharedCount(a, b []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// relation is an article's place among the others.
type relation struct {
	rel         Relation
	of          string
	containment float64
	edits       int
}

// Relation thresholds: copies are paired as duplicate detection pairs
// them; a copy is a cut when nearly all of it is in the original and the
// original is a good deal longer.
const (
	cutInside  = 0.8  // share of the cut found in its original
	cutShorter = 0.8  // the cut's words over the original's, at most
	rewriteMin = 0.02 // least shared text for a rewrite to name what it borrows from
)

// relations finds the copy clusters among docs (containment at or above
// duplicate detection's default threshold, either way), each cluster's
// original (the member the others are most contained in, then the
// earliest, the longest, the smallest ID), and what every other member is
// of it. Articles in no cluster are rewrites of the text they share most.
func relations(docs []*doc, c [][]float64) map[string]relation {
	n := len(docs)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if max(c[i][j], c[j][i]) >= dup.DefaultThreshold {
				parent[find(j)] = find(i)
			}
		}
	}
	members := map[int][]int{}
	for i := range n {
		members[find(i)] = append(members[find(i)], i)
	}
	out := map[string]relation{}
	origin := make([]int, n) // the original of each doc's cluster
	for _, ms := range members {
		best := ms[0]
		score := func(o int) float64 {
			s := 0.0
			for _, m := range ms {
				if m != o {
					s += c[m][o]
				}
			}
			return s
		}
		for _, m := range ms[1:] {
			if better(docs, m, best, score(m), score(best)) {
				best = m
			}
		}
		for _, m := range ms {
			origin[m] = best
		}
	}
	for i, d := range docs {
		o := origin[i]
		switch {
		case o == i && len(members[find(i)]) > 1:
			out[d.a.ID] = relation{rel: RelOriginal}
		case o == i:
			// No copy: a rewrite of what it shares most, if it shares any.
			best, bc := -1, rewriteMin
			for j := range docs {
				if j != i && c[i][j] >= bc && (best < 0 || c[i][j] > c[i][best]) {
					best, bc = j, c[i][j]
				}
			}
			if best >= 0 {
				// Name the original of what it borrows from, the text the
				// reader should compare it with.
				t := origin[best]
				out[d.a.ID] = relation{rel: RelRewrite, of: docs[t].a.ID, containment: c[i][t]}
			} else if countOthers(members, i, find) {
				out[d.a.ID] = relation{rel: RelRewrite}
			} else {
				out[d.a.ID] = relation{rel: RelOriginal}
			}
		case c[i][o] >= cutInside && d.a.Words > 0 && float64(d.a.Words) <= cutShorter*float64(docs[o].a.Words):
			out[d.a.ID] = relation{rel: RelCut, of: docs[o].a.ID, containment: c[i][o]}
		default:
			out[d.a.ID] = relation{rel: RelCopy, of: docs[o].a.ID, containment: c[i][o], edits: editRuns(docs[o].a.Text, d.a.Text)}
		}
	}
	return out
}

// countOthers reports whether the story has articles outside doc i's
// cluster: a lone article with nothing else is the original, not a
// rewrite of nothing.
func countOthers(members map[int][]int, i int, find func(int) int) bool {
	return len(members) > 1 || len(members[find(i)]) > 1
}

// better reports whether doc a makes a better original than doc b.
func better(docs []*doc, a, b int, sa, sb float64) bool {
	if sa != sb {
		return sa > sb
	}
	da, _, _ := parseDate(docs[a].a.Date)
	db, _, _ := parseDate(docs[b].a.Date)
	if !da.Equal(db) {
		switch {
		case da.IsZero():
			return false
		case db.IsZero():
			return true
		}
		return da.Before(db)
	}
	if docs[a].a.Words != docs[b].a.Words {
		return docs[a].a.Words > docs[b].a.Words
	}
	return docs[a].a.ID < docs[b].a.ID
}

// editRuns counts the runs of changed words between an original and its
// copy.
func editRuns(a, b string) int {
	n := 0
	prevEqual := true
	for _, op := range textdiff.Words(a, b) {
		if op.Kind == textdiff.Equal {
			prevEqual = true
			continue
		}
		if prevEqual {
			n++
		}
		prevEqual = false
	}
	return n
}

// timeline orders the articles: dated ones by date (guessed dates
// included), then undated; at one time, originals before copies, cuts
// and rewrites; then by ID.
func timeline(docs []*doc, rels map[string]relation, dates map[string]dated) map[string]int {
	rank := map[Relation]int{RelOriginal: 0, RelCopy: 1, RelCut: 2, RelRewrite: 3}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.a.ID
	}
	slices.SortFunc(ids, func(a, b string) int {
		da, db := dates[a], dates[b]
		if da.t.IsZero() != db.t.IsZero() {
			if da.t.IsZero() {
				return 1
			}
			return -1
		}
		// A date without a time of day (most guesses) is the whole day:
		// within it, only times known on both sides order articles.
		if c := da.t.Truncate(24 * time.Hour).Compare(db.t.Truncate(24 * time.Hour)); c != 0 {
			return c
		}
		if da.hasTime && db.hasTime {
			if c := da.t.Compare(db.t); c != 0 {
				return c
			}
		}
		if c := cmp.Compare(rank[rels[a].rel], rank[rels[b].rel]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	order := map[string]int{}
	for i, id := range ids {
		order[id] = i
	}
	return order
}
