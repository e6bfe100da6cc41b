package model

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clean ascii", "Hello, world.\n\tIndented line", "Hello, world.\n\tIndented line"},
		{"clean unicode", "Petro’s “quote” — café, 東京, emoji 👍🏽", "Petro’s “quote” — café, 東京, emoji 👍🏽"},
		{"C0 controls", "a\x00b\x01c\x07d\x08e\x0bf\x0cg\x7fh", "abcdefgh"},
		{"C1 controls", "a\u0080b\u0085c\u009cd", "abcd"},
		{"lone CR", "one\rtwo\rthree", "one\ntwo\nthree"},
		{"CRLF", "one\r\ntwo\r\n\r\nthree", "one\ntwo\n\nthree"},
		{"CR at end", "end\r", "end\n"},
		{"CSI colour", "\x1b[1;31mred\x1b[0m text", "red text"},
		{"CSI private", "\x1b[?25lhidden cursor\x1b[?1049h", "hidden cursor"},
		{"CSI unterminated at end", "text\x1b[31", "text"},
		{"CSI unterminated before newline", "a\x1b[12\nb", "a\nb"},
		{"CSI broken by non-ASCII", "a\x1b[3é ok", "aé ok"},
		{"8-bit CSI", "a\u009b31mb", "ab"},
		{"OSC title BEL", "\x1b]0;evil title\x07body", "body"},
		{"OSC hyperlink ST", "\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\ end", "link end"},
		{"OSC 52 clipboard", "before\x1b]52;c;cm0gLXJmIH4=\x07after", "beforeafter"},
		{"OSC unterminated stops at line end", "a\x1b]0;title\nnext line", "a\nnext line"},
		{"OSC unterminated at end", "a\x1b]52;c;Zm9v", "a"},
		{"8-bit OSC with 8-bit ST", "a\u009d0;t\u009cb", "ab"},
		{"DCS", "x\x1bPq#0;2;0;0;0\x1b\\y", "xy"},
		{"DCS unterminated", "x\x1bP1$r\nmore", "x\nmore"},
		{"8-bit DCS", "x\u0090payload\u009cy", "xy"},
		{"APC PM SOS", "a\x1b_apc\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", "abcd"},
		{"two-byte escape", "a\x1bcb\x1b7c", "abc"},
		{"lone ESC at end", "abc\x1b", "abc"},
		{"ESC then newline", "a\x1b\nb", "a\nb"},
		{"bidi overrides", "abc\u202egnp.exe\u202c and \u2066iso\u2069 \u200emark\u200f", "abcgnp.exe and iso mark"},
		{"arabic letter mark", "a\u061cb", "ab"},
		{"leading BOM", "\uFEFFTitle", "Title"},
		{"inner BOM", "a\uFEFFb", "ab"},
		{"invalid UTF-8", "a\xffb\xc3(c", "a\uFFFDb\uFFFD(c"},
		{"truncated rune at end", "ok\xe2\x80", "ok\uFFFD\uFFFD"},
		{"literal replacement char kept", "a\uFFFDb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			assertTerminalSafe(t, got)
			if again := Sanitize(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestSanitizeCleanInputUnchanged(t *testing.T) {
	in := "Line one — “quoted” and ‘single’.\n\n\tTabbed, naïve café 😀\n"
	got := Sanitize(in)
	if got != in {
		t.Fatalf("clean input changed: %q", got)
	}
	// The fast path must hand back the same string, not a copy.
	if len(in) > 0 && unsafeData(got) != unsafeData(in) {
		t.Errorf("clean input was copied")
	}
}

func TestSanitizeLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Title\twith\ttabs  ", "Title with tabs"},
		{"two\nlines\r\nhere", "two lines here"},
		{"\x1b[31mred\x1b[0m name.txt", "red name.txt"},
		{"plain", "plain"},
		{"\u202eevil\u202c", "evil"},
	}
	for _, tt := range tests {
		if got := SanitizeLine(tt.in); got != tt.want {
			t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSanitizeNeverLeaksControls feeds pseudo-random byte soup mixing escape
// introducers, controls and text.
func TestSanitizeNeverLeaksControls(t *testing.T) {
	pieces := []string{"\x1b", "[", "]", "P", "\\", "\x07", "\x9b", "\xc2\x9b", "\xc2\x9d", "\xc2\x9c", "\xc2\x90",
		"\r", "\n", "\t", "\x00", "\x7f", "a", "é", "東", "\xff", "\u202e", "\uFEFF", "31m", ";", "52", "\xe2\x80"}
	seed := uint32(1)
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for k := 0; k < 1+n%40; k++ {
			seed = seed*1664525 + 1013904223
			b.WriteString(pieces[seed>>16%uint32(len(pieces))])
		}
		got := Sanitize(b.String())
		assertTerminalSafe(t, got)
		if Sanitize(got) != got {
			t.Fatalf("not idempotent on %q", b.String())
		}
	}
}

func assertTerminalSafe(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8 in %q", s)
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) || r == '\uFEFF' {
			t.Fatalf("control %U left in %q", r, s)
		}
	}
}
