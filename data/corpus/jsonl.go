package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// JSON lines.
//
// Open splits a JSONL file into lines with bytes.IndexByte (JSON strings
// cannot hold a raw newline, so every record is one line) and peeks at each
// line's top-level "id" so ids are final, unique and stable from the start;
// Load reads one line back with ReadAt and parses it. Both use the small
// top-level object scanner below rather than encoding/json: it decodes each
// string once, in place, and skips article text with IndexByte, which keeps
// a 100k-line corpus quick to open and to stream.

// lineFunc receives one non-blank line: its byte offset, its bytes (without
// the line break and any trailing '\r'), and its 1-based number.
type lineFunc func(off int64, line []byte, no int)

// scanLines splits r into lines for fn, copying everything read to tee when
// it is not nil (to keep a decompressed .jsonl.gz or a stream). A line longer
// than the limit is passed to long instead, without its bytes; long says
// whether to stop there (a stream whose next line could be endless) or read
// on. With a tee, a line longer than teeLineMem is not held while it is
// read: it is read back from the tee once it ends within the limit, so an
// endless line costs no memory at all.
func scanLines(r io.Reader, tee *spillWriter, fn lineFunc, long func(no int) (stop bool)) error {
	lim := Limit()
	buf := make([]byte, 1<<20)
	var base int64 // file offset of buf[0]
	start, end, no := 0, 0, 0
	skipping := false   // inside an over-long line, looking for its end
	backed := false     // inside a long line kept only in the tee
	var lineStart int64 // where the backed line starts
	eof := false
	emitBacked := func(lineEnd int64) error {
		backed = false
		line, err := tee.readAt(lineStart, lineEnd-lineStart)
		if err != nil {
			return err
		}
		emitLine(fn, lineStart, line, no)
		return nil
	}
	for {
		for {
			k := bytes.IndexByte(buf[start:end], '\n')
			if k < 0 {
				break
			}
			no++
			switch {
			case skipping:
				skipping = false // the over-long line ends here
			case backed:
				if err := emitBacked(base + int64(start+k)); err != nil {
					return err
				}
			default:
				emitLine(fn, base+int64(start), buf[start:start+k], no)
			}
			start += k + 1
		}
		if backed && base+int64(end)-lineStart > lim {
			backed = false
			if long(no + 1) {
				return nil
			}
			skipping = true
		}
		if eof {
			switch {
			case backed:
				no++
				return emitBacked(base + int64(end))
			case !skipping && start < end:
				emitLine(fn, base+int64(start), buf[start:end], no+1)
			}
			return nil
		}
		if skipping || backed {
			base += int64(end)
			start, end = 0, 0
		} else {
			copy(buf, buf[start:end])
			base += int64(start)
			end -= start
			start = 0
			if end == len(buf) {
				switch {
				case int64(len(buf)) > lim:
					if long(no + 1) {
						return nil
					}
					skipping = true
					base += int64(end)
					end = 0
				case tee != nil && len(buf) >= teeLineMem:
					backed, lineStart = true, base
					base += int64(end)
					end = 0
				default:
					// Grow, but never past the limit and a byte (and without
					// append's temporary).
					nb := make([]byte, min(2*int64(len(buf)), lim+1))
					copy(nb, buf[:end])
					buf = nb
				}
			}
		}
		n, err := io.ReadAtLeast(r, buf[end:], 1)
		if n > 0 && tee != nil {
			if _, werr := tee.Write(buf[end : end+n]); werr != nil {
				return werr
			}
		}
		end += n
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			eof = true
		} else if err != nil {
			return err
		}
	}
}

// teeLineMem is the longest line scanLines holds while reading a stream
// it keeps in a tee.
const teeLineMem = 4 << 20

// scanMem is scanLines over bytes already in memory.
func scanMem(b []byte, fn lineFunc) {
	off, no := 0, 0
	for off < len(b) {
		k := bytes.IndexByte(b[off:], '\n')
		if k < 0 {
			k = len(b) - off
		}
		no++
		emitLine(fn, int64(off), b[off:off+k], no)
		off += k + 1
	}
}

func emitLine(fn lineFunc, off int64, line []byte, no int) {
	if no == 1 && bytes.HasPrefix(line, []byte{0xef, 0xbb, 0xbf}) {
		line, off = line[3:], off+3
	}
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if len(bytes.TrimSpace(line)) == 0 {
		return
	}
	fn(off, line, no)
}

// looksJSONL reports whether b (stdin) is JSON lines: its first non-blank
// line is a whole JSON object.
func looksJSONL(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte{0xef, 0xbb, 0xbf})
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	k := bytes.IndexByte(b, '\n')
	if k >= 0 {
		b = b[:k]
	}
	_, err := parseObject(b, nil)
	if err != nil && k < 0 && len(b) >= streamPeek/2 {
		// Only the start of a long first line was looked at: a record cut
		// short there is still JSON lines.
		return strings.Contains(err.Error(), "unexpected end of line")
	}
	return err == nil
}

// jsonValue is one top-level value of a JSON object.
type jsonValue struct {
	raw   []byte // as written; for strings, including the quotes
	isStr bool
}

// text renders a value as one line of text: strings as they are, arrays of
// strings joined with ", " (authors, tags), anything else as compact JSON.
func (v jsonValue) text() string {
	if v.isStr {
		s, _ := unquote(v.raw)
		return s
	}
	var list []string
	if v.raw[0] == '[' && json.Unmarshal(v.raw, &list) == nil {
		return strings.Join(list, ", ")
	}
	if bytes.Equal(v.raw, []byte("null")) {
		return ""
	}
	return compactJSON(v.raw)
}

func compactJSON(raw []byte) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}

// parseObject scans one JSON object and calls fn for each top-level member;
// fn returns false to stop early (then the rest is not checked). A nil fn
// just validates.
func parseObject(b []byte, fn func(key string, v jsonValue) bool) (int, error) {
	s := objScanner{b: b}
	return s.object(fn)
}

type objScanner struct {
	b []byte
	i int
}

func (s *objScanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		default:
			return
		}
	}
}

// fail describes what went wrong at the scanner's position, in words.
func (s *objScanner) fail(want string) error {
	if s.i >= len(s.b) {
		return errors.New("invalid JSON: unexpected end of line")
	}
	r, _ := utf8.DecodeRune(s.b[s.i:])
	col := utf8.RuneCount(s.b[:s.i]) + 1
	return fmt.Errorf("invalid JSON: unexpected %s at column %d, expected %s", strconv.QuoteRune(r), col, want)
}

func (s *objScanner) object(fn func(string, jsonValue) bool) (int, error) {
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		if s.i < len(s.b) && (s.b[s.i] == '[' || s.b[s.i] == '"' || s.b[s.i] == '-' || s.b[s.i] >= '0' && s.b[s.i] <= '9') {
			return 0, errors.New("not a JSON object (each line must be {...})")
		}
		return 0, s.fail("'{'")
	}
	s.i++
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
		return 0, s.end()
	}
	n := 0
	for {
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != '"' {
			return n, s.fail("a quoted field name")
		}
		kraw, err := s.str()
		if err != nil {
			return n, err
		}
		key, err := unquote(kraw)
		if err != nil {
			return n, err
		}
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			return n, s.fail("':'")
		}
		s.i++
		s.ws()
		v, err := s.value()
		if err != nil {
			return n, err
		}
		n++
		if fn != nil && !fn(key, v) {
			return n, nil
		}
		s.ws()
		if s.i >= len(s.b) {
			return n, s.fail("',' or '}'")
		}
		switch s.b[s.i] {
		case ',':
			s.i++
		case '}':
			s.i++
			return n, s.end()
		default:
			return n, s.fail("',' or '}'")
		}
	}
}

// end checks nothing but whitespace follows the object.
func (s *objScanner) end() error {
	s.ws()
	if s.i < len(s.b) {
		return s.fail("the end of the line after the object")
	}
	return nil
}

// str scans a string at s.i (on its opening quote) and returns it raw.
func (s *objScanner) str() ([]byte, error) {
	start := s.i
	j := s.i + 1
	for {
		k := bytes.IndexByte(s.b[j:], '"')
		if k < 0 {
			s.i = len(s.b)
			return nil, errors.New("invalid JSON: unexpected end of line inside a string")
		}
		j += k
		// The quote is escaped when an odd number of backslashes precede it.
		bs := 0
		for p := j - 1; p > start && s.b[p] == '\\'; p-- {
			bs++
		}
		j++
		if bs%2 == 0 {
			break
		}
	}
	s.i = j
	return s.b[start:j], nil
}

func (s *objScanner) value() (jsonValue, error) {
	if s.i >= len(s.b) {
		return jsonValue{}, s.fail("a value")
	}
	start := s.i
	switch c := s.b[s.i]; {
	case c == '"':
		raw, err := s.str()
		return jsonValue{raw: raw, isStr: true}, err
	case c == '{' || c == '[':
		if err := s.skipNested(); err != nil {
			return jsonValue{}, err
		}
	case c == '-' || c >= '0' && c <= '9' || c == 't' || c == 'f' || c == 'n':
		for s.i < len(s.b) && bytes.IndexByte([]byte("+-.0123456789eEtruefalsn"), s.b[s.i]) >= 0 {
			s.i++
		}
	default:
		return jsonValue{}, s.fail("a value")
	}
	raw := s.b[start:s.i]
	if !json.Valid(raw) {
		s.i = start
		return jsonValue{}, s.fail("a valid value")
	}
	return jsonValue{raw: raw}, nil
}

// skipNested skips a nested object or array (validated by the caller).
func (s *objScanner) skipNested() error {
	depth := 0
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '"':
			if _, err := s.str(); err != nil {
				return err
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.i++
				return nil
			}
		}
		s.i++
	}
	return errors.New("invalid JSON: unexpected end of line inside a nested value")
}

// unquote decodes a raw JSON string (with its quotes). Raw control bytes are
// let through (Sanitize deals with them): a scrape with a stray tab in a
// string is still worth reading.
func unquote(raw []byte) (string, error) {
	body := raw[1 : len(raw)-1]
	k := bytes.IndexByte(body, '\\')
	if k < 0 {
		return string(body), nil
	}
	out := make([]byte, 0, len(body))
	for {
		out = append(out, body[:k]...)
		body = body[k:]
		if len(body) < 2 {
			return "", errors.New("invalid JSON: bad escape at the end of a string")
		}
		switch c := body[1]; c {
		case '"', '\\', '/':
			out = append(out, c)
			body = body[2:]
		case 'b':
			out, body = append(out, '\b'), body[2:]
		case 'f':
			out, body = append(out, '\f'), body[2:]
		case 'n':
			out, body = append(out, '\n'), body[2:]
		case 'r':
			out, body = append(out, '\r'), body[2:]
		case 't':
			out, body = append(out, '\t'), body[2:]
		case 'u':
			r, ok := hex4(body[2:])
			if !ok {
				return "", errors.New("invalid JSON: bad \\u escape in a string")
			}
			body = body[6:]
			if utf16.IsSurrogate(r) {
				r2, ok2 := rune(0), false
				if len(body) >= 6 && body[0] == '\\' && body[1] == 'u' {
					r2, ok2 = hex4(body[2:])
				}
				if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
					r = dec
					body = body[6:]
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", fmt.Errorf("invalid JSON: bad escape \\%s in a string", strconv.QuoteRuneToASCII(rune(c)))
		}
		k = bytes.IndexByte(body, '\\')
		if k < 0 {
			out = append(out, body...)
			return string(out), nil
		}
	}
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[:4]), 16, 32)
	return rune(v), err == nil
}

// peekID returns a line's top-level "id" as text, or "" when it has none or
// the line is not valid JSON as far as the scan went (Load reports that).
func peekID(line []byte) string {
	id := ""
	parseObject(line, func(key string, v jsonValue) bool {
		if key == "id" {
			id = v.text()
			return false
		}
		return true
	})
	return id
}

// record is what one JSONL line says about its article.
type record struct {
	text                                      string
	title, url, source, date, byline, summary string
	meta                                      map[string]string
}

// textKeys name the article text field, in order of preference.
var textKeys = [...]string{"text", "content", "body"}

// parseRecord reads one JSONL line. The reason it returns, when it cannot,
// is written for a user ("invalid JSON: ...", "no text, content or body
// field").
func parseRecord(line []byte) (record, string) {
	var rec record
	var texts [len(textKeys)]struct {
		key string
		v   *jsonValue
	}
	setMeta := func(key, val string) {
		if val == "" {
			return // null or "": nothing to show
		}
		if rec.meta == nil {
			rec.meta = make(map[string]string)
		}
		rec.meta[key] = val
	}
	// set fills a known field the first time one of its names is seen.
	set := func(dst *string, v jsonValue) bool {
		if *dst != "" {
			return false
		}
		*dst = v.text()
		return true
	}
	notString := "" // a text field that is not a string, for the message
	_, err := parseObject(line, func(key string, v jsonValue) bool {
		taken := false
		switch k := strings.ToLower(key); k {
		case "text", "content", "body":
			if !v.isStr && notString == "" {
				notString = key
			}
			for i, tk := range textKeys {
				if k == tk && texts[i].v == nil && v.isStr {
					vv := v
					texts[i].key, texts[i].v = key, &vv
					taken = true
				}
			}
		case "id":
			taken = true // already the item's id
		case "title", "headline":
			taken = set(&rec.title, v)
		case "url", "link":
			taken = set(&rec.url, v)
		case "source", "outlet", "publisher", "site", "site_name", "sitename":
			taken = set(&rec.source, v)
		case "date", "published", "published_at", "publish_date", "pubdate":
			taken = set(&rec.date, v)
		case "author", "authors", "byline":
			taken = set(&rec.byline, v)
		case "summary", "description", "standfirst":
			taken = set(&rec.summary, v)
		}
		if !taken {
			setMeta(key, v.text())
		}
		return true
	})
	if err != nil {
		return rec, err.Error()
	}
	chosen := false
	for _, t := range texts {
		switch {
		case t.v == nil:
		case !chosen:
			s, err := unquote(t.v.raw)
			if err != nil {
				return rec, err.Error()
			}
			rec.text, chosen = s, true
		default:
			setMeta(t.key, t.v.text()) // a second text field is kept, not lost
		}
	}
	if !chosen && notString != "" {
		return rec, fmt.Sprintf("the %q field is not a string", notString)
	}
	if !chosen {
		return rec, "no text, content or body field"
	}
	return rec, ""
}
