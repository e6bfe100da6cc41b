package export_test

import (
	"os"
	"path/filepath"
	"testing"

	"storydesk/data/corpus"
	"storydesk/tui/export"
)

// TestDefaultDir: a corpus on disk exports under its own
// .storydesk/exports; the sample corpus, or none, beside the store; a
// store on a server in the working directory.
func TestDefaultDir(t *testing.T) {
	root := t.TempDir()
	db := filepath.Join(t.TempDir(), "annotations.db")
	if got, want := export.DefaultDir(&corpus.Corpus{Root: root}, db, false), filepath.Join(root, ".storydesk", "exports"); got != want {
		t.Fatalf("dir %q, want %q", got, want)
	}
	if got := export.DefaultDir(&corpus.Corpus{Root: root, Sample: true}, db, false); got != filepath.Dir(db) {
		t.Fatalf("sample corpus dir %q", got)
	}
	if got := export.DefaultDir(nil, db, false); got != filepath.Dir(db) {
		t.Fatalf("no corpus: dir %q", got)
	}
	wd, _ := os.Getwd()
	if got := export.DefaultDir(nil, "postgres://u@h/db", true); got != wd {
		t.Fatalf("server store: dir %q, want %q", got, wd)
	}
	if got := export.DefaultDir(nil, "x.db", false); !filepath.IsAbs(got) {
		t.Fatalf("relative store: dir %q is not absolute", got)
	}
}
