package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"

	"golang.org/x/text/encoding/unicode"

	"storydesk/model"
)

// Inputs read at open: a JSONL file scanned for its lines, and what is
// read whole at once (stdin, a named pipe).

// addJSONL scans a JSONL file for its lines. A plain file is read in chunks
// and only offsets are kept; a gzipped one is decompressed once, into memory
// up to spillAt and into an unlinked temporary file beyond; UTF-16 and files
// from an fs.FS are held in memory.
func (o *opener) addJSONL(src *source, id string) {
	var f io.ReadCloser
	var err error
	if src.fsys != nil {
		f, err = src.fsys.Open(src.name)
	} else {
		f, err = os.Open(src.name)
	}
	if err != nil {
		o.problem(src.display, 0, Describe(err))
		return
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	head, _ := br.Peek(2)
	var r io.Reader = br
	gz := isGzip(head)
	if gz {
		zr, err := NewGzipReader(br)
		if err != nil {
			o.problem(src.display, 0, err.Error())
			return
		}
		zbr := bufio.NewReaderSize(zr, 64<<10)
		head, _ = zbr.Peek(2)
		r = zbr
	}
	utf16 := bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff})
	add := o.lineAdder(src, id)
	switch {
	case utf16 || src.fsys != nil:
		data, err := readLimited(r, 0)
		if err != nil {
			o.problem(src.display, 0, "could not read to the end: "+Describe(err))
			return
		}
		if utf16 {
			if data, err = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err != nil {
				o.problem(src.display, 0, "not UTF-16 text: "+err.Error())
				return
			}
		}
		src.mem = data
		scanMem(data, add)
	case gz:
		// What a .gz expands to may be endless: an over-long line ends it.
		o.scanStream(src, r, add)
	default:
		if err := scanLines(r, nil, add, o.longLine(src)); err != nil {
			o.problem(src.display, 0, "could not read to the end: "+Describe(err))
		}
	}
}

// scanStream reads JSON lines from a stream that may be endless (a .gz, stdin,
// a pipe) into memory up to spillAt and into an unlinked temporary file
// beyond; a line over the limit ends the reading, as a decompression bomb's
// or /dev/zero's first line would never end.
func (o *opener) scanStream(src *source, r io.Reader, add lineFunc) {
	var sp spillWriter
	err := scanLines(r, &sp, add, o.longStop(src))
	src.mem, src.spill = sp.mem, sp.f
	if errors.Is(err, ErrTooLarge) {
		// A bomb: none of its lines is worth a row.
		o.c.Items = slices.DeleteFunc(o.c.Items, func(it Item) bool { return it.ref.src == src })
		if sp.f != nil {
			sp.f.Close()
		}
		src.mem, src.spill = nil, nil
		o.problem(src.display, 0, err.Error())
		return
	}
	if err != nil {
		o.problem(src.display, 0, "could not read to the end: "+Describe(err))
	}
}

// lineAdder makes the item for each line: its id is the line's "id" field
// when it has one, else "relpath:LINE"; its path is "path:LINE".
func (o *opener) lineAdder(src *source, fileID string) lineFunc {
	return func(off int64, line []byte, no int) {
		if int64(len(line)) > Limit() {
			o.longLine(src)(no)
			return
		}
		n := strconv.Itoa(no)
		p := src.display + ":" + n
		id := model.SanitizeLine(peekID(line))
		if id == "" {
			id = fileID + ":" + n
			id = shareTail(p, id)
		}
		o.c.Items = append(o.c.Items, Item{ID: id, Path: p, Format: "jsonl",
			ref: ref{src: src, off: off, n: int32(len(line)), line: int32(no)}})
	}
}

func (o *opener) longLine(src *source) func(int) bool {
	return func(no int) bool {
		o.problem(src.display, no, fmt.Sprintf("line longer than %d MB (the limit for one article): skipped", LimitMB()))
		return false
	}
}

func (o *opener) longStop(src *source) func(int) bool {
	return func(no int) bool {
		o.problem(src.display, no, fmt.Sprintf("line longer than %d MB (the limit for one article): the rest of this compressed or piped input was not read", LimitMB()))
		return true
	}
}

// spillWriter keeps what is written in memory up to spillAt bytes, then in
// an unlinked temporary file.
type spillWriter struct {
	mem []byte
	f   *os.File
}

// readAt returns n bytes written at off.
func (s *spillWriter) readAt(off, n int64) ([]byte, error) {
	if s.f == nil {
		return s.mem[off : off+n], nil
	}
	b := make([]byte, n)
	if _, err := s.f.ReadAt(b, off); err != nil {
		return nil, err
	}
	return b, nil
}

func (s *spillWriter) Write(p []byte) (int, error) {
	if s.f == nil && len(s.mem)+len(p) <= spillAt {
		s.mem = append(s.mem, p...)
		return len(p), nil
	}
	if s.f == nil {
		f, err := os.CreateTemp("", "storydesk-*.jsonl")
		if err != nil {
			return 0, err
		}
		// Unlinked at once: the open file lives until the process ends and
		// nothing is left behind. (Windows refuses; the file then stays in
		// the temp folder.)
		os.Remove(f.Name())
		if _, err := f.Write(s.mem); err != nil {
			return 0, err
		}
		s.f, s.mem = f, nil
	}
	return s.f.Write(p)
}

// addStream adds input read once as it comes (stdin, a pipe or device named
// on the command line): JSON lines if its first line is a JSON object, read
// line by line like a .jsonl.gz; else one article, read up to the limit. Its
// first bytes are looked at before anything is held: binary data
// (/dev/zero, /dev/urandom) is refused at once.
func (o *opener) addStream(display, id string, in io.Reader) {
	br := bufio.NewReaderSize(in, streamPeek)
	var r io.Reader = br
	if head, _ := br.Peek(2); isGzip(head) {
		zr, err := NewGzipReader(br)
		if err != nil {
			o.problem(display, 0, err.Error())
			return
		}
		br = bufio.NewReaderSize(zr, streamPeek)
		r = br
	}
	src := &source{name: display, display: display, guessed: true}
	head, _ := br.Peek(binarySample)
	if isGzip(head) || bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		// Gzip twice, or UTF-16: read whole (up to the limit) and decode.
		data, err := readLimited(r, 0)
		if err != nil {
			o.problem(display, 0, Describe(err))
			return
		}
		if isGzip(data) {
			if data, err = gunzip(data); err != nil {
				o.problem(display, 0, Describe(err))
				return
			}
		}
		o.addMem(src, id, data)
		return
	}
	if why := binaryReason(head); why != "" {
		o.problem(display, 0, why)
		return
	}
	first, err := firstLine(br)
	if err != nil {
		o.problem(display, 0, Describe(err))
		return
	}
	if looksJSONL(first) {
		o.scanStream(src, br, o.lineAdder(src, id))
		src.inMem = src.spill == nil && len(src.mem) <= keepBodiesUpTo
		return
	}
	data, err := readLimited(br, 0)
	if err != nil {
		o.problem(display, 0, Describe(err))
		return
	}
	o.addMem(src, id, data)
}

// streamPeek is how much of a stream is looked at to tell JSON lines from
// one article.
const streamPeek = 1 << 20

// firstLine peeks at a stream's start (for looksJSONL) without consuming it.
func firstLine(br *bufio.Reader) ([]byte, error) {
	head, err := br.Peek(streamPeek)
	if err != nil && err != io.EOF {
		return nil, err
	}
	return head, nil
}

// addMem adds input held whole in memory (a stream that is not JSON lines,
// or UTF-16): JSON lines if it looks like them, else one article whose
// format is sniffed.
func (o *opener) addMem(src *source, id string, data []byte) {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		if out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			data = out
		}
	}
	// Stream keeps the bodies of what is in memory anyway, but a large piped
	// JSONL corpus would double in memory that way: it is streamed like a file.
	src.mem, src.inMem = data, len(data) <= keepBodiesUpTo
	if looksJSONL(data) {
		scanMem(data, o.lineAdder(src, id))
		return
	}
	format := "txt"
	if looksHTML(data) {
		format = "html"
	}
	o.c.Items = append(o.c.Items, Item{ID: id, Path: src.display, Format: format, ref: ref{src: src}})
}

// looksHTML reports whether text starts like a web page.
func looksHTML(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte{0xef, 0xbb, 0xbf})
	b = bytes.TrimLeft(b[:min(len(b), 1024)], " \t\r\n")
	for bytes.HasPrefix(b, []byte("<!--")) {
		k := bytes.Index(b, []byte("-->"))
		if k < 0 {
			return false
		}
		b = bytes.TrimLeft(b[k+3:], " \t\r\n")
	}
	b = bytes.ToLower(b[:min(len(b), 15)])
	return bytes.HasPrefix(b, []byte("<!doctype html")) || bytes.HasPrefix(b, []byte("<html")) || bytes.HasPrefix(b, []byte("<head"))
}
