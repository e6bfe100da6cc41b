package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// maxArrayBytes bounds a file that is one JSON array, read whole (JSON
// lines stream; an array's records are only found by parsing it).
const maxArrayBytes = 1 << 30

// firstByte is the first byte after a BOM and white space, without
// consuming anything (0 when there is none within the buffer).
func firstByte(br *bufio.Reader) byte {
	// A byte at a time: peeking a large block would read ahead of what the
	// import has reached (and of a cancel).
	for n := 1; n <= 4096; n++ {
		b, err := br.Peek(n)
		if len(b) < n || err != nil {
			return 0
		}
		b = bytes.TrimPrefix(b, []byte("\uFEFF"))
		b = bytes.TrimLeft(b, " \t\r\n")
		if len(b) > 0 && !(n <= 3 && bytes.HasPrefix([]byte("\uFEFF"), b)) {
			return b[0]
		}
	}
	return 0
}

// firstLineIsRecord tells JSON lines of spaCy pairs (["text", {…}] on each
// line) from one array of records: the first line alone is a whole JSON
// array whose first element is a string.
func firstLineIsRecord(data []byte) bool {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	line, _, _ := bytes.Cut(data, []byte("\n"))
	var items []json.RawMessage
	if json.Unmarshal(line, &items) != nil || len(items) == 0 {
		return false
	}
	var s string
	return json.Unmarshal(items[0], &s) == nil
}

// eachArrayRecord calls record with each element of the JSON array in data
// and the line it starts on. A syntax error ends the walk (nothing after it
// can be found again): it is reported as the problem of its line.
func eachArrayRecord(data []byte, record func(no int, raw []byte, tooLong bool) error, problem func(no int, msg string)) error {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	dec := json.NewDecoder(bytes.NewReader(data))
	lineAt := lineCounter(data)
	if _, err := dec.Token(); err != nil { // the opening [
		problem(1, importJSONProblem(err))
		return nil
	}
	for dec.More() {
		off := int(dec.InputOffset())
		// The decoder stops before the comma and white space ahead of the
		// next element: the element's line is where its first byte is.
		for off < len(data) && (data[off] == ',' || data[off] == ' ' || data[off] == '\t' || data[off] == '\r' || data[off] == '\n') {
			off++
		}
		no := lineAt(off)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				no = lineAt(int(se.Offset))
			}
			problem(no, fmt.Sprintf("%s; the rest of the file was not read", importJSONProblem(err)))
			return nil
		}
		if err := record(no, raw, false); err != nil {
			return err
		}
	}
	return nil
}

// lineCounter returns the 1-based line of a byte offset; offsets must come
// in increasing order (it counts on from the last one).
func lineCounter(data []byte) func(off int) int {
	line, at := 1, 0
	return func(off int) int {
		off = min(off, len(data))
		if off < at {
			return line
		}
		line += bytes.Count(data[at:off], []byte("\n"))
		at = off
		return line
	}
}
