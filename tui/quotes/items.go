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
}

func (it *item) status() string {
	if it.ann != nil {
		return it.ann.Status
	}
	return Suggested
}

func (it *item) speaker() string {
	if it.ann != nil {
		return it.ann.Speaker
	}
	return suggestedSpeaker(it.det)
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
// speaker is the detector's; else the nearest PERSON or ORG span before the
// quotation whose canonical name (or text) is the speaker; else the nearest
// after it. 0 when the speaker is not a tagged entity.
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
	var best int64
	bestD := -1
	for _, sp := range spans {
		if !isSpeakerLabel(sp.Label) {
			continue
		}
		if !strings.EqualFold(speakerName(sp), name) && !strings.EqualFold(strings.Join(strings.Fields(sp.Text), " "), name) {
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
		if bestD < 0 || d < bestD {
			best, bestD = sp.ID, d
		}
	}
	return best
}
