package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"

	"storydesk/model"
)

// safeWriter passes what it is given through the sanitiser every text from
// a file goes through (model.Sanitize: no escape sequence, no control but
// newline and tab), so a file name or an article's words in a message
// cannot drive the terminal. Each Write is one message, whole; a character
// cut in two by a buffered writer (an export to the terminal) is held back
// until its end arrives, not turned into U+FFFD.
type safeWriter struct {
	w    io.Writer
	tail []byte // the start of a UTF-8 character the last Write ended in
}

func (s *safeWriter) Write(p []byte) (int, error) {
	b := p
	if len(s.tail) > 0 {
		b = append(s.tail, p...)
		s.tail = nil
	}
	if k := incompleteTail(b); k > 0 {
		s.tail = append([]byte(nil), b[len(b)-k:]...)
		b = b[:len(b)-k]
	}
	if _, err := io.WriteString(s.w, model.Sanitize(string(b))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// incompleteTail is the length of a UTF-8 character b ends inside of (the
// first bytes of one whose rest is missing), or 0.
func incompleteTail(b []byte) int {
	for k := 1; k <= 3 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < 0x80 {
			return 0
		}
		if c >= 0xc0 { // a leading byte: complete if its sequence fits
			need := 2
			switch {
			case c >= 0xf0:
				need = 4
			case c >= 0xe0:
				need = 3
			}
			if k < need && !utf8.FullRune(b[len(b)-k:]) {
				return k
			}
			return 0
		}
	}
	return 0
}

// terminalSafe wraps stderr always, and stdout when it is a terminal (a
// pipe gets the data as written: JSON escapes controls itself, and the
// text was sanitised at load).
func terminalSafe(stdout, stderr *os.File) (io.Writer, io.Writer) {
	var out io.Writer = stdout
	if term.IsTerminal(stdout.Fd()) {
		out = &safeWriter{w: stdout}
	}
	return out, &safeWriter{w: stderr}
}

// commands are the subcommands, for the help and for typos.
var commands = []string{"clean", "quotes", "export", "import", "dups", "story", "entities", "train", "copy", "assign", "agreement", "help"}

// helpAsked reports -h or --help among the flags (before a lone --).
func helpAsked(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// didYouMean names the command a first word that is neither a command nor
// an input was probably meant to be ("dup" → "dups"), or "".
func didYouMean(word string) string {
	if word == "" || word == "-" || strings.HasPrefix(word, "-") || strings.ContainsAny(word, "/\\.*?[") {
		return ""
	}
	if _, err := os.Stat(word); err == nil {
		return ""
	}
	if m, _ := filepath.Glob(word); len(m) > 0 {
		return ""
	}
	best, bestD := "", 3
	for _, c := range commands {
		d := editDistance(strings.ToLower(word), c)
		if strings.HasPrefix(c, strings.ToLower(word)) && len(word) >= 2 {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	if bestD > 2 || bestD >= len(word) {
		return ""
	}
	return best
}

// editDistance is Levenshtein's distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
