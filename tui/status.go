package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"storydesk/model"
)

// statusInfo is what the status bar shows; the root fills it each frame.
type statusInfo struct {
	mode    string // READ, RAW, FILTER
	pos, n  int
	percent int // -1 when not shown
	loading bool
	done    int
	total   int
	skipped int
	message string

	// With an annotation store.
	store   bool
	doneN   int // articles marked done
	live    int // articles in the corpus
	saving  bool
	changed bool         // the open article's text changed on disk
	status  model.Status // the open article's status, when not new
	span    string       // the span or selection under the cursor
	scan    string       // corpus-wide tag-all progress

	// Duplicate detection (dups.go): its stage while it runs, with progress,
	// and a standing note ("copies hidden").
	dupStage          string
	dupDone, dupTotal int
	dupNote           string

	// Export (export.go): its stage while it runs, with progress.
	export                  string
	exportDone, exportTotal int

	// more is the key that shows messages in full (the problems screen):
	// a message cut to fit says so with it.
	more string
	// storeNote is a standing word on the store ("read-only store",
	// "damaged store"); the whole story is in the problems screen.
	storeNote string
	// gone: the open article's file was deleted or moved since it was read.
	gone bool
}

// statusView lays the bar out in w cells. When the terminal is narrow,
// segments are dropped by priority, counters and progress first; a message
// is shortened rather than dropped.
func statusView(st Styles, w int, s statusInfo) string {
	line, _ := statusLine(st, w, s)
	return line
}

// statusLine is statusView, also saying whether the message was cut (it
// then ends with a pointer to the key that shows it in full).
func statusLine(st Styles, w int, s statusInfo) (string, bool) {
	if w <= 0 {
		return "", s.message != ""
	}
	type seg struct {
		text     string
		priority int  // lower survives longer
		isMsg    bool // the message: shortened before it is dropped
	}
	segs := []seg{{text: st.p.statusMode.render(" " + s.mode + " "), priority: 0}}
	if s.saving {
		segs = append(segs, seg{text: st.p.statusWarn.render("saving…"), priority: 0})
	}
	if s.storeNote != "" {
		segs = append(segs, seg{text: st.p.statusWarn.render(s.storeNote), priority: 1})
	}
	if s.gone {
		segs = append(segs, seg{text: st.p.changed.render(st.ChangedMark + " gone from disk"), priority: 1})
	} else if s.changed {
		segs = append(segs, seg{text: st.p.changed.render(st.ChangedMark + " changed on disk"), priority: 1})
	}
	if s.span != "" {
		segs = append(segs, seg{text: st.p.statusBar.render(cleanLine(s.span)), priority: 1})
	}
	segs = append(segs, seg{text: st.p.statusBar.render(fmt.Sprintf("%d/%d", s.pos, s.n)), priority: 3})
	if s.percent >= 0 {
		segs = append(segs, seg{text: st.p.statusBar.render(fmt.Sprintf("%d%%", s.percent)), priority: 3})
	}
	if s.store {
		p := fmt.Sprintf("%s/%s done", commas(s.doneN), commas(s.live))
		switch s.status {
		case model.StatusDone:
			p = st.BadgeDone + " " + p
		case model.StatusInProgress:
			p = st.BadgeActive + " " + p
		}
		segs = append(segs, seg{text: st.p.statusDim.render(p), priority: 4})
	}
	if s.scan != "" {
		segs = append(segs, seg{text: st.p.statusDim.render(s.scan), priority: 2})
	}
	if s.loading {
		bar := ""
		if w >= 60 {
			bar = progressBar(st, 12, s.done, s.total) + st.p.statusBar.render(" ")
		}
		segs = append(segs, seg{text: bar + st.p.statusDim.render(fmt.Sprintf("reading %s/%s", commas(s.done), commas(s.total))), priority: 4})
	}
	if s.dupStage != "" {
		bar := ""
		if w >= 60 {
			bar = progressBar(st, 8, s.dupDone, s.dupTotal) + st.p.statusBar.render(" ")
		}
		segs = append(segs, seg{text: bar + st.p.statusDim.render(fmt.Sprintf("copies: %s %s/%s", s.dupStage, commas(s.dupDone), commas(s.dupTotal))), priority: 4})
	}
	if s.export != "" {
		bar, count := "", ""
		if s.exportTotal > 0 {
			if w >= 60 {
				bar = progressBar(st, 8, s.exportDone, s.exportTotal) + st.p.statusBar.render(" ")
			}
			count = fmt.Sprintf(" %s/%s", commas(s.exportDone), commas(s.exportTotal))
		}
		segs = append(segs, seg{text: bar + st.p.statusDim.render(s.export+count), priority: 1})
	}
	if s.dupNote != "" {
		segs = append(segs, seg{text: st.p.statusDim.render(s.dupNote), priority: 3})
	}
	if s.skipped > 0 {
		segs = append(segs, seg{text: st.p.statusWarn.render(fmt.Sprintf("%s skipped", commas(s.skipped))) + st.p.statusDim.render(" (!)"), priority: 1})
	}
	if s.message != "" {
		// Messages answer what the user just did (a refusal, an undo), so
		// they outlive the counters when the bar is narrow.
		segs = append(segs, seg{text: st.p.statusMsg.render(cleanLine(s.message)), priority: 2, isMsg: true})
	}
	cut := false
	sep := st.p.statusBar.render("  ")
	width := func(ss []seg) int {
		n := 0
		for i, x := range ss {
			if i > 0 {
				n += 2
			}
			n += textWidth(x.text)
		}
		return n
	}
	drop := func(p int) {
		kept := segs[:0:0]
		for _, x := range segs {
			if x.priority != p {
				kept = append(kept, x)
			}
		}
		segs = kept
	}
	// shorten cuts the message to fit, keeping at least least cells of it,
	// and says which key shows it whole when there is room for that.
	shorten := func(least int) bool {
		for i, x := range segs {
			if !x.isMsg {
				continue
			}
			over := width(segs) - w
			tw := textWidth(x.text)
			if over <= 0 || tw-over < least {
				continue
			}
			room := tw - over
			for _, h := range moreHints(s.more) {
				// The pointer is worth its cells only while the message
				// keeps most of its room.
				if hw := textWidth(h); room-hw >= max(least, hintKeeps[hw > 4]) {
					segs[i].text = ansi.Truncate(x.text, room-hw, "…") + st.p.statusDim.render(h)
					cut = true
					break
				}
			}
			if !cut {
				segs[i].text = ansi.Truncate(x.text, room, "…")
				cut = true
			}
		}
		return width(segs) <= w
	}
	for p := 5; p > 2 && width(segs) > w; p-- {
		drop(p)
	}
	// A message (a refusal, an undo, a question waiting for y) outlives
	// the counters and the notes: shortened first, then what is left of
	// the bar goes to it, and it is dropped only when not even a few
	// cells of it fit.
	if width(segs) > w && !shorten(12) {
		drop(1)
		if !shorten(4) {
			drop(2)
			cut = s.message != "" // not shown at all
		}
	}
	parts := make([]string, len(segs))
	for i, x := range segs {
		parts[i] = x.text
	}
	line := strings.Join(parts, sep)
	lw := textWidth(line)
	if lw > w {
		return ansi.Truncate(line, w, ""), cut || s.message != ""
	}
	return line + st.p.statusBar.render(strings.Repeat(" ", w-lw)), cut
}

// hintKeeps is how many cells of a cut message must remain beside the
// long (true) and short pointer to the key that shows it whole.
var hintKeeps = map[bool]int{true: 30, false: 24}

// moreHints are the ways a cut message points at the key that shows it
// whole, longest first.
func moreHints(key string) []string {
	if key == "" {
		return nil
	}
	return []string{" (" + key + " for details)", " (" + key + ")"}
}

func progressBar(st Styles, w, done, total int) string {
	if total <= 0 {
		total = 1
	}
	full := clampInt(done*w/total, 0, w)
	return st.p.barFull.render(strings.Repeat(st.BarFullCh, full)) + st.p.barEmpty.render(strings.Repeat(st.BarEmptyCh, w-full))
}
