package gencorpus

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestArticleDeterministicAndSized(t *testing.T) {
	for _, words := range []int{50, 600, 2000} {
		t1, b1 := Article(rand.New(rand.NewPCG(7, 1)), words)
		t2, b2 := Article(rand.New(rand.NewPCG(7, 1)), words)
		if t1 != t2 || b1 != b2 {
			t.Fatalf("same seed, different article")
		}
		if t3, b3 := Article(rand.New(rand.NewPCG(7, 2)), words); t3 == t1 && b3 == b1 {
			t.Errorf("different seeds, same article")
		}
		n := len(strings.Fields(b1))
		if n < words || n > words+words/2+60 {
			t.Errorf("asked for %d words, got %d", words, n)
		}
		if t1 == "" || strings.Contains(t1, "\n") || !strings.Contains(b1, "\n\n") {
			t.Errorf("shape: title %q, body without paragraphs", t1)
		}
	}
	// Over many articles every kind of noise and a quote turn up.
	var all strings.Builder
	for i := range 200 {
		_, b := Article(rngFor(3, i), 300)
		all.WriteString(b)
	}
	for _, want := range []string{"“", "” ", "By ", "Photo: ", "©", ") — "} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no %q in 200 articles", want)
		}
	}
}

func TestWriteDirAndJSONL(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := WriteDir(d, 1005, 40, 9); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"000/000000.txt", "000/000999.txt", "001/001004.txt"} {
		x, err1 := os.ReadFile(filepath.Join(a, name))
		y, err2 := os.ReadFile(filepath.Join(b, name))
		if err1 != nil || err2 != nil || string(x) != string(y) {
			t.Errorf("%s: not written the same twice (%v %v)", name, err1, err2)
		}
	}
	if _, err := os.Stat(filepath.Join(a, "001", "001005.txt")); err == nil {
		t.Errorf("wrote more than n files")
	}

	p := filepath.Join(a, "c.jsonl")
	if err := WriteJSONL(p, 2100, 40, 9); err != nil {
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
	for sc.Scan() {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if want := NewRecord(n, 40, 9); r != want {
			t.Fatalf("line %d is not record %d", n+1, n)
		}
		if r.Text == "" || r.Title == "" || !strings.HasPrefix(r.URL, "https://www.") {
			t.Errorf("line %d: %+v", n+1, r)
		}
		n++
	}
	if n != 2100 {
		t.Errorf("%d lines, want 2100", n)
	}
}
