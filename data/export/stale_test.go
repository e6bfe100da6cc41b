package export

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	if alive, known := processAlive(pid); !known || alive {
		t.Skipf("cannot tell process %d is gone (alive %v, known %v)", pid, alive, known)
	}
	return pid
}

// namesIn returns the names in dir, sorted.
func namesIn(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// TestExportCleansStaleTemps: an export removes the temporary files killed
// exports left at its destination — exactly those of its own name and shape
// whose writer is gone — and leaves everything else.
func TestExportCleansStaleTemps(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "annotations.db")
	faultStore(t, dbPath, 3)
	s := openTestStore(t, dbPath)
	dead, me, parent := deadPID(t), os.Getpid(), os.Getppid()
	old := time.Now().Add(-2 * time.Hour)
	beforeMe := processStart.Add(-time.Minute)

	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	files := []struct {
		name  string
		mtime time.Time // zero: now
		goes  bool
	}{
		{fmt.Sprintf(".out.jsonl.%d-123.tmp", dead), time.Time{}, true},    // its writer was killed
		{fmt.Sprintf(".out.jsonl.%d-456.tmp", me), beforeMe, true},         // an earlier process with this id
		{fmt.Sprintf(".out.jsonl.%d-789.tmp", me), time.Time{}, false},     // an export of this process, running
		{fmt.Sprintf(".out.jsonl.%d-1.tmp", parent), time.Time{}, false},   // a running export elsewhere
		{fmt.Sprintf(".out.jsonl.%d-2.tmp", parent), old, true},            // unwritten for two hours
		{".out.jsonl.31337.tmp", old, true},                                // the older form, abandoned
		{".out.jsonl.31338.tmp", time.Time{}, false},                       // the older form, recent
		{fmt.Sprintf(".other.jsonl.%d-1.tmp", dead), time.Time{}, false},   // another export's name
		{fmt.Sprintf("out.jsonl.%d-1.tmp", dead), time.Time{}, false},      // not hidden: not ours
		{fmt.Sprintf(".out.jsonl.%d-x1.tmp", dead), time.Time{}, false},    // not our shape
		{".out.jsonl.tmp", old, false},                                     // not our shape
		{fmt.Sprintf(".out.jsonl.%d-1.tmp.bak", dead), time.Time{}, false}, // not our shape
		{fmt.Sprintf(".x.out.jsonl.%d-1.tmp", dead), time.Time{}, false},   // another name ending the same
		{"notes.txt", old, false},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		if !f.mtime.IsZero() {
			os.Chtimes(p, f.mtime, f.mtime)
		}
	}
	folder := filepath.Join(dir, fmt.Sprintf(".out.jsonl.%d-9.tmp", dead)) // a folder: never removed
	os.Mkdir(folder, 0o755)

	if _, err := Write(ctx, s, Options{Format: FormatJSONL, Out: out}); err != nil {
		t.Fatal(err)
	}
	want := []string{"out.jsonl", filepath.Base(folder)}
	for _, f := range files {
		if !f.goes {
			want = append(want, f.name)
		}
	}
	sort.Strings(want)
	if got := namesIn(t, dir); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after the export:\n got %q\nwant %q", got, want)
	}

	// A directory export is the directory's owner: any temporary file of
	// the shape goes, whatever its name, when its writer is gone.
	bdir := filepath.Join(t.TempDir(), "brat")
	os.MkdirAll(bdir, 0o755)
	for _, name := range []string{
		fmt.Sprintf(".a0001.txt.txt.%d-5.tmp", dead),
		fmt.Sprintf(".annotation.conf.%d-6.tmp", dead),
		fmt.Sprintf(".a0002.txt.ann.%d-7.tmp", parent), // running: stays
		".hidden",
	} {
		os.WriteFile(filepath.Join(bdir, name), []byte("x"), 0o600)
	}
	if _, err := Write(ctx, s, Options{Format: FormatBrat, Out: bdir}); err != nil {
		t.Fatal(err)
	}
	var hidden []string
	for _, n := range namesIn(t, bdir) {
		if n[0] == '.' {
			hidden = append(hidden, n)
		}
	}
	if want := []string{fmt.Sprintf(".a0002.txt.ann.%d-7.tmp", parent), ".hidden"}; fmt.Sprint(hidden) != fmt.Sprint(want) {
		t.Errorf("hidden files after a brat export: %q, want %q", hidden, want)
	}
}

// TestTempOwner pins the name shape cleanStaleTemps accepts.
func TestTempOwner(t *testing.T) {
	for _, c := range []struct {
		file, name string
		pid        int
		ok         bool
	}{
		{".out.jsonl.42-123.tmp", "out.jsonl", 42, true},
		{".out.jsonl.123.tmp", "out.jsonl", 0, true},
		// In a directory export (name ""), only the sinks' kinds of file
		// with our process-id form: another program's dot-files of the same
		// shape stay.
		{".a0001.txt.42-123.tmp", "", 42, true},
		{".a0001.ann.42-123.tmp", "", 42, true},
		{".quotes.csv.42-123.tmp", "", 42, true},
		{".annotation.conf.42-123.tmp", "", 42, true},
		{".out.jsonl.42-123.tmp", "", 0, false},
		{".thesis.docx.2837465.tmp", "", 0, false},
		{".notes.md.99-123.tmp", "", 0, false},
		{".a0001.txt.123.tmp", "", 0, false},
		{".a.b.c.42-1.tmp", "a.b.c", 42, true},
		{".a.b.c.42-1.tmp", "b.c", 0, false},
		{".out.jsonl.-123.tmp", "out.jsonl", 0, false},
		{".out.jsonl.42-.tmp", "out.jsonl", 0, false},
		{".out.jsonl.4a-1.tmp", "out.jsonl", 0, false},
		{".out.jsonl.tmp", "out.jsonl", 0, false},
		{"..42-1.tmp", "", 0, false},
		{".42-1.tmp", "", 0, false},
		{"out.jsonl.42-1.tmp", "out.jsonl", 0, false},
	} {
		pid, ok := tempOwner(c.file, c.name)
		if pid != c.pid || ok != c.ok {
			t.Errorf("tempOwner(%q, %q) = %d, %v; want %d, %v", c.file, c.name, pid, ok, c.pid, c.ok)
		}
	}
	// And the pattern CreateTemp is given makes names of that shape.
	f, err := os.CreateTemp(t.TempDir(), tempPattern("x.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if pid, ok := tempOwner(filepath.Base(f.Name()), "x.jsonl"); !ok || pid != os.Getpid() {
		t.Errorf("%s: pid %d ok %v", filepath.Base(f.Name()), pid, ok)
	}
}
