package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"storydesk/model"
)

// Walking folders: every supported file under them becomes an item.

// walk adds every supported file under the folder name (display is how the
// user sees it, real its path with links resolved). Hidden files and folders
// (.git, .storydesk) are skipped; links are followed once each, and a link
// back into the folders being walked is reported as a loop.
func (o *opener) walk(name, display, real string, depth int) {
	if o.seenDir[real] {
		return // reached again through a link: already read
	}
	o.seenDir[real] = true
	if depth > maxDepth {
		o.problem(display, 0, "folders nested too deeply: skipped")
		return
	}
	ents, err := o.readDir(name)
	if err != nil {
		o.problem(display, 0, Describe(err))
	}
	for _, e := range ents {
		base := e.Name()
		if strings.HasPrefix(base, ".") {
			continue
		}
		child, cdisp := o.join(name, base), o.join(display, base)
		t := e.Type()
		if t&fs.ModeSymlink != 0 {
			info, err := o.stat(child)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					o.problem(cdisp, 0, "broken symbolic link (its target does not exist)")
				} else {
					o.problem(cdisp, 0, Describe(err))
				}
				continue
			}
			if info.IsDir() {
				if o.fsys != nil {
					o.problem(cdisp, 0, "symbolic link to a folder: not followed")
					continue
				}
				target, err := filepath.EvalSymlinks(child)
				if err != nil {
					o.problem(cdisp, 0, Describe(err))
					continue
				}
				if within(real, target) {
					o.problem(cdisp, 0, "symbolic link loop (it leads back to a folder being read): skipped")
					continue
				}
				o.walk(child, cdisp, target, depth+1)
				continue
			}
			t = info.Mode().Type()
		}
		switch {
		case t.IsDir():
			o.walk(child, cdisp, o.join(real, base), depth+1)
		case t.IsRegular():
			o.addFile(child, cdisp, false)
		default:
			// Sockets, devices and pipes inside folders are not articles
			// (and opening a pipe would wait forever); one named like an
			// article is reported, so no skip goes unexplained.
			if format, _, _ := classify(base); format != "" {
				o.problem(cdisp, 0, "not a regular file (a pipe, socket or device): skipped")
			}
		}
	}
}

func (o *opener) readDir(name string) ([]fs.DirEntry, error) {
	if o.fsys != nil {
		return fs.ReadDir(o.fsys, name)
	}
	return os.ReadDir(name)
}

func (o *opener) stat(name string) (fs.FileInfo, error) {
	if o.fsys != nil {
		return fs.Stat(o.fsys, name)
	}
	return os.Stat(name)
}

func (o *opener) join(dir, elem string) string {
	if o.fsys != nil {
		return path.Join(dir, elem)
	}
	return filepath.Join(dir, elem)
}

// id is a file's id: its slash-separated path relative to the root.
func (o *opener) id(name string) string {
	rel := name
	if o.fsys == nil {
		root := o.c.Root
		if within(name, root) {
			rel = strings.TrimLeft(name[len(root):], string(filepath.Separator))
		} else if r, err := filepath.Rel(root, name); err == nil {
			rel = r
		}
		rel = filepath.ToSlash(rel)
	}
	rel = model.SanitizeLine(rel)
	if rel == "" || rel == "." {
		rel = "unnamed"
	}
	return rel
}

// classify reads a file name: the format its extension gives ("" for an
// unsupported one), the extension, and whether the format is only a guess
// (no extension: read as text, or as HTML if it turns out to be a page).
func classify(base string) (format, ext string, guessed bool) {
	lower := strings.ToLower(base)
	lower = strings.TrimSuffix(lower, ".gz")
	ext = filepath.Ext(lower)
	if !plausibleExt(ext) {
		ext = ""
	}
	switch ext {
	case ".txt", ".text":
		return "txt", ext, false
	case ".md", ".markdown":
		return "md", ext, false
	case ".html", ".htm":
		return "html", ext, false
	case ".jsonl", ".ndjson":
		return "jsonl", ext, false
	case "":
		return "txt", "", true
	}
	return "", ext, false
}

// plausibleExt tells a real extension from a dot inside a name ("Mr. Smith").
func plausibleExt(ext string) bool {
	if len(ext) < 2 || len(ext) > 11 {
		return false
	}
	for _, c := range ext[1:] {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// addFile adds a file found in a folder, or named explicitly (then it is
// tried whatever its extension says).
func (o *opener) addFile(name, display string, explicit bool) {
	format, ext, guessed := classify(filepath.Base(name))
	display = model.SanitizeLine(display)
	if format == "" {
		if !explicit {
			o.problem(display, 0, "unsupported file type "+model.SanitizeLine(ext))
			return
		}
		format, guessed = "txt", true
	}
	if o.seenFile != nil {
		if o.seenFile[name] {
			return
		}
		o.seenFile[name] = true
	}
	src := &source{fsys: o.fsys, name: name, display: display, guessed: guessed, inMem: o.fsys != nil}
	id := o.id(name)
	if format == "jsonl" {
		o.addJSONL(src, id)
		return
	}
	o.c.Items = append(o.c.Items, Item{ID: shareTail(display, id), Path: display, Format: format, ref: ref{src: src}})
}

// shareTail returns id as the tail of display when it is one, so the two
// strings share memory (100k items, one allocation fewer each).
func shareTail(display, id string) string {
	if strings.HasSuffix(display, id) {
		return display[len(display)-len(id):]
	}
	return id
}
