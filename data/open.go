package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/text/encoding/unicode"

	"storydesk/model"
)

// maxDepth stops a walk down absurdly nested folders (a backstop: symbolic
// link loops are caught by real path).
const maxDepth = 100

// spillAt is how much of a decompressed .jsonl.gz is kept in memory; past it
// the rest goes to an unlinked temporary file read back with ReadAt, so a
// large compressed corpus costs disk cache, not heap.
var spillAt = 64 << 20 // a variable so tests can make it spill

// keepBodiesUpTo is the largest in-memory input (stdin, a pipe) whose bodies
// Stream keeps.
const keepBodiesUpTo = 32 << 20

// opener finds the items of one Corpus.
type opener struct {
	c        *Corpus
	fsys     fs.FS           // nil: the OS file system, names are absolute paths
	seenDir  map[string]bool // real paths of the folders walked
	seenFile map[string]bool // files already added; nil when inputs cannot overlap
}

// input is one command-line argument (or glob match) to read.
type input struct {
	stdin   bool
	name    string // absolute path
	display string // as typed
	info    fs.FileInfo
}

func openArgs(args []string, stdin io.Reader) (*Corpus, error) {
	if len(args) == 0 {
		return nil, errors.New("no files given")
	}
	c := &Corpus{}
	o := &opener{c: c, seenDir: map[string]bool{}}
	var inputs []input
	sawStdin := false
	for _, a := range args {
		if a == "-" {
			if !sawStdin {
				inputs = append(inputs, input{stdin: true})
			}
			sawStdin = true
			continue
		}
		inputs = append(inputs, o.resolve(a)...)
	}
	c.Root = commonRoot(inputs)
	if len(inputs) > 1 {
		o.seenFile = map[string]bool{}
	}
	for _, in := range inputs {
		switch {
		case in.stdin:
			if stdin == nil {
				o.problem("stdin", 0, "nothing to read from standard input")
				continue
			}
			data, err := io.ReadAll(stdin)
			if err != nil {
				o.problem("stdin", 0, describe(err))
				continue
			}
			o.addMem("stdin", "stdin", data)
		case in.info.IsDir():
			real, err := filepath.EvalSymlinks(in.name)
			if err != nil {
				o.problem(in.display, 0, describe(err))
				continue
			}
			o.walk(in.name, in.display, real, 0)
		case in.info.Mode().IsRegular():
			o.addFile(in.name, in.display, true)
		default:
			// A pipe or device named on the command line (such as <(zcat
			// x.gz)) can be read only once: read it now, like stdin.
			data, err := readNamed(in.name)
			if err != nil {
				o.problem(in.display, 0, describe(err))
				continue
			}
			o.addMem(in.display, o.id(in.name), data)
		}
	}
	c.Label = model.SanitizeLine(label(args, inputs))
	return c, o.finish(args)
}

func openFS(fsys fs.FS, label string) (*Corpus, error) {
	c := &Corpus{Label: model.SanitizeLine(label)}
	o := &opener{c: c, fsys: fsys, seenDir: map[string]bool{}}
	o.walk(".", ".", ".", 0)
	return c, o.finish([]string{label})
}

// resolve turns an argument into inputs: the path itself, or, when no such
// path exists and it looks like a pattern, its glob matches.
func (o *opener) resolve(a string) []input {
	info, err := os.Stat(a)
	if err == nil {
		return []input{{name: absPath(a), display: a, info: info}}
	}
	if !errors.Is(err, fs.ErrNotExist) || !strings.ContainsAny(a, "*?[") {
		o.problem(a, 0, describe(err))
		return nil
	}
	matches, gerr := filepath.Glob(a)
	if gerr != nil {
		o.problem(a, 0, "not a valid pattern: "+gerr.Error())
		return nil
	}
	if len(matches) == 0 {
		o.problem(a, 0, "no such file or directory, and no files match the pattern")
		return nil
	}
	var ins []input
	for _, m := range matches {
		info, err := os.Stat(m)
		if err != nil {
			o.problem(m, 0, describe(err))
			continue
		}
		ins = append(ins, input{name: absPath(m), display: m, info: info})
	}
	return ins
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// commonRoot is the folder ids are relative to: a folder input itself, a
// file's folder, and the deepest common parent of several.
func commonRoot(inputs []input) string {
	root := ""
	for _, in := range inputs {
		if in.stdin {
			continue
		}
		dir := in.name
		if !in.info.IsDir() {
			dir = filepath.Dir(dir)
		}
		if root == "" {
			root = dir
			continue
		}
		for !within(dir, root) {
			parent := filepath.Dir(root)
			if parent == root {
				break
			}
			root = parent
		}
	}
	return root
}

// within reports whether name is dir or inside it.
func within(name, dir string) bool {
	if !strings.HasPrefix(name, dir) {
		return false
	}
	return len(name) == len(dir) || name[len(dir)] == filepath.Separator || strings.HasSuffix(dir, string(filepath.Separator))
}

func label(args []string, inputs []input) string {
	if len(args) > 1 {
		return fmt.Sprintf("%s +%d more", args[0], len(args)-1)
	}
	if args[0] == "-" {
		return "stdin"
	}
	if len(inputs) == 1 && inputs[0].display == args[0] {
		return filepath.Base(inputs[0].name)
	}
	return args[0] // a glob
}

// walk adds every supported file under the folder name (display is how the
// user sees it, real its path with links resolved). Hidden files and folders
// (.git, .storydesk) are skipped; links are followed once each, and a link
// back into the folders being walked is reported as a loop.
func (o *opener) walk(name, display, real string, depth int) {
	if o.seenDir[real] {
		return // reached again through a link: already read
	}
	o.seenDir[real] = true
	if depth > maxDepth {
		o.problem(display, 0, "folders nested too deeply: skipped")
		return
	}
	ents, err := o.readDir(name)
	if err != nil {
		o.problem(display, 0, describe(err))
	}
	for _, e := range ents {
		base := e.Name()
		if strings.HasPrefix(base, ".") {
			continue
		}
		child, cdisp := o.join(name, base), o.join(display, base)
		t := e.Type()
		if t&fs.ModeSymlink != 0 {
			info, err := o.stat(child)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					o.problem(cdisp, 0, "broken symbolic link (its target does not exist)")
				} else {
					o.problem(cdisp, 0, describe(err))
				}
				continue
			}
			if info.IsDir() {
				if o.fsys != nil {
					o.problem(cdisp, 0, "symbolic link to a folder: not followed")
					continue
				}
				target, err := filepath.EvalSymlinks(child)
				if err != nil {
					o.problem(cdisp, 0, describe(err))
					continue
				}
				if within(real, target) {
					o.problem(cdisp, 0, "symbolic link loop (it leads back to a folder being read): skipped")
					continue
				}
				o.walk(child, cdisp, target, depth+1)
				continue
			}
			t = info.Mode().Type()
		}
		switch {
		case t.IsDir():
			o.walk(child, cdisp, o.join(real, base), depth+1)
		case t.IsRegular():
			o.addFile(child, cdisp, false)
		default:
			// Sockets, devices and pipes inside folders are not articles
			// (and opening a pipe would wait forever); one named like an
			// article is reported, so no skip goes unexplained.
			if format, _, _ := classify(base); format != "" {
				o.problem(cdisp, 0, "not a regular file (a pipe, socket or device): skipped")
			}
		}
	}
}

func (o *opener) readDir(name string) ([]fs.DirEntry, error) {
	if o.fsys != nil {
		return fs.ReadDir(o.fsys, name)
	}
	return os.ReadDir(name)
}

func (o *opener) stat(name string) (fs.FileInfo, error) {
	if o.fsys != nil {
		return fs.Stat(o.fsys, name)
	}
	return os.Stat(name)
}

func (o *opener) join(dir, elem string) string {
	if o.fsys != nil {
		return path.Join(dir, elem)
	}
	return filepath.Join(dir, elem)
}

// id is a file's id: its slash-separated path relative to the root.
func (o *opener) id(name string) string {
	rel := name
	if o.fsys == nil {
		root := o.c.Root
		if within(name, root) {
			rel = strings.TrimLeft(name[len(root):], string(filepath.Separator))
		} else if r, err := filepath.Rel(root, name); err == nil {
			rel = r
		}
		rel = filepath.ToSlash(rel)
	}
	rel = model.SanitizeLine(rel)
	if rel == "" || rel == "." {
		rel = "unnamed"
	}
	return rel
}

// classify reads a file name: the format its extension gives ("" for an
// unsupported one), the extension, and whether the format is only a guess
// (no extension: read as text, or as HTML if it turns out to be a page).
func classify(base string) (format, ext string, guessed bool) {
	lower := strings.ToLower(base)
	lower = strings.TrimSuffix(lower, ".gz")
	ext = filepath.Ext(lower)
	if !plausibleExt(ext) {
		ext = ""
	}
	switch ext {
	case ".txt", ".text":
		return "txt", ext, false
	case ".md", ".markdown":
		return "md", ext, false
	case ".html", ".htm":
		return "html", ext, false
	case ".jsonl", ".ndjson":
		return "jsonl", ext, false
	case "":
		return "txt", "", true
	}
	return "", ext, false
}

// plausibleExt tells a real extension from a dot inside a name ("Mr. Smith").
func plausibleExt(ext string) bool {
	if len(ext) < 2 || len(ext) > 11 {
		return false
	}
	for _, c := range ext[1:] {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// addFile adds a file found in a folder, or named explicitly (then it is
// tried whatever its extension says).
func (o *opener) addFile(name, display string, explicit bool) {
	format, ext, guessed := classify(filepath.Base(name))
	display = model.SanitizeLine(display)
	if format == "" {
		if !explicit {
			o.problem(display, 0, "unsupported file type "+model.SanitizeLine(ext))
			return
		}
		format, guessed = "txt", true
	}
	if o.seenFile != nil {
		if o.seenFile[name] {
			return
		}
		o.seenFile[name] = true
	}
	src := &source{fsys: o.fsys, name: name, display: display, guessed: guessed, inMem: o.fsys != nil}
	id := o.id(name)
	if format == "jsonl" {
		o.addJSONL(src, id)
		return
	}
	o.c.Items = append(o.c.Items, Item{ID: shareTail(display, id), Path: display, Format: format, ref: ref{src: src}})
}

// shareTail returns id as the tail of display when it is one, so the two
// strings share memory (100k items, one allocation fewer each).
func shareTail(display, id string) string {
	if strings.HasSuffix(display, id) {
		return display[len(display)-len(id):]
	}
	return id
}

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
		o.problem(src.display, 0, describe(err))
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
			o.problem(src.display, 0, "could not read to the end: "+describe(err))
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
			o.problem(src.display, 0, "could not read to the end: "+describe(err))
		}
	default:
		if err := scanLines(r, nil, add, o.longLine(src)); err != nil {
			o.problem(src.display, 0, "could not read to the end: "+describe(err))
		}
	}
}

// lineAdder makes the item for each line: its id is the line's "id" field
// when it has one, else "relpath:LINE"; its path is "path:LINE".
func (o *opener) lineAdder(src *source, fileID string) lineFunc {
	return func(off int64, line []byte, no int) {
		if len(line) > maxArticleBytes {
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
		o.problem(src.display, no, fmt.Sprintf("line longer than %d MB: skipped", maxArticleBytes>>20))
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

func (o *opener) problem(display string, line int, reason string) {
	o.c.Problems = append(o.c.Problems, Problem{Path: model.SanitizeLine(display), Line: line, Reason: reason})
}

// finish makes ids unique (the first keeps its id, later ones get "#2",
// "#3", ... in corpus order, so the result is the same every run) and fails
// when nothing at all was found.
func (o *opener) finish(args []string) error {
	c := o.c
	seen := make(map[string]struct{}, len(c.Items))
	for i := range c.Items {
		id := c.Items[i].ID
		if _, dup := seen[id]; dup {
			for k := 2; ; k++ {
				cand := id + "#" + strconv.Itoa(k)
				if _, taken := seen[cand]; !taken {
					id = cand
					break
				}
			}
			c.Items[i].ID = id
		}
		seen[id] = struct{}{}
	}
	if len(c.Items) > 0 {
		return nil
	}
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = strconv.Quote(model.SanitizeLine(a))
	}
	msg := "no articles found in " + strings.Join(quoted, ", ")
	switch len(c.Problems) {
	case 0:
	case 1:
		msg += ": " + c.Problems[0].String()
	default:
		msg += fmt.Sprintf(": %s (and %d more problems)", c.Problems[0], len(c.Problems)-1)
	}
	return errors.New(msg)
}

// describe says what an I/O error means, in plain words and without the
// path (problems name the file themselves).
func describe(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, syscall.ELOOP):
		return "symbolic link loop"
	case errors.Is(err, syscall.EISDIR):
		return "is a directory"
	}
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	if strings.Contains(msg, "too many links") { // filepath.EvalSymlinks on a loop
		return "symbolic link loop"
	}
	return msg
}
