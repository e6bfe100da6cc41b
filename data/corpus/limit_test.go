package corpus

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
)

// endless repeats its pattern forever (yes(1), a stuck producer).
type endless struct {
	pat []byte
	off int
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], e.pat[e.off:])
		n += c
		e.off = (e.off + c) % len(e.pat)
	}
	return n, nil
}

// bombs: gzip streams of zeros and of empty JSON objects, 128 MB each
// expanded (built once: compressing them takes a moment).
var bombs = sync.OnceValues(func() ([]byte, []byte) {
	mk := func(pat string) []byte {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		chunk := bytes.Repeat([]byte(pat), (1<<20)/len(pat))
		for range 128 {
			zw.Write(chunk)
		}
		zw.Close()
		return b.Bytes()
	}
	return mk("\x00"), mk("{}\n")
})

// allocated runs fn and returns the bytes it allocated in all (a bound on
// what it could hold at once).
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// openProblem opens args (stdin from in) and returns its only problem,
// failing unless it names path and says reason.
func openProblem(t *testing.T, in io.Reader, path, reason string, args ...string) *Corpus {
	t.Helper()
	c, _ := Open(args, in)
	if c == nil {
		t.Fatalf("%s: no corpus", path)
	}
	for _, p := range c.Problems {
		if p.Path == path && strings.Contains(p.Reason, reason) {
			return c
		}
	}
	t.Fatalf("%s: want a problem naming it with %q, got %q", path, reason, problems(c))
	return nil
}

// TestLimitStdinEndless: text piped forever (yes | storydesk clean -) is
// refused once it passes the limit, naming stdin, having held no more than
// the limit (twice, while its buffer grows).
func TestLimitStdinEndless(t *testing.T) {
	var c *Corpus
	alloc := allocated(func() {
		c = openProblem(t, &endless{pat: []byte("All work and no play makes Jack a dull boy.\n")}, "stdin", "too large for one article (over 64 MB", "-")
	})
	if len(c.Items) != 0 {
		t.Errorf("items %v", ids(c))
	}
	if alloc > 3*MaxArticleBytes {
		t.Errorf("allocated %d MB reading an endless stdin; want under %d", alloc>>20, 3*MaxArticleBytes>>20)
	}
}

// TestLimitGzipBombs: a gzip of zeros or of "{}" lines, on stdin, as a
// .txt.gz and as a .jsonl.gz, is refused once it expands like a bomb — after
// about a megabyte, not the whole limit — naming the input.
func TestLimitGzipBombs(t *testing.T) {
	zeros, objs := bombs()
	dir := write(t, t.TempDir(), map[string]string{
		"zeros.txt.gz": string(zeros), "zeros.jsonl.gz": string(zeros),
		"objs.jsonl.gz": string(objs), "objs.txt.gz": string(objs),
	})
	// Zeros on stdin are binary from their first bytes.
	for bomb, why := range map[*[]byte]string{&zeros: "looks binary", &objs: "decompression bomb"} {
		alloc := allocated(func() {
			c := openProblem(t, bytes.NewReader(*bomb), "stdin", why, "-")
			if len(c.Items) > 1<<20/3 {
				t.Errorf("stdin: %d items", len(c.Items))
			}
		})
		if alloc > 64<<20 {
			t.Errorf("stdin bomb: allocated %d MB", alloc>>20)
		}
	}
	for _, name := range []string{"zeros.jsonl.gz", "objs.jsonl.gz"} {
		p := filepath.Join(dir, name)
		alloc := allocated(func() {
			c := openProblem(t, nil, p, "decompression bomb", p)
			if len(c.Items) > 1<<20/3 {
				t.Errorf("%s: %d items", name, len(c.Items))
			}
		})
		if alloc > 100<<20 {
			t.Errorf("%s: allocated %d MB", name, alloc>>20)
		}
	}
	for _, name := range []string{"zeros.txt.gz", "objs.txt.gz"} {
		p := filepath.Join(dir, name)
		_, err := loadOne(t, name, string(map[string][]byte{"zeros.txt.gz": zeros, "objs.txt.gz": objs}[name]))
		if err == nil || !strings.Contains(err.Error(), "decompression bomb") {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// TestLimitDevices: /dev/zero and /dev/urandom given as a PATH are refused
// from their first bytes, naming the device.
func TestLimitDevices(t *testing.T) {
	for _, dev := range []string{"/dev/zero", "/dev/urandom"} {
		if _, err := os.Stat(dev); err != nil {
			t.Skipf("%s: %v", dev, err)
		}
		alloc := allocated(func() { openProblem(t, nil, dev, "looks binary", dev) })
		if alloc > 16<<20 {
			t.Errorf("%s: allocated %d MB", dev, alloc>>20)
		}
	}
}

// TestLimitFIFO: a named pipe given as a PATH whose writer never stops
// (text) is refused at the limit, naming the pipe.
func TestLimitFIFO(t *testing.T) {
	SetLimit(2 << 20)
	defer SetLimit(0)
	p := filepath.Join(t.TempDir(), "feed")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		io.Copy(f, &endless{pat: []byte("words without end ")}) // ends when the reader closes
	}()
	openProblem(t, nil, p, "too large for one article (over 2 MB", p)
	<-done
}

// TestLimitStreamLongLine: JSON lines piped in whose second line never ends:
// the first is kept, the second refused naming stdin and its line, and
// nothing after it is read.
func TestLimitStreamLongLine(t *testing.T) {
	SetLimit(2 << 20)
	defer SetLimit(0)
	in := io.MultiReader(strings.NewReader(`{"id":"one","text":"The first record."}`+"\n"+`{"text":"`), &endless{pat: []byte("aaaa")})
	c := openProblem(t, in, "stdin", "line longer than 2 MB (the limit for one article): the rest of this compressed or piped input was not read", "-")
	if got := ids(c); len(got) != 1 || got[0] != "one" || c.Problems[0].Line != 2 {
		t.Fatalf("ids %q problems %q", got, problems(c))
	}
	if a, err := c.Load(0); err != nil || a.Text != "The first record." {
		t.Errorf("load: %v %v", a, err)
	}
}

// TestLimitConfigured: the limit set applies to a file, a file's JSONL
// line (the lines around it still load) and a .gz.
func TestLimitConfigured(t *testing.T) {
	SetLimit(1 << 20)
	defer SetLimit(0)
	big := words(1<<20 + 100)
	dir := write(t, t.TempDir(), map[string]string{
		"big.txt":     big,
		"big.txt.gz":  gz(t, big),
		"feed.jsonl":  `{"text":"before"}` + "\n" + `{"text":"` + big + `"}` + "\n" + `{"text":"after"}` + "\n",
		"small.md":    "# Small\n\nfits.",
		"big.html.gz": gz(t, "<html><body><p>"+big+"</p></body></html>"),
	})
	c := mustOpen(t, dir)
	got := map[string]string{}
	for i, it := range c.Items {
		if _, err := c.Load(i); err != nil {
			got[it.Path[len(dir)+1:]] = problemOf(t, err).Reason
		}
	}
	for _, name := range []string{"big.txt", "big.txt.gz", "big.html.gz"} {
		if !strings.Contains(got[name], "too large for one article (over 1 MB") {
			t.Errorf("%s: %q", name, got[name])
		}
	}
	if len(got) != 3 {
		t.Errorf("refused %q", got)
	}
	if ps := problems(c); len(ps) != 1 || !strings.Contains(ps[0], "feed.jsonl:2: line longer than 1 MB (the limit for one article): skipped") {
		t.Errorf("problems %q", ps)
	}
	SetLimit(0)
	if Limit() != MaxArticleBytes {
		t.Errorf("SetLimit(0) left %d", Limit())
	}
}

// words is n bytes of text that compresses as prose does (a few times, not
// a hundred): words drawn from a list by a fixed pseudo-random sequence.
func words(n int) string {
	vocab := strings.Fields("the harbour council said on Tuesday that ferries would resume after storm damage to piers was repaired while residents asked who pays for it and when")
	var b strings.Builder
	x := uint32(12345)
	for b.Len() < n {
		x = x*1664525 + 1013904223
		b.WriteString(vocab[x>>16%uint32(len(vocab))])
		if x&0xff < 20 {
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// TestLimitStreamLongButLegal: lines longer than a stream keeps in memory
// while reading (but within the limit) load from stdin and from a .jsonl.gz,
// and so do the lines around them.
func TestLimitStreamLongButLegal(t *testing.T) {
	long := words(teeLineMem*2 + 12345)
	feed := `{"id":"a","text":"first"}` + "\n" + `{"id":"long","text":"` + long + `"}` + "\n" + `{"id":"c","text":"last"}`
	dir := write(t, t.TempDir(), map[string]string{"feed.jsonl.gz": gz(t, feed)})
	for _, c := range []*Corpus{mustOpen(t, filepath.Join(dir, "feed.jsonl.gz")), func() *Corpus {
		c, err := Open([]string{"-"}, strings.NewReader(feed))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}()} {
		if got := ids(c); len(got) != 3 || got[1] != "long" || len(c.Problems) != 0 {
			t.Fatalf("ids %q problems %q", got, problems(c))
		}
		a, err := c.Load(1)
		if err != nil || a.Raw != long {
			t.Fatalf("long line: %v", err)
		}
		if a, err := c.Load(2); err != nil || a.Text != "last" {
			t.Fatalf("last: %v %v", a, err)
		}
	}
}

// TestLimitOpenFS: the limit holds for files read from an fs.FS too
// (found by FuzzLoadGzip: OpenFS read whole files without it).
func TestLimitOpenFS(t *testing.T) {
	SetLimit(4 << 10)
	defer SetLimit(0)
	c, err := OpenFS(fstest.MapFS{"big.txt": {Data: []byte(words(5000))}, "ok.txt": {Data: []byte("Short.")}}, "fs")
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range c.Items {
		_, err := c.Load(i)
		if big := it.ID == "big.txt"; big != (err != nil) || big && !strings.Contains(err.Error(), "too large for one article") {
			t.Errorf("%s: %v", it.ID, err)
		}
	}
}
