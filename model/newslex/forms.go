package newslex

import "strings"

// GenderFits: a gender fits another when either is unknown or both agree.
func GenderFits(a, b byte) bool { return a == 0 || b == 0 || a == b }

// notAdverbs end in -ly but are not adverbs.
var notAdverbs = set("family", "ally", "rally", "assembly", "supply", "reply", "italy", "july",
	"belly", "bully", "jelly", "lily", "emily", "holly", "monopoly", "anomaly", "homily", "folly",
	"daily", "weekly", "monthly", "quarterly", "yearly", "early", "friendly", "elderly", "lonely",
	"lovely", "likely", "unlikely", "ugly", "silly", "holy", "butterfly", "apply", "comply",
	"rely", "imply", "multiply", "sally", "molly", "kelly", "billy", "wally", "polly", "dolly",
	"beverly", "shelly", "kimberly", "ashley", "stanley", "bradley", "manly", "costly", "deadly",
	"orderly", "scholarly", "timely", "worldly", "oily", "hilly", "chilly", "curly", "burly")

// Adverb: a word read as an adverb by its -ly ending ("later", "quickly").
func Adverb(lw string) bool {
	return len(lw) > 4 && strings.HasSuffix(lw, "ly") && !notAdverbs[lw]
}

// Agent: a noun for someone who does something, by its ending
// ("supporter", "regulators", "campaigner", "physicists").
func Agent(lw string) bool {
	if len(lw) < 6 {
		return false
	}
	for _, suf := range []string{"er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants"} {
		if strings.HasSuffix(lw, suf) {
			return true
		}
	}
	return false
}

// Singular strips a plural ending: "agencies" → "agency", "firms" → "firm".
func Singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// Aged: "31-year-old", a description of a person by their age.
func Aged(lw string) bool { return strings.HasSuffix(lw, "-year-old") }

// Demonym: a word for someone from somewhere ("Kenyan", "Portuguese",
// "Briton"), by its ending.
func Demonym(lw string) bool {
	for _, suf := range []string{"an", "ian", "ese", "ish", "i", "on"} {
		if len(lw) > 4 && strings.HasSuffix(lw, suf) {
			return true
		}
	}
	return false
}

// Roleish: a noun for what someone does ("economist", "astrophysicist",
// "historian", "businessman").
func Roleish(lw string) bool {
	return RoleNouns[lw] && !GroupNouns[lw] || len(lw) > 5 && (strings.HasSuffix(lw, "ist") || strings.HasSuffix(lw, "ian") ||
		strings.HasSuffix(lw, "man") || strings.HasSuffix(lw, "woman"))
}

func Weekday(lw string) bool {
	switch lw {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

func Participle(lw string) bool { return strings.HasSuffix(lw, "ing") }
