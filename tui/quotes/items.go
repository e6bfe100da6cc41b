package quotes

import (
	"sort"
	"strings"

	"storydesk/model"
	"storydesk/model/quote"
)

// item is one quotation of the article: stored, suggested or both (a
// stored quotation at a detection's place keeps the detection's details —
// cue, role — and wins over it).
type item struct {
	start, end int
	text       string
	det        *quote.Quote
	ann        *model.QuoteAnn
	// entity is the name of the tagged entity the speaker is (its
	// canonical name, else its text); "" when it is none.
	entity string
}

func (it *item) status() string {
	if it.ann != nil {
		return it.ann.Status
	}
	return Suggested
}

// speaker is who said it, by the entity's name when the speaker is a
// tagged entity ("Petro" is shown as Gustavo Petro).
func (it *item) speaker() string {
	if it.entity != "" {
		return it.entity
	}
	if it.ann != nil {
		return it.ann.Speaker
	}
	return suggestedSpeaker(it.det)
}

// linkEntities names each item's speaker by its entity: a stored
// quotation's linked span, a suggestion's span as accepting it would link.
func linkEntities(items []item, spans []model.Span) {
	if len(items) == 0 {
		return // no map of every span (it runs after every message)
	}
	byID := make(map[int64]model.Span, len(spans))
	for _, sp := range spans {
		byID[sp.ID] = sp
	}
	for i := range items {
		it := &items[i]
		var id int64
		switch {
		case it.ann != nil:
			id = it.ann.SpeakerSpan
		default:
			id = linkSpeaker(spans, suggestedSpeaker(it.det), it.det, it.start, it.end)
		}
		if sp, ok := byID[id]; ok && id != 0 {
			it.entity = speakerName(sp)
		}
	}
}

func (it *item) kind() model.QuoteKind {
	if it.ann != nil && it.ann.Kind != "" {
		return it.ann.Kind
	}
	return suggestedKind(it.det)
}

func (it *item) quotation() Quotation {
	return Quotation{Start: it.start, End: it.end, Text: it.text, Speaker: it.speaker(), Kind: it.kind(), Status: it.status()}
}

// suggestedSpeaker is the detector's speaker, or the description it found
// when the cue names no one ("a police spokesman").
func suggestedSpeaker(d *quote.Quote) string {
	if d == nil {
		return ""
	}
	if d.Speaker != "" {
		return d.Speaker
	}
	return d.Role
}

func suggestedKind(d *quote.Quote) model.QuoteKind {
	if d == nil || d.Kind == "" {
		return model.QuoteDirect
	}
	return d.Kind
}

// kinds is the order t cycles through.
var kinds = []model.QuoteKind{model.QuoteDirect, model.QuotePartial, model.QuoteParaphrase, model.QuoteScare}

func nextKind(k model.QuoteKind) model.QuoteKind {
	for i, x := range kinds {
		if x == k {
			return kinds[(i+1)%len(kinds)]
		}
	}
	return kinds[0]
}

// mergeQuotes lists stored quotations and, when suggest is set, the
// detections that overlap none of them, by position.
func mergeQuotes(stored []model.QuoteAnn, det []quote.Quote, suggest bool) []item {
	items := make([]item, 0, len(stored)+len(det))
	for i := range stored {
		q := &stored[i]
		it := item{start: q.Start, end: q.End, text: q.Text, ann: q}
		best := 0
		for k := range det {
			d := &det[k]
			if ov := min(d.End, q.End) - max(d.Start, q.Start); ov > best {
				best, it.det = ov, d
			}
		}
		items = append(items, it)
	}
	if suggest {
		for k := range det {
			d := &det[k]
			clash := false
			for i := range stored {
				if d.Start < stored[i].End && stored[i].Start < d.End {
					clash = true
					break
				}
			}
			if !clash && d.End > d.Start {
				items = append(items, item{start: d.Start, end: d.End, text: d.Text, det: d})
			}
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].start != items[j].start {
			return items[i].start < items[j].start
		}
		return items[i].end < items[j].end
	})
	return items
}

// handKind guesses a hand-tagged quotation's kind: in quotation marks it is
// direct when it opens its sentence (or follows a colon or comma) and
// partial otherwise; without marks it is a paraphrase.
func handKind(rs []rune, s, e int) model.QuoteKind {
	i := s - 1
	for i >= 0 && (rs[i] == ' ' || rs[i] == '\n') {
		i--
	}
	if i < 0 || !isQuoteMark(rs[i]) {
		return model.QuoteParaphrase
	}
	i--
	for i >= 0 && (rs[i] == ' ' || rs[i] == '\n') {
		i--
	}
	if i < 0 || rs[i] == '\n' || strings.ContainsRune(".!?:,—–", rs[i]) || isQuoteMark(rs[i]) {
		return model.QuoteDirect
	}
	return model.QuotePartial
}

func isQuoteMark(r rune) bool {
	return strings.ContainsRune("\"“”„‟«»‹›‘’'‚「」『』", r)
}

// isSpeakerLabel reports a label whose spans can speak.
func isSpeakerLabel(l string) bool { return l == "PERSON" || l == "ORG" || l == "PER" }

// speakerName is an entity span's name: its canonical name, else its text.
func speakerName(sp model.Span) string {
	n := sp.Canonical
	if n == "" {
		n = sp.Text
	}
	return strings.Join(strings.Fields(n), " ")
}

// linkSpeaker finds the entity span that names speaker for a quotation at
// [qs, qe): the tagged mention the detector attributed it to, when the
// speaker is the detector's; else a PERSON or ORG span whose name (its
// canonical name, else its text) or text is the speaker's; else one whose
// name the speaker names in part (a surname, the name with a title or
// without its first name: "Petro", "President Petro" for Gustavo Petro).
// Among equals, the nearest before the quotation, else the nearest after
// it. 0 when the speaker is not a tagged entity.
func linkSpeaker(spans []model.Span, speaker string, det *quote.Quote, qs, qe int) int64 {
	name := strings.Join(strings.Fields(speaker), " ")
	if name == "" {
		return 0
	}
	if det != nil && det.SpeakerStart >= 0 && det.SpeakerEnd > det.SpeakerStart && strings.EqualFold(suggestedSpeaker(det), name) {
		for _, sp := range spans {
			if isSpeakerLabel(sp.Label) && sp.Overlaps(det.SpeakerStart, det.SpeakerEnd) {
				return sp.ID
			}
		}
	}
	words := nameWords(name)
	var best int64
	bestLevel, bestD := 0, -1
	for _, sp := range spans {
		if !isSpeakerLabel(sp.Label) {
			continue
		}
		level := 0
		switch {
		case strings.EqualFold(speakerName(sp), name) || strings.EqualFold(strings.Join(strings.Fields(sp.Text), " "), name):
			level = 2
		case namesPart(words, nameWords(speakerName(sp)), sp.Label) || namesPart(words, nameWords(sp.Text), sp.Label):
			level = 1
		default:
			continue
		}
		var d int
		switch {
		case sp.End <= qs:
			d = qs - sp.End
		case sp.Start >= qe:
			d = 1<<30 + sp.Start - qe
		default: // a name inside the quotation is not who said it
			d = 1 << 40
		}
		if level > bestLevel || level == bestLevel && d < bestD {
			best, bestLevel, bestD = sp.ID, level, d
		}
	}
	return best
}

// nameWords are a name's words, case folded, without the punctuation
// around them ("Sen." → "sen").
func nameWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if w = strings.Trim(w, ".,;:'’\"“”()"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// namesPart reports a speaker that names an entity in part: the
// speaker's words are a run of the entity's ("Petro", "Seafarers'
// Union"), or the entity's a run of the speaker's ("President Gustavo
// Petro"); for a person, the same surname too, unless both give
// different first names ("President Petro" is Gustavo Petro, "Maria
// Petro" is not).
func namesPart(speaker, entity []string, label string) bool {
	if len(speaker) == 0 || len(entity) == 0 {
		return false
	}
	if hasRun(entity, speaker) {
		return true
	}
	if i := runAt(speaker, entity); i >= 0 {
		// Only titles around it: "a coast guard spokesman" is not the
		// Coast Guard.
		for k, w := range speaker {
			if (k < i || k >= i+len(entity)) && !titles[w] {
				return false
			}
		}
		return true
	}
	if label == "ORG" || speaker[len(speaker)-1] != entity[len(entity)-1] {
		return false
	}
	for _, w := range speaker[:len(speaker)-1] {
		if len(entity) > 1 && !titles[w] && !containsWord(entity, w) {
			return false // another given name
		}
	}
	return true
}

// titles may come before a surname without being a given name.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "sir": true, "dame": true,
	"president": true, "minister": true, "prime": true, "sen": true, "senator": true, "rep": true,
	"gov": true, "governor": true, "mayor": true, "judge": true, "gen": true, "general": true,
	"commander": true, "chairman": true, "chairwoman": true, "chief": true, "secretary": true,
	"the": true, "vice": true, "deputy": true, "lord": true, "lady": true, "king": true, "queen": true,
}

// hasRun reports whether run occurs in words as consecutive words.
func hasRun(words, run []string) bool { return runAt(words, run) >= 0 }

// runAt is where run first occurs in words as consecutive words, or -1.
func runAt(words, run []string) int {
	for i := 0; i+len(run) <= len(words); i++ {
		ok := true
		for k := range run {
			if words[i+k] != run[k] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

func containsWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}
