//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"storydesk/internal/gencorpus"
)

// Peak resident memory of the built binary, as a user runs it, on the
// generated corpus (100,000 articles of about 600 words unless
// STORYDESK_PEAKRSS_N says otherwise). One run per benchmark: the figure is
// the process's own peak, not a Go heap estimate.
//
//	go test ./cmd/storydesk -run '^$' -bench PeakRSS -benchtime=1x -timeout 30m
//
// PeakRSS/reader opens the corpus in the reader on its own tmux server and
// waits until every background job is done (the list read, duplicate
// detection, grouping), then quits; PeakRSS/dups runs `storydesk dups` on it.
func BenchmarkPeakRSS(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("STORYDESK_PEAKRSS_N")); err == nil && v > 0 {
		n = v
	}
	_, jsonl, err := gencorpus.Cached(n, 600, 1)
	if err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(b.TempDir(), "storydesk")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	// A folder of its own, so the reader's store (and its signature cache)
	// starts empty and the cached corpus stays untouched.
	corpusDir := b.TempDir()
	link := filepath.Join(corpusDir, "all.jsonl")
	if err := os.Symlink(jsonl, link); err != nil {
		b.Fatal(err)
	}

	b.Run("reader", func(b *testing.B) {
		if _, err := exec.LookPath("tmux"); err != nil {
			b.Skip("needs tmux")
		}
		if _, err := os.Stat("/usr/bin/time"); err != nil {
			b.Skip("needs /usr/bin/time")
		}
		for range b.N {
			os.RemoveAll(filepath.Join(corpusDir, ".storydesk"))
			rss := filepath.Join(b.TempDir(), "rss")
			server := fmt.Sprintf("storydesk-peakrss-%d", os.Getpid())
			tmux := func(args ...string) *exec.Cmd {
				return exec.Command("tmux", append([]string{"-L", server}, args...)...)
			}
			cmdline := fmt.Sprintf("XDG_DATA_HOME=%s /usr/bin/time -f %%M -o %s %s %s", b.TempDir(), rss, bin, link)
			if out, err := tmux("new-session", "-d", "-s", "x", "-x", "120", "-y", "40", cmdline).CombinedOutput(); err != nil {
				b.Fatalf("tmux: %v %s", err, out)
			}
			start := time.Now()
			done := fmt.Sprintf("Read %s articles", commas(n))
			// Idle: the list read, no job's progress on screen, and no CPU
			// used for five seconds (grouping starts a few seconds after the
			// list is read, with nothing on screen until its first progress).
			lastCPU := time.Duration(-1)
			for idle := 0; idle < 5; time.Sleep(time.Second) {
				out, _ := tmux("capture-pane", "-p", "-t", "x").Output()
				scr := string(out)
				cpu := cpuOf(bin)
				if strings.Contains(scr, done) && !strings.Contains(scr, "copies:") && !strings.Contains(scr, "reading") && cpu-lastCPU < 20*time.Millisecond {
					idle++
				} else {
					idle = 0
				}
				lastCPU = cpu
				if time.Since(start) > 25*time.Minute {
					tmux("kill-server").Run()
					b.Fatalf("background jobs still running after 25 minutes:\n%s", scr)
				}
			}
			elapsed := time.Since(start)
			tmux("send-keys", "-t", "x", "q").Run()
			var kb int
			for wait := 0; wait < 60; wait++ {
				raw, err := os.ReadFile(rss)
				if kb, err = strconv.Atoi(strings.TrimSpace(lastLine(string(raw)))); err == nil {
					break
				}
				time.Sleep(500 * time.Millisecond)
			}
			tmux("kill-server").Run()
			if kb == 0 {
				b.Fatal("no peak RSS from /usr/bin/time")
			}
			b.ReportMetric(float64(kb)/1024, "peak-MB")
			b.ReportMetric(elapsed.Seconds(), "s-until-idle")
		}
	})

	b.Run("dups", func(b *testing.B) {
		for range b.N {
			cmd := exec.Command(bin, "dups", link)
			cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+b.TempDir())
			start := time.Now()
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("dups: %v\n%.500s", err, out)
			}
			b.ReportMetric(float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)/1024, "peak-MB")
			b.ReportMetric(time.Since(start).Seconds(), "s")
		}
	})
}

// cpuOf is the CPU time used so far by the running process whose command
// line starts with bin (0 when there is none).
func cpuOf(bin string) time.Duration {
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		cmd, err := os.ReadFile(filepath.Join("/proc", d.Name(), "cmdline"))
		if err != nil || !strings.HasPrefix(string(cmd), bin+"\x00") {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", d.Name(), "stat"))
		if err != nil {
			continue
		}
		// Fields after the command's closing parenthesis: utime and
		// stime are the 12th and 13th, in clock ticks (100 a second).
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) < 13 {
			continue
		}
		u, _ := strconv.Atoi(f[11])
		s, _ := strconv.Atoi(f[12])
		return time.Duration(u+s) * 10 * time.Millisecond
	}
	return 0
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// commas writes n with thousands separators, as the status bar does.
func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
