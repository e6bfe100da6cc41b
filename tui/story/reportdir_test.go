package story_test

import (
	"path/filepath"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/tui/story"
)

// TestReportDir: a corpus on disk keeps its reports under its own
// .storydesk/reports; otherwise beside a SQLite store; otherwise the
// working directory, absolute.
func TestReportDir(t *testing.T) {
	root := t.TempDir()
	if got, want := story.ReportDir(&corpus.Corpus{Root: root}, nil), filepath.Join(root, ".storydesk", "reports"); got != want {
		t.Fatalf("dir %q, want %q", got, want)
	}
	path := filepath.Join(t.TempDir(), "annotations.db")
	st, err := store.OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, want := story.ReportDir(&corpus.Corpus{Root: root, Sample: true}, st), filepath.Join(filepath.Dir(path), "reports"); got != want {
		t.Fatalf("sample corpus: dir %q, want %q", got, want)
	}
	if got, _ := filepath.Abs("."); story.ReportDir(nil, nil) != got {
		t.Fatalf("no corpus, no store: %q, want %q", story.ReportDir(nil, nil), got)
	}
}
