package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"storydesk/data/store"
	"storydesk/model"
)

// SIGKILL in the middle of an export: whatever is left under a final name
// is complete, and the temporary files are found and removed later.

// TestExportWriterProcess is not a test on its own: TestExportSurvivesSIGKILL
// runs the test binary again with STORYDESK_EXPORT_DB set, and this
// function exports the store, printing "done N" when Write returns.
func TestExportWriterProcess(t *testing.T) {
	path := os.Getenv("STORYDESK_EXPORT_DB")
	if path == "" {
		t.Skip("helper process for TestExportSurvivesSIGKILL")
	}
	s, err := store.OpenSQLite(path, "tester")
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	fmt.Println("start")
	st, err := Write(context.Background(), s, Options{Format: os.Getenv("STORYDESK_EXPORT_FORMAT"), Out: os.Getenv("STORYDESK_EXPORT_OUT")})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	fmt.Println("done", st.Articles)
	os.Exit(0)
}

// faultExportN is how many articles the killed exports write.
const faultExportN = 400

// TestExportSurvivesSIGKILL kills exports at random moments. Whatever is
// under a final name afterwards must be complete (a JSONL file with every
// article; brat files each whole and consistent with their text), and the
// store must be intact.
func TestExportSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns export processes; skipped with -short")
	}
	const n = faultExportN
	dbPath := filepath.Join(t.TempDir(), "annotations.db")
	faultStore(t, dbPath, n)
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))

	// run exports to out, killing the process kill after Write starts (0:
	// never); it reports whether the export finished and how long it took.
	run := func(t *testing.T, format, out string, kill time.Duration) (finished bool, took time.Duration) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestExportWriterProcess$")
		cmd.Env = append(os.Environ(), "STORYDESK_EXPORT_DB="+dbPath, "STORYDESK_EXPORT_FORMAT="+format, "STORYDESK_EXPORT_OUT="+out)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		var timer *time.Timer
		var start time.Time
		for sc.Scan() {
			l := sc.Text()
			switch {
			case l == "start":
				start = time.Now()
				if kill > 0 {
					timer = time.AfterFunc(kill, func() { cmd.Process.Signal(syscall.SIGKILL) })
				}
			case strings.HasPrefix(l, "error"):
				t.Fatalf("export: %s", l)
			case l == fmt.Sprintf("done %d", n):
				finished, took = true, time.Since(start)
			}
		}
		cmd.Wait()
		if timer != nil {
			timer.Stop()
		}
		return finished, took
	}

	for _, format := range []string{FormatJSONL, FormatBrat} {
		t.Run(format, func(t *testing.T) {
			// One full run to learn how long an export takes.
			out := filepath.Join(t.TempDir(), "out")
			if format == FormatJSONL {
				out += ".jsonl"
			}
			ok, full := run(t, format, out, 0)
			if !ok {
				t.Fatal("the export did not finish")
			}
			checkExportOut(t, format, out, true)
			kills, finished, left := 0, 0, 0
			for round := 0; round < 6; round++ {
				out := filepath.Join(t.TempDir(), "out")
				if format == FormatJSONL {
					out += ".jsonl"
				}
				if ok, _ := run(t, format, out, time.Duration(1+rng.Int63n(int64(full)))); ok {
					finished++
					checkExportOut(t, format, out, true)
					continue
				}
				kills++
				checkExportOut(t, format, out, false)
				// The next export to the same place removes what the
				// killed one left (hidden .NAME.PID-N.tmp files).
				left += len(tempsIn(t, out, format))
				if ok, _ := run(t, format, out, 0); !ok {
					t.Fatal("the export after a kill did not finish")
				}
				checkExportOut(t, format, out, true)
				if tmp := tempsIn(t, out, format); len(tmp) > 0 {
					t.Errorf("the export after a kill left %q", tmp)
				}
			}
			t.Logf("full export %v; %d killed part-way (leaving %d temporary files, all removed by the next export), %d finished first", full.Round(time.Millisecond), kills, left, finished)
		})
	}
	s := openTestStore(t, dbPath)
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

// tempsIn lists the temporary files at an export's destination.
func tempsIn(t *testing.T, out, format string) []string {
	t.Helper()
	dir, name := filepath.Split(out)
	if ToDir(format) {
		dir, name = out, ""
	}
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var tmp []string
	for _, e := range ents {
		if _, ok := tempOwner(e.Name(), name); ok {
			tmp = append(tmp, e.Name())
		}
	}
	return tmp
}

// checkExportOut checks what an export (complete or killed) left under its
// final names.
func checkExportOut(t *testing.T, format, out string, complete bool) {
	t.Helper()
	switch format {
	case FormatJSONL:
		b, err := os.ReadFile(out)
		if errors.Is(err, os.ErrNotExist) && !complete {
			return // killed before the rename: nothing under the final name
		}
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		for i, l := range lines {
			var rec jsonlRecord
			if err := json.Unmarshal([]byte(l), &rec); err != nil {
				t.Fatalf("line %d of %s is not whole JSON: %v", i+1, out, err)
			}
			for _, sp := range rec.Spans {
				if model.RuneSlice(rec.Text, sp.Start, sp.End) != sp.Text {
					t.Fatalf("line %d: span %+v does not slice the text", i+1, sp)
				}
			}
		}
		if len(lines) != faultExportN {
			t.Fatalf("%s holds %d articles of %d: a partial file under the final name", out, len(lines), faultExportN)
		}
	case FormatBrat:
		ents, err := os.ReadDir(out)
		if err != nil {
			if !complete && errors.Is(err, os.ErrNotExist) {
				return
			}
			t.Fatal(err)
		}
		txt, ann := 0, 0
		for _, e := range ents {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				if complete {
					t.Errorf("a finished export left %s", name)
				}
				continue // a temporary file: not under a final name
			}
			id, isTxt := strings.CutSuffix(name, ".txt.txt")
			idAnn, isAnn := strings.CutSuffix(name, ".txt.ann")
			switch {
			case isTxt:
				txt++
				b, _ := os.ReadFile(filepath.Join(out, name))
				i, _ := strconv.Atoi(strings.TrimPrefix(id, "a"))
				if string(b) != faultText(i) {
					t.Fatalf("%s is not the whole article text (%d bytes)", name, len(b))
				}
			case isAnn:
				ann++
				b, _ := os.ReadFile(filepath.Join(out, name))
				if !bytes.HasPrefix(b, []byte("T1\tPERSON ")) || !bytes.HasSuffix(b, []byte("\tIlse Varga\n")) {
					t.Fatalf("%s is not a whole annotation file: %q", name, b)
				}
				if _, err := os.Stat(filepath.Join(out, idAnn+".txt.txt")); err != nil {
					t.Errorf("%s has no text beside it", name)
				}
			case name == "annotation.conf":
			default:
				t.Errorf("unexpected file %s in the export", name)
			}
		}
		if complete && (txt != faultExportN || ann != faultExportN) {
			t.Fatalf("finished export holds %d .txt and %d .ann of %d", txt, ann, faultExportN)
		}
		if txt < ann || txt > ann+1 {
			t.Errorf("%d .txt and %d .ann: more than the one article in flight is unpaired", txt, ann)
		}
	}
}
