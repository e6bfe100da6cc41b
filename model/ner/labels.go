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
//	LOC  → GPE or LOC, by placeLabel (ORG for an institution named by
//	       its building or seat: the White House, the Kremlin)
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

// placeLabel splits places: GPE for those with a government (countries,
// states, provinces, cities), LOC for the rest (continents, seas, rivers,
// mountains, regions such as the Caribbean or the Middle East). A name in
// the gazetteer takes its class there (ORG for an institution: the White
// House, NORP for a people); otherwise a name of two or more words starting or ending in a
// feature word (Lake, Mount, River, Sea, Valley, Island…) is a LOC.
// Anything else gives "": the model decides.
func placeLabel(words []uint64) string {
	g := theGazetteer()
	c := g.exact(words)
	switch {
	case c&gGPE != 0:
		return LabelGPE
	case c&gLOC != 0:
		return LabelLoc
	case c&gOrg != 0:
		return LabelOrg
	case c&gNORP != 0:
		return LabelNORP // "South Korean" is a people, not a place
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
// the app's label, and says how many leading words are a title to leave
// out of a person's name (the data sometimes has "President X").
func mapCoNLL(label string, words []string) (string, int) {
	switch label {
	case "PER":
		ts := make([]tinfo, len(words))
		for i, w := range words {
			ts[i] = info(w, kindOf(w))
		}
		return LabelPerson, titleLen(ts)
	case "ORG":
		return LabelOrg, 0
	case "LOC":
		hs := make([]uint64, len(words))
		for i, w := range words {
			hs[i] = hashLower(w)
		}
		if c := placeLabel(hs); c != "" {
			return c, 0
		}
		// Most places in running text without a feature word are towns
		// and cities.
		return LabelGPE, 0
	case "MISC":
		if isNORP(words) {
			return LabelNORP, 0
		}
		return LabelMisc, 0
	}
	return label, 0
}

// titleLen returns how many leading tokens of a person's name are titles
// (President, Sen., Prime Minister, Dr.), leaving at least one: names are
// tagged without them, as OntoNotes does.
func titleLen(ts []tinfo) int {
	g := theGazetteer()
	n := 0
	for n < len(ts)-1 {
		k, c := g.longest(ts[n:])
		if k == 0 || c&gTitle == 0 || n+k >= len(ts) {
			break
		}
		n += k
	}
	return n
}
