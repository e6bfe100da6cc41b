// Package dups is the reader's duplicates feature: which articles are
// copies of which.
//
// Detection runs in the background once the corpus is read (with a store;
// without one, when the screen is first opened): corpus.FindDuplicates
// reads every article, signs only texts whose content hash the store's
// signature cache lacks, and pairs them; the status bar shows its progress
// (job.go).
//
// The duplicates screen (D from anywhere) lists the candidate pairs by score
// with the reviewer's verdict, and shows the selected pair side by side
// (stacked on narrow terminals) with a word diff: what each copy cut, added
// or changed, changed figures reversed on both sides (view.go,
// compare.go). Keys 1–4 label the pair; each label is one action in the
// write queue, shown once committed, undone with the reader's undo. Copy
// clusters follow from the labels (dup.Clusters, rebuilt only when a
// verdict changes); c marks the focused side as its cluster's canonical
// copy, unmarking the previous one in the same action. The list shows
// cluster badges, and H hides copies that are not canonical (list.go).
//
// The feature reaches the rest of the reader only through the interfaces it
// declares here (Deps); the root satisfies them (tui/wire_dups.go).
package dups

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Articles is the reader's list of articles, read on the update loop.
type Articles interface {
	// IndexOf is the item of article id, -1 when the corpus has none.
	IndexOf(id string) int
	// Row is what the list knows of item i.
	Row(i int) Row
	// Live are the items that could be read, in corpus order.
	Live() []int32
	// KnownTexts are the live items whose cleaned-text hash the list's
	// read took (and which have not been read again since), so detection
	// need not read them again when the signature cache has them.
	KnownTexts() []corpus.KnownText
	// DropSketches lets the list forget the sketches KnownTexts gave:
	// detection holds them from then on.
	DropSketches()
	// Loading reports whether the corpus is still being read.
	Loading() bool
}

// Row is an article as the list shows it.
type Row struct {
	Title, Outlet string
	Words         int  // the longest copy is a cluster's canonical unless one is marked
	Dead          bool // could not be read
}

// Source is the corpus as found: its items, and each article read in full.
// Load is called from commands, off the update loop.
type Source interface {
	Item(i int) corpus.Item
	Load(i int) (*model.Article, error)
}

// Reader is the reader's own panes: the list and the article.
type Reader interface {
	// Selected is the list's selected item, -1 for none.
	Selected() int
	// Open selects item i in the list and shows it in the article pane,
	// leaving annotate mode; false when the list does not show item i.
	Open(i int) (tea.Cmd, bool)
	// ClearFilter drops the list's text filter.
	ClearFilter()
	// Refilter shows the list's rows again through ExcludeHidden.
	Refilter()
	// Reading reports whether the list and article panes have the keys
	// (not annotate mode, nor another feature's screen): =, M and H are
	// theirs, and only there does the marked article's reminder show.
	Reading() bool
	// Waiting reports whether the reader is waiting for a key of its own
	// (annotate's tag-all waiting for its label): then not even D is taken.
	Waiting() bool
}

// Writes is the write queue to the store.
type Writes interface {
	// NeedStore reports whether there is a store; without one it says so
	// in the status bar, in the reader's one sentence for it.
	NeedStore() bool
	Enqueue(j *session.Job) tea.Cmd
}

// Verdicts is where labels and canonical marks are read from;
// *store.SQLite is one.
type Verdicts interface {
	DupLabels(ctx context.Context) ([]store.PairLabel, error)
	Canonicals(ctx context.Context) (map[string]bool, error)
}

// Deps is what the feature needs from the reader.
type Deps struct {
	Articles Articles
	Reader   Reader
	Writes   Writes
	Source   Source
	// Store is the annotation store, nil without one. Its verdicts
	// (Verdicts) and signature cache (corpus.SignatureCache) are used when
	// it has them.
	Store store.Store
	// Corpus is the corpus behind Source, for detection's parallel reads;
	// nil: detection reads Source item by item.
	Corpus  *corpus.Corpus
	Workers int
}

// pairKey names a pair of articles, a < b.
type pairKey struct{ a, b string }

func keyOf(a, b string) pairKey {
	if a > b {
		a, b = b, a
	}
	return pairKey{a, b}
}

// labelOrder is the order of the label keys (KeyMap.DupLabels).
var labelOrder = [4]model.DupLabel{model.LabelDuplicate, model.LabelNearDup, model.LabelSameStory, model.LabelNotDup}

// labelName is how a verdict reads in the pair list (at most 10 cells).
func labelName(l model.DupLabel) string {
	switch l {
	case model.LabelDuplicate:
		return "duplicate"
	case model.LabelNearDup:
		return "near-dup"
	case model.LabelSameStory:
		return "same story"
	case model.LabelNotDup:
		return "not dup"
	}
	return ""
}

// Feature is duplicates in the reader: detection, verdicts and what
// follows from them, the duplicates screen.
type Feature struct {
	c    *ui.Context
	host ui.Host
	deps Deps

	// Detection.
	job         *job
	finished    bool
	rep         *corpus.DupReport
	err         error
	byUser      bool // started by opening the screen: say when it ends
	stage       string
	done, total int
	loaded      bool // the corpus has been read: afterLoad has run
	stopped     bool // the reader is quitting: start nothing

	// Verdicts as committed in the store, and what follows from them.
	labels    map[pairKey]model.DupLabel
	canon     map[string]bool
	groups    dup.Groups
	conflicts map[pairKey]bool
	badges    map[int32]clusterBadge // by item index
	badgeW    int                    // cells of every badge; 0: no clusters
	hidden    []int32                // item indices the copies filter hides, ascending
	hide      bool                   // the copies filter is on
	hideCache hideCache

	// Pairs compared by hand (M) this session, and the article marked
	// waiting for its partner.
	manual []pairKey
	mark   string
	scores map[pairKey]dup.Pair // scores computed when a pair not detected was compared

	view *Screen // the duplicates screen while it is open
}

// clusterBadge is an article's copy cluster (1-based, in groups order).
type clusterBadge struct {
	n         int32
	canonical bool
}

// New builds the feature; host is the root's screen stack and status line.
func New(c *ui.Context, host ui.Host, deps Deps) *Feature {
	return &Feature{c: c, host: host, deps: deps}
}

// Messages.
type (
	progressMsg struct {
		job         *job
		stage       string
		done, total int
	}
	doneMsg struct {
		job *job
		rep *corpus.DupReport
		err error
	}
	verdictsMsg struct {
		labels []store.PairLabel
		canon  map[string]bool
		err    error
	}
	compareMsg struct {
		cmp *compare
	}
)

// Init reads the stored labels and canonical marks.
func (f *Feature) Init() tea.Cmd {
	vs, ok := f.deps.Store.(Verdicts)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := session.Ctx()
		defer cancel()
		labels, err := vs.DupLabels(ctx)
		if err != nil {
			return verdictsMsg{err: err}
		}
		canon, err := vs.Canonicals(ctx)
		return verdictsMsg{labels: labels, canon: canon, err: err}
	}
}

// Sync runs after every message: once the corpus is read, word counts (the
// default canonical is the longest copy) are known, and detection can
// start.
func (f *Feature) Sync() tea.Cmd {
	if f.loaded || f.deps.Articles.Loading() {
		return nil
	}
	f.loaded = true
	if f.deps.Store == nil && !f.byUser {
		return nil
	}
	f.deriveClusters()
	return f.start()
}

// Stop cancels detection (the reader is quitting).
func (f *Feature) Stop() {
	f.stopped = true
	if j := f.job; j != nil {
		j.cancel()
	}
}

// Update takes the feature's messages, and the verdicts a committed write
// changed.
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case progressMsg:
		if msg.job != f.job {
			return nil
		}
		f.stage, f.done, f.total = msg.stage, msg.done, msg.total
		return f.job.wait
	case doneMsg:
		return f.detected(msg)
	case verdictsMsg:
		if msg.err != nil {
			f.host.Report(ui.Fail("Cannot read duplicate labels: "+msg.err.Error(), msg.err))
			return nil
		}
		f.labels = make(map[pairKey]model.DupLabel, len(msg.labels))
		for _, l := range msg.labels {
			f.labels[keyOf(l.A, l.B)] = l.Label
		}
		f.canon = msg.canon
		f.deriveClusters()
		f.refreshRows()
		return nil
	case compareMsg:
		return f.compareLoaded(msg.cmp)
	case session.WrittenMsg:
		f.written(msg)
		return f.loadCompare()
	}
	return nil
}

// written applies the verdicts a committed action (or its undo or redo)
// changed: the ops say what each pair and mark became.
func (f *Feature) written(msg session.WrittenMsg) {
	if msg.Err != nil || !msg.OK || msg.Job == nil {
		return
	}
	ops := msg.Act.Ops
	undo := msg.Job.Kind == session.Undo
	changed := false
	for k := range ops {
		op := ops[k]
		if undo {
			op = ops[len(ops)-1-k]
		}
		switch op.Kind {
		case store.OpSetDupLabel:
			l := op.DupLabel
			if undo {
				l = op.PrevLabel
			}
			if f.labels == nil {
				f.labels = map[pairKey]model.DupLabel{}
			}
			if l == "" {
				delete(f.labels, keyOf(op.A, op.B))
			} else {
				f.labels[keyOf(op.A, op.B)] = l
			}
			changed = true
		case store.OpSetCanonical:
			fl := op.Flag
			if undo {
				fl = op.PrevFlag
			}
			if f.canon == nil {
				f.canon = map[string]bool{}
			}
			if fl {
				f.canon[op.Article] = true
			} else {
				delete(f.canon, op.Article)
			}
			changed = true
		}
	}
	if changed {
		f.deriveClusters()
		f.refreshRows() // an undone label may drop a pair that was only labelled
	}
}

// deriveClusters rebuilds the clusters, badges and the copies filter's
// hidden set from the verdicts: once per verdict change, never per frame.
func (f *Feature) deriveClusters() {
	arts := f.deps.Articles
	labels := make([]dup.LabeledPair, 0, len(f.labels))
	var ids []string
	seen := map[string]bool{}
	for k, l := range f.labels {
		labels = append(labels, dup.LabeledPair{A: k.a, B: k.b, Label: l})
		for _, id := range [2]string{k.a, k.b} {
			if !seen[id] {
				seen[id] = true
				if arts.IndexOf(id) >= 0 {
					ids = append(ids, id)
				}
			}
		}
	}
	// Map order is random; Clusters needs one verdict per pair, which a
	// map gives, and sorts what it returns.
	slices.SortFunc(labels, func(x, y dup.LabeledPair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	if ids == nil {
		ids = []string{} // nil would mean every labelled article
	}
	f.groups = dup.Clusters(ids, labels, f.canon, func(id string) int {
		if i := arts.IndexOf(id); i >= 0 {
			return arts.Row(i).Words
		}
		return 0
	})
	f.conflicts = map[pairKey]bool{}
	for _, c := range f.groups.Conflicts {
		f.conflicts[keyOf(c.A, c.B)] = true
	}
	f.badges = map[int32]clusterBadge{}
	f.hidden = f.hidden[:0]
	for ci, c := range f.groups.Copies {
		for _, id := range c.Members {
			i := arts.IndexOf(id)
			if i < 0 {
				continue
			}
			f.badges[int32(i)] = clusterBadge{n: int32(ci + 1), canonical: id == c.Canonical}
			if id != c.Canonical {
				f.hidden = append(f.hidden, int32(i))
			}
		}
	}
	slices.Sort(f.hidden)
	f.badgeW = 0
	if n := len(f.groups.Copies); n > 0 {
		f.badgeW = 1 + len(fmt.Sprint(min(n, 999)))
	}
	f.hideCache = hideCache{}
	if f.hide {
		f.deps.Reader.Refilter()
	}
}

// clusterOf is the index in groups.Copies of id's copy cluster, or -1.
func (f *Feature) clusterOf(id string) int {
	if i := f.deps.Articles.IndexOf(id); i >= 0 {
		if b, ok := f.badges[int32(i)]; ok {
			return int(b.n) - 1
		}
	}
	return -1
}

// GlobalKey takes D from anywhere and, in the list and article panes, =, M
// and H. Keys the screen left to the reader (quit, help …) are not its,
// whatever they are bound to.
func (f *Feature) GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if _, ours := f.host.Top().(*Screen); ours || f.deps.Reader.Waiting() {
		return nil, false
	}
	k := f.c.Keys
	switch {
	case key.Matches(msg, k.Dups):
		return f.open(""), true
	case !f.deps.Reader.Reading():
		return nil, false
	case key.Matches(msg, k.DupsOf):
		if sel := f.deps.Reader.Selected(); sel >= 0 {
			return f.open(f.deps.Source.Item(sel).ID), true
		}
		return nil, true
	case key.Matches(msg, k.DupCompare):
		return f.markCompare(), true
	case key.Matches(msg, k.HideCopies):
		f.toggleHide()
		return nil, true
	}
	return nil, false
}

// markCompare marks the selected article; on a second article it opens the
// screen on the pair of them.
func (f *Feature) markCompare() tea.Cmd {
	sel := f.deps.Reader.Selected()
	if sel < 0 {
		return nil
	}
	id := f.deps.Source.Item(sel).ID
	switch f.mark {
	case "":
		f.mark = id
		f.host.Report(ui.Info(fmt.Sprintf("Marked “%s”: %s on another article compares the two",
			ui.Clip(f.deps.Articles.Row(sel).Title, 40), ui.KeyName(f.c.Keys.DupCompare))))
		return nil
	case id:
		f.mark = ""
		f.host.Report(ui.Info("Unmarked"))
		return nil
	}
	k := keyOf(f.mark, id)
	f.mark = ""
	if !slices.Contains(f.manual, k) {
		f.manual = append(f.manual, k)
	}
	cmd := f.open("")
	v := f.view
	for i, r := range v.rows {
		if r.key == k {
			v.sel = i
		}
	}
	return tea.Batch(cmd, f.loadCompare())
}

// toggleHide turns the copies filter on or off.
func (f *Feature) toggleHide() {
	if f.deps.Store == nil {
		f.host.Report(ui.Info("Hiding copies needs an annotation store (for the labels)"))
		return
	}
	f.hide = !f.hide
	f.deps.Reader.Refilter()
	switch {
	case f.hide && len(f.hidden) == 0:
		f.host.Report(ui.Info("No copies to hide yet: label pairs duplicate or near-duplicate on the duplicates screen (" + ui.KeyName(f.c.Keys.Dups) + ")"))
	case f.hide:
		f.host.Report(ui.Info(fmt.Sprintf("Hiding %d %s that are not their cluster's canonical", len(f.hidden), copies(len(f.hidden)))))
	default:
		f.host.Report(ui.Info("Showing every copy"))
	}
}

// copies is "copy" or "copies" for n.
func copies(n int) string {
	if n == 1 {
		return "copy"
	}
	return "copies"
}

// Status adds detection's progress, the copies filter and the marked
// article's reminder to the status bar.
func (f *Feature) Status(s *widgets.StatusInfo) {
	if f.job != nil {
		s.DupStage, s.DupDone, s.DupTotal = f.stage, f.done, f.total
	}
	if f.hide {
		s.DupNote = fmt.Sprintf("%d %s hidden", len(f.hidden), copies(len(f.hidden)))
	}
	if f.mark != "" && f.deps.Reader.Reading() && s.Message == "" {
		s.DupNote = "marked to compare (" + ui.KeyName(f.c.Keys.DupCompare) + ")"
	}
}

// HelpSection is the duplicates part of the help screen (with a store or
// without: detection and comparing need none).
func (f *Feature) HelpSection() (string, [][]key.Binding, bool) {
	k := f.c.Keys
	return "Duplicates (" + ui.KeyName(k.Dups) + " anywhere; " + ui.KeyName(k.Back) + " leaves)", f.fullHelp(), true
}

func (f *Feature) fullHelp() [][]key.Binding {
	k := f.c.Keys
	return [][]key.Binding{
		{k.Dups, k.DupsOf, k.DupCompare, k.HideCopies},
		{k.DupLabels[0], k.DupLabels[1], k.DupLabels[2], k.DupLabels[3], k.DupSkip, k.Undo, k.Redo},
		{k.Down, k.Up, k.DupNextChange, k.DupPrevChange, k.PageDown, k.PageUp, k.DupScrollDown, k.DupScrollUp},
		{k.DupSide, k.DupCanonical, k.Open, k.Back},
	}
}
