package ner_test

import (
	"os"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/ner"
)

// readFixtures parses testdata/news.txt, the fixtures used while building
// the model.
func readFixtures(t testing.TB) []ner.Doc { return readMarked(t, "testdata/news.txt") }

// readMarked parses a fixture file: documents start with "## name", names
// are marked [[LABEL text]]; lines starting with "#" are comments.
func readMarked(t testing.TB, path string) []ner.Doc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var docs []ner.Doc
	for _, part := range strings.Split(string(b), "\n## ")[1:] {
		name, body, _ := strings.Cut(part, "\n")
		docs = append(docs, parseMarked(t, strings.TrimSpace(body), name))
	}
	return docs
}

// parseMarked strips [[LABEL text]] marks from s and returns the text with
// the marks as spans.
func parseMarked(t testing.TB, s, source string) ner.Doc {
	doc := ner.Doc{Complete: true, Source: source}
	var b strings.Builder
	for {
		i := strings.Index(s, "[[")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i:], "]]")
		if j < 0 {
			t.Fatalf("%s: unclosed mark in %q", source, s[i:])
		}
		label, text, ok := strings.Cut(s[i+2:i+j], " ")
		if !ok {
			t.Fatalf("%s: mark without label: %q", source, s[i:i+j])
		}
		start := model.RuneLen(b.String())
		b.WriteString(text)
		doc.Spans = append(doc.Spans, model.Span{Start: start, End: start + model.RuneLen(text), Label: label, Text: text})
		s = s[i+j+2:]
	}
	doc.Text = b.String()
	return doc
}
