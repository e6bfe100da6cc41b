package corpus

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"storydesk/internal/gencorpus"
	"storydesk/model"
)

// hostileArticle is plain prose long enough for the cleaner to keep.
const hostileArticle = "Harbour workers in Port Ellis voted on Monday to end a strike that had closed the docks for nine days.\n\n" +
	"“We have what we came for,” said Mara Okafor, who leads the dockers' union, outside the harbour office.\n\n" +
	"Shipping companies said the first vessels would be unloaded on Tuesday morning.\n"

// perLine marks a JSONL file in the hostile corpus: what becomes of each of
// its lines is listed separately.
const perLine = "(per line)"

// hostileFile is one file of the hostile corpus and what should become of
// it: loaded, or skipped with a reason containing why.
type hostileFile struct {
	data []byte
	why  string // "" when it must load; else a substring of the problem's reason
}

// hostileWants is text each decoded file must show, proving its encoding
// was read right.
var hostileWants = map[string]string{
	"invalid-utf8.txt": "Café and ÿþ bytes", // read as Windows-1252
	"utf16le.txt":      "said Mara Okafor",
	"utf16be.txt":      "said Mara Okafor",
	"latin1.txt":       "réforme des retraites",
	"crlf.txt":         "nine days.\n\n“We have",
	"lone-cr.txt":      "nine days.\n\n“We have",
	"bom.txt":          "Harbour workers",
	"soup.html":        "Harbour workers in Port Ellis",
	"escapes.txt":      "Shipping companies",
}

// TestHostileCorpus opens one folder holding every kind of trouble a scraped
// corpus has at once, and checks that Open and Stream get through it: every
// readable article is read (counted), every skip names its file (and line)
// and says why, nothing shown to the user carries a control character, and
// files that vanish or change between Open and Load become problems.
func TestHostileCorpus(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs Unix file names, FIFOs and symbolic links")
	}
	t0 := time.Now()
	dir := t.TempDir()
	files := map[string]hostileFile{} // by path relative to dir
	put := func(rel string, b []byte, why string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatalf("%q: %v", rel, err)
		}
		files[rel] = hostileFile{b, why}
	}
	utf16 := func(order xunicode.Endianness) []byte {
		b, err := xunicode.UTF16(order, xunicode.UseBOM).NewEncoder().Bytes([]byte(hostileArticle))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	latin1, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte("Café à Zürich\n\nLe maire a dit « non » à la réforme des retraites, mardi, devant le conseil municipal réuni en séance.\n"))
	if err != nil {
		t.Fatal(err)
	}

	put("binary.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00"), "looks binary")
	put("invalid-utf8.txt", []byte("Caf\xe9 and \xff\xfe bytes that are not UTF-8.\n\n"+hostileArticle), "")
	put("utf16le.txt", utf16(xunicode.LittleEndian), "")
	put("utf16be.txt", utf16(xunicode.BigEndian), "")
	put("latin1.txt", latin1, "")
	put("crlf.txt", []byte(strings.ReplaceAll(hostileArticle, "\n", "\r\n")), "")
	put("lone-cr.txt", []byte(strings.ReplaceAll(hostileArticle, "\n", "\r")), "")
	put("bom.txt", append([]byte("\xef\xbb\xbf"), hostileArticle...), "")
	put("empty.txt", nil, "empty file")
	put("escapes.txt", []byte("Title \x1b]0;PWNED\x07 \x1b]52;c;SGVsbG8=\x07 \x1b[2J\x1b[H \x9b31m \u009d2;x\u009c \x1bPq#1~\x1b\\ \u202eevil\n\n"+hostileArticle), "")
	// A file name with spaces, a newline, escapes, a bell and a byte that is
	// not UTF-8.
	oddName := "odd name\nwith \x1b[31mred\x1b[0m \x1b]0;PWNED\x07 \xe9.txt"
	put(oddName, []byte(hostileArticle), "")
	put("broken.jsonl", []byte(`{"id":"j1","title":"First \u001b]0;PWNED\u0007","text":"Line one has an article body of a few words."}`+"\n"+
		`{"id":"j2","text":`+"\n"+
		`not json at all`+"\n"+
		"\n"+
		`{"id":"j5","title":"no text"}`+"\n"+
		`{"id":"j6","text":42}`+"\n"+
		`{"id":"j7","text":"Line seven is fine too, and \u009b2J has a C1 control."}`+"\n"+
		`{"id":"j8","text":"unterminated`),
		perLine)
	var page strings.Builder
	page.WriteString("<!doctype html><html><head><title>Script soup \x1b]0;PWNED\x07</title>")
	for i := range 200 {
		fmt.Fprintf(&page, "<script>var x%d = '<p>not text %d</p>'; document.title='\\x1b]0;PWNED\\x07';</script><style>.c%d{color:red}</style>", i, i, i)
	}
	page.WriteString("<body><article><h1>Script soup</h1>")
	for _, p := range strings.Split(strings.TrimSpace(hostileArticle), "\n\n") {
		page.WriteString("<p>" + p + "</p><script>alert(1)</script>")
	}
	page.WriteString("</article><noscript>Enable JavaScript</noscript></body></html>")
	put("soup.html", []byte(page.String()), "")

	// 20,000 tiny files, 1,000 to a folder.
	const tiny = 20_000
	var wg sync.WaitGroup
	errs := make(chan error, tiny/1000)
	for f := range tiny / 1000 { // a folder per goroutine: creating files is system time
		wg.Go(func() {
			sub := filepath.Join(dir, "tiny", fmt.Sprintf("%02d", f))
			if err := os.MkdirAll(sub, 0o755); err != nil {
				errs <- err
				return
			}
			for i := f * 1000; i < (f+1)*1000; i++ {
				if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%05d.txt", i)), []byte(fmt.Sprintf("Story %d\n\nThe council met on day %d.\n", i, i)), 0o644); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	// The large ones.
	if !testing.Short() {
		// 100 generated articles, repeated (generating 50 MB would take
		// longer than reading it).
		var one, b strings.Builder
		r := rand.New(rand.NewPCG(8, 8))
		for range 100 {
			_, body := gencorpus.Article(r, 800)
			one.WriteString(body)
			one.WriteString("\n\n")
		}
		b.Grow(50<<20 + one.Len())
		b.WriteString("A fifty megabyte article\n\n")
		for b.Len() < 50<<20 {
			b.WriteString(one.String())
		}
		big := b.String()
		put("big-50mb.txt", []byte(big), "")
		put("line-10mb.txt", []byte(strings.ReplaceAll(big[:10<<20], "\n", " ")), "")
	}

	t.Logf("writing the corpus: %v", time.Since(t0))
	// Unreadable: chmod 000 stops everyone but root (TestHostileUnreadable
	// drops privileges to test it as root).
	put("locked.txt", []byte(hostileArticle), "permission denied")
	if err := os.Chmod(filepath.Join(dir, "locked.txt"), 0); err != nil {
		t.Fatal(err)
	}
	if f, err := os.Open(filepath.Join(dir, "locked.txt")); err == nil {
		f.Close()
		t.Log("running as root: chmod 000 does not stop root from reading locked.txt, so it counts as readable here (TestHostileUnreadable checks it as another user)")
		files["locked.txt"] = hostileFile{files["locked.txt"].data, ""}
	}

	// A FIFO among the articles: opening it would block forever, so it is
	// not read.
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	// A symbolic link loop, a link to itself and a broken link.
	for _, l := range [][2]string{{"..", "tiny/up"}, {"self.txt", "self.txt"}, {"nowhere.txt", "broken-link.txt"}} {
		if err := os.Symlink(l[0], filepath.Join(dir, l[1])); err != nil {
			t.Fatal(err)
		}
	}
	linkWhy := map[string]string{"tiny/up": "symbolic link loop", "self.txt": "symbolic link loop", "broken-link.txt": "broken symbolic link",
		"pipe.txt": "not a regular file"}

	// Files that change between Open and Load.
	put("vanishes.txt", []byte(hostileArticle), "no such file or directory")
	put("becomes-dir.txt", []byte(hostileArticle), "is a directory")
	put("shrinks.jsonl", []byte(`{"text":"first line of a file that is cut short"}`+"\n"+`{"text":"second line, lost when the file is truncated"}`+"\n"), perLine)

	start := time.Now()
	c, err := Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Open: %d items, %d problems in %v", len(c.Items), len(c.Problems), time.Since(start))

	// Problems found while listing: the links and the FIFO, and nothing else
	// (unreadable files are found when read).
	for _, p := range c.Problems {
		fzCheckProblem(t, p)
		rel := strings.TrimPrefix(p.Path, dir+string(filepath.Separator))
		why, ok := linkWhy[rel]
		if !ok {
			t.Errorf("unexpected problem while listing: %s", p)
			continue
		}
		if !strings.Contains(p.Reason, why) {
			t.Errorf("%s: want %q", p, why)
		}
		delete(linkWhy, rel)
	}
	for rel, why := range linkWhy {
		t.Errorf("no problem for %s (%s)", rel, why)
	}

	os.Remove(filepath.Join(dir, "vanishes.txt"))
	os.Remove(filepath.Join(dir, "becomes-dir.txt"))
	os.Mkdir(filepath.Join(dir, "becomes-dir.txt"), 0o755)
	os.Truncate(filepath.Join(dir, "shrinks.jsonl"), 20)

	// What each JSONL line must become.
	lineWhy := map[string]string{
		"broken.jsonl:2": "invalid JSON", "broken.jsonl:3": "invalid JSON", "broken.jsonl:5": "no text",
		"broken.jsonl:6": "not a string", "broken.jsonl:8": "invalid JSON",
		"shrinks.jsonl:1": "changed since it was opened", "shrinks.jsonl:2": "changed since it was opened",
	}

	results := make([]*Result, len(c.Items))
	start = time.Now()
	c.Stream(context.Background(), 0, func(rs []Result) {
		for i := range rs {
			r := rs[i]
			if results[r.Index] != nil {
				t.Errorf("item %d emitted twice", r.Index)
			}
			results[r.Index] = &r
		}
	})
	t.Logf("Stream: %v", time.Since(start))

	loaded, tinyLoaded := 0, 0
	wantLoaded := 2 // broken.jsonl lines 1 and 7
	for _, f := range files {
		if f.why == "" {
			wantLoaded++
		}
	}
	seenFile := map[string]bool{}
	for i, it := range c.Items {
		r := results[i]
		if r == nil {
			t.Fatalf("item %d (%s) never emitted", i, it.Path)
		}
		fzCheckLine(t, "id", it.ID)
		fzCheckLine(t, "path", it.Path)
		rel, err := filepath.Rel(dir, it.ref.src.name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(rel, "tiny"+string(filepath.Separator)) {
			if r.Article == nil {
				t.Errorf("tiny file %s: %v", rel, r.Problem)
			}
			tinyLoaded++
			continue
		}
		f, known := files[rel]
		if !known {
			t.Errorf("item %d from unknown file %q", i, rel)
			continue
		}
		why := f.why
		key := rel
		if it.ref.line > 0 {
			key = fmt.Sprintf("%s:%d", rel, it.ref.line)
			why = lineWhy[key]
		}
		seenFile[key] = true
		switch {
		case r.Article != nil && why != "":
			t.Errorf("%s loaded; want a problem saying %q", key, why)
		case r.Article != nil:
			loaded++
			fzCheckArticle(t, r.Article)
			// Stream dropped the body: read it in full, as the reader does.
			a, err := c.Load(i)
			if err != nil {
				t.Errorf("%s: Stream read it, Load says %v", key, err)
				continue
			}
			fzCheckArticle(t, a)
			if want, ok := hostileWants[rel]; ok && !strings.Contains(a.Text, want) {
				t.Errorf("%s: text lacks %q:\n%.300q", key, want, a.Text)
			}
			for _, bad := range []string{"not text", "alert(", "color:red", "document.", "Enable JavaScript"} {
				if strings.Contains(a.Raw, bad) {
					t.Errorf("%s: script or style text %q in the article", key, bad)
				}
			}
			if a.Words != r.Article.Words || a.Title != r.Article.Title {
				t.Errorf("%s: Load and Stream disagree: %d words %q, %d words %q", key, a.Words, a.Title, r.Article.Words, r.Article.Title)
			}
			if r.Article.ID != it.ID || r.Article.Path != it.Path {
				t.Errorf("%s: article id/path %q %q, item %q %q", key, r.Article.ID, r.Article.Path, it.ID, it.Path)
			}
		case why == "":
			t.Errorf("%s: %s; want it loaded", key, r.Problem)
		default:
			p := *r.Problem
			fzCheckProblem(t, p)
			if !strings.Contains(p.Reason, why) {
				t.Errorf("%s: problem %q; want %q", key, p, why)
			}
			// The problem names the file as the user typed it, and the line.
			if want := model.SanitizeLine(filepath.Join(dir, rel)); p.Path != want || p.Line != int(it.ref.line) {
				t.Errorf("%s: problem names %q line %d, want %q line %d", key, p.Path, p.Line, want, it.ref.line)
			}
			// Load says the same as Stream.
			_, err := c.Load(i)
			var pe *ProblemError
			if !errors.As(err, &pe) || pe.Problem != p {
				t.Errorf("%s: Load gives %v, Stream gave %v", key, err, p)
			}
		}
	}
	t.Logf("checking: %v", time.Since(start))
	if tinyLoaded != tiny {
		t.Errorf("%d of %d tiny files read", tinyLoaded, tiny)
	}
	// Every loadable file was found (JSONL files count their lines).
	for rel, f := range files {
		if !seenFile[rel] && !strings.HasSuffix(rel, ".jsonl") {
			t.Errorf("%q was not listed (want %q)", rel, f.why)
		}
	}
	for key := range lineWhy {
		if !seenFile[key] {
			t.Errorf("JSONL line %s was not listed", key)
		}
	}
	t.Logf("%d articles read (%d tiny), %d items skipped with a problem", loaded+tinyLoaded, tinyLoaded, len(c.Items)-loaded-tinyLoaded)
	if loaded != wantLoaded {
		t.Errorf("%d articles loaded outside tiny/, want %d", loaded, wantLoaded)
	}

	// Loading again after the fact: still problems, never a crash.
	for i, it := range c.Items {
		if filepath.Base(it.ref.src.name) == "vanishes.txt" {
			_, err := c.Load(i)
			if err == nil || !strings.Contains(err.Error(), "vanishes.txt: no such file or directory") {
				t.Errorf("Load of a vanished file: %v", err)
			}
		}
	}
}

// TestHostileUnreadable checks files the user may not read (chmod 000). As
// root, whom chmod does not stop, it re-runs itself as user nobody.
func TestHostileUnreadable(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no chmod 000 on Windows")
	}
	if dir := os.Getenv("STORYDESK_UNREADABLE_DIR"); dir != "" {
		// The child: open and read, and print every result as JSON.
		c, err := Open([]string{dir}, nil)
		enc := json.NewEncoder(os.Stdout)
		if err != nil {
			enc.Encode(map[string]string{"error": err.Error()})
		}
		for _, p := range c.Problems {
			enc.Encode(map[string]string{"problem": p.String()})
		}
		c.Stream(context.Background(), 1, func(rs []Result) {
			for _, r := range rs {
				if r.Problem != nil {
					enc.Encode(map[string]string{"problem": r.Problem.String()})
				} else {
					enc.Encode(map[string]string{"loaded": r.Article.ID})
				}
			}
		})
		return
	}
	base, err := os.MkdirTemp("", "storydesk-unreadable-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.Walk(base, func(p string, _ os.FileInfo, _ error) error { os.Chmod(p, 0o755); return nil })
		os.RemoveAll(base)
	})
	dir := filepath.Join(base, "corpus")
	write(t, dir, map[string]string{"ok.txt": hostileArticle, "locked.txt": hostileArticle, "closed/x.txt": "x", "shut.jsonl": `{"text":"x"}`})
	for _, n := range []string{"locked.txt", "closed", "shut.jsonl"} {
		if err := os.Chmod(filepath.Join(dir, n), 0); err != nil {
			t.Fatal(err)
		}
	}
	var out []byte
	if os.Geteuid() != 0 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHostileUnreadable$")
		cmd.Env = append(os.Environ(), "STORYDESK_UNREADABLE_DIR="+dir)
		out, err = cmd.Output()
	} else {
		// Root reads anything: run the check as nobody. The test binary
		// must be reachable by nobody, so it is copied next to the corpus.
		os.Chmod(base, 0o755)
		os.Chmod(dir, 0o755)
		bin := filepath.Join(base, "data.test")
		if err := copyExecutable(os.Args[0], bin); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "-test.run=^TestHostileUnreadable$")
		cmd.Dir = base
		cmd.Env = []string{"STORYDESK_UNREADABLE_DIR=" + dir, "PATH=/usr/bin:/bin", "HOME=" + base}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err = cmd.Output()
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				t.Logf("stderr: %s", ee.Stderr)
			}
			t.Skipf("cannot run the check as user nobody (%v): chmod 000 is not tested as root", err)
		}
		t.Log("running as root: the unreadable files were read as user nobody (uid 65534)")
	}
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	got := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "{") {
			continue // the test framework's own lines
		}
		var m map[string]string
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("child line %q: %v", sc.Text(), err)
		}
		for k, v := range m {
			got[k+" "+strings.TrimPrefix(v, dir+"/")] = true
		}
	}
	for _, want := range []string{"loaded ok.txt", "problem locked.txt: permission denied", "problem closed: permission denied", "problem shut.jsonl: permission denied"} {
		if !got[want] {
			t.Errorf("child did not report %q; got %v", want, got)
		}
	}
	if len(got) != 4 {
		t.Errorf("child reported %d results, want 4: %v", len(got), got)
	}
}

func copyExecutable(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
