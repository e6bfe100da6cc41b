//go:build linux

package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"storydesk/model"
)

// roResult is what TestStoreReadOnlyProcess saw.
type roResult struct {
	Stage    string // "open", "read", "write" (where it failed) or "saved"
	Err      string
	ReadOnly bool // errors.Is(err, ErrStoreReadOnly)
}

// TestStoreReadOnlyProcess is not a test on its own: TestStoreReadOnly runs
// the test binary again with STORYDESK_RO_DB set (as an unprivileged user
// when the tests run as root, whom permissions do not stop), and this
// function opens the store, reads it and tries to save one action.
func TestStoreReadOnlyProcess(t *testing.T) {
	path := os.Getenv("STORYDESK_RO_DB")
	if path == "" {
		t.Skip("helper process for TestStoreReadOnly")
	}
	say := func(stage string, err error) {
		r := roResult{Stage: stage}
		if err != nil {
			r.Err, r.ReadOnly = err.Error(), errors.Is(err, ErrStoreReadOnly)
		}
		json.NewEncoder(os.Stdout).Encode(r)
		os.Exit(0)
	}
	s, err := OpenStore(path, "ro")
	if err != nil {
		say("open", err)
	}
	if _, err := s.Statuses(ctx); err != nil {
		say("read", err)
	}
	text := faultText(42)
	a := &model.Article{ID: "ro.txt", Text: text}
	if _, err := s.Do(ctx, tag(a, spanOf(t, text, "Ilse Varga", "PERSON"))); err != nil {
		say("write", err)
	}
	say("saved", nil)
}

// TestStoreReadOnly makes the store's file, its folder, or both read-only.
// Opening or the first write must fail with an error that says read-only
// (or that the journal beside it cannot be made) and names the file; nothing
// may be reported saved; the file is unchanged.
func TestStoreReadOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process; skipped with -short")
	}
	asRoot := os.Geteuid() == 0
	for _, c := range []struct {
		name       string
		file, dir  bool
		wantStages string // where the failure may come
	}{
		{"file", true, false, "write"},
		{"folder", false, true, "open read write"},
		{"both", true, true, "open read write"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "corpus", ".storydesk")
			path := filepath.Join(dir, "annotations.db")
			faultStore(t, path, 3)
			orig, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			bin := os.Args[0]
			if asRoot {
				// The unprivileged user must reach the folder and the binary.
				for _, d := range []string{filepath.Dir(root), root, filepath.Join(root, "corpus")} {
					os.Chmod(d, 0o755)
				}
				for _, p := range []string{dir, path} {
					if err := os.Chown(p, 65534, 65534); err != nil {
						t.Fatal(err)
					}
				}
				bin = filepath.Join(root, "data.test")
				if err := copyFile(os.Args[0], bin); err != nil {
					t.Fatal(err)
				}
			}
			if c.file {
				os.Chmod(path, 0o444)
			}
			if c.dir {
				os.Chmod(dir, 0o555)
			}
			t.Cleanup(func() { os.Chmod(dir, 0o755) }) // so TempDir can remove it
			cmd := exec.Command(bin, "-test.run=^TestStoreReadOnlyProcess$")
			cmd.Env = append(os.Environ(), "STORYDESK_RO_DB="+path)
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
			t.Logf("%s: %s", r.Stage, r.Err)
			if r.Stage == "saved" {
				t.Fatal("an action was reported saved in a read-only store")
			}
			if !strings.Contains(c.wantStages, r.Stage) {
				t.Errorf("failed at %s, want one of %s", r.Stage, c.wantStages)
			}
			if !r.ReadOnly || !strings.Contains(r.Err, path) {
				t.Errorf("the error should say read-only (or cannot open) and name %s: %s", path, r.Err)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, orig) {
				t.Error("the store file changed")
			}
		})
	}
}

func lastLine(b []byte) []byte {
	b = bytes.TrimRight(b, "\n")
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		return b[i+1:]
	}
	return b
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
