package corpus

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rivo/uniseg"

	"storydesk/model"
)

// FuzzLoadGzip loads bytes compressed, as a .txt.gz and a .jsonl.gz: the
// articles are those of the same bytes uncompressed (unless the bytes are
// so repetitive that they expand like a bomb, which is refused, naming the
// file); the raw bytes under a .gz name (mostly not gzip at all) are
// refused or read safely; and under a 4 KB limit no article is larger.
func FuzzLoadGzip(f *testing.F) {
	fzSampleSeeds(f, ".txt", ".jsonl")
	for _, s := range fzSeeds() {
		f.Add(s)
	}
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"))             // a header and nothing
	f.Add(bytes.Repeat([]byte(`{"text":"x"}`+"\n"), 20000))               // compresses past the bomb ratio
	f.Add([]byte(`{"text":"` + strings.Repeat("long line ", 600) + `"}`)) // over the small limit
	f.Fuzz(func(t *testing.T, b []byte) {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(b)
		zw.Close()
		for _, ext := range []string{".txt", ".jsonl"} {
			plain := fzLoadAll(t, "a"+ext, b)
			zipped, probs := fzLoadProblems(t, "a"+ext+".gz", z.Bytes())
			if strings.Contains(strings.Join(probs, "\n"), "too large") {
				continue
			}
			if len(plain) != len(zipped) {
				t.Fatalf("%s: %d articles, %d from the .gz", ext, len(plain), len(zipped))
			}
			for i := range plain {
				if plain[i].Raw != zipped[i].Raw || plain[i].Text != zipped[i].Text {
					t.Fatalf("%s: article %d differs once gzipped", ext, i)
				}
			}
		}
		fzLoadAll(t, "b.txt.gz", b)
		fzLoadAll(t, "b.jsonl.gz", b)
		SetLimit(4 << 10)
		defer SetLimit(0)
		for _, name := range []string{"c.txt", "c.jsonl", "c.txt.gz"} {
			data := b
			if strings.HasSuffix(name, ".gz") {
				data = z.Bytes()
			}
			for _, a := range fzLoadAll(t, name, data) {
				if len(a.Raw) > 4<<10 {
					t.Fatalf("%s: an article of %d bytes loaded under a 4 KB limit", name, len(a.Raw))
				}
			}
		}
	})
}

// fzLoadProblems is fzLoadAll that also returns the problems met, in
// words.
func fzLoadProblems(t *testing.T, name string, b []byte) ([]*model.Article, []string) {
	t.Helper()
	arts := fzLoadAll(t, name, b)
	c, _ := OpenFS(fstest.MapFS{name: {Data: b}}, "fuzz")
	var probs []string
	for _, p := range c.Problems {
		probs = append(probs, p.String())
	}
	for i := range c.Items {
		if _, err := c.Load(i); err != nil {
			probs = append(probs, err.Error())
		}
	}
	return arts, probs
}

// fzCheckGraphemes: the cleaner's removed ranges start and end between
// grapheme clusters of the raw text (a paragraph is removed whole, never
// an accent without its letter).
func fzCheckGraphemes(t *testing.T, raw string, removed []model.Removed) {
	t.Helper()
	if len(removed) == 0 {
		return
	}
	bounds := map[int]bool{0: true}
	n, state, s := 0, -1, raw
	for s != "" {
		var c string
		c, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		n += len([]rune(c))
		bounds[n] = true
	}
	for _, r := range removed {
		if !bounds[r.Start] || !bounds[r.End] {
			t.Fatalf("removed %d–%d %q cuts a grapheme of the raw text", r.Start, r.End, r.Text)
		}
	}
}
