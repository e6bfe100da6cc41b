package annotate

import (
	"storydesk/model/ner"
)

// Spans are fitted to the recogniser's tokens when they are made (ner.Snap):
// a possessive, punctuation or quotes at either end are left out, so
// tagging "Colombia's" stores "Colombia" in every export. A target that is
// exactly a stored span is left as it is (relabelling it).

// snap fits [s, e) of the pane's text to whole tokens; unchanged when
// nothing of a name is left in it or it is exactly a span.
func (a *Pane) snap(s, e int) (int, int) {
	if sp, ok := a.SpanAt(s); ok && sp.Start == s && sp.End == e {
		return s, e
	}
	ns, ne, ok := ner.Snap(a.text, s, e)
	if !ok || ne <= ns {
		return s, e
	}
	return ns, ne
}

// snapTarget is t snapped (see snap).
func (f *Feature) snapTarget(t Target) Target {
	t.Start, t.End = f.pane.snap(t.Start, t.End)
	return t
}
