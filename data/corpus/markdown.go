package corpus

import (
	"regexp"
	"strings"
)

// Markdown: optional YAML front matter for metadata, then the body turned
// into plain prose (markup would otherwise be annotated as article text).

// frontField is one "key: value" of front matter, in file order.
type frontField struct{ key, value string }

// splitFrontMatter cuts a leading "---" block off s. It reads the simple
// YAML that front matter uses: "key: value" lines with plain, 'single' or
// "double" quoted values, and "- item" lists under a key (joined with ", ").
// Nested maps are skipped. Without a closing "---" (or "...") line there is
// no front matter and s is all body.
func splitFrontMatter(s string) ([]frontField, string) {
	first, rest, ok := strings.Cut(s, "\n")
	if !ok || strings.TrimRight(first, " \t") != "---" {
		return nil, s
	}
	var lines []string
	body := ""
	closed := false
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			body, closed = rest, true
			break
		}
		lines = append(lines, line)
	}
	if !closed {
		return nil, s
	}
	var fields []frontField
	listOf := -1 // the field a "- item" line adds to: one declared with no value
	for _, line := range lines {
		t := strings.TrimSpace(line)
		if t == "" || t[0] == '#' {
			continue
		}
		if strings.HasPrefix(t, "- ") || t == "-" {
			if listOf >= 0 {
				if item := yamlScalar(strings.TrimSpace(t[1:])); item != "" {
					if fields[listOf].value != "" {
						fields[listOf].value += ", "
					}
					fields[listOf].value += item
				}
			}
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			listOf = -1
			continue // nested map: not something we show
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		listOf = -1
		if v == "" {
			listOf = len(fields)
		}
		fields = append(fields, frontField{yamlScalar(strings.TrimSpace(k)), yamlScalar(v)})
	}
	return fields, body
}

// yamlScalar reads one YAML value: quoted (with escapes for "..."), or plain
// with a trailing " # comment" dropped; an inline [a, b] list becomes "a, b".
func yamlScalar(v string) string {
	switch {
	case len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"':
		return unescapeYAMLDouble(v[1 : len(v)-1])
	case len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'':
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	case len(v) >= 2 && v[0] == '[' && v[len(v)-1] == ']':
		parts := strings.Split(v[1:len(v)-1], ",")
		for i, p := range parts {
			parts[i] = yamlScalar(strings.TrimSpace(p))
		}
		return strings.Join(parts, ", ")
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return v
}

func unescapeYAMLDouble(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		default:
			b.WriteByte(s[i]) // \" \\ and anything else: the character itself
		}
	}
	return b.String()
}

// fileMeta is what a file says about its article, before cleaning.
type fileMeta struct {
	title, source, date, url, byline, summary string
	meta                                      map[string]string
}

// frontMeta maps front matter keys onto article fields; the rest go to Meta.
func frontMeta(fields []frontField) fileMeta {
	var m fileMeta
	for _, f := range fields {
		var dst *string
		switch strings.ToLower(f.key) {
		case "title", "headline":
			dst = &m.title
		case "source", "outlet", "publisher", "site", "site_name", "sitename":
			dst = &m.source
		case "date", "published", "published_at", "publish_date", "pubdate":
			dst = &m.date
		case "url", "link", "canonical_url":
			dst = &m.url
		case "author", "authors", "byline":
			dst = &m.byline
		case "summary", "description", "standfirst", "subtitle":
			dst = &m.summary
		}
		if dst != nil && *dst == "" {
			*dst = f.value
			continue
		}
		if f.value == "" {
			continue
		}
		if m.meta == nil {
			m.meta = make(map[string]string)
		}
		m.meta[f.key] = f.value
	}
	return m
}

var (
	mdFence     = regexp.MustCompile("^\\s{0,3}(```|~~~)")
	mdHeading   = regexp.MustCompile(`^\s{0,3}#{1,6}(\s+|$)`)
	mdHeadClose = regexp.MustCompile(`\s+#+\s*$`)
	mdRule      = regexp.MustCompile(`^\s{0,3}([-=*_]\s*){3,}$`)
	mdQuote     = regexp.MustCompile(`^\s{0,3}(>\s?)+`)
	mdLinkDef   = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s+\S+`)
	mdComment   = regexp.MustCompile(`(?s)<!--.*?-->`)
	mdImage     = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink      = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdRefLink   = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdAutoLink  = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
	mdStrong    = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEmStar    = regexp.MustCompile(`(^|[^\w*\\])\*(\S(?:[^*\n]*?\S)?)\*([^\w*]|$)`)
	mdEmUnder   = regexp.MustCompile(`(^|[^\w\\])_(\S(?:[^_\n]*?\S)?)_([^\w]|$)`)
	mdCode      = regexp.MustCompile("`+([^`\n]+?)`+")
	mdTag       = regexp.MustCompile(`(?i)</?(?:br|p|div|span|em|strong|b|i|u|a|img|sup|sub|small|figure|figcaption|center)\b[^>]*>`)
	mdEscape    = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!>~|])`)
)

// markdownText turns a Markdown body into plain prose, keeping its line
// structure (so paragraphs stay paragraphs): heading marks, emphasis, link
// and image syntax, block quote marks, rules, fences and HTML comments go;
// link text and code stay.
func markdownText(s string) string {
	s = mdComment.ReplaceAllString(s, "")
	lines := strings.Split(s, "\n")
	out := lines[:0]
	inFence := false
	for _, line := range lines {
		if mdFence.MatchString(line) {
			inFence = !inFence
			continue
		}
		if inFence {
			out = append(out, line)
			continue
		}
		switch {
		case mdRule.MatchString(line):
			line = "" // rule or setext underline
		case mdLinkDef.MatchString(line):
			continue
		case mdHeading.MatchString(line):
			line = mdHeadClose.ReplaceAllString(mdHeading.ReplaceAllString(line, ""), "")
		}
		line = mdQuote.ReplaceAllString(line, "")
		if strings.ContainsAny(line, "*_[]`<\\!") {
			line = markdownInline(line)
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func markdownInline(line string) string {
	line = mdImage.ReplaceAllString(line, "")
	line = mdLink.ReplaceAllString(line, "$1")
	line = mdRefLink.ReplaceAllString(line, "$1")
	line = mdAutoLink.ReplaceAllString(line, "$1")
	line = mdCode.ReplaceAllString(line, "$1")
	line = mdStrong.ReplaceAllString(line, "$2")
	line = mdEmStar.ReplaceAllString(line, "$1$2$3")
	line = mdEmUnder.ReplaceAllString(line, "$1$2$3")
	line = mdTag.ReplaceAllString(line, "")
	return mdEscape.ReplaceAllString(line, "$1")
}
