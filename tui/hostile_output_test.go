package tui

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"storydesk/data/corpus"
)

// Terminal safety at the level of the bytes the program writes: a corpus on
// disk whose file names, bodies, titles and metadata carry every kind of
// terminal control (OSC 52 clipboard writes, OSC 0/2 window titles, CSI 2J,
// DCS, SOS/PM/APC, C1 controls as raw 8-bit bytes and as UTF-8), read by
// the real loaders and shown in every view. The hostile sequences carry
// markers (PWNED, 77777, base64 of PWNED); none may appear inside an escape
// sequence of the output, and apart from drawing (cursor moves, SGR,
// erasing within lines, scrolling) the output may hold no sequence more
// often than the same walk over a benign corpus writes it. (sanitize_test.go checks the view contents
// from a fake source.)

// hostileMarkers appear only in the hostile payloads.
var hostileMarkers = []string{"PWNED", "77777", "UFdORUQ"}

// hostileMarks are the articles' marker words.
var hostileMarks = []string{"Alpha1", "Bravo2", "Cyrus3", "Dukem4"}

// hostilePayload packs every attack into one string.
const hostilePayload = "\x1b]52;c;UFdORUQ=\x07" + // OSC 52: write the clipboard
	"\x1b]0;PWNED\x07\x1b]2;PWNED\x1b\\" + // OSC 0 and 2: window title
	"\x1b[2J\x1b[3J\x1b[77777;1H" + // clear screen and scrollback, move the cursor
	"\x1bP1$qPWNED\x1b\\" + // DCS
	"\x1bXPWNED\x1b\\\x1b^PWNED\x1b\\\x1b_PWNED\x1b\\" + // SOS, PM, APC
	"\x9b77777m\x9d0;PWNED\x9c" + // C1 CSI and OSC as raw 8-bit bytes
	"\u009b77777m\u009d0;PWNED\u009c\u0085" + // … and as UTF-8
	"\x1b]8;;http://PWNED.example\x1b\\link\x1b]8;;\x1b\\" + // OSC 8 hyperlink
	"\x07\x08\x7f\r" // BEL, backspace, DEL, a lone CR

// writeHostileCorpus writes one file per format, each carrying the payload
// in its name (when the file system allows), body and metadata, plus
// files that fail (for the problems list). It returns how many articles
// load. benign writes the same corpus without the payload.
func writeHostileCorpus(t *testing.T, dir string, benign bool) int {
	t.Helper()
	p := hostilePayload
	if benign {
		p = "plain"
	}
	write := func(name, body string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatalf("%q: %v", name, err)
		}
	}
	body := func(marker string) string {
		return "Harbour workers in Port Ellis voted " + p + " on Monday to end a strike, said " + marker + ".\n\n" +
			"Shipping companies " + p + " said the first vessels would be unloaded on Tuesday morning.\n"
	}
	// A name cannot hold '/' or NUL; every other byte of the payload is fine.
	name := strings.ReplaceAll(p, "/", "_")
	// Each article has its own marker word, no letter of which sits at the
	// same place in another's: the renderer writes only the cells that
	// change, so the whole word appears in the output when it is shown.
	write("a "+name+".txt", "Title "+p+" one\n\n"+body(hostileMarks[0]))
	write("b "+name+".md", "---\ntitle: \"Front "+strings.ReplaceAll(strings.ReplaceAll(p, "\\", "\\\\"), "\"", "\\\"")+" matter\"\nauthor: By "+name+"\nsource: "+name+"\n---\n# Heading "+p+"\n\n"+body(hostileMarks[1]))
	write("c "+name+".html", "<html><head><title>Page "+p+"</title><meta name=\"author\" content=\""+p+"\">"+
		"<meta property=\"og:site_name\" content=\"Site "+p+"\"></head><body><article><h1>Page "+p+"</h1>"+
		"<p>"+body(hostileMarks[2])+"</p><p>Entity escapes &#27;]52;c;UFdORUQ=&#7; and &#x9b;77777m and &#155; stay text here, long enough for prose.</p></article></body></html>")
	jsonStr := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			switch {
			case r == '"' || r == '\\':
				b.WriteString("\\" + string(r))
			case r < 0x20 || r >= 0x7f && r < 0xa0:
				fmt.Fprintf(&b, "\\u%04x", r)
			case r == utf8.RuneError:
				b.WriteString("\\ufffd")
			default:
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	write("d "+name+".jsonl",
		`{"id":"j-`+jsonStr(p)+`","title":"JSON `+jsonStr(p)+`","source":"Outlet `+jsonStr(p)+`","author":"`+jsonStr(p)+`","date":"2026-01-0`+jsonStr(p)+`","url":"https://x.example/`+jsonStr(p)+`","summary":"Sum `+jsonStr(p)+`","section":"`+jsonStr(p)+`","text":"`+jsonStr(body(hostileMarks[3]))+`"}`+"\n"+
			`{"id":"bad line `+jsonStr(p)+`", broken`+"\n")
	write("e "+name+".txt", "\x00\x01\x02 binary "+p)
	return 4
}

// escapeSeqs splits program output into escape sequences, and lists what
// is neither a sequence nor text: other controls, C1 controls (8-bit or
// UTF-8), invalid UTF-8.
func escapeSeqs(out []byte) (seqs []string, bad []string) {
	for i := 0; i < len(out); {
		c := out[i]
		switch {
		case c == 0x1b && i+1 < len(out):
			j := i + 2
			switch out[i+1] {
			case '[':
				for j < len(out) && !(out[j] >= 0x40 && out[j] <= 0x7e) {
					j++
				}
				j++
			case ']', 'P', 'X', '^', '_':
				for j < len(out) && out[j] != 0x07 && !(out[j] == 0x1b && j+1 < len(out) && out[j+1] == '\\') {
					j++
				}
				if j < len(out) && out[j] == 0x1b {
					j++
				}
				j++
			}
			j = min(j, len(out))
			seqs = append(seqs, string(out[i:j]))
			i = j
		case c == '\n' || c == '\r' || c == '\t':
			i++
		case c < 0x20 || c == 0x7f:
			bad = append(bad, fmt.Sprintf("control %#02x at %d", c, i))
			i++
		case c >= 0x80:
			r, size := utf8.DecodeRune(out[i:])
			if r == utf8.RuneError && size <= 1 {
				bad = append(bad, fmt.Sprintf("byte %#02x (not UTF-8: a raw C1 control?) at %d", c, i))
			} else if r >= 0x80 && r < 0xa0 {
				bad = append(bad, fmt.Sprintf("C1 control %U at %d", r, i))
			}
			i += size
		default:
			i++
		}
	}
	return seqs, bad
}

// drawing reports whether s is one of the sequences a renderer draws a
// frame with, whose numbers depend on the layout: SGR, cursor movement and
// position, erasing and inserting within a line, scrolling (CSI S/T, ESC M,
// ESC D, ESC E) and the scroll region. Anything else (erasing the display,
// modes, OSC, DCS, ...) must be one the program writes anyway, found by a
// run over a benign corpus.
func drawing(s string) bool {
	if len(s) == 2 {
		return s == "\x1bM" || s == "\x1bD" || s == "\x1bE" || s == "\x1b7" || s == "\x1b8"
	}
	if s[1] != '[' {
		return false
	}
	params := s[2 : len(s)-1]
	if strings.Trim(params, "0123456789;:") != "" {
		return false // private markers and intermediates: modes and queries
	}
	return strings.ContainsRune("mABCDEFGHdf`aeKX@PLMSTr", rune(s[len(s)-1]))
}

// outputLog keeps everything a program wrote: teatest's WaitFor consumes
// the output it reads, so a check of FinalOutput alone would see only what
// came after the last wait.
type outputLog struct {
	tm   *teatest.TestModel
	all  bytes.Buffer
	vt   *vtScreen // the screen the output draws, played back as it comes
	fed  int       // bytes of all played back onto vt
	from int       // bytes of all written before the last mark
}

func newOutputLog(tm *teatest.TestModel, w, h int) *outputLog {
	return &outputLog{tm: tm, vt: newVTScreen(w, h)}
}

// mark makes later waits look only at a screen drawn by output written
// from now on (call it before sending the keys whose effect is awaited).
func (o *outputLog) mark(t *testing.T) {
	o.read(t)
	o.from = o.all.Len()
}

// read takes what the program wrote since the last read and plays it back
// onto the screen, up to the last whole escape sequence and character.
func (o *outputLog) read(t *testing.T) {
	io.Copy(&o.all, o.tm.Output())
	b := o.all.Bytes()
	if n := completePrefix(b[o.fed:]); n > 0 {
		o.vt.write(t, string(b[o.fed:o.fed+n]))
		o.fed += n
	}
}

// wait reads output until the screen shows s, drawn since the mark. It
// looks at the screen a terminal would show, not at the bytes: the
// renderer writes only the cells that change, so a word on screen need not
// appear whole in the output. The deadline only guards against a hang.
func (o *outputLog) wait(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		o.read(t)
		if o.fed > o.from && strings.Contains(o.vt.text(), s) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %q on screen:\n%s", s, o.vt.text())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// completePrefix is how much of b can be played back now: b up to an
// escape sequence or a UTF-8 character the next write will complete.
func completePrefix(b []byte) int {
	i := 0
	for i < len(b) {
		c := b[i]
		switch {
		case c == 0x1b:
			n := escapeLen(b[i:])
			if n == 0 {
				return i
			}
			i += n
		case c >= 0x80:
			if !utf8.FullRune(b[i:]) {
				return i
			}
			_, n := utf8.DecodeRune(b[i:])
			i += n
		default:
			i++
		}
	}
	return i
}

// escapeLen is the length of the escape sequence at b[0], 0 when it is not
// complete yet.
func escapeLen(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	switch b[1] {
	case '[':
		for j := 2; j < len(b); j++ {
			if b[j] >= 0x40 && b[j] <= 0x7e {
				return j + 1
			}
		}
		return 0
	case ']', 'P', 'X', '^', '_':
		for j := 2; j < len(b); j++ {
			if b[j] == 0x07 {
				return j + 1
			}
			if b[j] == 0x1b && j+1 < len(b) && b[j+1] == '\\' {
				return j + 2
			}
		}
		return 0
	case '(', ')', '*', '+', '#', ' ':
		if len(b) < 3 {
			return 0
		}
		return 3
	}
	return 2
}

func tail(s string, n int) string { return s[max(0, len(s)-n):] }

// runHostileProgram shows the corpus in dir in a real program (teatest) and
// walks every view, returning the raw output.
func runHostileProgram(t *testing.T, dir string, articles int, noColor bool) []byte {
	t.Helper()
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := New(c, Options{NoColor: noColor, Theme: map[bool]string{true: "", false: "dark"}[noColor]})
	// A colour terminal (teatest's buffer would count as no terminal, and
	// the reader would drop colour): the colour run writes colour.
	env := []string{"TTY_FORCE=1", "TERM=xterm-256color", "COLORTERM=truecolor"}
	if noColor {
		env = append(env, "NO_COLOR=1")
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(140, 45), teatest.WithProgramOptions(tea.WithEnvironment(env)))
	o := newOutputLog(tm, 140, 45)
	o.wait(t, fmt.Sprintf("Read %d articles", articles))
	for k := 0; k < articles; k++ {
		o.wait(t, hostileMarks[k]) // its body is on screen
		o.mark(t)
		tm.Type("r")
		o.wait(t, " RAW ") // the raw view, named in the status bar
		o.mark(t)
		tm.Type("r")
		o.wait(t, " READ ") // the read view again
		o.wait(t, hostileMarks[k])
		tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
		tm.Type("G")
		tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
		o.mark(t)
		tm.Type("j")
	}
	tm.Type("!")
	o.wait(t, "Problems")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Type("?")
	tm.Type("?")
	tm.Type("q")
	rest, err := io.ReadAll(tm.FinalOutput(t, teatest.WithFinalTimeout(2*time.Minute)))
	if err != nil {
		t.Fatal(err)
	}
	o.all.Write(rest)
	return o.all.Bytes()
}

func TestHostileCorpusProgramOutput(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		t.Run(map[bool]string{true: "nocolor", false: "color"}[noColor], func(t *testing.T) {
			benignDir, hostileDir := t.TempDir(), t.TempDir()
			n := writeHostileCorpus(t, benignDir, true)
			writeHostileCorpus(t, hostileDir, false)
			// The program's own sequences (alternate screen, modes, one
			// screen clear), counted: the hostile run may write each no
			// more often.
			baseline, seen := map[string]int{}, map[string]bool{}
			seqs, bad := escapeSeqs(runHostileProgram(t, benignDir, n, noColor))
			if len(bad) > 0 {
				t.Fatalf("benign corpus: %v", bad)
			}
			for _, s := range seqs {
				if !drawing(s) {
					baseline[s]++
					seen[s] = true
				}
			}
			out := runHostileProgram(t, hostileDir, n, noColor)
			seqs, bad = escapeSeqs(out)
			if len(bad) > 0 {
				t.Errorf("the output holds controls that are not escape sequences: %v", bad[:min(len(bad), 10)])
			}
			for _, s := range seqs {
				for _, mk := range hostileMarkers {
					if strings.Contains(s, mk) {
						t.Fatalf("a sequence from the corpus reached the terminal: %q", s)
					}
				}
				if !drawing(s) {
					// The renderer erases the display for every full
					// repaint (a colour profile or a size arriving between
					// frames), as often as timing has it: the benign run
					// must write it, not as many times.
					if baseline[s] == 0 && !(s == "\x1b[2J" && seen[s]) {
						t.Errorf("sequence %q is more than the program writes for a benign corpus", s)
					}
					baseline[s]--
				}
			}
			for _, s := range []string{"\x1b]52", "\x1b]0;", "\x1b]2;", "\x1bP", "\x1bX", "\x1b^", "\x1b_", "\x1b]8;;http://PWNED"} {
				if bytes.Contains(out, []byte(s)) {
					t.Errorf("output holds %q", s)
				}
			}
			if colour := len(colourSeqs(t, out)) > 0; colour == noColor {
				t.Errorf("colour written: %v, want %v", colour, !noColor)
			}
			// Each marker's text reached the screen (sanitising keeps visible
			// text): runHostileProgram waited for it there.
		})
	}
}

// TestEscapeSeqsFindsLeaks checks the checker: every kind of payload, had it
// reached the output, is found.
func TestEscapeSeqsFindsLeaks(t *testing.T) {
	seqs, bad := escapeSeqs([]byte("a" + hostilePayload + "b\x1b[31mc"))
	leaked := 0
	for _, s := range seqs {
		for _, mk := range hostileMarkers {
			if strings.Contains(s, mk) {
				leaked++
				break
			}
		}
		if s == "\x1b[2J" && drawing(s) {
			t.Error("CSI 2J taken for drawing")
		}
	}
	// OSC 52, OSC 0, OSC 2, CSI 77777 H, DCS, SOS, PM, APC, OSC 8 (open).
	if leaked != 9 {
		t.Errorf("%d marked sequences found in %q, want 9", leaked, seqs)
	}
	// 8-bit CSI, OSC, ST; UTF-8 CSI, OSC, ST, NEL; BEL, BS, DEL.
	if len(bad) != 10 {
		t.Errorf("%d stray controls found, want 10: %q", len(bad), bad)
	}
	if !drawing("\x1b[31m") || !drawing("\x1b[12;40H") || drawing("\x1b[?1049h") || drawing("\x1b]11;?\x07") {
		t.Error("drawing misclassifies")
	}
}

// TestVanishedFileShownAsProblem deletes, truncates and replaces by a folder
// files the list already shows: opening each must say it could not be
// loaded, name the file and give the reason in full, without a crash, and
// the reader carries on.
func TestVanishedFileShownAsProblem(t *testing.T) {
	dir := t.TempDir()
	body := "Harbour workers in Port Ellis voted on Monday to end a strike that had closed the docks.\n"
	for _, n := range []string{"a-first.txt", "b-vanishes.txt", "c-becomes-dir.txt", "e-last.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(strings.TrimSuffix(n, ".txt")+" story\n\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lines := `{"id":"d1","text":"first line of the file"}` + "\n" + `{"id":"d2","text":"second line, cut off later"}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "d-shrinks.jsonl"), []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := start(t, FromCorpus(c), 120, 40) // every item read, the first on screen
	if !strings.Contains(plain(m), "Read 6 articles") {
		t.Fatalf("not all read:\n%s", plain(m))
	}
	os.Remove(filepath.Join(dir, "b-vanishes.txt"))
	os.Remove(filepath.Join(dir, "c-becomes-dir.txt"))
	os.Mkdir(filepath.Join(dir, "c-becomes-dir.txt"), 0o755)
	os.Truncate(filepath.Join(dir, "d-shrinks.jsonl"), 10)
	for _, c := range []struct{ name, reason string }{
		{"b-vanishes.txt", "no such file or directory"},
		{"c-becomes-dir.txt", "is a directory"},
		{"d-shrinks.jsonl:1", "changed since it was opened"},
		{"d-shrinks.jsonl:2", "changed since it was opened"},
	} {
		press(t, m, "j")
		p := plain(m)
		if !strings.Contains(p, "Could not load this article") || !strings.Contains(p, c.name) || !strings.Contains(flat(detailText(m)), nospace(c.reason)) {
			t.Errorf("opening %s after it changed on disk:\n%s", c.name, p)
		}
	}
	press(t, m, "j")
	if p := plain(m); !strings.Contains(p, "Harbour workers") {
		t.Errorf("the reader did not carry on to the next article:\n%s", p)
	}
}
