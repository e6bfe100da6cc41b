package export

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// Output files: each written under a temporary name beside its final one
// and renamed when complete; the temporary files killed exports left
// behind, found and removed; article ids made safe as file names.

// outFile is one output file: a temporary file beside the final name until
// commit renames it, or the caller's stdout.
type outFile struct {
	*bufio.Writer
	f     *os.File // nil for stdout
	final string
}

// createOut opens path for writing ("" or "-": stdout).
func createOut(path string, stdout io.Writer, wrap func(io.Writer) io.Writer) (*outFile, error) {
	if path == "" || path == "-" {
		if stdout == nil {
			stdout = os.Stdout
		}
		return &outFile{Writer: bufio.NewWriterSize(stdout, 64<<10)}, nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, tempPattern(base))
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var w io.Writer = f
	if wrap != nil {
		w = wrap(f)
	}
	return &outFile{Writer: bufio.NewWriterSize(w, 64<<10), f: f, final: path}, nil
}

// commit flushes the file to disk and gives it its final name.
func (o *outFile) commit() error {
	if err := o.Flush(); err != nil {
		o.abort()
		return fmt.Errorf("export %s: %w", o.name(), err)
	}
	if o.f == nil {
		return nil
	}
	tmp := o.f.Name()
	err := o.f.Chmod(0o644) // CreateTemp makes it private
	if err == nil {
		err = o.f.Sync()
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, o.final)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("export %s: %w", o.final, err)
	}
	o.f = nil
	return nil
}

// abort removes the temporary file (stdout cannot be taken back).
func (o *outFile) abort() {
	if o.f != nil {
		o.f.Close()
		os.Remove(o.f.Name())
		o.f = nil
	}
}

func (o *outFile) name() string {
	if o.final == "" {
		return "stdout"
	}
	return o.final
}

// writeFileAtomic writes one small file of a directory export: the bytes go
// to a temporary name that is renamed only once they are all written.
// Unlike outFile.commit it does not fsync: a brat export is two files per
// article, and a sync each would make a large export take minutes.
func writeFileAtomic(dir, name string, parts [][]byte, wrap func(io.Writer) io.Writer) (tmp string, err error) {
	f, err := os.CreateTemp(dir, tempPattern(name))
	if err != nil {
		return "", err
	}
	tmp = f.Name()
	var w io.Writer = f
	if wrap != nil {
		w = wrap(f)
	}
	for _, p := range parts {
		if _, err = w.Write(p); err != nil {
			break
		}
	}
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// tempPattern is the os.CreateTemp pattern of a file being written as name:
// ".NAME.PID-RANDOM.tmp". The leading dot and the .tmp keep a file left by a
// killed export out of every *.jsonl or *.txt glob; the process id lets the
// next export tell a dead writer's file from a running one's.
func tempPattern(name string) string {
	return "." + name + "." + strconv.Itoa(os.Getpid()) + "-*.tmp"
}

// staleTempAge is how long a temporary file may go unwritten before it is
// taken as abandoned whoever wrote it (a process id may have been reused).
const staleTempAge = time.Hour

// processStart tells this process's own temporary files from those of an
// earlier process that had the same id (containers reuse small ids).
var processStart = time.Now()

// cleanStaleTemps removes what killed exports left at this export's
// destination: for a file, the temporary files of that one name beside it;
// for a directory export, the temporary files of the kinds it writes
// (.txt, .ann, .csv, annotation.conf). Only names of exactly tempPattern's shape go, and only when
// their writer is gone: its process no longer exists, or the file has not
// been written for staleTempAge. A running export's files stay. Failures
// are ignored: the export does not depend on it.
func cleanStaleTemps(opts Options, started time.Time) {
	if opts.Out == "" || opts.Out == "-" {
		return
	}
	dir, name := filepath.Split(opts.Out)
	if ToDir(opts.Format) {
		dir, name = opts.Out, ""
	}
	if dir == "" {
		dir = "."
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		pid, ok := tempOwner(e.Name(), name)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		stale := fi.ModTime().Before(started.Add(-staleTempAge))
		switch {
		case pid == os.Getpid():
			stale = stale || fi.ModTime().Before(processStart)
		case pid > 0:
			if alive, known := processAlive(pid); known && !alive {
				stale = true
			}
		}
		if stale {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// tempOwner reports whether file is a temporary file of tempPattern's shape
// (for name, or for any name when name is ""), and the writer's process id
// (0 for the older ".NAME.RANDOM.tmp" form, which had none).
func tempOwner(file, name string) (pid int, ok bool) {
	rest, ok := strings.CutPrefix(file, ".")
	if !ok {
		return 0, false
	}
	if rest, ok = strings.CutSuffix(rest, ".tmp"); !ok {
		return 0, false
	}
	i := strings.LastIndexByte(rest, '.')
	if i <= 0 || (name != "" && rest[:i] != name) {
		return 0, false
	}
	mid := rest[i+1:]
	p, random, hasPid := strings.Cut(mid, "-")
	if !hasPid {
		p, random = "", mid
	}
	if random == "" || !allDigits(random) || (hasPid && (p == "" || !allDigits(p))) {
		return 0, false
	}
	if name == "" && (!hasPid || !dirExportFile(rest[:i])) {
		// In a directory the user chose, a dot-file of another program can
		// have the same shape (os.CreateTemp's): only our sinks' files with
		// our process-id form are ours.
		return 0, false
	}
	if hasPid {
		pid, _ = strconv.Atoi(p)
	}
	return pid, true
}

// dirExportFile reports whether a directory export (brat, csv) writes files
// of this name.
func dirExportFile(name string) bool {
	switch filepath.Ext(name) {
	case ".txt", ".ann", ".csv":
		return true
	}
	return name == "annotation.conf"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// processAlive says whether process pid exists, when the system can say.
func processAlive(pid int) (alive, known bool) {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false, true // Windows: no such process
	}
	switch err := p.Signal(syscall.Signal(0)); {
	case err == nil, errors.Is(err, syscall.EPERM):
		return true, true // EPERM: it exists, under another user
	case errors.Is(err, os.ErrProcessDone), errors.Is(err, syscall.ESRCH):
		return false, true
	}
	return false, false
}

// SafeFileBase turns an article id into a file name that is safe on every
// common file system and unique: ids made only of lower-case ASCII letters,
// digits, '.', '_' and '-' (not starting with '.') keep their name; any
// other id (path separators, "..", upper case — which case-insensitive file
// systems would fold together —, non-ASCII, control characters, NUL, a
// Windows device name) gets its unsafe characters replaced by '_' and a '~'
// and 16 hex digits of the id's SHA-256 appended. A kept name never holds a
// '~', so it cannot collide with a hashed one.
func SafeFileBase(id string) string {
	if plainName(id) {
		return id
	}
	var b strings.Builder
	for _, r := range id {
		if b.Len() >= 80 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := strings.TrimLeft(b.String(), ".")
	h := sha256.Sum256([]byte(id))
	return name + "~" + hex.EncodeToString(h[:8])
}

func plainName(id string) bool {
	if id == "" || len(id) > 100 || id[0] == '.' || !utf8.ValidString(id) {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	stem, _, _ := strings.Cut(id, ".")
	switch stem {
	case "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
		"lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9":
		return false
	}
	return true
}
