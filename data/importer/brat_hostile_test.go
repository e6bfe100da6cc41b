package importer

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"storydesk/data/corpus"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func hasProblem(probs []corpus.Problem, path string, line int, reason string) bool {
	for _, p := range probs {
		if p.Path == path && p.Line == line && strings.Contains(p.Reason, reason) {
			return true
		}
	}
	return false
}

// TestImportBratMalformedLineKeepsTheRest: a T line whose label is nothing
// but control characters, one whose span covers a control character the
// text loses, and one with invalid UTF-8 each cost their own line, named by
// file and line; the document and its other annotations are imported.
func TestImportBratMalformedLineKeepsTheRest(t *testing.T) {
	dir := t.TempDir()
	text := "Ilse Varga met Tom Reyes in Oslo.\x07 Then\x1b[2J they left."
	writeFiles(t, dir, map[string]string{
		"doc.txt": text,
		"doc.ann": "T1\tPERSON 0 10\tIlse Varga\n" +
			"T2\t\x07\x1b 15 24\tTom Reyes\n" + // label gone once sanitised
			"T3\tGPE 33 34\t\x07\n" + // covers only the bell the text loses
			"T4\tORG 15 18\tTom\xff\n" + // invalid UTF-8 in the text field
			"T5\tGPE 28 32\tOslo\n",
	})
	s := openTestStore(t, filepath.Join(dir, "s.db"))
	st, probs := exImportBrat(t, s, dir)
	ann := filepath.Join(dir, "doc.ann")
	if st.Articles != 1 || st.Spans != 2 {
		t.Fatalf("want the document with its 2 good entities: %+v %v", st, probs)
	}
	for _, want := range []struct {
		line   int
		reason string
	}{{2, "no label"}, {3, "control characters"}, {4, "is not what"}} {
		if !hasProblem(probs, ann, want.line, want.reason) {
			t.Errorf("want %s:%d %q, got %v", ann, want.line, want.reason, probs)
		}
	}
	doc, _, err := s.Doc(ctx, "doc.txt")
	if err != nil || doc == nil || len(doc.Spans) != 2 || doc.Spans[0].Text != "Ilse Varga" || doc.Spans[1].Text != "Oslo" {
		t.Fatalf("doc %+v %v", doc, err)
	}
}

// TestImportBratOnlyRegularFilesInside: links out of the folder (an .ann
// and a .txt pointing elsewhere) and a .txt that is a pipe are not read;
// each is named, and the folder's real documents import.
func TestImportBratOnlyRegularFilesInside(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	dir := filepath.Join(root, "brat")
	writeFiles(t, outside, map[string]string{
		"secret.txt": "The secret text outside the folder.",
		"secret.ann": "T1\tPERSON 4 10\tsecret\n",
	})
	writeFiles(t, dir, map[string]string{
		"good.txt":   "Ilse Varga spoke.",
		"good.ann":   "T1\tPERSON 0 10\tIlse Varga\n",
		"stolen.ann": "T1\tPERSON 4 10\tsecret\n",
	})
	must := func(err error) {
		if err != nil {
			t.Skip(err)
		}
	}
	must(os.Symlink(filepath.Join(outside, "secret.ann"), filepath.Join(dir, "linked.ann")))
	must(os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "linked.txt")))
	must(os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "stolen.txt")))
	must(syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o600))
	writeFiles(t, dir, map[string]string{"pipe.ann": "T1\tPERSON 0 1\tx\n"})

	s := openTestStore(t, filepath.Join(root, "s.db"))
	done := make(chan struct{})
	var st Stats
	var probs []corpus.Problem
	go func() { defer close(done); st, probs = exImportBrat(t, s, dir) }()
	<-done // a pipe opened for reading would hang here
	if st.Articles != 1 {
		t.Errorf("want only good.txt imported: %+v %v", st, probs)
	}
	for _, want := range []struct{ path, reason string }{
		{filepath.Join(dir, "linked.ann"), "symbolic link"},
		{filepath.Join(dir, "stolen.ann"), "symbolic link"},
		{filepath.Join(dir, "pipe.ann"), "not a regular file"},
	} {
		if !hasProblem(probs, want.path, 0, want.reason) {
			t.Errorf("want %s %q, got %v", want.path, want.reason, probs)
		}
	}
	got, _ := s.Statuses(ctx)
	for id := range got {
		if id != "good.txt" {
			t.Errorf("imported %q", id)
		}
	}
}

// TestImportJSONLStreamLongLine: JSON lines on a stream (stdin, a .gz)
// whose line never ends: the lines before it are imported, it is named,
// and the import ends instead of reading forever.
func TestImportJSONLStreamLongLine(t *testing.T) {
	corpus.SetLimit(1 << 20)
	defer corpus.SetLimit(0)
	s := openTestStore(t, filepath.Join(t.TempDir(), "l.db"))
	r := &endlessAfter{head: []byte(`{"id":"ok","text":"fine"}` + "\n" + `{"text":"`)}
	var probs []corpus.Problem
	st, err := JSONL(ctx, s, r, Options{Name: "stdin", Problem: func(p corpus.Problem) { probs = append(probs, p) }})
	if err != nil || st.Articles != 1 || len(probs) != 1 || probs[0].Line != 2 || !strings.Contains(probs[0].Reason, "the rest of the input was not read") {
		t.Fatalf("stats %+v %v problems %v", st, err, probs)
	}
}

// endlessAfter gives head, then "a" forever; it is not a file nor of known
// size (a pipe).
type endlessAfter struct{ head []byte }

func (e *endlessAfter) Read(p []byte) (int, error) {
	if len(e.head) > 0 {
		n := copy(p, e.head)
		e.head = e.head[n:]
		return n, nil
	}
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}
