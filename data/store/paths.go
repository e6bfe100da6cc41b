package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"storydesk/data/corpus"
	"storydesk/internal/config"
)

// DefaultPath says where annotations live when --db is not given:
// .storydesk/annotations.db inside the corpus root when that is writable, so
// the annotations travel with the corpus; otherwise (and for the sample
// corpus or stdin) a file under the XDG data directory keyed by the corpus.
//
// A store already in the corpus is used even where it cannot be written —
// it opens read-only, its annotations shown and exportable — rather than an
// empty one elsewhere hiding them, unless this user's own store for the
// corpus exists under the XDG data directory.
func DefaultPath(c *corpus.Corpus) string {
	if c.Root != "" && !c.Sample {
		dir := filepath.Join(c.Root, ".storydesk")
		path := filepath.Join(dir, "annotations.db")
		if writableDir(dir) {
			return path
		}
		if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
			if _, err := os.Stat(FallbackPath(c)); err != nil {
				return path
			}
		}
	}
	return FallbackPath(c)
}

// FallbackPath is the store's path under the XDG data directory (where
// it goes when the corpus folder cannot be written).
func FallbackPath(c *corpus.Corpus) string {
	base := filepath.Join(config.DataHome(), "storydesk")
	switch {
	case c.Sample:
		return filepath.Join(base, "sample.db")
	case c.Root == "":
		return filepath.Join(base, "stdin.db")
	}
	h := sha256.Sum256([]byte(c.Root))
	name := unsafeName.ReplaceAllString(filepath.Base(c.Root), "_")
	return filepath.Join(base, "corpora", name+"-"+hex.EncodeToString(h[:6])+".db")
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// writableDir reports whether files can be created in dir, creating it if
// needed (it is only asked when a store is about to be opened there).
func writableDir(dir string) bool {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return true
}

// ExistingPath returns the store DefaultPath names for c, when that
// file already exists. Unlike DefaultPath it creates nothing (not even
// the .storydesk folder), so a command that only reads a corpus can use the
// store as a cache when there is one without leaving a trace when there is
// not.
func ExistingPath(c *corpus.Corpus) (string, bool) {
	if c.Root != "" && !c.Sample {
		dir := filepath.Join(c.Root, ".storydesk")
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) && writableDir(c.Root) {
			// DefaultPath would make dir and name a store in it.
			return filepath.Join(dir, "annotations.db"), false
		}
	}
	// Now DefaultPath creates nothing: the folder exists or cannot be made.
	p := DefaultPath(c)
	_, err := os.Stat(p)
	return p, err == nil
}
