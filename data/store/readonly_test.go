//go:build linux

package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"storydesk/data/corpus"
	"storydesk/model"
)

// roResult is what TestStoreReadOnlyProcess saw.
type roResult struct {
	Stage    string // "open", "read", "export", "write" (where it failed) or "saved"
	Err      string
	ReadOnly bool   // errors.Is(err, ErrStoreReadOnly)
	Opened   string // the store's ReadOnly() once open: why it opened read-only
	Statuses int    // articles the store listed
	Exported int    // articles EachDoc walked
	Default  string // DefaultPath of the corpus the store is in
}

// TestStoreReadOnlyProcess is not a test on its own: TestStoreReadOnly runs
// the test binary again with STORYDESK_RO_DB set (as an unprivileged user
// when the tests run as root, whom permissions do not stop), and this
// function opens the store, reads and exports it, and tries to save one
// action.
func TestStoreReadOnlyProcess(t *testing.T) {
	path := os.Getenv("STORYDESK_RO_DB")
	if path == "" {
		t.Skip("helper process for TestStoreReadOnly")
	}
	var r roResult
	say := func(stage string, err error) {
		r.Stage = stage
		if err != nil {
			r.Err, r.ReadOnly = err.Error(), errors.Is(err, ErrReadOnly)
		}
		json.NewEncoder(os.Stdout).Encode(r)
		os.Exit(0)
	}
	r.Default = DefaultPath(&corpus.Corpus{Root: filepath.Dir(filepath.Dir(path))})
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		say("open", err)
	}
	if ro := s.ReadOnly(); ro != nil {
		r.Opened = ro.Error()
	}
	st, err := s.Statuses(ctx)
	if err != nil {
		say("read", err)
	}
	r.Statuses = len(st)
	if err := s.EachDoc(ctx, DocFilter{}, func(*ExportDoc) error { r.Exported++; return nil }); err != nil {
		say("export", err)
	}
	text := faultText(42)
	a := &model.Article{ID: "ro.txt", Text: text}
	if _, err := s.Do(ctx, tag(a, spanOf(t, text, "Ilse Varga", "PERSON"))); err != nil {
		say("write", err)
	}
	say("saved", nil)
}

// TestStoreReadOnly makes the store's file, its folder, or both read-only,
// for a store closed cleanly and for one whose last saves are still in its
// journal (the -wal beside it, as a killed storydesk leaves it). The store
// opens read-only, says so naming the file, lists and exports every
// article (the journal's too), and refuses the write with a read-only
// error naming the file; nothing is reported saved and the files are
// unchanged. (A store whose files can be written works even in a read-only
// folder.) A journal that cannot be read (no -shm beside it, and a
// folder where it cannot be made) is refused at open, saying what to do.
func TestStoreReadOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process; skipped with -short")
	}
	asRoot := os.Geteuid() == 0
	const n, more = 3, 2
	for _, c := range []struct {
		name      string
		file, dir bool
		journal   string // "": closed cleanly; "shm": -wal and -shm left; "wal": only -wal
		wantStage string
		want      string // in the error
	}{
		{"file", true, false, "", "write", "the file cannot be written"},
		{"folder", false, true, "", "write", "its folder cannot be written"},
		{"both", true, true, "", "write", "its folder cannot be written"},
		{"file-journal", true, false, "shm", "write", "read-only"},
		{"both-journal", true, true, "shm", "write", "read-only"},
		// Its files writable, only the folder not: SQLite writes into the
		// journal that is already there, and the store works.
		{"folder-journal", false, true, "shm", "saved", ""},
		{"folder-journal-noshm", false, true, "wal", "open", "holds saves"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "corpus", ".storydesk")
			path := filepath.Join(dir, "annotations.db")
			faultStore(t, path, n)
			want := n
			if c.journal != "" {
				journalStore(t, path, more, c.journal == "shm")
				want += more
			}
			files := storeFiles(t, path)
			bin := os.Args[0]
			if asRoot {
				// The unprivileged user must reach the folder and the binary.
				for _, d := range []string{filepath.Dir(root), root, filepath.Join(root, "corpus")} {
					os.Chmod(d, 0o755)
				}
				for p := range files {
					if err := os.Chown(p, 65534, 65534); err != nil {
						t.Fatal(err)
					}
				}
				if err := os.Chown(dir, 65534, 65534); err != nil {
					t.Fatal(err)
				}
				bin = filepath.Join(root, "data.test")
				if err := copyExecutable(os.Args[0], bin); err != nil {
					t.Fatal(err)
				}
			}
			if c.file {
				for p := range files {
					os.Chmod(p, 0o444)
				}
			}
			if c.dir {
				os.Chmod(dir, 0o555)
			}
			t.Cleanup(func() { os.Chmod(dir, 0o755) }) // so TempDir can remove it
			cmd := exec.Command(bin, "-test.run=^TestStoreReadOnlyProcess$")
			xdg := filepath.Join(root, "xdg") // none of the user's own stores
			cmd.Env = append(os.Environ(), "STORYDESK_RO_DB="+path, "XDG_DATA_HOME="+xdg)
			if asRoot {
				cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
				cmd.Dir = root
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("helper: %v\n%s%s", err, out, stderr.String())
			}
			var r roResult
			if err := json.Unmarshal(bytes.TrimSpace(lastLine(out)), &r); err != nil {
				t.Fatalf("helper said %q: %v", out, err)
			}
			t.Logf("%s (opened: %q, %d listed, %d exported): %s", r.Stage, r.Opened, r.Statuses, r.Exported, r.Err)
			if r.Stage != c.wantStage {
				t.Fatalf("ended at %s, want %s", r.Stage, c.wantStage)
			}
			// The corpus's store is the default one, writable or not.
			if r.Default != path {
				t.Errorf("DefaultPath: %s, want the corpus's %s", r.Default, path)
			}
			if r.Stage == "saved" {
				if r.Opened != "" || r.Statuses != want {
					t.Errorf("a writable store opened read-only (%q) or listed %d articles, want %d", r.Opened, r.Statuses, want)
				}
				return
			}
			if !r.ReadOnly || !strings.Contains(r.Err, path) || !strings.Contains(r.Err, c.want) {
				t.Errorf("the error should say read-only (or cannot open), name %s and say %q: %s", path, c.want, r.Err)
			}
			if c.wantStage == "write" {
				if !strings.Contains(r.Opened, "read-only") || !strings.Contains(r.Opened, path) {
					t.Errorf("ReadOnly() should say read-only and name %s: %q", path, r.Opened)
				}
				if r.Statuses != want || r.Exported != want {
					t.Errorf("listed %d and exported %d articles, want %d", r.Statuses, r.Exported, want)
				}
			}
			for p, b := range files {
				if got, _ := os.ReadFile(p); !bytes.Equal(got, b) {
					t.Errorf("%s changed", filepath.Base(p))
				}
			}
			if got := storeFiles(t, path); len(got) != len(files) && c.dir {
				t.Errorf("files beside the store: %d, were %d", len(got), len(files))
			}
		})
	}
}

// journalStore adds more articles to the closed store at path and leaves
// them in its -wal journal, as a storydesk killed before it closed does:
// the files are copied while the store is open, then put back. withShm
// keeps the -shm index beside the journal.
func journalStore(t *testing.T, path string, more int, withShm bool) {
	t.Helper()
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	for i := range more {
		text := faultText(100 + i)
		a := &model.Article{ID: fmt.Sprintf("j%04d.txt", i), Path: "p", Title: "T", Text: text}
		if _, err := s.Do(ctx, tag(a, spanOf(t, text, "Ilse Varga", "PERSON"))); err != nil {
			t.Fatal(err)
		}
	}
	open := storeFiles(t, path)
	if len(open[path+"-wal"]) == 0 {
		t.Fatal("the journal is empty while the store is open")
	}
	s.Close()
	for p, b := range open {
		if p == path+"-shm" && !withShm {
			continue
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// storeFiles reads the store's file and the -wal and -shm beside it.
func storeFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if b, err := os.ReadFile(p); err == nil {
			out[p] = b
		}
	}
	return out
}

func lastLine(b []byte) []byte {
	b = bytes.TrimRight(b, "\n")
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		return b[i+1:]
	}
	return b
}
