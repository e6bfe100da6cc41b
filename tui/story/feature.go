// Package story is the reader's story feature: the corpus grouped into
// stories (the same event told by several outlets), a list grouped by
// story, and the story screen — how the outlets covered one story.
//
// Grouping runs in the background once the corpus is read (job.go), on
// duplicate detection's pairs and model/story/group's features, and again
// whenever the annotator splits or merges a story by hand (edits.go:
// undoable actions in the store, each annotator's own). The stories list
// (list.go, z from the reader) shows each story as a row with its outlets
// and size, its articles under it. The story screen (screen.go, S, or
// enter on a story) shows model/story's analysis in five sections —
// timeline, quotations, discrepancies, unique passages, entities — and
// every row opens its article at the place it names. E writes the story's
// Markdown report (data/export).
//
// The feature reaches the rest of the reader only through the interfaces
// it declares (deps.go); the root satisfies them (tui/wire_story.go).
package story

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model/dup"
	"storydesk/model/story/group"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Feature is stories in the reader.
type Feature struct {
	c *ui.Context
	d Deps

	// Grouping.
	job         *job
	done, total int
	items       []group.Item // every readable article's features, once read
	failed      int
	pairs       []dup.Pair
	havePairs   bool
	stories     *group.Grouping
	of          map[string]int // article ID → its cluster in stories
	gen         int            // the grouping asked for last
	grouping    bool           // a grouping is running
	dirty       bool           // the links changed since the last grouping
	announce    bool           // say so when grouping ends (the user asked)
	err         error
	stopped     bool
	loaded      bool // the corpus has been read: the job may start

	// The annotator's splits and merges (store.StoryLinker).
	links     map[[2]string]string
	linksRead bool

	// Analyses by story key (cluster ID and members), kept for going back.
	analyses  map[string]*analysis
	analyzing map[string]bool
	order     []string // analyses' keys, oldest first

	list   *listScreen  // the stories list while it is open
	screen *storyScreen // the story screen while it is open
	prev   *storyScreen // the story screen shown last
	last   string       // the article whose story was last shown (S goes back)
	mark   string       // a story marked for merging: one of its articles
	jump   *jump        // a passage to select once its article is open
}

// New builds the feature.
func New(d Deps) *Feature {
	return &Feature{c: d.Ctx, d: d, analyses: map[string]*analysis{}, analyzing: map[string]bool{}}
}

type linksMsg struct {
	links []store.StoryLink
	err   error
}

// Init reads the annotator's story links.
func (f *Feature) Init() tea.Cmd {
	sl, ok := f.d.Store.(store.StoryLinker)
	if !ok {
		f.linksRead = true
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := session.Ctx()
		defer cancel()
		ls, err := sl.StoryLinks(ctx)
		return linksMsg{links: ls, err: err}
	}
}

// Sync starts grouping once the corpus is read and duplicate detection
// is done (its pairs are what grouping then waits for).
func (f *Feature) Sync() tea.Cmd {
	f.applyJump()
	if !f.loaded {
		if f.d.Articles.Loading() {
			return nil
		}
		// Grouping waits for its pairs anyway: reading every article for
		// features while detection holds its index kept both jobs' memory
		// at once, the reader's peak on a large corpus.
		if f.d.Dups != nil {
			if _, _, running := f.d.Dups.DetectedPairs(); running {
				return nil
			}
		}
		f.loaded = true
		return f.startRead()
	}
	return f.maybeGroup()
}

// Stop cancels the background read (the reader is quitting).
func (f *Feature) Stop() {
	f.stopped = true
	if f.job != nil {
		f.job.cancel()
	}
}

// Update takes the feature's messages and the links a write changed.
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case progressMsg:
		if msg.job != f.job {
			return nil
		}
		f.done, f.total = msg.done, msg.total
		return f.job.wait
	case readMsg:
		return f.read(msg)
	case groupedMsg:
		return f.grouped(msg)
	case linksMsg:
		f.linksRead = true
		if msg.err != nil {
			f.d.Host.Report(ui.Fail("Cannot read story splits and merges: "+msg.err.Error(), msg.err))
			return nil
		}
		f.links = map[[2]string]string{}
		for _, l := range msg.links {
			f.links[[2]string{l.A, l.B}] = l.Link
		}
		f.dirty = true
		return f.maybeGroup()
	case analyzedMsg:
		return f.analyzed(msg)
	case previewMsg:
		return f.previewDue(msg)
	case reportMsg:
		return f.reported(msg)
	case session.WrittenMsg:
		if f.written(msg) {
			f.dirty = true
			return f.maybeGroup()
		}
	}
	return nil
}

// written applies the story links a committed action (or its undo or
// redo) changed; it reports whether any did.
func (f *Feature) written(msg session.WrittenMsg) bool {
	if msg.Err != nil || !msg.OK || msg.Job == nil {
		return false
	}
	ops := msg.Act.Ops
	undo := msg.Job.Kind == session.Undo
	changed := false
	for k := range ops {
		op := ops[k]
		if undo {
			op = ops[len(ops)-1-k]
		}
		if op.Kind != store.OpSetStoryLink {
			continue
		}
		l := op.Link
		if undo {
			l = op.PrevLink
		}
		if f.links == nil {
			f.links = map[[2]string]string{}
		}
		p := pairOf(op.A, op.B)
		if l == "" {
			delete(f.links, p)
		} else {
			f.links[p] = l
		}
		changed = true
	}
	return changed
}

func pairOf(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// overrides turns the links into group.Overrides: the pinned pairs join
// into sets, each pinned to its smallest ID (which then names the story).
func (f *Feature) overrides() group.Overrides {
	var ov group.Overrides
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	keys := make([][2]string, 0, len(f.links))
	for p := range f.links {
		keys = append(keys, p)
	}
	slices.SortFunc(keys, func(x, y [2]string) int {
		if x[0] != y[0] {
			return compareStr(x[0], y[0])
		}
		return compareStr(x[1], y[1])
	})
	for _, p := range keys {
		switch f.links[p] {
		case store.StoryApart:
			ov.Apart = append(ov.Apart, p)
		case store.StoryPin:
			a, b := find(p[0]), find(p[1])
			if a != b {
				if b < a {
					a, b = b, a
				}
				parent[a], parent[b] = a, a
			}
		}
	}
	if len(parent) > 0 {
		ov.Pins = map[string]string{}
		for id := range parent {
			ov.Pins[id] = find(id)
		}
	}
	return ov
}

func compareStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// summary says what grouping found.
func (f *Feature) summary() string {
	if f.stories == nil {
		return ""
	}
	multi, in := 0, 0
	for _, c := range f.stories.Clusters {
		if len(c.Members) > 1 {
			multi++
			in += len(c.Members)
		}
	}
	return fmt.Sprintf("%s stor%s told by more than one article (%s of %s articles)",
		ui.Commas(multi), map[bool]string{true: "y", false: "ies"}[multi == 1], ui.Commas(in), ui.Commas(len(f.items)))
}

// storyOf is the cluster of article id, or nil before grouping.
func (f *Feature) storyOf(id string) *group.Cluster {
	if f.stories == nil {
		return nil
	}
	ci, ok := f.of[id]
	if !ok || ci < 0 || ci >= len(f.stories.Clusters) {
		return nil
	}
	return &f.stories.Clusters[ci]
}

// GlobalKey takes S (the selected article's story) and z (the list by
// story) in the reader.
func (f *Feature) GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !f.d.Reader.Reading() {
		return nil, false
	}
	k := f.c.Keys
	switch {
	case key.Matches(msg, k.Story):
		sel := f.d.Articles.Selected()
		if sel < 0 {
			return nil, true
		}
		return f.openStory(f.d.Articles.Row(sel).ID), true
	case key.Matches(msg, k.StoryGroup):
		return f.openList(), true
	}
	return nil, false
}

// Status shows grouping's progress while the user waits for it.
func (f *Feature) Status(s *widgets.StatusInfo) {
	switch {
	case f.job != nil && f.total > 0:
		s.StoryNote = fmt.Sprintf("stories: reading %s/%s", ui.Commas(f.done), ui.Commas(f.total))
	case f.items != nil && f.stories == nil && !f.havePairs && (f.list != nil || f.screen != nil):
		s.StoryNote = "stories: waiting for copies"
	}
}

// HelpSection is the stories part of the help screen.
func (f *Feature) HelpSection() (string, [][]key.Binding, bool) {
	k := f.c.Keys
	return "Stories (" + ui.KeyName(k.Story) + ", " + ui.KeyName(k.StoryGroup) + " in the reader; " + ui.KeyName(k.Back) + " leaves)", [][]key.Binding{
		{k.Story, k.StoryGroup, withHelp(k.NextPane, "next section"), withHelp(k.PrevPane, "previous section")},
		{k.Down, k.Up, withHelp(k.FocusDetail, "unfold / next outlet"), withHelp(k.FocusList, "fold / previous outlet"), withHelp(k.Open, "open (there)"), k.Back},
		{k.StoryMerge, k.StorySplit, k.StoryExport, k.Undo, k.Redo},
	}, true
}

// ready says why the stories are not there yet ("" when they are).
func (f *Feature) waiting() string {
	switch {
	case f.err != nil:
		return "Grouping failed: " + f.err.Error()
	case f.d.Articles.Loading():
		return "Stories are grouped once the corpus is read…"
	case f.job != nil:
		return fmt.Sprintf("Grouping stories: read %s of %s articles…", ui.Commas(f.done), ui.Commas(f.total))
	case f.stories == nil:
		if _, _, running := f.dupsState(); running && !f.havePairs {
			return "Grouping stories: waiting for duplicate detection…"
		}
		return "Grouping stories…"
	}
	return ""
}

func (f *Feature) dupsState() ([]dup.Pair, bool, bool) {
	if f.d.Dups == nil {
		return nil, false, false
	}
	return f.d.Dups.DetectedPairs()
}

// Stories are the stories told by more than one article as grouped now,
// largest first, each its articles' IDs (nil before grouping).
func (f *Feature) Stories() [][]string {
	if f.stories == nil {
		return nil
	}
	out := [][]string{}
	for _, c := range f.stories.Clusters {
		if len(c.Members) > 1 {
			out = append(out, c.Members)
		}
	}
	return out
}
