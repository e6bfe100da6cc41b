package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets for the text helpers every offset in storydesk goes through.
// The cleaner (FuzzClean), the quote detector (FuzzDetectQuotes), the quote
// matcher (FuzzQuoteCarriers), the word diff (FuzzWordDiff) and the
// duplicate code (FuzzDupSignature, FuzzExactForm) have theirs beside their
// other tests. .ci/run fuzzes each briefly; `go test` runs the seeds.

// hostileSeeds are inputs that have broken text code elsewhere: escape
// sequences of every kind, C1 controls as raw bytes and as UTF-8, invalid
// UTF-8, BOMs, CR line ends, bidi controls, combining marks, astral
// characters and wide scripts.
var hostileSeeds = []string{
	"",
	"plain ascii",
	"Petro’s “quote” — café 東京 👍🏽",
	"\x1b]52;c;SGVsbG8=\x07clipboard \x1b]0;PWNED\x07title \x1b]2;x\x1b\\ \x1b[2J\x1b[H clear",
	"DCS \x1bPq#0;2;0;0;0#1~~@@\x1b\\ SOS \x1bXx\x1b\\ PM \x1b^x\x1b\\ APC \x1b_x\x1b\\ end",
	"C1 bytes \x9b31m \x9d0;t\x9c \x90q\x9c \x85 \x8d",
	"C1 UTF-8 \u009b31m \u009d0;t\u009c \u0090q\u009c \u0085",
	"invalid \xff\xfe\xc3 \xe2\x80 \xf0\x9f",
	"\uFEFFBOM first\r\nCRLF\rlone CR\n\n\tindented",
	"bidi \u202eesrever\u202c \u2066iso\u2069 \u200f\u061c",
	"e\u0301 combining, \u00ad soft hyphen, \u200b zero width, \u2028 line sep",
	"unterminated \x1b]52;c;AAAA",
	"\x1b",
	"\x1b[",
	"NUL\x00 BEL\x07 DEL\x7f VT\v FF\f",
}

// FuzzSanitize checks what everything shown to the user relies on: the
// output is valid UTF-8 with no control character other than \n and \t (no
// ESC, no C1, no bidi control, no BOM), Sanitize is idempotent, and
// SanitizeLine gives one trimmed line.
func FuzzSanitize(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		assertTerminalSafe(t, out)
		if again := Sanitize(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
		}
		if utf8.ValidString(s) && !strings.ContainsAny(s, "\x1b\u009b\u009d\u0090\u0098\u009e\u009f") {
			// Without escapes nothing printable may be lost.
			want := 0
			for _, r := range s {
				if r >= 0x20 && r != 0x7f && (r < 0x80 || r >= 0xa0) && !isBidiControl(r) && r != '\uFEFF' {
					want++
				}
			}
			got := 0
			for _, r := range out {
				if r != '\n' && r != '\t' {
					got++
				}
			}
			if got != want {
				t.Fatalf("%q: %d printable characters kept of %d: %q", s, got, want, out)
			}
		}
		line := SanitizeLine(s)
		assertTerminalSafe(t, line)
		if strings.ContainsAny(line, "\n\t") || line != strings.TrimSpace(line) {
			t.Fatalf("SanitizeLine(%q) = %q: not one trimmed line", s, line)
		}
	})
}

// FuzzOffsets checks RuneLen, RuneSlice and Offsets against []rune, the
// reference definition of a code point offset, on sanitised text (what the
// app stores), including out-of-range and reversed bounds.
func FuzzOffsets(f *testing.F) {
	for i, s := range hostileSeeds {
		f.Add(s, i-3, i*3)
	}
	f.Add(strings.Repeat("aé東👍", 40), 31, 97)
	f.Add(strings.Repeat("x", 70)+"é", 64, 71)
	f.Fuzz(func(t *testing.T, raw string, start, end int) {
		s := Sanitize(raw)
		rs := []rune(s)
		n := len(rs)
		if RuneLen(s) != n {
			t.Fatalf("RuneLen(%q) = %d, want %d", s, RuneLen(s), n)
		}
		want := ""
		if lo, hi := max(start, 0), min(end, n); lo < hi {
			want = string(rs[lo:hi])
		}
		if got := RuneSlice(s, start, end); got != want {
			t.Fatalf("RuneSlice(%q, %d, %d) = %q, want %q", s, start, end, got, want)
		}
		o := NewOffsets(s)
		if o.Len() != n {
			t.Fatalf("Offsets.Len = %d, want %d", o.Len(), n)
		}
		b := 0
		for r := 0; r <= n; r++ {
			if got := o.ByteAt(r); got != b {
				t.Fatalf("ByteAt(%d) = %d, want %d in %q", r, got, b, s)
			}
			if got := o.RuneAt(b); got != r {
				t.Fatalf("RuneAt(%d) = %d, want %d in %q", b, got, r, s)
			}
			if r < n {
				// A byte inside a character maps to that character.
				size := utf8.RuneLen(rs[r])
				if size > 1 && o.RuneAt(b+size-1) != r {
					t.Fatalf("RuneAt(%d), inside rune %d, = %d", b+size-1, r, o.RuneAt(b+size-1))
				}
				b += size
			}
		}
		if o.ByteAt(start) != o.ByteAt(max(0, min(start, n))) || o.RuneAt(-start) < 0 || o.RuneAt(start) > n {
			t.Fatalf("clamping failed at %d", start)
		}
		if lo, hi := o.ByteAt(start), o.ByteAt(end); lo < hi && s[lo:hi] != want {
			t.Fatalf("byte slice [%d:%d] = %q, want %q", lo, hi, s[lo:hi], want)
		}
	})
}

// FuzzReanchor checks that spans moved onto a changed text always slice it
// to their own text, never overlap, and are all accounted for (placed or
// lost).
func FuzzReanchor(f *testing.F) {
	f.Add("Zoë Ng met Varga. Later Varga left. Okafor stayed.", "Breaking: Varga.\n\nZoë Ng met Varga. Later Varga left.", 4, 3)
	f.Add("Varga and Varga.", "Varga only.", 0, 2)
	f.Add("東京 is 東京", "東京東京東京", 1, 1)
	f.Add("", "x", 0, 1)
	f.Fuzz(func(t *testing.T, oldRaw, newRaw string, step, width int) {
		old, nw := Sanitize(oldRaw), Sanitize(newRaw)
		rs := []rune(old)
		// Spans every few characters over the old text, as an annotator
		// might make them (non-overlapping, each slicing old).
		step, width = 1+fuzzAbs(step)%7, 1+fuzzAbs(width)%5
		var spans []Span
		for s := 0; s+width <= len(rs); s += step + width {
			spans = append(spans, Span{ID: int64(len(spans) + 1), Start: s, End: s + width, Label: "X", Text: string(rs[s : s+width])})
		}
		placed, lost := Reanchor(old, nw, spans)
		if len(placed)+len(lost) != len(spans) {
			t.Fatalf("%d placed + %d lost of %d spans", len(placed), len(lost), len(spans))
		}
		for i, p := range placed {
			if RuneSlice(nw, p.Start, p.End) != p.Text || p.Start < 0 || p.End <= p.Start {
				t.Fatalf("placed %+v does not slice %q", p, nw)
			}
			for _, q := range placed[:i] {
				if p.Overlaps(q.Start, q.End) {
					t.Fatalf("placed spans overlap: %+v and %+v", p, q)
				}
			}
		}
		for _, l := range lost {
			if strings.Contains(nw, l.Text) && len(placed) == 0 {
				t.Fatalf("%q occurs in the new text but was lost with nothing placed", l.Text)
			}
		}
	})
}

func fuzzAbs(x int) int {
	if x < 0 {
		if -x < 0 { // math.MinInt
			return 0
		}
		return -x
	}
	return x
}
