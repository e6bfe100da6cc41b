package export

import (
	"fmt"
	"os"
	"path/filepath"

	"storydesk/model/story"
	"storydesk/model/story/report"
)

// StoryReportName is the file name StoryReport gives a story's report:
// "story-ID.md", the ID made safe as a file name (SafeFileBase), so a
// story named by a nested or hostile article ID stays inside dir.
func StoryReportName(id string) string {
	return "story-" + SafeFileBase(id) + ".md"
}

// StoryReport writes the story's Markdown report (report.Markdown) to
// dir/StoryReportName(s.ID), creating dir, and returns the file's path.
// The report goes to a temporary name first and is renamed once on disk:
// an earlier report of the story is replaced whole or not at all.
func StoryReport(dir string, s *story.Story) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("story report: %w", err)
	}
	path := filepath.Join(dir, StoryReportName(s.ID))
	out, err := createOut(path, nil, nil)
	if err != nil {
		return "", err
	}
	if _, err := out.WriteString(report.Markdown(s)); err != nil {
		out.abort()
		return "", fmt.Errorf("story report %s: %w", path, err)
	}
	if err := out.commit(); err != nil {
		return "", err
	}
	return path, nil
}
