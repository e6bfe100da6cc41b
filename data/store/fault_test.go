package store

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"storydesk/data/corpus"
	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/model/dup"
)

// Faults the store and the exporters must survive: damaged store files, a
// full disk, a store whose journal cannot be written, and SIGKILL in the
// middle of an export or of duplicate detection (which writes the signature
// cache). (SIGKILL while annotating: kill_test.go.)

// faultText is article i's text: long enough that a few hundred articles
// fill many pages of every table.
func faultText(i int) string {
	return fmt.Sprintf("Story %d: ", i) + strings.Repeat("Mayor Ilse Varga of Port Ellis met the Harbour Board on Monday. ", 20)
}

// faultStore writes a closed store at path with n annotated articles (one
// PERSON span each).
func faultStore(t *testing.T, path string, n int) {
	t.Helper()
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		text := faultText(i)
		a := &model.Article{ID: fmt.Sprintf("a%04d.txt", i), Path: "p", Title: "T", Text: text}
		if _, err := s.Do(ctx, tag(a, spanOf(t, text, "Ilse Varga", "PERSON"))); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestStoreDamagedFileRefused damages a real store the ways disks and
// careless copies do. OpenSQLite must refuse it with an error naming the file
// and pointing at README's Recovery section, and leave the bytes (and the
// folder) exactly as they were.
func TestStoreDamagedFileRefused(t *testing.T) {
	pristine := filepath.Join(t.TempDir(), "annotations.db")
	faultStore(t, pristine, 200)
	orig, err := os.ReadFile(pristine)
	if err != nil {
		t.Fatal(err)
	}
	if len(orig) < 64<<10 {
		t.Fatalf("store is only %d bytes: too small to damage in the middle", len(orig))
	}
	damages := []struct {
		name string
		fn   func([]byte) []byte
		want string // in the error
	}{
		{"truncated to half", func(b []byte) []byte { return b[:len(b)/2] }, "cannot read it"},
		{"truncated to one page", func(b []byte) []byte { return b[:4096] }, "cannot read it"},
		{"truncated inside the header", func(b []byte) []byte { return b[:10] }, "not a SQLite database"},
		{"header overwritten", func(b []byte) []byte {
			c := bytes.Clone(b)
			copy(c, bytes.Repeat([]byte{0xa5}, 100))
			return c
		}, "not a SQLite database"},
		{"schema page bytes flipped", func(b []byte) []byte {
			c := bytes.Clone(b)
			for i := 100; i < 200; i++ {
				c[i] ^= 0xff
			}
			return c
		}, "cannot read it"},
		{"zeros over the first pages", func(b []byte) []byte {
			c := bytes.Clone(b)
			clear(c[:3*4096])
			return c
		}, "not a SQLite database"},
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "annotations.db")
			bad := d.fn(orig)
			if err := os.WriteFile(path, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := OpenSQLite(path, "tester")
			if err == nil {
				s.Close()
				t.Fatal("a damaged store opened")
			}
			msg := err.Error()
			for _, want := range []string{path, d.want, "left untouched", "Recovery"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q lacks %q", msg, want)
				}
			}
			after, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(after, bad) {
				t.Errorf("the damaged file was changed by the refused open (%v)", err)
			}
			ents, _ := os.ReadDir(dir)
			if len(ents) != 1 {
				var names []string
				for _, e := range ents {
					names = append(names, e.Name())
				}
				t.Errorf("the refused open left files behind: %v", names)
			}
		})
	}
}

// TestStoreDamagedPageDetected flips the header of a B-tree page in the
// middle of a store: the kind of damage only reading that page finds.
// integrity_check must name it and the query that meets it must fail (not
// return partial results). The open-time check, which refuses this store
// (guard_test.go), is skipped to see the rest.
func TestStoreDamagedPageDetected(t *testing.T) {
	setVar(t, &skipOpenCheck, true)
	path, _, page := damagedMidStorePage(t)
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("page %d", page+1)) {
		t.Errorf("integrity check on a damaged page %d: %v", page+1, err)
	}
	if st, err := s.Hashes(ctx); err == nil {
		t.Errorf("Hashes read %d articles over a damaged page without an error", len(st))
	}
}

// TestStoreWALBlocked makes the store's journal impossible to create (a
// folder where annotations.db-wal should go): opening or the first write
// must fail with an error, and nothing may be reported saved.
func TestStoreWALBlocked(t *testing.T) {
	for _, side := range []string{"-wal", "-shm"} {
		t.Run(side, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "annotations.db")
			faultStore(t, path, 3)
			orig, _ := os.ReadFile(path)
			if err := os.Mkdir(path+side, 0o755); err != nil {
				t.Fatal(err)
			}
			s, err := OpenSQLite(path, "tester")
			if err != nil {
				t.Logf("refused at open: %v", err)
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error does not name the store: %v", err)
				}
			} else {
				text := faultText(99)
				a := &model.Article{ID: "new.txt", Text: text}
				_, err = s.Do(ctx, tag(a, spanOf(t, text, "Ilse Varga", "PERSON")))
				s.Close()
				if err == nil {
					t.Fatal("an action was reported saved with no way to write the journal")
				}
				t.Logf("refused at the first write: %v", err)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, orig) {
				t.Error("the store file changed")
			}
		})
	}
}

// TestStoreDiskFullProcess is not a test on its own: TestStoreDiskFull runs
// the test binary again with STORYDESK_FULL_DB set, and this function then
// limits the size of any file it writes (RLIMIT_FSIZE, which binds root too:
// a full disk as far as this process can tell) and annotates until the
// store fails, printing "ok N" after each confirmed commit and "error ..."
// for each refusal.
func TestStoreDiskFullProcess(t *testing.T) {
	path := os.Getenv("STORYDESK_FULL_DB")
	if path == "" {
		t.Skip("helper process for TestStoreDiskFull")
	}
	limit, _ := strconv.ParseUint(os.Getenv("STORYDESK_FULL_LIMIT"), 10, 64)
	signal.Ignore(syscall.SIGXFSZ) // a write past the limit fails with EFBIG instead of killing us
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		fmt.Println("setup", err)
		os.Exit(3)
	}
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		fmt.Println("error open:", err)
		os.Exit(0)
	}
	out := bufio.NewWriter(os.Stdout)
	fails := 0
	for i := 0; i < 5000 && fails < 3; i++ {
		text := faultText(i) + strings.Repeat(fmt.Sprintf(" Line %d of a long article.", i), 200)
		a := &model.Article{ID: fmt.Sprintf("full%04d.txt", i), Text: text}
		if _, err := s.Do(ctx, tag(a, spanOf(t, text, "Ilse Varga", "PERSON"))); err != nil {
			fmt.Fprintln(out, "error", i, strings.ReplaceAll(err.Error(), "\n", " "))
			fails++
		} else {
			fmt.Fprintln(out, "ok", i)
		}
		out.Flush()
	}
	s.Close()
	os.Exit(0)
}

// TestStoreDiskFull annotates in a child process whose files may not grow
// past a limit, until the store refuses. Every refusal must be an error
// returned by Do (no crash, no silent loss), and on reopening without the
// limit the store must be intact and hold exactly the actions confirmed.
func TestStoreDiskFull(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("RLIMIT_FSIZE and SIGXFSZ as on Linux")
	}
	for _, limit := range []int{256 << 10, 1 << 20} {
		t.Run(strconv.Itoa(limit>>10)+"KB", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "annotations.db")
			faultStore(t, path, 5) // some annotations before the disk fills
			cmd := exec.Command(os.Args[0], "-test.run=^TestStoreDiskFullProcess$")
			cmd.Env = append(os.Environ(), "STORYDESK_FULL_DB="+path, "STORYDESK_FULL_LIMIT="+strconv.Itoa(limit))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("writer died: %v\nstdout:\n%s\nstderr:\n%s", err, out, stderr.String())
			}
			confirmed := map[string]bool{}
			var errs []string
			for _, l := range strings.Split(string(out), "\n") {
				f := strings.Fields(l)
				switch {
				case len(f) == 2 && f[0] == "ok":
					confirmed[fmt.Sprintf("full%04s.txt", f[1])] = true
				case len(f) > 0 && f[0] == "error":
					errs = append(errs, l)
				case len(f) > 0 && f[0] == "setup":
					t.Fatalf("writer setup: %s", l)
				}
			}
			if len(errs) == 0 {
				t.Fatalf("the store never ran out of room at %d bytes:\n%s", limit, out)
			}
			t.Logf("%d actions confirmed, then: %s", len(confirmed), errs[0])
			s := openTestStore(t, path)
			if err := s.IntegrityCheck(ctx); err != nil {
				t.Fatal(err)
			}
			st, err := s.Statuses(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for id := range confirmed {
				doc, ok, err := s.Doc(ctx, id)
				if err != nil || !ok || len(doc.Spans) != 1 {
					t.Errorf("confirmed action on %s lost after the disk filled: ok %v err %v", id, ok, err)
				}
			}
			for id := range st {
				if strings.HasPrefix(id, "full") && !confirmed[id] {
					t.Errorf("%s is in the store but its action was reported failed", id)
				}
			}
			for i := range 5 {
				if _, ok := st[fmt.Sprintf("a%04d.txt", i)]; !ok {
					t.Errorf("annotation a%04d.txt from before the disk filled is gone", i)
				}
			}
		})
	}
}

// TestDupsWriterProcess is not a test on its own: TestDupsSurvivesSIGKILL
// runs the test binary again with STORYDESK_DUPS_DB set, and this function
// then finds the corpus's duplicates with the store as signature cache,
// printing "start" once the store is open and "done PAIRS" at the end.
func TestDupsWriterProcess(t *testing.T) {
	path := os.Getenv("STORYDESK_DUPS_DB")
	if path == "" {
		t.Skip("helper process for TestDupsSurvivesSIGKILL")
	}
	s, err := OpenSQLite(path, "dups")
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	c, err := corpus.Open([]string{os.Getenv("STORYDESK_DUPS_CORPUS")}, nil)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	fmt.Println("start")
	rep, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{Cache: s})
	if err != nil || rep.CacheErr != nil {
		fmt.Println("error", err, rep.CacheErr)
		os.Exit(3)
	}
	fmt.Println("done", len(rep.Pairs), rep.Computed, rep.Cached)
	os.Exit(0)
}

// TestDupsSurvivesSIGKILL kills duplicate detection (which writes the
// signature cache into the store in batches) at random moments: the store
// must stay intact with every annotation made before, every cached
// signature must be whole and right for its text, and a run after the kills
// must find exactly the pairs a run without a cache finds.
func TestDupsSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns duplicate-detection processes; skipped with -short")
	}
	dir := t.TempDir()
	if err := gencorpus.WriteDir(dir, 1500, 250, 3); err != nil {
		t.Fatal(err)
	}
	// Copies, so there are pairs to find.
	for i := range 40 {
		src := filepath.Join(dir, "000", fmt.Sprintf("%06d.txt", i))
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("copy-%02d.txt", i)), append(b, "\n\nUpdated at 10:42."...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dbPath := filepath.Join(t.TempDir(), "annotations.db")
	faultStore(t, dbPath, 20) // annotations made before

	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := corpus.FindDuplicates(ctx, c, corpus.DupJobOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Pairs) < 40 {
		t.Fatalf("only %d pairs in a corpus with 40 copies", len(want.Pairs))
	}

	run := func(kill time.Duration) (done string, took time.Duration) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestDupsWriterProcess$")
		cmd.Env = append(os.Environ(), "STORYDESK_DUPS_DB="+dbPath, "STORYDESK_DUPS_CORPUS="+dir)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var start time.Time
		var timer *time.Timer
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			l := sc.Text()
			switch {
			case l == "start":
				start = time.Now()
				if kill > 0 {
					timer = time.AfterFunc(kill, func() { cmd.Process.Signal(syscall.SIGKILL) })
				}
			case strings.HasPrefix(l, "error"):
				t.Fatalf("dups: %s", l)
			case strings.HasPrefix(l, "done"):
				done, took = l, time.Since(start)
			}
		}
		cmd.Wait()
		if timer != nil {
			timer.Stop()
		}
		return done, took
	}

	// How long a run takes with no cache: kills land inside that.
	clean := filepath.Join(t.TempDir(), "timing.db")
	faultStore(t, clean, 1)
	saved := dbPath
	dbPath = clean
	_, full := run(0)
	dbPath = saved
	if full == 0 {
		t.Fatal("the timing run did not finish")
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	kills := 0
	for round := 0; round < 4; round++ {
		if done, _ := run(time.Duration(1 + rng.Int63n(int64(full)))); done == "" {
			kills++
		}
		s := openTestStore(t, dbPath)
		if err := s.IntegrityCheck(ctx); err != nil {
			t.Fatalf("after kill %d: %v", round, err)
		}
		for i := range 20 {
			if d, ok, err := s.Doc(ctx, fmt.Sprintf("a%04d.txt", i)); err != nil || !ok || len(d.Spans) != 1 {
				t.Fatalf("after kill %d: annotation on a%04d.txt lost (%v %v)", round, i, ok, err)
			}
		}
		s.Close()
	}

	// Every cached signature is whole and right.
	s := openTestStore(t, dbPath)
	texts := map[string]string{}
	for i := range c.Items {
		a, err := c.Load(i)
		if err != nil {
			t.Fatal(err)
		}
		texts[model.HashText(a.Text)] = a.Text
	}
	hashes := make([]string, 0, len(texts))
	for h := range texts {
		hashes = append(hashes, h)
	}
	cached, err := s.Signatures(ctx, dup.SignatureVersion, hashes)
	if err != nil {
		t.Fatal(err)
	}
	for h, raw := range cached {
		var sig dup.Signature
		if err := sig.UnmarshalBinary(raw); err != nil {
			t.Fatalf("cached signature for %s… is damaged: %v", h[:12], err)
		}
		if wantRaw, _ := dup.Sign(texts[h]).MarshalBinary(); !bytes.Equal(raw, wantRaw) {
			t.Fatalf("cached signature for %s… is not its text's", h[:12])
		}
	}
	s.Close()
	t.Logf("a run takes %v; %d of 4 runs killed part-way; %d of %d texts cached afterwards", full.Round(time.Millisecond), kills, len(cached), len(texts))

	// A run after the kills finds what a run without any cache finds.
	done, _ := run(0)
	if f := strings.Fields(done); len(f) < 2 || f[1] != strconv.Itoa(len(want.Pairs)) {
		t.Fatalf("after the kills: %q, want %d pairs", done, len(want.Pairs))
	}
}
