package corpus

import (
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"go.yaml.in/yaml/v3"
)

// Markdown: optional YAML front matter for metadata, then the body turned
// into plain prose (markup would otherwise be annotated as article text).

// frontField is one "key: value" of front matter, in file order.
type frontField struct{ key, value string }

// splitFrontMatter cuts a leading "---" block off s and reads it as YAML
// (yamlFrontMatter), or by hand when it is not valid YAML
// (handFrontMatter): "key: value" lines with plain, 'single' or "double"
// quoted values, and "- item" lists under a key (joined with ", ").
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
	if fields, ok := yamlFrontMatter(strings.Join(lines, "\n")); ok {
		return fields, body
	}
	return handFrontMatter(lines), body
}

// yamlFrontMatter reads front matter with a YAML parser: a mapping of
// scalars (quoted, escaped, folded or literal), lists of scalars (joined
// with ", ") and nested maps (skipped). ok is false when it is not YAML or
// not a mapping: the hand reader then takes what it can.
func yamlFrontMatter(src string) (fields []frontField, ok bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, false
	}
	if doc.Kind == 0 {
		return nil, true // empty
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, false
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		f := frontField{key: k.Value}
		switch v.Kind {
		case yaml.ScalarNode:
			if v.Tag != "!!null" {
				f.value = strings.TrimSpace(v.Value)
			}
		case yaml.SequenceNode:
			var items []string
			for _, it := range v.Content {
				if it.Kind == yaml.ScalarNode && it.Tag != "!!null" && strings.TrimSpace(it.Value) != "" {
					items = append(items, strings.TrimSpace(it.Value))
				}
			}
			f.value = strings.Join(items, ", ")
		default:
			// nested maps and aliases: not something we show
		}
		fields = append(fields, f)
	}
	return fields, true
}

// handFrontMatter reads the simple YAML front matter uses, line by line,
// for front matter a YAML parser rejects (a stray tab, an unquoted colon).
func handFrontMatter(lines []string) []frontField {
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
	return fields
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

// mdHeadClose is a closing run of #s on an ATX heading ("# Title ##").
var mdHeadClose = regexp.MustCompile(`\s+#+\s*$`)

// mdParser parses CommonMark with strikethrough; built on first use, so
// commands that never read Markdown do not pay for it.
var mdParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Strikethrough)).Parser()
})
