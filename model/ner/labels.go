package ner

import (
	"strings"
	"unicode/utf8"
)

// The app's labels (spaCy's OntoNotes names) and how the training data's
// CoNLL labels map onto them:
//
//	PER  → PERSON
//	ORG  → ORG
//	LOC  → GPE or LOC, by placeClass
//	MISC → NORP when it names a nationality, religion or political group
//	       (isNORP), else MISC, which the model learns (so it does not call
//	       "the Super Bowl" an ORG) but never suggests.
const (
	LabelPerson = "PERSON"
	LabelOrg    = "ORG"
	LabelGPE    = "GPE"
	LabelLoc    = "LOC"
	LabelNORP   = "NORP"
	LabelMisc   = "MISC"
)

// placeClass splits places: GPE for those with a government (countries,
// states, provinces, cities), LOC for the rest (continents, seas, rivers,
// mountains, regions such as the Caribbean or the Middle East). A name in
// the gazetteer takes its class there; otherwise a name of two or more
// words starting or ending in a feature word (Lake, Mount, River, Sea,
// Valley, Island…) is a LOC. Anything else gives "": the model decides.
func placeClass(words []uint64) string {
	g := theGazetteer()
	c := g.exact(words)
	switch {
	case c&gGPE != 0:
		return LabelGPE
	case c&gLOC != 0:
		return LabelLoc
	}
	if len(words) >= 2 && (g.exact(words[len(words)-1:])&gLocHead != 0 || g.exact(words[:1])&gLocHead != 0) {
		return LabelLoc
	}
	return ""
}

// isNORP reports whether a name (its words) is a nationality, religious or
// political group: a gazetteer NORP (American, Muslim, Democrats) or one
// capitalised word with a demonym's ending (-ian, -ese, -ish, -an).
func isNORP(words []string) bool {
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	hs := make([]uint64, len(words))
	for i, w := range words {
		hs[i] = hashLower(w)
	}
	if theGazetteer().exact(hs)&gNORP != 0 {
		return true
	}
	if len(words) != 1 {
		return false
	}
	w := words[0]
	if utf8.RuneCountInString(w) < 5 || !isUpper(firstRune(w)) || strings.ContainsAny(w, "-.0123456789") {
		return false
	}
	lw := strings.ToLower(strings.TrimSuffix(w, "s"))
	if strings.HasSuffix(lw, "man") {
		return false // Batman, Superman
	}
	for _, suf := range [...]string{"ian", "ese", "ish", "an"} {
		if strings.HasSuffix(lw, suf) {
			return true
		}
	}
	return false
}

// mapCoNLL maps a CoNLL label (PER, ORG, LOC, MISC) of the name words to
// the app's label.
func mapCoNLL(label string, words []string) string {
	switch label {
	case "PER":
		return LabelPerson
	case "ORG":
		return LabelOrg
	case "LOC":
		hs := make([]uint64, len(words))
		for i, w := range words {
			hs[i] = hashLower(w)
		}
		if c := placeClass(hs); c != "" {
			return c
		}
		// Most places in running text without a feature word are towns
		// and cities.
		return LabelGPE
	case "MISC":
		if isNORP(words) {
			return LabelNORP
		}
		return LabelMisc
	}
	return label
}
