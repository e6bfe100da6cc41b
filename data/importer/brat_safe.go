package importer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"storydesk/data/corpus"
	"storydesk/model"
)

// Reading a brat folder safely: only regular files inside it, within the
// size limit, and T lines checked as the store's import will check them.

// notRegular says why a file of type t is not read, or "".
func notRegular(t fs.FileMode) string {
	switch {
	case t&fs.ModeSymlink != 0:
		return "a symbolic link: not followed (only regular files inside the folder are read)"
	case !t.IsRegular():
		return "not a regular file (a pipe, socket or device): skipped"
	}
	return ""
}

// readRegular reads a file that must be a regular file, not a link, and
// within the size limit, checked before it is read.
func readRegular(path string) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, errors.New(corpus.Describe(err))
	}
	if why := notRegular(fi.Mode().Type()); why != "" {
		return nil, errors.New(why)
	}
	if fi.Size() > corpus.Limit() {
		return nil, fmt.Errorf("longer than %d MB (the limit for one article)", corpus.LimitMB())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, errors.New(corpus.Describe(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, corpus.Limit()+1))
	if err != nil {
		return nil, errors.New(corpus.Describe(err))
	}
	if int64(len(b)) > corpus.Limit() {
		return nil, fmt.Errorf("longer than %d MB (the limit for one article)", corpus.LimitMB())
	}
	return b, nil
}

// importable checks a T line as the store's import will, so that a line it
// would refuse (and with it the whole document) is left out alone: its label
// must survive sanitising, and its span must not be only characters the
// stored text drops (controls, escape sequences).
func importable(text, clean string, e bratEntity) string {
	if e.label != "Quote" && model.SanitizeLine(e.label) == "" {
		return "no label (only control characters)"
	}
	if clean == text {
		return ""
	}
	got := model.RuneSlice(text, e.start, e.end)
	c := model.Sanitize(got)
	na := model.RuneLen(model.Sanitize(model.RuneSlice(text, 0, e.start)))
	if c == "" || model.RuneSlice(clean, na, na+model.RuneLen(c)) != c {
		return fmt.Sprintf("%d–%d covers control characters that are removed from the text", e.start, e.end)
	}
	return ""
}
