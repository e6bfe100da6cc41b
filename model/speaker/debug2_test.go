package speaker

import (
	"fmt"

	"storydesk/model"
)

func dbgMentions(text string) []string {
	x := &qDoc{rs: []rune(text), src: text, off: model.NewOffsets(text)}
	x.paras = []qSpan{{0, len(x.rs)}}
	x.tokenize()
	x.splitSentences()
	x.scanNames()
	var out []string
	for i, m := range x.ments {
		e := ""
		if m.ent != nil {
			e = fmt.Sprintf("%s person=%v g=%c", m.ent.name, m.ent.person, m.ent.gender)
		}
		out = append(out, fmt.Sprintf("%q sent=%d subj=%v org=%v ent=%s", x.text(m.a, m.b), m.sent, m.subject, x.mentNP[i].org, e))
	}
	for si := range x.sents {
		if x.subjOK[si] {
			np := x.subjNP[si]
			out = append(out, fmt.Sprintf("sent %d subject %q [%d,%d) name [%d,%d) head %q", si, x.text(np.a, np.b), np.a, np.b, np.na, np.nb, np.head))
		}
	}
	return out
}
