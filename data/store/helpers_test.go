package store

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"storydesk/data/corpus"
)

// write creates files under dir (names may hold slashes) and returns dir.
func write(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mustOpen(t *testing.T, args ...string) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Open(args, nil)
	if err != nil {
		t.Fatalf("Open(%q): %v", args, err)
	}
	return c
}

// copyExecutable copies the test binary, for a child process run as
// another user.
func copyExecutable(from, to string) error {
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
