package speaker

import (
	"strings"
	"testing"

	"storydesk/model"
)

// quoted marks the quotations of text by their curly marks, one paragraph
// per line, for calling Attribute without package quote (which imports this
// one).
func quoted(text string) ([]Span, []Quotation) {
	rs := []rune(text)
	var paras []Span
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == '\n' {
			if i > start {
				paras = append(paras, Span{start, i})
			}
			start = i + 1
		}
	}
	var qs []Quotation
	for i := 0; i < len(rs); i++ {
		if rs[i] != '“' {
			continue
		}
		j := i + 1
		for j < len(rs) && rs[j] != '”' {
			j++
		}
		e := j
		for e > i+1 && rs[e-1] == ',' {
			e--
		}
		p := 0
		for p < len(paras) && paras[p].End <= i {
			p++
		}
		qs = append(qs, Quotation{Open: i, Close: j, Start: i + 1, End: e, Stop: j + 1, FirstPara: p, LastPara: p})
		i = j
	}
	return paras, qs
}

func TestAttribute(t *testing.T) {
	for _, c := range []struct {
		text                          string
		speaker, mention, cue, entity string
		kind                          model.QuoteKind
	}{
		{"Sarah Mitchell and Daniel Ortiz were on the platform. “Everyone just froze,” he said.",
			"Daniel Ortiz", "he", "said", "Daniel Ortiz", model.QuoteDirect},
		{"Brightwater Energy cut 400 jobs. It said the decision was “regrettable but necessary.”",
			"Brightwater Energy", "It", "said", "Brightwater Energy", model.QuotePartial},
		{"“We do not comment on ongoing investigations,” a spokesman for the State Department said.",
			"a spokesman for the State Department", "a spokesman for the State Department", "said", "", model.QuoteDirect},
		{"Treasury Secretary Lionel Ashworth said the measures were “temporary and targeted.”",
			"Lionel Ashworth", "Treasury Secretary Lionel Ashworth", "said", "Lionel Ashworth", model.QuotePartial},
		{"UN rights chief Nadia Karimova called the strikes “collective punishment.”",
			"Nadia Karimova", "UN rights chief Nadia Karimova", "called", "Nadia Karimova", model.QuotePartial},
		{"The so-called “peace dividend” never arrived, critics say.",
			"", "", "", "", model.QuoteScare},
		{"Ulrike Brandt, 81, on the new bus route: “It has changed my life.”",
			"Ulrike Brandt", "Ulrike Brandt", ":", "Ulrike Brandt", model.QuoteDirect},
	} {
		paras, qs := quoted(c.text)
		got := Attribute(c.text, paras, qs)
		if len(got) != 1 {
			t.Fatalf("%q: %d attributions", c.text, len(got))
		}
		a := got[0]
		slice := func(s, e int) string {
			if s < 0 {
				return ""
			}
			return model.RuneSlice(c.text, s, e)
		}
		if a.Speaker != c.speaker || slice(a.SpeakerStart, a.SpeakerEnd) != c.mention || a.Cue != c.cue ||
			slice(a.CueStart, a.CueEnd) != c.cue || slice(a.EntityStart, a.EntityEnd) != c.entity || a.Kind != c.kind {
			t.Errorf("%q:\n got %q mention %q cue %q/%q entity %q %s\nwant %q mention %q cue %q entity %q %s", c.text,
				a.Speaker, slice(a.SpeakerStart, a.SpeakerEnd), a.Cue, slice(a.CueStart, a.CueEnd), slice(a.EntityStart, a.EntityEnd), a.Kind,
				c.speaker, c.mention, c.cue, c.entity, c.kind)
		}
	}
}

// TestAttributeContinuation: a paragraph that opens with a quotation and
// has no cue carries the previous speaker; its mention is the earlier one
// and it has no cue.
func TestAttributeContinuation(t *testing.T) {
	text := strings.Join([]string{
		"“I heard it before I saw it,” said Elsbeth Marr.",
		"“By the time I got my husband up the stairs, the water was at the third step.”",
	}, "\n")
	paras, qs := quoted(text)
	got := Attribute(text, paras, qs)
	if len(got) != 2 || got[1].Speaker != "Elsbeth Marr" || got[1].Cue != "" || got[1].CueStart != -1 ||
		got[1].SpeakerStart != got[0].SpeakerStart {
		t.Fatalf("%+v", got)
	}
}
