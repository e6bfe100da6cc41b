package clean

// Lines that recur across one outlet's articles, to remove as boilerplate.

// RepeatKey is the form in which Cleaner.Repeated holds a line: lower-case,
// whitespace collapsed.
func RepeatKey(line string) string { return lower(normSpace(line)) }

// RepeatedLines returns the RepeatKey of every paragraph that occurs in at
// least min of the given raw texts (counted once per text). Feed it articles
// of one outlet to build Cleaner.Repeated.
func RepeatedLines(raws []string, min int) map[string]bool {
	counts := map[string]int{}
	for _, raw := range raws {
		seen := map[string]bool{}
		lines := splitLines(raw)
		for _, g := range paragraphs(raw, lines) {
			key := RepeatKey(raw[g[0].bs:g[len(g)-1].be])
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			counts[key]++
		}
	}
	out := map[string]bool{}
	for k, n := range counts {
		if n >= min {
			out[k] = true
		}
	}
	return out
}
