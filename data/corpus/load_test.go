package corpus

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"storydesk/model"
)

// loadOne opens a single file written from body and loads it.
func loadOne(t *testing.T, name, body string) (*model.Article, error) {
	t.Helper()
	dir := write(t, t.TempDir(), map[string]string{name: body})
	c := mustOpen(t, filepath.Join(dir, name))
	if len(c.Items) != 1 {
		t.Fatalf("%s: %d items", name, len(c.Items))
	}
	return c.Load(0)
}

func mustLoad(t *testing.T, name, body string) *model.Article {
	t.Helper()
	a, err := loadOne(t, name, body)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return a
}

func problemOf(t *testing.T, err error) Problem {
	t.Helper()
	var pe *ProblemError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ProblemError", err, err)
	}
	return pe.Problem
}

func TestLoadText(t *testing.T) {
	a := mustLoad(t, "story.txt", "Harbour reopens after storm\n\nThe harbour reopened on Tuesday.\r\nShips \x1b[1mreturned\x1b[0m.\n")
	if a.ID != "story.txt" || a.Format != "txt" || !strings.HasSuffix(a.Path, "story.txt") {
		t.Errorf("ids: %+v", a)
	}
	if strings.ContainsAny(a.Raw, "\r\x1b") || !strings.Contains(a.Raw, "Ships returned.") {
		t.Errorf("raw not sanitised: %q", a.Raw)
	}
	if a.Title == "" || a.Words == 0 || a.Words != model.WordCount(a.Text) {
		t.Errorf("title %q words %d", a.Title, a.Words)
	}
	if a.Source != "" {
		t.Errorf("a file's folder is not its outlet: source %q", a.Source)
	}
}

func TestLoadEncodings(t *testing.T) {
	utf16 := func(bom []byte, le bool, s string) string {
		b := append([]byte{}, bom...)
		for _, r := range s { // BMP only in this test
			if le {
				b = append(b, byte(r), byte(r>>8))
			} else {
				b = append(b, byte(r>>8), byte(r))
			}
		}
		return string(b)
	}
	text := "Café “quoted” — naïve"
	cases := []struct{ name, data string }{
		{"utf8.txt", text},
		{"bom8.txt", "\xef\xbb\xbf" + text},
		{"le.txt", utf16([]byte{0xff, 0xfe}, true, text)},
		{"be.txt", utf16([]byte{0xfe, 0xff}, false, text)},
		{"cp1252.txt", "Caf\xe9 \x93quoted\x94 \x97 na\xefve"},
		{"gzipped.txt.gz", gz(t, utf16([]byte{0xff, 0xfe}, true, text))},
		{"magic-only.txt", gz(t, text)}, // gzip found by its magic bytes
	}
	for _, tc := range cases {
		a := mustLoad(t, tc.name, tc.data)
		if a.Raw != text {
			t.Errorf("%s: raw %q, want %q", tc.name, a.Raw, text)
		}
	}
	// Latin-1 proper (no cp1252-only bytes) reads the same way.
	if a := mustLoad(t, "latin1.txt", "Se\xf1or M\xfcller"); a.Raw != "Señor Müller" {
		t.Errorf("latin-1: %q", a.Raw)
	}
}

func TestLoadRejects(t *testing.T) {
	cases := []struct{ name, data, reason string }{
		{"nul.txt", "abc\x00def", "not UTF-8 text: looks binary (NUL bytes)"},
		{"ctl.txt", strings.Repeat("\x01\x02\x03\x04abcdef", 20), "not UTF-8 text: looks binary (control bytes)"},
		{"empty.txt", "", "empty file"},
		{"blank.md", " \n\t\n", "empty file (only whitespace)"},
		{"escapes.txt", "\x1b[2J\x1b[H", "no readable text (only control characters)"},
		{"frontonly.md", "---\ntitle: x\n---\n", "no text after the front matter"},
		{"bad.txt.gz", "\x1f\x8b\x08garbage", "not valid gzip data"},
		{"nothing.html", "<html><body><script>x()</script></body></html>", "no article text found"},
	}
	for _, tc := range cases {
		_, err := loadOne(t, tc.name, tc.data)
		if err == nil {
			t.Errorf("%s: loaded", tc.name)
			continue
		}
		p := problemOf(t, err)
		if !strings.HasPrefix(p.Reason, tc.reason) || !strings.HasSuffix(p.Path, tc.name) || p.Line != 0 {
			t.Errorf("%s: problem %q, want reason %q", tc.name, p, tc.reason)
		}
	}
}

func TestLoadMarkdown(t *testing.T) {
	md := `---
title: "Ferry \"Aurora\" sinks off Port Ellis"
source: Harbor Tribune
date: 2026-03-03
url: https://www.harbortribune.example/ferry
author: 'Lina O''Berg'
tags:
  - ferry
  - "rescue"
section: World # a comment
nested:
  key: skipped
---
# Ferry sinks

The **ferry** sank [near the port](https://x.example/port) at _dawn_, officials said.

![a photo](img.jpg)

> “We heard a loud bang,” a passenger said.

Price: 2*3*4 and snake_case_name stay.
`
	a := mustLoad(t, "ferry.md", md)
	if a.Title != `Ferry "Aurora" sinks off Port Ellis` || a.Source != "Harbor Tribune" || a.Date != "2026-03-03" ||
		a.URL != "https://www.harbortribune.example/ferry" || a.Byline != "Lina O'Berg" || a.Format != "md" {
		t.Errorf("front matter: %+v", a)
	}
	if a.Meta["tags"] != "ferry, rescue" || a.Meta["section"] != "World" || a.Meta["nested"] != "" || len(a.Meta) != 2 {
		t.Errorf("meta %q", a.Meta)
	}
	for _, want := range []string{"Ferry sinks\n", "The ferry sank near the port at dawn, officials said.", "\n“We heard a loud bang,” a passenger said.", "2*3*4 and snake_case_name stay."} {
		if !strings.Contains(a.Raw, want) {
			t.Errorf("raw lacks %q:\n%s", want, a.Raw)
		}
	}
	if strings.Contains(a.Raw, "---") || strings.Contains(a.Raw, "photo") || strings.Contains(a.Raw, "https://") {
		t.Errorf("markup left in raw:\n%s", a.Raw)
	}
	// No front matter: the leading heading is the title; an unclosed block is text.
	a = mustLoad(t, "plain.md", "# Storm *warning* issued\n\nBody text here.")
	if a.Title != "Storm warning issued" {
		t.Errorf("title from heading: %q", a.Title)
	}
	a = mustLoad(t, "open.md", "---\ntitle: never closed\nBody.")
	if a.Title == "never closed" || !strings.Contains(a.Raw, "title: never closed") {
		t.Errorf("unclosed front matter: %+v", a)
	}
}

func TestLoadHTML(t *testing.T) {
	page := `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Shipyard wins order | Coastline Post</title>
<meta property="og:title" content="Shipyard wins record order">
<meta property="og:site_name" content="Coastline Post">
<meta name="author" content="Marek Novak">
<meta property="article:published_time" content="2026-02-14T09:30:00Z">
<link rel="canonical" href="https://www.coastlinepost.example/business/shipyard">
<meta name="description" content="The Karvik yard will build six ferries.">
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a></nav>
<article>
<h1>Shipyard wins record order</h1>
<p>The Karvik shipyard has won the largest order in its history, six ferries for the northern routes, the company said on Friday.</p>
<p>“This secures work for a decade,” said chief executive Dana Holm, adding that the yard would hire 400 people &amp; train apprentices.</p>
<p>The order is worth €1.2 billion and the first ship is due in 2028, according to the contract published by the ministry.<br>Delivery dates may change.</p>
</article>
<footer>© 2026 Coastline Post. All rights reserved.</footer>
</body></html>`
	a := mustLoad(t, "shipyard.html", page)
	if a.Title != "Shipyard wins record order" || a.Source != "Coastline Post" || a.Byline != "Marek Novak" ||
		a.Date != "2026-02-14" || a.URL != "https://www.coastlinepost.example/business/shipyard" || a.Format != "html" {
		t.Errorf("metadata: %+v", a)
	}
	if a.Summary != "The Karvik yard will build six ferries." {
		t.Errorf("summary %q", a.Summary)
	}
	for _, want := range []string{"largest order in its history", "hire 400 people & train apprentices.", "\n\n“This secures", "ministry.\nDelivery dates"} {
		if !strings.Contains(a.Raw, want) {
			t.Errorf("raw lacks %q:\n%s", want, a.Raw)
		}
	}
	if strings.Contains(a.Raw, "<p>") || strings.Contains(a.Raw, "Home Business") {
		t.Errorf("markup or navigation in raw:\n%s", a.Raw)
	}
	// A page saved without an extension is sniffed; its charset is read
	// from the meta tag; entities cannot smuggle in escapes.
	page = "<!doctype html><html><head><meta charset=\"windows-1252\"><title>T</title></head><body><article><p>" +
		strings.Repeat("Caf\xe9 prices rose again this week in the old town. ", 8) + "&#27;[31m</p></article></body></html>"
	a = mustLoad(t, "saved-page", page)
	if a.Format != "html" || !strings.Contains(a.Raw, "Café prices") || strings.Contains(a.Raw, "\x1b") {
		t.Errorf("sniffed page: format %q raw %q", a.Format, a.Raw)
	}
}

func TestLoadJSONL(t *testing.T) {
	lines := []string{
		`{"id":"a1","title":"Alpha","url":"https://www.example.org/a","date":"2026-01-02","author":["Ann Lee","Bo Kim"],"text":"Alpha text.","lang":"en","score":0.5,"tags":["x","y"],"extra":{"k":[1,2]},"nothing":null}`,
		``,
		`{"content":"Content field wins when there is no text.","source":"The Wire","byline":"Cy Dune"}`,
		`{"text":"unterminated`,
		`{"title":"no text here"}`,
		`[1,2,3]`,
		`{"body":"Body \u001b[31mred\u001b[0m and \ud83d\ude00 and \"quotes\"\n\nnext para","id":42}`,
		`{"text": 5}`,
		`{"text":"trailing"} junk`,
		`{"text":"  "}`,
		"\t{ \"text\" : \"spaced\" , \"id\" : \"sp\" }\r",
	}
	dir := write(t, t.TempDir(), map[string]string{"feed.jsonl": strings.Join(lines, "\n")})
	c := mustOpen(t, dir)
	want := []string{"a1", "feed.jsonl:3", "feed.jsonl:4", "feed.jsonl:5", "feed.jsonl:6", "42", "feed.jsonl:8", "feed.jsonl:9", "feed.jsonl:10", "sp"}
	if !slices.Equal(ids(c), want) {
		t.Fatalf("ids %q, want %q", ids(c), want)
	}
	a, err := c.Load(0)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Alpha" || a.URL != "https://www.example.org/a" || a.Date != "2026-01-02" || a.Byline != "Ann Lee, Bo Kim" ||
		a.Source != "example.org" || a.Text != "Alpha text." || a.Format != "jsonl" || a.Path != filepath.Join(dir, "feed.jsonl")+":1" {
		t.Errorf("line 1: %+v", a)
	}
	wantMeta := map[string]string{"lang": "en", "score": "0.5", "tags": "x, y", "extra": `{"k":[1,2]}`}
	if len(a.Meta) != len(wantMeta) {
		t.Errorf("meta %q", a.Meta)
	}
	for k, v := range wantMeta {
		if a.Meta[k] != v {
			t.Errorf("meta[%s] = %q, want %q", k, a.Meta[k], v)
		}
	}
	a, err = c.Load(1)
	if err != nil || a.Text != "Content field wins when there is no text." || a.Source != "The Wire" || a.Byline != "Cy Dune" {
		t.Errorf("line 3: %+v %v", a, err)
	}
	a, err = c.Load(5)
	if err != nil || a.Raw != "Body red and 😀 and \"quotes\"\n\nnext para" || a.ID != "42" {
		t.Errorf("line 7: %+v %v", a, err)
	}
	a, err = c.Load(9)
	if err != nil || a.Text != "spaced" {
		t.Errorf("line 11: %+v %v", a, err)
	}
	bad := map[int]string{
		2: "invalid JSON: unexpected end of line inside a string",
		3: "no text, content or body field",
		4: "not a JSON object",
		6: `the "text" field is not a string`,
		7: "invalid JSON: unexpected 'j' at column 21, expected the end of the line",
		8: "the text field is empty",
	}
	for i, reason := range bad {
		_, err := c.Load(i)
		if err == nil {
			t.Errorf("item %d loaded", i)
			continue
		}
		p := problemOf(t, err)
		if p.Line != i+2 || !strings.HasPrefix(p.Reason, reason) || p.Path != filepath.Join(dir, "feed.jsonl") {
			t.Errorf("item %d: %q, want line %d %q", i, p, i+2, reason)
		}
	}
}

func TestJSONLGzipAndSpill(t *testing.T) {
	var b strings.Builder
	for i := range 300 {
		json.NewEncoder(&b).Encode(map[string]string{"id": "n" + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + "-" + itoa(i), "text": strings.Repeat("word ", 50) + itoa(i)})
	}
	dir := write(t, t.TempDir(), map[string]string{"big.jsonl.gz": gz(t, b.String())})
	for _, limit := range []int{64 << 20, 1000} { // in memory, then spilled to a temp file
		old := spillAt
		spillAt = limit
		c := mustOpen(t, dir)
		spillAt = old
		if len(c.Items) != 300 || len(c.Problems) != 0 {
			t.Fatalf("limit %d: %d items, problems %q", limit, len(c.Items), problems(c))
		}
		src := c.Items[0].ref.src
		if (src.spill != nil) != (limit == 1000) {
			t.Errorf("limit %d: spilled=%v", limit, src.spill != nil)
		}
		for _, i := range []int{0, 150, 299} {
			a, err := c.Load(i)
			if err != nil || !strings.HasSuffix(a.Text, " "+itoa(i)) {
				t.Errorf("limit %d item %d: %v", limit, i, err)
			}
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestDuplicateIDs(t *testing.T) {
	dir := write(t, t.TempDir(), map[string]string{
		"a.jsonl": `{"id":"same","text":"one"}` + "\n" + `{"id":"same","text":"two"}` + "\n" + `{"id":"same#2","text":"three"}`,
		"b.jsonl": `{"id":"same","text":"four"}`,
		"same":    "a file whose id is same too",
		"x\a.txt": "sanitises to the same id as x.txt",
		"x.txt":   "x",
	})
	c := mustOpen(t, dir)
	want := []string{"same", "same#2", "same#2#2", "same#3", "same#4", "x.txt", "x.txt#2"} // "x\a.txt" sorts first
	if !slices.Equal(ids(c), want) {
		t.Errorf("ids %q, want %q", ids(c), want)
	}
	for i := range c.Items {
		a, err := c.Load(i)
		if err != nil || a.ID != want[i] {
			t.Errorf("Load(%d) id %q err %v", i, a.ID, err)
		}
	}
}

func TestStdin(t *testing.T) {
	open := func(data string, args ...string) *Corpus {
		t.Helper()
		if len(args) == 0 {
			args = []string{"-"}
		}
		c, err := Open(args, strings.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := open("Storm hits coast\n\nWaves flooded the road.")
	if !slices.Equal(ids(c), []string{"stdin"}) || c.Label != "stdin" || c.Root != "" || c.Items[0].Format != "txt" {
		t.Errorf("text: ids %q label %q root %q", ids(c), c.Label, c.Root)
	}
	a, err := c.Load(0)
	if err != nil || !strings.Contains(a.Raw, "Waves flooded") || a.Path != "stdin" {
		t.Errorf("text: %+v %v", a, err)
	}
	c = open(`{"id":"s1","text":"first"}` + "\n" + `{"text":"second"}` + "\n")
	if !slices.Equal(ids(c), []string{"s1", "stdin:2"}) {
		t.Errorf("jsonl: ids %q", ids(c))
	}
	a, err = c.Load(1)
	if err != nil || a.Text != "second" || a.Path != "stdin:2" {
		t.Errorf("jsonl: %+v %v", a, err)
	}
	// A text that starts with a brace is not JSON lines.
	c = open("{not json} but a story")
	if len(c.Items) != 1 || c.Items[0].Format != "txt" {
		t.Errorf("brace text: %+v", c.Items)
	}
	c = open(gz(t, `{"text":"zipped"}`))
	if a, err := c.Load(0); err != nil || a.Text != "zipped" {
		t.Errorf("gzip stdin: %+v %v", a, err)
	}
	c = open("<!DOCTYPE html><html><body><article><p>" + strings.Repeat("A page piped in on standard input. ", 10) + "</p></article></body></html>")
	if a, err := c.Load(0); err != nil || a.Format != "html" || strings.Contains(a.Raw, "<p>") {
		t.Errorf("html stdin: %+v %v", a, err)
	}
	// stdin beside files; "-" twice reads it once.
	dir := write(t, t.TempDir(), map[string]string{"f.txt": "file"})
	c = open("piped", filepath.Join(dir, "f.txt"), "-", "-")
	if !slices.Equal(ids(c), []string{"f.txt", "stdin"}) || c.Root != dir {
		t.Errorf("mixed: ids %q root %q", ids(c), c.Root)
	}
	if _, err := Open([]string{"-"}, strings.NewReader("")); err == nil {
		// An empty stdin is still one (empty) item; Load says so.
	} else {
		t.Errorf("empty stdin: %v", err)
	}
}

func TestStream(t *testing.T) {
	files := map[string]string{"bad.txt": "\x00\x00", "feed.jsonl": ""}
	var feed strings.Builder
	for i := range 700 {
		files[filepath.Join("d", itoa(i)+".txt")] = "Title " + itoa(i) + "\n\nBody of article " + itoa(i) + "."
		feed.WriteString(`{"id":"j` + itoa(i) + `","text":"line ` + itoa(i) + `"}` + "\n")
	}
	files["feed.jsonl"] = feed.String()
	dir := write(t, t.TempDir(), files)
	c := mustOpen(t, dir)
	if len(c.Items) != 1401 {
		t.Fatalf("%d items", len(c.Items))
	}
	seen := make([]int, len(c.Items))
	var mu sync.Mutex
	calls, inEmit := 0, false
	c.Stream(t.Context(), 3, func(rs []Result) {
		mu.Lock()
		if inEmit {
			t.Error("emit called concurrently")
		}
		inEmit = true
		mu.Unlock()
		if len(rs) == 0 || len(rs) > StreamBatch {
			t.Errorf("batch of %d", len(rs))
		}
		for _, r := range rs {
			seen[r.Index]++
			it := c.Items[r.Index]
			switch {
			case it.ID == "bad.txt":
				if r.Problem == nil || r.Article != nil || !strings.Contains(r.Problem.Reason, "NUL") {
					t.Errorf("bad.txt: %+v", r)
				}
			case r.Problem != nil:
				t.Errorf("%s: %v", it.ID, r.Problem)
			case r.Article.HasBody():
				t.Errorf("%s: body kept", it.ID)
			case r.Article.ID != it.ID || r.Article.Words == 0 || r.Article.Title == "":
				t.Errorf("%s: metadata %+v", it.ID, r.Article)
			}
		}
		calls++
		mu.Lock()
		inEmit = false
		mu.Unlock()
	})
	for i, n := range seen {
		if n != 1 {
			t.Errorf("item %d (%s) emitted %d times", i, c.Items[i].ID, n)
		}
	}
	if calls < 2 {
		t.Errorf("%d batches for 1401 items", calls)
	}
	// Load after Stream still has the body.
	for _, i := range []int{1, 800} {
		a, err := c.Load(i)
		if err != nil || !a.HasBody() || a.Text == "" {
			t.Errorf("Load(%d) after Stream: %+v %v", i, a, err)
		}
	}
}

func TestStreamCancel(t *testing.T) {
	files := map[string]string{}
	for i := range 2000 {
		files[itoa(i)+".txt"] = "text " + itoa(i)
	}
	c := mustOpen(t, write(t, t.TempDir(), files))
	ctx, cancel := context.WithCancel(t.Context())
	got := 0
	c.Stream(ctx, 2, func(rs []Result) {
		got += len(rs)
		cancel()
	})
	if got == 0 || got >= len(c.Items) {
		t.Errorf("cancelled stream emitted %d of %d", got, len(c.Items))
	}
	// Already cancelled: nothing at all.
	got = 0
	c.Stream(ctx, 2, func(rs []Result) { got += len(rs) })
	if got != 0 {
		t.Errorf("stream on a cancelled context emitted %d", got)
	}
}

func TestHeadline(t *testing.T) {
	cases := map[string]string{
		"Short line\nmore": "Short line",
		"A first sentence that is long enough. And a second one.": "A first sentence that is long enough.",
		"Dr. Who arrives":           "Dr. Who arrives",
		strings.Repeat("word ", 40): strings.TrimSpace(strings.Repeat("word ", 15)) + "…",
		"\n\n  spaced  \n":          "spaced",
	}
	for in, want := range cases {
		if got := Headline(in); got != want {
			t.Errorf("Headline(%q) = %q, want %q", in, got, want)
		}
	}
	// The title is never empty, even when the text gives nothing to use.
	a := mustLoad(t, "x.jsonl", `{"id":"only-id","text":"   \u200b"}`)
	if a.Title == "" {
		t.Errorf("empty title: %+v", a)
	}
}

func TestSeedsLoad(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared seeds not available (%v)", err)
	}
	c := mustOpen(t, dir)
	if len(c.Items) < 5 || len(c.Problems) != 0 {
		t.Fatalf("%d items, problems %q", len(c.Items), problems(c))
	}
	for i := range c.Items {
		a, err := c.Load(i)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if a.Words < 100 || a.Title == "" || strings.ContainsAny(a.Raw, "\r\x1b") {
			t.Errorf("%s: %d words, title %q", a.ID, a.Words, a.Title)
		}
	}
}
