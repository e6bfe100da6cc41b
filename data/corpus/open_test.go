package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
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

func gz(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func ids(c *Corpus) []string {
	var out []string
	for _, it := range c.Items {
		out = append(out, it.ID)
	}
	return out
}

func problems(c *Corpus) []string {
	var out []string
	for _, p := range c.Problems {
		out = append(out, p.String())
	}
	return out
}

func mustOpen(t *testing.T, args ...string) *Corpus {
	t.Helper()
	c, err := Open(args, nil)
	if err != nil {
		t.Fatalf("Open(%q): %v", args, err)
	}
	return c
}

func TestOpenDirectoryWalk(t *testing.T) {
	dir := write(t, t.TempDir(), map[string]string{
		"a.txt":               "Alpha\n\nText of alpha.",
		"b.md":                "Beta text.",
		"sub/c.html":          "<html><body><p>Gamma</p></body></html>",
		"sub/deeper/d.text":   "Delta text.",
		"e.markdown":          "Epsilon.",
		"f.htm":               "<p>Zeta</p>",
		"g.ndjson":            `{"text":"eta"}` + "\n",
		"h.jsonl":             `{"text":"theta"}` + "\n\n" + `{"text":"iota"}` + "\n",
		"README":              "no extension: read as text",
		"photo.jpg":           "\xff\xd8\xff",
		".git/config":         "hidden folder",
		".hidden.txt":         "hidden file",
		"sub/.storydesk/x.md": "hidden",
		"UPPER.TXT":           "upper-case extension",
		"i.txt.gz":            gz(t, "compressed"),
	})
	c := mustOpen(t, dir)
	want := []string{"README", "UPPER.TXT", "a.txt", "b.md", "e.markdown", "f.htm", "g.ndjson:1", "h.jsonl:1", "h.jsonl:3", "i.txt.gz", "sub/c.html", "sub/deeper/d.text"}
	if got := ids(c); !slices.Equal(got, want) {
		t.Errorf("ids\n got %q\nwant %q", got, want)
	}
	if got := problems(c); len(got) != 1 || !strings.HasSuffix(got[0], "photo.jpg: unsupported file type .jpg") {
		t.Errorf("problems: %q", got)
	}
	if c.Root != dir {
		t.Errorf("Root = %q, want %q", c.Root, dir)
	}
	if c.Label != filepath.Base(dir) {
		t.Errorf("Label = %q", c.Label)
	}
	formats := map[string]string{}
	for _, it := range c.Items {
		formats[it.ID] = it.Format
	}
	for id, f := range map[string]string{"a.txt": "txt", "b.md": "md", "e.markdown": "md", "f.htm": "html", "sub/c.html": "html", "g.ndjson:1": "jsonl", "README": "txt", "i.txt.gz": "txt"} {
		if formats[id] != f {
			t.Errorf("%s: format %q, want %q", id, formats[id], f)
		}
	}
	// Display paths are the path as given plus the rest.
	if p := c.Items[2].Path; p != filepath.Join(dir, "a.txt") {
		t.Errorf("Path = %q", p)
	}
	if p := c.Items[7].Path; p != filepath.Join(dir, "h.jsonl")+":1" {
		t.Errorf("JSONL Path = %q", p)
	}
}

func TestOpenRootAndIDs(t *testing.T) {
	dir := write(t, t.TempDir(), map[string]string{
		"x/one.txt":    "one",
		"y/two.txt":    "two",
		"y/z/three.md": "three",
	})
	// One file: its folder is the root.
	c := mustOpen(t, filepath.Join(dir, "y", "two.txt"))
	if c.Root != filepath.Join(dir, "y") || !slices.Equal(ids(c), []string{"two.txt"}) || c.Label != "two.txt" {
		t.Errorf("one file: root %q ids %q label %q", c.Root, ids(c), c.Label)
	}
	// Several: their common parent.
	c = mustOpen(t, filepath.Join(dir, "x"), filepath.Join(dir, "y", "z", "three.md"))
	if c.Root != dir || !slices.Equal(ids(c), []string{"x/one.txt", "y/z/three.md"}) {
		t.Errorf("several: root %q ids %q", c.Root, ids(c))
	}
	// A folder and a file inside it: the file is not listed twice.
	c = mustOpen(t, filepath.Join(dir, "y"), filepath.Join(dir, "y", "two.txt"))
	if !slices.Equal(ids(c), []string{"two.txt", "z/three.md"}) {
		t.Errorf("overlap: ids %q", ids(c))
	}
	// A relative argument: ids do not depend on how the folder was named.
	t.Chdir(dir)
	c = mustOpen(t, "y")
	if !slices.Equal(ids(c), []string{"two.txt", "z/three.md"}) || c.Items[0].Path != filepath.Join("y", "two.txt") {
		t.Errorf("relative: ids %q path %q", ids(c), c.Items[0].Path)
	}
	c = mustOpen(t, ".")
	if c.Label != filepath.Base(dir) || c.Items[0].ID != "x/one.txt" {
		t.Errorf("dot: label %q first id %q", c.Label, c.Items[0].ID)
	}
}

func TestOpenStableIDs(t *testing.T) {
	dir := write(t, t.TempDir(), map[string]string{
		"b/1.txt": "x", "a/2.txt": "x", "c.jsonl": `{"id":"k","text":"x"}` + "\n" + `{"id":"k","text":"y"}` + "\n" + `{"text":"z"}`,
		"10.txt": "x", "9.txt": "x",
	})
	first, second := mustOpen(t, dir), mustOpen(t, dir)
	if !slices.Equal(ids(first), ids(second)) {
		t.Errorf("ids differ between opens:\n%q\n%q", ids(first), ids(second))
	}
	want := []string{"10.txt", "9.txt", "a/2.txt", "b/1.txt", "k", "k#2", "c.jsonl:3"}
	if !slices.Equal(ids(first), want) {
		t.Errorf("ids %q, want %q", ids(first), want)
	}
}

func TestOpenGlob(t *testing.T) {
	dir := write(t, t.TempDir(), map[string]string{"a.txt": "a", "b.txt": "b", "c.md": "c", "sub/d.txt": "d"})
	c := mustOpen(t, filepath.Join(dir, "*.txt"))
	if !slices.Equal(ids(c), []string{"a.txt", "b.txt"}) || c.Root != dir {
		t.Errorf("glob: ids %q root %q", ids(c), c.Root)
	}
	// A pattern matching a folder walks it.
	c = mustOpen(t, filepath.Join(dir, "s*"))
	if !slices.Equal(ids(c), []string{"d.txt"}) {
		t.Errorf("glob folder: ids %q", ids(c))
	}
	// A file literally named like a pattern is read as itself.
	write(t, dir, map[string]string{"lit[1].txt": "literal"})
	c = mustOpen(t, filepath.Join(dir, "lit[1].txt"))
	if !slices.Equal(ids(c), []string{"lit[1].txt"}) {
		t.Errorf("literal: ids %q", ids(c))
	}
	// No match: a problem, and an error since nothing was found.
	c, err := Open([]string{filepath.Join(dir, "*.html")}, nil)
	if err == nil || len(c.Problems) != 1 || !strings.Contains(c.Problems[0].Reason, "no files match") {
		t.Errorf("no match: err %v problems %q", err, problems(c))
	}
}

func TestOpenMissingAndNothing(t *testing.T) {
	dir := write(t, t.TempDir(), map[string]string{"a.txt": "a"})
	missing := filepath.Join(dir, "nope.txt")
	c := mustOpen(t, filepath.Join(dir, "a.txt"), missing)
	if len(c.Items) != 1 || len(c.Problems) != 1 || c.Problems[0].String() != missing+": no such file or directory" {
		t.Errorf("missing: items %d problems %q", len(c.Items), problems(c))
	}
	c, err := Open([]string{missing}, nil)
	if err == nil || !strings.Contains(err.Error(), `no articles found in "`+missing+`"`) || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("nothing found: err %v", err)
	}
	if c == nil || len(c.Problems) != 1 {
		t.Errorf("the corpus comes back with its problems even on error")
	}
	if _, err := Open(nil, nil); err == nil {
		t.Errorf("Open with no args must fail")
	}
	empty := t.TempDir()
	if _, err := Open([]string{empty}, nil); err == nil || !strings.Contains(err.Error(), "no articles found") {
		t.Errorf("empty folder: err %v", err)
	}
}

func TestOpenHostileFileName(t *testing.T) {
	dir := t.TempDir()
	name := "bad name\nwith \x1b[31mred\x1b[0m.txt"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("text"), 0o644); err != nil {
		t.Skipf("file system refuses the name: %v", err)
	}
	bin := "bin\x1b]0;title\x07.txt"
	if err := os.WriteFile(filepath.Join(dir, bin), []byte("a\x00b"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "x\x1b[2J.jpg"), []byte("x"), 0o644)
	c := mustOpen(t, dir)
	clean := func(s string) {
		t.Helper()
		if strings.ContainsAny(s, "\x1b\n\x07\x00") {
			t.Errorf("unsanitised: %q", s)
		}
	}
	for _, it := range c.Items {
		clean(it.ID)
		clean(it.Path)
	}
	for _, p := range c.Problems {
		clean(p.String())
	}
	if !slices.Contains(ids(c), "bad name with red.txt") {
		t.Errorf("ids %q", ids(c))
	}
	for i := range c.Items {
		a, err := c.Load(i)
		if err != nil {
			clean(err.Error())
			if !strings.Contains(err.Error(), "NUL bytes") {
				t.Errorf("unexpected error %v", err)
			}
			continue
		}
		clean(a.ID)
		clean(a.Path)
		clean(a.Title)
		if a.Text != "text" {
			t.Errorf("text %q", a.Text)
		}
	}
	if len(c.Problems) != 1 || !strings.Contains(c.Problems[0].String(), "x.jpg: unsupported file type .jpg") {
		t.Errorf("problems %q", problems(c))
	}
}

func TestOpenSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := write(t, t.TempDir(), map[string]string{"real/a.txt": "a", "other/b.txt": "b"})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("..", filepath.Join(dir, "real", "up")))                          // loop to an ancestor
	must(os.Symlink("loop", filepath.Join(dir, "real", "loop")))                      // a link to itself
	must(os.Symlink(filepath.Join(dir, "other"), filepath.Join(dir, "real", "link"))) // a folder outside: followed
	must(os.Symlink("a.txt", filepath.Join(dir, "real", "alias.txt")))                // a file link: listed
	must(os.Symlink("gone.txt", filepath.Join(dir, "real", "broken.txt")))
	c := mustOpen(t, filepath.Join(dir, "real"))
	if want := []string{"a.txt", "alias.txt", "link/b.txt"}; !slices.Equal(ids(c), want) {
		t.Errorf("ids %q, want %q", ids(c), want)
	}
	got := strings.Join(problems(c), "\n")
	for _, want := range []string{"broken.txt: broken symbolic link", "loop: symbolic link loop", "up: symbolic link loop"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	// Two folders linking to each other terminate too.
	must(os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "other", "back")))
	c = mustOpen(t, filepath.Join(dir, "other"))
	if want := []string{"b.txt", "back/a.txt", "back/alias.txt"}; !slices.Equal(ids(c), want) {
		t.Errorf("mutual links: ids %q, want %q", ids(c), want)
	}
}

func TestOpenUnreadable(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no chmod 000 on Windows")
	}
	if os.Geteuid() == 0 {
		t.Skip("running as root: chmod 000 does not stop root from reading, so there is nothing to test")
	}
	dir := write(t, t.TempDir(), map[string]string{"ok.txt": "fine", "locked.txt": "secret", "closed/x.txt": "x", "shut.jsonl": `{"text":"x"}`})
	for _, n := range []string{"locked.txt", "closed", "shut.jsonl"} {
		os.Chmod(filepath.Join(dir, n), 0)
		t.Cleanup(func() { os.Chmod(filepath.Join(dir, n), 0o755) })
	}
	c := mustOpen(t, dir)
	got := strings.Join(problems(c), "\n")
	for _, want := range []string{"closed: permission denied", "shut.jsonl: permission denied"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	for i, it := range c.Items {
		_, err := c.Load(i)
		if it.ID == "locked.txt" {
			var pe *ProblemError
			if !errors.As(err, &pe) || pe.Problem.Reason != "permission denied" {
				t.Errorf("locked: %v", err)
			}
		} else if err != nil {
			t.Errorf("%s: %v", it.ID, err)
		}
	}
}

func TestOpenFS(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt":         {Data: []byte("Alpha headline\n\nAlpha body.")},
		"dir/b.jsonl":   {Data: []byte(`{"id":"b1","title":"Bee","text":"Bee body."}` + "\n" + `{"text":"second"}` + "\n")},
		"dir/c.md":      {Data: []byte("---\ntitle: Sea\n---\nSea body.")},
		".hidden/d.txt": {Data: []byte("hidden")},
		"e.gif":         {Data: []byte("GIF89a")},
		"f.html.gz":     {Data: []byte(gz(t, "<html><head><title>Eff</title></head><body><p>Eff body text.</p></body></html>"))},
	}
	c, err := OpenFS(fsys, "test fs")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.txt", "b1", "dir/b.jsonl:2", "dir/c.md", "f.html.gz"}; !slices.Equal(ids(c), want) {
		t.Errorf("ids %q, want %q", ids(c), want)
	}
	if c.Root != "" || c.Label != "test fs" || len(c.Problems) != 1 {
		t.Errorf("root %q label %q problems %q", c.Root, c.Label, problems(c))
	}
	var got []Result
	c.Stream(t.Context(), 2, func(rs []Result) { got = append(got, rs...) })
	if len(got) != len(c.Items) {
		t.Fatalf("streamed %d of %d", len(got), len(c.Items))
	}
	for _, r := range got {
		if r.Problem != nil {
			t.Errorf("%s: %v", c.Items[r.Index].ID, r.Problem)
			continue
		}
		if !r.Article.HasBody() {
			t.Errorf("%s: an fs.FS corpus keeps bodies in Stream", r.Article.ID)
		}
	}
	a, err := c.Load(1)
	if err != nil || a.Title != "Bee" || a.Text != "Bee body." {
		t.Errorf("jsonl from fs: %+v %v", a, err)
	}
}
