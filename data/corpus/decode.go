package corpus

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// binarySample is how much of a file the control-byte test looks at.
const binarySample = 8 << 10

// oddControl marks the C0 controls (and DEL) that text does not use: not
// tab, line breaks, form feed, vertical tab or ESC (coloured terminal text is
// still text; Sanitize removes the escapes).
var oddControl = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	for _, c := range []byte{'\n', '\r', '\t', '\f', '\v', 0x1b} {
		t[c] = false
	}
	t[0x7f] = true
	return t
}()

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// gunzip expands gzip data (found by its magic bytes, whatever the name says).
func gunzip(b []byte) ([]byte, error) {
	zr, err := NewGzipReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return readLimited(zr, int64(len(b))*4)
}

// DecodeText turns a plain-text file's bytes into UTF-8 text as the loader
// does (see decodeText); problem is the reason, in plain words, when they
// are not text.
func DecodeText(b []byte) (text, problem string) { return decodeText(b, false) }

// decodeText turns a file's bytes into UTF-8 text: UTF-8 (BOM stripped),
// UTF-16 with a BOM, and otherwise Windows-1252, which also reads Latin-1 and
// is what most non-UTF-8 scrapes are (HTML says its own charset in a meta tag,
// so isHTML uses that first). It refuses binary data and empty files, with
// the reason in plain words.
func decodeText(b []byte, isHTML bool) (string, string) {
	if len(b) == 0 {
		return "", "empty file"
	}
	var s string
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		s = string(b[3:])
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}), bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", "not UTF-16 text: " + err.Error()
		}
		if bytes.IndexByte(out, 0) >= 0 {
			return "", "not text: looks binary (NUL characters)"
		}
		s = string(out)
	default:
		if why := binaryReason(b); why != "" {
			return "", why
		}
		if utf8.Valid(b) {
			s = string(b)
			break
		}
		var out []byte
		var err error
		if isHTML {
			enc, _, _ := charset.DetermineEncoding(b, "text/html")
			out, err = enc.NewDecoder().Bytes(b)
		} else {
			out, err = charmap.Windows1252.NewDecoder().Bytes(b)
		}
		if err != nil {
			return "", "not UTF-8 text, and not Windows-1252 either: " + err.Error()
		}
		s = string(out)
	}
	return s, ""
}

// binaryReason says why b looks like binary data rather than text, or "".
// Text never holds NUL bytes (UTF-16 has a BOM and is handled before), and
// only a trace of other C0 controls (form feeds, ANSI colour escapes).
func binaryReason(b []byte) string {
	if bytes.IndexByte(b, 0) >= 0 {
		return "not UTF-8 text: looks binary (NUL bytes)"
	}
	sample := b[:min(len(b), binarySample)]
	ctl := 0
	for _, c := range sample {
		if oddControl[c] {
			ctl++
		}
	}
	if ctl*100 > len(sample)*3 {
		return "not UTF-8 text: looks binary (control bytes)"
	}
	return ""
}

// blankReason is the message for a file that decoded to nothing readable.
func blankReason(b []byte) string {
	if len(bytes.TrimSpace(b)) == 0 {
		if len(b) == 0 {
			return "empty file"
		}
		return "empty file (only whitespace)"
	}
	return "no readable text (only control characters)"
}
