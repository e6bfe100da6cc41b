package export_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/export"
	"storydesk/model"
	"storydesk/model/story"
	"storydesk/model/story/report"
)

func TestStoryReportWritesMarkdownWithASafeName(t *testing.T) {
	arts := []*model.Article{
		{ID: "../up/a.txt", Source: "Wire", Text: "Officials said 42 people were rescued from the ferry on Monday night near the harbour."},
		{ID: "b.txt", Source: "Daily", Text: "Officials said 47 people were rescued from the ferry on Monday night near the harbour."},
	}
	s := story.Analyze("../up/a.txt", arts, story.AnalyzeOptions{})
	dir := filepath.Join(t.TempDir(), "reports")
	path, err := export.StoryReport(dir, s)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(path) != dir || !strings.HasPrefix(filepath.Base(path), "story-") || !strings.HasSuffix(path, ".md") || strings.Contains(filepath.Base(path), "/") {
		t.Errorf("report path %q is not a safe name in %s", path, dir)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != report.Markdown(s) {
		t.Errorf("the file is not the story's report:\n%s", got)
	}
	// Written again, it is replaced, and no temporary file is left.
	if _, err := export.StoryReport(dir, s); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("files in the report folder: %d, want 1", len(ents))
	}
	// A folder that cannot be made is an error naming it.
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, nil, 0o644)
	if _, err := export.StoryReport(filepath.Join(blocker, "sub"), s); err == nil {
		t.Error("writing under a file succeeded")
	}
}
