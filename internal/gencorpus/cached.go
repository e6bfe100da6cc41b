package gencorpus

import (
	"fmt"
	"os"
	"path/filepath"
)

// Cached returns a generated corpus of n articles of about words words as a
// directory of .txt files and as one JSONL file, writing it under
// os.TempDir the first time and reusing it afterwards (a "complete" marker
// guards against a half-written corpus). Benchmarks in several packages
// share it; delete the folder to regenerate.
func Cached(n, words int, seed int64) (dir, jsonl string, err error) {
	root := filepath.Join(os.TempDir(), fmt.Sprintf("storydesk-bench-v1-%dx%d-seed%d", n, words, seed))
	dir, jsonl = filepath.Join(root, "dir"), filepath.Join(root, "all.jsonl")
	marker := filepath.Join(root, "complete")
	if _, err := os.Stat(marker); err == nil {
		return dir, jsonl, nil
	}
	os.RemoveAll(root)
	if err := WriteDir(dir, n, words, seed); err != nil {
		return "", "", err
	}
	if err := WriteJSONL(jsonl, n, words, seed); err != nil {
		return "", "", err
	}
	return dir, jsonl, os.WriteFile(marker, nil, 0o644)
}
