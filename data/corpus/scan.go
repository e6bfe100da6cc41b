package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
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
		zr, err := gzip.NewReader(br)
		if err != nil {
			o.problem(src.display, 0, "not valid gzip data: "+err.Error())
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
		data, err := io.ReadAll(r)
		if err != nil {
			o.problem(src.display, 0, "could not read to the end: "+Describe(err))
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
		var sp spillWriter
		err := scanLines(r, &sp, add, o.longLine(src))
		src.mem, src.spill = sp.mem, sp.f
		if err != nil {
			o.problem(src.display, 0, "could not read to the end: "+Describe(err))
		}
	default:
		if err := scanLines(r, nil, add, o.longLine(src)); err != nil {
			o.problem(src.display, 0, "could not read to the end: "+Describe(err))
		}
	}
}

// lineAdder makes the item for each line: its id is the line's "id" field
// when it has one, else "relpath:LINE"; its path is "path:LINE".
func (o *opener) lineAdder(src *source, fileID string) lineFunc {
	return func(off int64, line []byte, no int) {
		if len(line) > MaxArticleBytes {
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

func (o *opener) longLine(src *source) func(int) {
	return func(no int) {
		o.problem(src.display, no, fmt.Sprintf("line longer than %d MB: skipped", MaxArticleBytes>>20))
	}
}

// spillWriter keeps what is written in memory up to spillAt bytes, then in
// an unlinked temporary file.
type spillWriter struct {
	mem []byte
	f   *os.File
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

// addMem adds input that is read whole at once (stdin, a named pipe): JSON
// lines if it looks like them, else one article whose format is sniffed.
func (o *opener) addMem(display, id string, data []byte) {
	if isGzip(data) {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err == nil {
			data, err = io.ReadAll(zr)
		}
		if err != nil {
			o.problem(display, 0, "not valid gzip data: "+err.Error())
			return
		}
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		if out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			data = out
		}
	}
	// Stream keeps the bodies of what is in memory anyway, but a large piped
	// JSONL corpus would double in memory that way: it is streamed like a file.
	src := &source{name: display, display: display, mem: data, inMem: len(data) <= keepBodiesUpTo, guessed: true}
	if looksJSONL(data) {
		scanMem(data, o.lineAdder(src, id))
		return
	}
	format := "txt"
	if looksHTML(data) {
		format = "html"
	}
	o.c.Items = append(o.c.Items, Item{ID: id, Path: display, Format: format, ref: ref{src: src}})
}

// readNamed reads a pipe or device named on the command line.
func readNamed(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
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
