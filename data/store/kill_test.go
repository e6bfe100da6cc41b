package store

import (
	"bufio"
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

	"storydesk/model"
)

// killText is the article the writer process tags, one word per action.
var killText = strings.TrimSpace(strings.Repeat("Varga met Okafor in Port Ellis. ", 400))

// TestStoreWriterProcess is not a test on its own: TestStoreSurvivesSIGKILL
// runs the test binary again with STORYDESK_KILL_DB set, and this function
// then tags words as fast as it can, printing "ok START" after each commit.
func TestStoreWriterProcess(t *testing.T) {
	path := os.Getenv("STORYDESK_KILL_DB")
	if path == "" {
		t.Skip("helper process for TestStoreSurvivesSIGKILL")
	}
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	a := &model.Article{ID: "kill.txt", Text: killText}
	doc, _, _ := s.Doc(ctx, a.ID)
	pos := 0
	if doc != nil && len(doc.Spans) > 0 {
		pos = doc.Spans[len(doc.Spans)-1].End + 1
	}
	out := bufio.NewWriter(os.Stdout)
	runes := []rune(killText)
	for pos < len(runes) {
		end := pos
		for end < len(runes) && runes[end] != ' ' {
			end++
		}
		sp := model.Span{Start: pos, End: end, Label: "PERSON", Text: string(runes[pos:end])}
		if _, err := s.Do(ctx, tag(a, sp)); err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			os.Exit(3)
		}
		// Confirmed only after the commit returned, exactly as the UI does.
		fmt.Fprintln(out, "ok", pos)
		out.Flush()
		pos = end + 1
	}
	os.Exit(0)
}

func TestStoreSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns writer processes; skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "kill.db")
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	confirmed := map[int]bool{}
	for round := 0; round < 6; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestStoreWriterProcess$")
		cmd.Env = append(os.Environ(), "STORYDESK_KILL_DB="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Let it commit a few actions, then kill it mid-write. The clock
		// starts at its first commit, not at its start (process start and
		// opening the store took most of a fixed delay, so rounds confirmed
		// one action or none).
		var deadline <-chan time.Time
		killed := false
		for l := range lines {
			if strings.HasPrefix(l, "error") {
				t.Fatalf("writer: %s", l)
			}
			if f := strings.Fields(l); len(f) == 2 && f[0] == "ok" {
				n, _ := strconv.Atoi(f[1])
				confirmed[n] = true
				if deadline == nil {
					deadline = time.After(time.Duration(5+rng.Intn(150)) * time.Millisecond)
				}
			}
			select {
			case <-deadline:
				if !killed {
					cmd.Process.Signal(syscall.SIGKILL)
					killed = true
				}
			default:
			}
		}
		cmd.Wait()
	}
	if len(confirmed) == 0 {
		t.Fatal("the writer confirmed nothing")
	}
	s := openTestStore(t, path)
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	doc, ok, err := s.Doc(ctx, "kill.txt")
	if err != nil || !ok {
		t.Fatalf("doc: %v %v", ok, err)
	}
	have := map[int]bool{}
	for _, sp := range doc.Spans {
		have[sp.Start] = true
		if model.RuneSlice(doc.Text, sp.Start, sp.End) != sp.Text {
			t.Fatalf("span %+v does not slice the text", sp)
		}
	}
	for pos := range confirmed {
		if !have[pos] {
			t.Errorf("confirmed action at %d is missing after SIGKILL", pos)
		}
	}
	t.Logf("%d confirmed actions over 6 kills, %d spans stored", len(confirmed), len(doc.Spans))
}
