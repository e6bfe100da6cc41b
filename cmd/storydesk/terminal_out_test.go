package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the master end to read, the slave end
// for the child's stdout and stderr.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Skipf("ptsname: %v", err)
	}
	s, err := os.OpenFile("/dev/pts/"+itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("open pts: %v", err)
	}
	return m, s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// badTerminalByte finds what must never reach a terminal from a file: an
// escape or other control (the terminal's own CR before LF aside), a C1
// control, a bidi override, invalid UTF-8. It returns "" when s is clean.
func badTerminalByte(s string) string {
	// storydesk's own progress lines redraw themselves with CR and "erase
	// line" (terminalOf): the one sequence it writes on purpose.
	s = strings.ReplaceAll(s, "\x1b[K", "")
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			return "control " + string(strings.ToUpper(strings.TrimPrefix(itoaHex(int(r)), "")))
		case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			return "bidi control"
		}
	}
	return ""
}

func itoaHex(n int) string {
	const hex = "0123456789abcdef"
	return "0x" + string(hex[n>>4&15]) + string(hex[n&15])
}

// TestBinaryTerminalOutput runs every subcommand with its stdout and stderr
// on a real terminal (a pty), over a corpus whose file names and texts hold
// escape sequences and controls, with errors, skips and usage mistakes
// that name them: not one control byte from a file reaches the terminal.
func TestBinaryTerminalOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus \x1b[31m")
	evil := "b \x1b]0;PWNED\x07 \x1b[2J \u009b1;1H\u202e name\x7f.txt"
	writeFile(t, filepath.Join(corpus, "a.txt"), "Harbour strike ends\n\n"+cleanArticle)
	writeFile(t, filepath.Join(corpus, evil), "Evil \x1b]52;c;UFdORUQ=\x07 title \u009b2J\n\n“Go home \x1b[5mnow\x1b[0m,” said Mara \x08\x08Okafor.\n\n"+cleanArticle)
	writeFile(t, filepath.Join(corpus, "c-binary \x1b[31m.txt"), "\x00\x01\x02\x03")
	writeFile(t, filepath.Join(corpus, "d \x07.jsonl"), `{"id":"x\u001b[2Jy","text":"t \u001b]0;T\u0007"}`+"\n{broken \x1b[2J\n")
	brat := filepath.Join(dir, "brat \x1b[1m")
	writeFile(t, filepath.Join(brat, "doc \x1b[2J.txt"), "Ilse Varga spoke.")
	writeFile(t, filepath.Join(brat, "doc \x1b[2J.ann"), "T1\tPERSON 0 10\tIlse Varga\nT2\t\x1b[2J 0 4\tIlse\nX\x1b]0;t\x07\n")
	spans := filepath.Join(dir, "spans \x1b]0;T\x07.jsonl")
	writeFile(t, spans, `{"text":"Ilse Varga","spans":[{"start":0,"end":4,"label":"P\u001b[2J"}]}`+"\n{\x1b[2J\n")
	fifo := filepath.Join(dir, "fifo \x1b[2J.db")
	unix.Mkfifo(fifo, 0o600)
	home := t.TempDir()
	db := filepath.Join(dir, "s \x1b[7m.db")

	cases := [][]string{
		{"clean", corpus},
		{"clean", "--json", corpus},
		{"quotes", corpus},
		{"quotes", "--json", corpus},
		{"dups", corpus},
		{"story", corpus},
		{"story", "--markdown", corpus},
		{"import", "--db", db, spans, brat},
		{"export", "--format", "jsonl", "--db", db},
		{"export", "--format", "brat", "--db", db, "--out", filepath.Join(dir, "out \x1b[2J")},
		{"export", "--format", "csv", "--db", db},
		{"export", "--format", "jsonl", "--db", fifo},
		{"clean", filepath.Join(dir, "missing \x1b]0;T\x07.txt")},
		{"clean", "--\x1b[2J"},
		{"cl\x1b[2Jean", corpus},
		{"dups", "--threshold", "\x1b[2J", corpus},
		{"--db", fifo, corpus},
	}
	for _, args := range cases {
		master, slave := openPTY(t)
		cmd := exec.Command(bin, args...)
		cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
			"XDG_DATA_HOME=" + filepath.Join(home, "data"), "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color"}
		cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, slave, slave
		var out bytes.Buffer
		done := make(chan struct{})
		go func() { io.Copy(&out, master); close(done) }()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waited := make(chan error, 1)
		go func() { waited <- cmd.Wait() }()
		select {
		case <-waited:
		case <-time.After(2 * time.Minute): // a hang, not a slow machine
			cmd.Process.Kill()
			t.Errorf("%q: did not finish", args)
		}
		slave.Close()
		<-done // the master reads EIO once the slave is closed everywhere
		master.Close()
		s := out.String()
		if why := badTerminalByte(s); why != "" {
			t.Errorf("%q wrote %s to the terminal:\n%q", args, why, s)
		}
		if len(strings.TrimSpace(s)) == 0 {
			t.Errorf("%q wrote nothing", args)
		}
		for _, payload := range []string{"PWNED", "UFdORUQ"} {
			if strings.Contains(s, payload) && strings.Contains(s, "\x1b") {
				t.Errorf("%q: payload %s beside an escape", args, payload)
			}
		}
	}
}

// TestSafeWriterKeepsSplitCharacters: a character a buffered writer cut in
// two comes out whole; escapes are still removed.
func TestSafeWriterKeepsSplitCharacters(t *testing.T) {
	var b bytes.Buffer
	w := &safeWriter{w: &b}
	in := []byte("café “Ilse” \x1b[2J🙂 end")
	for i := range in { // one byte at a time: the worst split there is
		w.Write(in[i : i+1])
	}
	if got := b.String(); got != "café “Ilse” [2J🙂 end" && got != "café “Ilse” 🙂 end" {
		t.Errorf("got %q", got)
	}
	if why := badTerminalByte(b.String()); why != "" {
		t.Errorf("%s in %q", why, b.String())
	}
}

// TestBadTerminalByteFindsLeaks: the checker itself sees an escape, a C1
// control, a bidi override and invalid UTF-8.
func TestBadTerminalByteFindsLeaks(t *testing.T) {
	for _, s := range []string{"a\x1b[2J", "a\u009b2J", "a\u202eb", "a\xffb", "a\x07"} {
		if badTerminalByte(s) == "" {
			t.Errorf("%q passed", s)
		}
	}
	if why := badTerminalByte("ok\r\n\ttext “quoted” 🙂"); why != "" {
		t.Errorf("clean text refused: %s", why)
	}
}
