package corpus

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"storydesk/model"
)

// maxDepth stops a walk down absurdly nested folders (a backstop: symbolic
// link loops are caught by real path).
const maxDepth = 100

// spillAt is how much of a decompressed .jsonl.gz is kept in memory; past it
// the rest goes to an unlinked temporary file read back with ReadAt, so a
// large compressed corpus costs disk cache, not heap.
var spillAt = 16 << 20 // a variable so tests can make it spill

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
			o.addStream("stdin", "stdin", stdin)
		case in.info.IsDir():
			real, err := filepath.EvalSymlinks(in.name)
			if err != nil {
				o.problem(in.display, 0, Describe(err))
				continue
			}
			o.walk(in.name, in.display, real, 0)
		case in.info.Mode().IsRegular():
			o.addFile(in.name, in.display, true)
		default:
			// A pipe or device named on the command line (such as <(zcat
			// x.gz)) can be read only once: read it now, like stdin.
			f, err := os.Open(in.name)
			if err != nil {
				o.problem(in.display, 0, Describe(err))
				continue
			}
			o.addStream(model.SanitizeLine(in.display), o.id(in.name), f)
			f.Close()
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
		o.problem(a, 0, Describe(err))
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
			o.problem(m, 0, Describe(err))
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

// Describe says what an I/O error means, in plain words and without the
// path (problems name the file themselves).
func Describe(err error) string {
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
