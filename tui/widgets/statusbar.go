package widgets

import (
	"fmt"
	"strings"

	"storydesk/model"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// StatusInfo is what the status bar shows: a value the root fills each
// frame from the screens and features that have something to say.
type StatusInfo struct {
	Mode    string // READ, RAW, FILTER
	Pos, N  int
	Percent int // -1 when not shown
	Loading bool
	Done    int
	Total   int
	Skipped int
	Message string

	// With an annotation store.
	Store bool
	DoneN int // articles marked done
	Live  int // articles in the corpus
	// Assigned is the annotator's progress on their assignments
	// ("assigned 2/5 done"), "" without any (tui/assigned).
	Assigned string
	Saving   bool
	Changed  bool         // the open article's text changed on disk
	Status   model.Status // the open article's status, when not new
	Span     string       // the span or selection under the cursor
	Scan     string       // corpus-wide tag-all progress
	Suggest  string       // entity suggestions left in the article, or the model's state

	// Duplicate detection (dups.go): its stage while it runs, with progress,
	// and a standing note ("copies hidden").
	DupStage          string
	DupDone, DupTotal int
	DupNote           string

	// Export (tui/export): its stage while it runs, with progress.
	Export                  string
	ExportDone, ExportTotal int

	// Story grouping (tui/story) while it runs or waits: "stories: reading
	// 120/4,000".
	StoryNote string

	// more is the key that shows messages in full (the problems screen):
	// a message cut to fit says so with it.
	More string
	// storeNote is a standing word on the store ("read-only store",
	// "damaged store"); the whole story is in the problems screen.
	StoreNote string
	// gone: the open article's file was deleted or moved since it was read.
	Gone bool
}

// StatusView lays the bar out in w cells. When the terminal is narrow,
// segments are dropped by priority, counters and progress first; a message
// is shortened rather than dropped.
func StatusView(st ui.Styles, w int, s StatusInfo) string {
	line, _ := StatusLine(st, w, s)
	return line
}

// StatusLine is StatusView, also saying whether the message was cut (it
// then ends with a pointer to the key that shows it in full).
func StatusLine(st ui.Styles, w int, s StatusInfo) (string, bool) {
	if w <= 0 {
		return "", s.Message != ""
	}
	type seg struct {
		text     string
		priority int  // lower survives longer
		isMsg    bool // the message: shortened before it is dropped
	}
	segs := []seg{{text: st.P.StatusMode.Render(" " + s.Mode + " "), priority: 0}}
	if s.Saving {
		segs = append(segs, seg{text: st.P.StatusWarn.Render("saving…"), priority: 0})
	}
	if s.StoreNote != "" {
		segs = append(segs, seg{text: st.P.StatusWarn.Render(s.StoreNote), priority: 1})
	}
	if s.Gone {
		segs = append(segs, seg{text: st.P.Changed.Render(st.ChangedMark + " gone from disk"), priority: 1})
	} else if s.Changed {
		segs = append(segs, seg{text: st.P.Changed.Render(st.ChangedMark + " changed on disk"), priority: 1})
	}
	if s.Span != "" {
		segs = append(segs, seg{text: st.P.StatusBar.Render(ui.CleanLine(s.Span)), priority: 1})
	}
	segs = append(segs, seg{text: st.P.StatusBar.Render(fmt.Sprintf("%d/%d", s.Pos, s.N)), priority: 3})
	if s.Percent >= 0 {
		segs = append(segs, seg{text: st.P.StatusBar.Render(fmt.Sprintf("%d%%", s.Percent)), priority: 3})
	}
	if s.Store {
		p := fmt.Sprintf("%s/%s done", ui.Commas(s.DoneN), ui.Commas(s.Live))
		switch s.Status {
		case model.StatusDone:
			p = st.BadgeDone + " " + p
		case model.StatusInProgress:
			p = st.BadgeActive + " " + p
		}
		segs = append(segs, seg{text: st.P.StatusDim.Render(p), priority: 4})
	}
	if s.Assigned != "" {
		segs = append(segs, seg{text: st.P.StatusDim.Render(s.Assigned), priority: 3})
	}
	if s.Suggest != "" {
		segs = append(segs, seg{text: st.P.StatusDim.Render(s.Suggest), priority: 3})
	}
	if s.Scan != "" {
		segs = append(segs, seg{text: st.P.StatusDim.Render(s.Scan), priority: 2})
	}
	if s.Loading {
		bar := ""
		if w >= 60 {
			bar = ProgressBar(st, 12, s.Done, s.Total) + st.P.StatusBar.Render(" ")
		}
		segs = append(segs, seg{text: bar + st.P.StatusDim.Render(fmt.Sprintf("reading %s/%s", ui.Commas(s.Done), ui.Commas(s.Total))), priority: 4})
	}
	if s.DupStage != "" {
		bar := ""
		if w >= 60 {
			bar = ProgressBar(st, 8, s.DupDone, s.DupTotal) + st.P.StatusBar.Render(" ")
		}
		segs = append(segs, seg{text: bar + st.P.StatusDim.Render(fmt.Sprintf("copies: %s %s/%s", s.DupStage, ui.Commas(s.DupDone), ui.Commas(s.DupTotal))), priority: 4})
	}
	if s.Export != "" {
		bar, count := "", ""
		if s.ExportTotal > 0 {
			if w >= 60 {
				bar = ProgressBar(st, 8, s.ExportDone, s.ExportTotal) + st.P.StatusBar.Render(" ")
			}
			count = fmt.Sprintf(" %s/%s", ui.Commas(s.ExportDone), ui.Commas(s.ExportTotal))
		}
		segs = append(segs, seg{text: bar + st.P.StatusDim.Render(s.Export+count), priority: 1})
	}
	if s.DupNote != "" {
		segs = append(segs, seg{text: st.P.StatusDim.Render(s.DupNote), priority: 3})
	}
	if s.StoryNote != "" {
		segs = append(segs, seg{text: st.P.StatusDim.Render(s.StoryNote), priority: 4})
	}
	if s.Skipped > 0 {
		segs = append(segs, seg{text: st.P.StatusWarn.Render(fmt.Sprintf("%s skipped", ui.Commas(s.Skipped))) + st.P.StatusDim.Render(" (!)"), priority: 1})
	}
	if s.Message != "" {
		// Messages answer what the user just did (a refusal, an undo), so
		// they outlive the counters when the bar is narrow.
		segs = append(segs, seg{text: st.P.StatusMsg.Render(ui.CleanLine(s.Message)), priority: 2, isMsg: true})
	}
	cut := false
	sep := st.P.StatusBar.Render("  ")
	width := func(ss []seg) int {
		n := 0
		for i, x := range ss {
			if i > 0 {
				n += 2
			}
			n += ui.TextWidth(x.text)
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
			tw := ui.TextWidth(x.text)
			if over <= 0 || tw-over < least {
				continue
			}
			room := tw - over
			for _, h := range moreHints(s.More) {
				// The pointer is worth its cells only while the message
				// keeps most of its room.
				if hw := ui.TextWidth(h); room-hw >= max(least, hintKeeps[hw > 4]) {
					segs[i].text = layout.Truncate(x.text, room-hw, "…") + st.P.StatusDim.Render(h)
					cut = true
					break
				}
			}
			if !cut {
				segs[i].text = layout.Truncate(x.text, room, "…")
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
			cut = s.Message != "" // not shown at all
		}
	}
	parts := make([]string, len(segs))
	for i, x := range segs {
		parts[i] = x.text
	}
	line := strings.Join(parts, sep)
	lw := ui.TextWidth(line)
	if lw > w {
		return layout.Truncate(line, w, ""), cut || s.Message != ""
	}
	return line + st.P.StatusBar.Render(strings.Repeat(" ", w-lw)), cut
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

func ProgressBar(st ui.Styles, w, done, total int) string {
	if total <= 0 {
		total = 1
	}
	full := ui.ClampInt(done*w/total, 0, w)
	return st.P.BarFull.Render(strings.Repeat(st.BarFullCh, full)) + st.P.BarEmpty.Render(strings.Repeat(st.BarEmptyCh, w-full))
}
