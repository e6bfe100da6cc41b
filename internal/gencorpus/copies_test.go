package gencorpus

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCopiesPlanted(t *testing.T) {
	for _, gen := range []func(int, uint64) *CopyCorpus{ZipfCopies, TemplateCopies} {
		c := gen(1000, 3)
		if again := gen(1000, 3); !reflect.DeepEqual(c, again) {
			t.Fatal("same seed, different corpus")
		}
		if len(c.Docs) != 1000 || len(c.Copies) != 100 || len(c.Stories) != 10 {
			t.Fatalf("%d docs, %d copies, %d stories", len(c.Docs), len(c.Copies), len(c.Stories))
		}
		kinds := map[string]int{}
		for _, p := range c.Copies {
			kinds[p.Kind]++
			a, b := c.Docs[p.Orig].Text, c.Docs[p.Copy].Text
			if a == b {
				t.Errorf("%s copy is the original unchanged", p.Kind)
			}
			switch p.Kind {
			case CopyTruncate:
				if !strings.HasPrefix(a, b) || len(b) > len(a)*3/4 {
					t.Errorf("truncated copy is not a short prefix: %d of %d bytes", len(b), len(a))
				}
			case CopyReorder:
				pa, pb := strings.Split(a, "\n\n"), strings.Split(b, "\n\n")
				if len(pa) != len(pb) || strings.Count(a, " ") != strings.Count(b, " ") {
					t.Errorf("reordered copy has other paragraphs")
				}
			}
		}
		if len(kinds) != len(CopyKinds) {
			t.Errorf("kinds planted: %v", kinds)
		}
		for i, d := range c.Docs {
			if d.ID != c.Docs[i].ID || len(strings.Fields(d.Text)) < 100 {
				t.Fatalf("doc %d: %q, %d words", i, d.ID, len(strings.Fields(d.Text)))
			}
		}
	}
}

func TestCopiesJSONL(t *testing.T) {
	c := TemplateCopies(300, 4)
	c.Docs[0].Text = "\u201cQuoted\u201d \xff\r\nline" // any text survives the round trip
	p := filepath.Join(t.TempDir(), "c.jsonl")
	if err := c.WriteJSONL(p); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for ; sc.Scan(); n++ {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		want := strings.ToValidUTF8(c.Docs[n].Text, "\uFFFD")
		if r.ID != c.Docs[n].ID || r.Text != want || r.Title == "" || strings.ContainsAny(r.Title, "\r\n") {
			t.Fatalf("line %d: %+v", n+1, r)
		}
	}
	if n != len(c.Docs) {
		t.Fatalf("%d lines, want %d", n, len(c.Docs))
	}
}
