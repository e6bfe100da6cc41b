package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRuneLen(t *testing.T) {
	for _, tt := range []struct {
		s string
		n int
	}{{"", 0}, {"abc", 3}, {"café", 4}, {"東京", 2}, {"👍🏽", 2}, {"a\uFFFDb", 3}} {
		if got := RuneLen(tt.s); got != tt.n {
			t.Errorf("RuneLen(%q) = %d, want %d", tt.s, got, tt.n)
		}
	}
}

func TestRuneSlice(t *testing.T) {
	s := "Petro’s “X” 東京"
	for _, tt := range []struct {
		start, end int
		want       string
	}{
		{0, 5, "Petro"},
		{5, 7, "’s"},
		{8, 11, "“X”"},
		{12, 14, "東京"},
		{12, 99, "東京"},
		{-3, 2, "Pe"},
		{14, 20, ""},
		{5, 5, ""},
		{7, 3, ""},
		{0, 14, s},
	} {
		if got := RuneSlice(s, tt.start, tt.end); got != tt.want {
			t.Errorf("RuneSlice(%d, %d) = %q, want %q", tt.start, tt.end, got, tt.want)
		}
	}
	if got := RuneSlice("", 0, 3); got != "" {
		t.Errorf("empty: %q", got)
	}
}

func TestOffsets(t *testing.T) {
	texts := []string{
		"",
		"plain ascii text",
		"Petro’s “quote” — café",
		strings.Repeat("aé東👍", 50) + "tail",
		strings.Repeat("x", 70) + "é" + strings.Repeat("y", 70),
	}
	for _, s := range texts {
		o := NewOffsets(s)
		if o.Len() != utf8.RuneCountInString(s) {
			t.Fatalf("Len = %d, want %d", o.Len(), utf8.RuneCountInString(s))
		}
		// Reference tables built the slow way.
		var byteOf []int
		runeOf := make([]int, len(s)+1)
		r := 0
		for i := range s {
			byteOf = append(byteOf, i)
		}
		byteOf = append(byteOf, len(s))
		for b := 0; b <= len(s); b++ {
			for r+1 < len(byteOf) && byteOf[r+1] <= b {
				r++
			}
			runeOf[b] = r
		}
		for r := 0; r < len(byteOf); r++ {
			if got := o.ByteAt(r); got != byteOf[r] {
				t.Fatalf("%q: ByteAt(%d) = %d, want %d", s, r, got, byteOf[r])
			}
		}
		for b := 0; b <= len(s); b++ {
			if got := o.RuneAt(b); got != runeOf[b] {
				t.Fatalf("%q: RuneAt(%d) = %d, want %d", s, b, got, runeOf[b])
			}
		}
		if o.ByteAt(-1) != 0 || o.ByteAt(o.Len()+5) != len(s) || o.RuneAt(-1) != 0 || o.RuneAt(len(s)+5) != o.Len() {
			t.Errorf("%q: out-of-range offsets not clamped", s)
		}
	}
}

func TestWordCount(t *testing.T) {
	for _, tt := range []struct {
		s string
		n int
	}{
		{"", 0},
		{"   ", 0},
		{"one", 1},
		{"Petro’s order didn't change", 4},
		{"rock 'n' roll", 3},
		{"'quoted' words", 2},
		{"well-known U.S. policy", 5},
		{"At least 4,000 sailors and 3.5 ships.", 7},
		{"In 2025, the", 3},
		{"naïve café São Paulo", 4},
		{"東京 is big", 3},
		{"हिन्दी भाषा", 2}, // combining vowel signs stay inside words
		{"— dash — only —", 2},
		{"email@example.com", 3},
	} {
		if got := WordCount(tt.s); got != tt.n {
			t.Errorf("WordCount(%q) = %d, want %d", tt.s, got, tt.n)
		}
	}
}

func BenchmarkOffsets(b *testing.B) {
	s := strings.Repeat("Petro’s “quote” — café 東京. ", 2000)
	o := NewOffsets(s)
	n := o.Len()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := i * 7919 % n
		if o.RuneAt(o.ByteAt(r)) != r {
			b.Fatal("round trip")
		}
	}
}
