package tui

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

// Duplicates: which articles are copies of which.
//
// Detection runs in the background once the corpus is read (with a store;
// without one, when the screen is first opened): corpus.FindDuplicates
// reads every article, signs only texts whose content hash the store's
// signature cache lacks, and pairs them; the status bar shows its progress.
//
// The duplicates screen (D from anywhere) lists the candidate pairs by score
// with the reviewer's verdict, and shows the selected pair side by side
// (stacked on narrow terminals) with a word diff: what each copy cut, added
// or changed, changed figures reversed on both sides (dups_view.go). Keys
// 1–4 label the pair; each label is one action in the write queue, shown
// once committed, undone with u. Copy clusters follow from the labels
// (dup.Clusters, rebuilt only when a verdict changes); c marks the
// focused side as its cluster's canonical copy, unmarking the previous one
// in the same action. The list shows cluster badges, and H hides copies
// that are not canonical (dups_list.go).

// pairKey names a pair of articles, a < b.
type pairKey struct{ a, b string }

func keyOf(a, b string) pairKey {
	if a > b {
		a, b = b, a
	}
	return pairKey{a, b}
}

// dupLabelOrder is the order of the label keys (KeyMap.DupLabels).
var dupLabelOrder = [4]model.DupLabel{model.LabelDuplicate, model.LabelNearDup, model.LabelSameStory, model.LabelNotDup}

// dupLabelName is how a verdict reads in the pair list (at most 10 cells).
func dupLabelName(l model.DupLabel) string {
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

// dupsState is the root's duplicates state.
type dupsState struct {
	// Detection.
	job         *dupJob
	finished    bool
	rep         *corpus.DupReport
	err         error
	byUser      bool // started by opening the screen: say when it ends
	stage       string
	done, total int

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

	view *dupsView
}

// clusterBadge is an article's copy cluster (1-based, in groups order).
type clusterBadge struct {
	n         int32
	canonical bool
}

// dupsView is the duplicates screen.
type dupsView struct {
	only     string // an article ID: its pairs only
	rows     []dupRow
	sel, off int
	side     int // 0: A, 1: B — what c, = and enter act on
	cmp      *dupCompare
	loading  pairKey // compare being loaded
}

// dupRow is one candidate pair.
type dupRow struct {
	key    pairKey
	pair   dup.Pair // detection's scores (zero when not detected)
	found  bool     // detected at the threshold
	manual bool     // compared by hand (M)
}

// Messages.
type (
	dupProgressMsg struct {
		job         *dupJob
		stage       string
		done, total int
	}
	dupDoneMsg struct {
		job *dupJob
		rep *corpus.DupReport
		err error
	}
	dupVerdictsMsg struct {
		labels []store.PairLabel
		canon  map[string]bool
		err    error
	}
	dupCompareMsg struct {
		cmp *dupCompare
	}
)

// dupVerdictStore is what the screen reads verdicts from; *store.SQLite
// is one.
type dupVerdictStore interface {
	DupLabels(ctx context.Context) ([]store.PairLabel, error)
	Canonicals(ctx context.Context) (map[string]bool, error)
}

// initDups wires the list's cluster badge and copies filter (with a store).
func (m *Model) initDups() {
	m.list.cluster = m.clusterBadgeOf
	m.list.exclude = m.excludeHidden
}

// loadDupVerdicts reads the stored labels and canonical marks.
func (m *Model) loadDupVerdicts() tea.Cmd {
	if m.sess == nil {
		return nil
	}
	vs, ok := m.sess.Store().(dupVerdictStore)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := session.Ctx()
		defer cancel()
		labels, err := vs.DupLabels(ctx)
		if err != nil {
			return dupVerdictsMsg{err: err}
		}
		canon, err := vs.Canonicals(ctx)
		return dupVerdictsMsg{labels: labels, canon: canon, err: err}
	}
}

// dupsAfterLoad runs once the corpus is read: word counts (the default
// canonical is the longest copy) are known now, and detection can start.
func (m *Model) dupsAfterLoad() tea.Cmd {
	if m.sess == nil && !m.dups.byUser {
		return nil
	}
	m.deriveClusters()
	return m.startDups()
}

// stopDups cancels detection (quitting).
func (m *Model) stopDups() {
	if j := m.dups.job; j != nil {
		j.cancel()
	}
}

// updateDups handles the duplicates messages, and the verdicts a committed
// write changed.
func (m *Model) updateDups(msg tea.Msg) (tea.Cmd, bool) {
	d := &m.dups
	switch msg := msg.(type) {
	case dupProgressMsg:
		if msg.job != d.job {
			return nil, true
		}
		d.stage, d.done, d.total = msg.stage, msg.done, msg.total
		return d.job.wait, true
	case dupDoneMsg:
		return m.dupsDone(msg), true
	case dupVerdictsMsg:
		if msg.err != nil {
			m.message = "Cannot read duplicate labels: " + msg.err.Error()
			return nil, true
		}
		d.labels = make(map[pairKey]model.DupLabel, len(msg.labels))
		for _, l := range msg.labels {
			d.labels[keyOf(l.A, l.B)] = l.Label
		}
		d.canon = msg.canon
		m.deriveClusters()
		m.refreshRows()
		return nil, true
	case dupCompareMsg:
		return m.compareLoaded(msg.cmp), true
	case session.WrittenMsg:
		// The session's handling first sees to the queue; the verdicts
		// are then brought up to date before the next frame.
		m.dupsWritten(msg)
		cmd, _ := m.updateAnnotation(msg)
		return tea.Batch(cmd, m.loadCompare()), true
	}
	return nil, false
}

// dupsWritten applies the verdicts a committed action (or its undo or redo)
// changed: the ops say what each pair and mark became.
func (m *Model) dupsWritten(msg session.WrittenMsg) {
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
			if m.dups.labels == nil {
				m.dups.labels = map[pairKey]model.DupLabel{}
			}
			if l == "" {
				delete(m.dups.labels, keyOf(op.A, op.B))
			} else {
				m.dups.labels[keyOf(op.A, op.B)] = l
			}
			changed = true
		case store.OpSetCanonical:
			f := op.Flag
			if undo {
				f = op.PrevFlag
			}
			if m.dups.canon == nil {
				m.dups.canon = map[string]bool{}
			}
			if f {
				m.dups.canon[op.Article] = true
			} else {
				delete(m.dups.canon, op.Article)
			}
			changed = true
		}
	}
	if changed {
		m.deriveClusters()
		m.refreshRows() // an undone label may drop a pair that was only labelled
	}
}

// deriveClusters rebuilds the clusters, badges and the copies filter's
// hidden set from the verdicts: once per verdict change, never per frame.
func (m *Model) deriveClusters() {
	d := &m.dups
	labels := make([]dup.LabeledPair, 0, len(d.labels))
	var ids []string
	seen := map[string]bool{}
	for k, l := range d.labels {
		labels = append(labels, dup.LabeledPair{A: k.a, B: k.b, Label: l})
		for _, id := range [2]string{k.a, k.b} {
			if !seen[id] {
				seen[id] = true
				if m.itemIndex(id) >= 0 {
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
	d.groups = dup.Clusters(ids, labels, d.canon, func(id string) int {
		if i := m.itemIndex(id); i >= 0 {
			return m.store.rows[i].words
		}
		return 0
	})
	d.conflicts = map[pairKey]bool{}
	for _, c := range d.groups.Conflicts {
		d.conflicts[keyOf(c.A, c.B)] = true
	}
	d.badges = map[int32]clusterBadge{}
	d.hidden = d.hidden[:0]
	for ci, c := range d.groups.Copies {
		for _, id := range c.Members {
			i := m.itemIndex(id)
			if i < 0 {
				continue
			}
			d.badges[int32(i)] = clusterBadge{n: int32(ci + 1), canonical: id == c.Canonical}
			if id != c.Canonical {
				d.hidden = append(d.hidden, int32(i))
			}
		}
	}
	slices.Sort(d.hidden)
	d.badgeW = 0
	if n := len(d.groups.Copies); n > 0 {
		d.badgeW = 1 + len(fmt.Sprint(min(n, 999)))
	}
	d.hideCache = hideCache{}
	if d.hide {
		m.list.reapplyExclude()
	}
}

// clusterOf is the index in groups.Copies of id's copy cluster, or -1.
func (m *Model) clusterOf(id string) int {
	if i := m.itemIndex(id); i >= 0 {
		if b, ok := m.dups.badges[int32(i)]; ok {
			return int(b.n) - 1
		}
	}
	return -1
}

// openDups opens the duplicates screen: every pair, or only article
// only's. Detection starts now if it has not run.
func (m *Model) openDups(only string) tea.Cmd {
	d := &m.dups
	v := &dupsView{only: only}
	d.view = v
	m.refreshRows()
	if d.job == nil && !d.finished {
		d.byUser = true // say when it is done; start it after loading if need be
	}
	return tea.Batch(m.startDups(), m.loadCompare())
}

// refreshRows rebuilds the screen's rows, keeping the selected pair.
func (m *Model) refreshRows() {
	v := m.dups.view
	if v == nil {
		return
	}
	var keep pairKey
	if v.sel >= 0 && v.sel < len(v.rows) {
		keep = v.rows[v.sel].key
	}
	v.rows = m.dupRows(v.only)
	for i, r := range v.rows {
		if r.key == keep {
			v.sel = i
			break
		}
	}
	// A pair gone from the list leaves the selection where it was.
	v.sel = ui.ClampInt(v.sel, 0, max(0, len(v.rows)-1))
}

// dupRows lists the candidate pairs: detected ones by score, then pairs
// only labelled (their texts changed, or labelled by import) and pairs
// compared by hand.
func (m *Model) dupRows(only string) []dupRow {
	d := &m.dups
	has := func(k pairKey) bool { return only == "" || k.a == only || k.b == only }
	seen := map[pairKey]bool{}
	var rows []dupRow
	if d.rep != nil {
		for _, p := range d.rep.Pairs {
			k := keyOf(p.A, p.B)
			if has(k) {
				rows = append(rows, dupRow{key: k, pair: p, found: true})
				seen[k] = true
			}
		}
	}
	var extra []dupRow
	manual := map[pairKey]bool{}
	for _, k := range d.manual {
		manual[k] = true
	}
	for k := range d.labels {
		if !seen[k] && has(k) {
			seen[k] = true
			extra = append(extra, dupRow{key: k, manual: manual[k]})
		}
	}
	for _, k := range d.manual {
		if !seen[k] && has(k) {
			seen[k] = true
			extra = append(extra, dupRow{key: k, manual: true})
		}
	}
	slices.SortFunc(extra, func(x, y dupRow) int { return cmp.Or(cmp.Compare(x.key.a, y.key.a), cmp.Compare(x.key.b, y.key.b)) })
	return append(rows, extra...)
}

// scoresOf is a row's scores: detection's, or those computed when it was
// compared; ok is false when neither is known yet.
func (m *Model) scoresOf(r dupRow) (dup.Pair, bool) {
	if r.found {
		return r.pair, true
	}
	p, ok := m.dups.scores[r.key]
	return p, ok
}

// selectRow moves the screen's selection and loads that pair's comparison.
func (m *Model) selectRow(i int) tea.Cmd {
	v := m.dups.view
	if len(v.rows) == 0 {
		return nil
	}
	v.sel = ui.ClampInt(i, 0, len(v.rows)-1)
	return m.loadCompare()
}

// dupsKey routes keys: D (and, outside annotate mode, =, M and H) from
// anywhere, and every key on the screen except quit, help, problems, undo
// and redo. It reports whether it used the key.
func (m *Model) dupsKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.Keys
	d := &m.dups
	v := d.view
	if v == nil {
		if m.labelWait != nil {
			return nil, false
		}
		switch {
		case key.Matches(msg, k.Dups):
			return m.openDups(""), true
		case m.annotating || m.quotes.carriers != nil:
			return nil, false
		case key.Matches(msg, k.DupsOf):
			if sel := m.list.Selected(); sel >= 0 {
				return m.openDups(m.src.Item(sel).ID), true
			}
			return nil, true
		case key.Matches(msg, k.DupCompare):
			return m.markCompare(), true
		case key.Matches(msg, k.HideCopies):
			m.toggleHide()
			return nil, true
		}
		return nil, false
	}
	if key.Matches(msg, k.Quit, k.Help, k.Problems, k.Undo, k.Redo) {
		return nil, false
	}
	for i := range k.DupLabels {
		if key.Matches(msg, k.DupLabels[i]) {
			return m.labelPair(dupLabelOrder[i]), true
		}
	}
	page := max(1, m.dupsGeom().textH)
	switch {
	case key.Matches(msg, k.Back):
		d.view = nil
	case key.Matches(msg, k.Dups):
		if v.only != "" {
			v.only = ""
			m.refreshRows()
			return m.loadCompare(), true
		}
		d.view = nil
	case key.Matches(msg, k.DupSide):
		v.side ^= 1
	case key.Matches(msg, k.Down):
		return m.selectRow(v.sel + 1), true
	case key.Matches(msg, k.Up):
		return m.selectRow(v.sel - 1), true
	case key.Matches(msg, k.Top):
		return m.selectRow(0), true
	case key.Matches(msg, k.Bottom):
		return m.selectRow(len(v.rows) - 1), true
	case key.Matches(msg, k.DupSkip):
		return m.nextUnlabelled(), true
	case key.Matches(msg, k.DupNextChange):
		m.stepChange(1)
	case key.Matches(msg, k.DupPrevChange):
		m.stepChange(-1)
	case key.Matches(msg, k.PageDown):
		m.scrollCompare(page)
	case key.Matches(msg, k.PageUp):
		m.scrollCompare(-page)
	case key.Matches(msg, k.HalfPageDown):
		m.scrollCompare(max(1, page/2))
	case key.Matches(msg, k.HalfPageUp):
		m.scrollCompare(-max(1, page/2))
	case key.Matches(msg, k.DupScrollDown):
		m.scrollCompare(1)
	case key.Matches(msg, k.DupScrollUp):
		m.scrollCompare(-1)
	case key.Matches(msg, k.DupCanonical):
		return m.setCanonical(), true
	case key.Matches(msg, k.DupsOf):
		if id := m.focusedArticle(); id != "" && id != v.only {
			v.only = id
			m.refreshRows()
			return m.loadCompare(), true
		}
	case key.Matches(msg, k.HideCopies):
		m.toggleHide()
	case key.Matches(msg, k.Open):
		if id := m.focusedArticle(); id != "" {
			return m.openDupArticle(id), true
		}
	}
	return nil, true
}

// focusedArticle is the article of the selected pair's focused side.
func (m *Model) focusedArticle() string {
	v := m.dups.view
	if v == nil || v.sel >= len(v.rows) {
		return ""
	}
	if v.side == 0 {
		return v.rows[v.sel].key.a
	}
	return v.rows[v.sel].key.b
}

// labelPair stores a verdict on the selected pair and moves on to the next
// unlabelled one. The row shows the label once the store has it.
func (m *Model) labelPair(l model.DupLabel) tea.Cmd {
	v := m.dups.view
	if !m.needStore() {
		return nil
	}
	if len(v.rows) == 0 {
		m.message = "No pair to label"
		return nil
	}
	k := v.rows[v.sel].key
	act := store.Action{
		Name: fmt.Sprintf("label %s ⇄ %s %s", ui.Clip(k.a, 30), ui.Clip(k.b, 30), l),
		// Article names the pair in undo messages; the store ignores it here.
		Ops: []store.Op{{Kind: store.OpSetDupLabel, Article: k.a, A: k.a, B: k.b, DupLabel: l}},
	}
	done := fmt.Sprintf("Labelled %s: %s ⇄ %s", l, ui.Clip(k.a, 30), ui.Clip(k.b, 30))
	// Both articles are snapshotted with the label (if the store has not
	// seen them), so an export of the labels carries their texts.
	job := &session.Job{Kind: session.Do, Act: act, Done: done, Sel: m.ann.selKey(), Focus: -1}
	job.Act.Articles, job.Load = m.pairArticles(k)
	cmd := m.sess.Enqueue(job)
	return tea.Batch(cmd, m.advanceFrom(v.sel, k))
}

// pairArticles is the pair's two articles as the comparison on screen read
// them or, when a label is typed before it has loaded, a loader that reads
// them in the write's own command: the label is queued at once (an undo
// typed after it must not overtake it) without reading files on the update
// loop.
func (m *Model) pairArticles(k pairKey) ([]*model.Article, func() []*model.Article) {
	if c := m.dups.view.cmp; c != nil && c.key == k && c.arts[0] != nil && c.arts[1] != nil {
		return c.arts[:], nil
	}
	var idx []int
	for _, id := range [2]string{k.a, k.b} {
		if i := m.itemIndex(id); i >= 0 {
			idx = append(idx, i)
		}
	}
	src := m.src
	return nil, func() []*model.Article {
		var arts []*model.Article
		for _, i := range idx {
			if a, err := src.Load(i); err == nil && a != nil {
				arts = append(arts, a)
			}
		}
		return arts
	}
}

// nextUnlabelled skips to the next pair without a verdict.
func (m *Model) nextUnlabelled() tea.Cmd {
	v := m.dups.view
	if len(v.rows) == 0 {
		return nil
	}
	return m.advanceFrom(v.sel, pairKey{})
}

// advanceFrom selects the first unlabelled pair after row i (wrapping),
// counting pair just (being labelled) as labelled; it stays when there is
// none.
func (m *Model) advanceFrom(i int, just pairKey) tea.Cmd {
	v := m.dups.view
	n := len(v.rows)
	for s := 1; s < n; s++ {
		j := (i + s) % n
		r := v.rows[j].key
		if _, ok := m.dups.labels[r]; !ok && r != just {
			return m.selectRow(j)
		}
	}
	if m.message == "" {
		m.message = "Every pair here is labelled"
	}
	return nil
}

// setCanonical marks the focused side's article as the canonical copy of
// its cluster, unmarking the cluster's previous mark in the same action;
// on the marked canonical it removes the mark. It is built when its turn
// in the write queue comes, so a label typed just before counts.
func (m *Model) setCanonical() tea.Cmd {
	if !m.needStore() {
		return nil
	}
	id := m.focusedArticle()
	if id == "" {
		return nil
	}
	return m.queue(func(j *session.Job) (store.Action, bool) {
		ci := m.clusterOf(id)
		if ci < 0 {
			m.message = fmt.Sprintf("%s is in no copy cluster: label a pair of it duplicate (%s) or near-duplicate (%s) first",
				ui.Clip(id, 40), ui.KeyName(m.c.Keys.DupLabels[0]), ui.KeyName(m.c.Keys.DupLabels[1]))
			return store.Action{}, false
		}
		c := m.dups.groups.Copies[ci]
		if m.dups.canon[id] {
			j.Done = fmt.Sprintf("%s is no longer marked canonical (cluster %d keeps its longest copy)", ui.Clip(id, 40), ci+1)
			return store.Action{Name: "unmark canonical " + ui.Clip(id, 40), Ops: []store.Op{{Kind: store.OpSetCanonical, Article: id, Flag: false}}}, true
		}
		var ops []store.Op
		for _, other := range c.Marked {
			if other != id {
				ops = append(ops, store.Op{Kind: store.OpSetCanonical, Article: other, Flag: false})
			}
		}
		ops = append(ops, store.Op{Kind: store.OpSetCanonical, Article: id, Flag: true})
		j.Done = fmt.Sprintf("Canonical copy of cluster %d: %s", ci+1, ui.Clip(id, 40))
		return store.Action{Name: "canonical " + ui.Clip(id, 40), Ops: ops}, true
	})
}

// markCompare marks the selected article; on a second article it opens the
// screen on the pair of them.
func (m *Model) markCompare() tea.Cmd {
	sel := m.list.Selected()
	if sel < 0 {
		return nil
	}
	d := &m.dups
	id := m.src.Item(sel).ID
	switch d.mark {
	case "":
		d.mark = id
		m.message = fmt.Sprintf("Marked “%s”: %s on another article compares the two", ui.Clip(m.store.rows[sel].title, 40), ui.KeyName(m.c.Keys.DupCompare))
		return nil
	case id:
		d.mark = ""
		m.message = "Unmarked"
		return nil
	}
	k := keyOf(d.mark, id)
	d.mark = ""
	if !slices.Contains(d.manual, k) {
		d.manual = append(d.manual, k)
	}
	cmd := m.openDups("")
	v := d.view
	for i, r := range v.rows {
		if r.key == k {
			v.sel = i
		}
	}
	return tea.Batch(cmd, m.loadCompare())
}

// toggleHide turns the copies filter on or off.
func (m *Model) toggleHide() {
	d := &m.dups
	if m.sess == nil {
		m.message = "Hiding copies needs an annotation store (for the labels)"
		return
	}
	d.hide = !d.hide
	m.list.reapplyExclude()
	switch {
	case d.hide && len(d.hidden) == 0:
		m.message = "No copies to hide yet: label pairs duplicate or near-duplicate on the duplicates screen (" + ui.KeyName(m.c.Keys.Dups) + ")"
	case d.hide:
		m.message = fmt.Sprintf("Hiding %d cop%s that are not their cluster's canonical", len(d.hidden), map[bool]string{true: "y", false: "ies"}[len(d.hidden) == 1])
	default:
		m.message = "Showing every copy"
	}
}

// openDupArticle leaves the screen for an article in the reader.
func (m *Model) openDupArticle(id string) tea.Cmd {
	idx := m.itemIndex(id)
	if idx < 0 || m.store.rows[idx].dead {
		m.message = "That article is not in this corpus"
		return nil
	}
	m.dups.view = nil
	if !m.list.selectItem(idx) {
		if m.dups.hide {
			m.dups.hide = false
			m.message = "Showing every copy again, to open it"
		}
		m.list.clearFilter()
		if !m.list.selectItem(idx) {
			m.message = "That article is no longer in the list"
			return nil
		}
	}
	var save tea.Cmd
	if m.annotating {
		save = m.leaveAnnotate()
	}
	m.setFocus(focusDetail)
	return tea.Batch(save, m.syncDetail())
}

// dupsStatus adds detection progress and the copies filter to the status bar.
func (m *Model) dupsStatus(s *widgets.StatusInfo) {
	d := &m.dups
	if d.job != nil {
		s.DupStage, s.DupDone, s.DupTotal = d.stage, d.done, d.total
	}
	if d.hide {
		s.DupNote = fmt.Sprintf("%d cop%s hidden", len(d.hidden), map[bool]string{true: "y", false: "ies"}[len(d.hidden) == 1])
	}
	if d.mark != "" && !m.annotating && m.message == "" {
		s.DupNote = "marked to compare (" + ui.KeyName(m.c.Keys.DupCompare) + ")"
	}
}

func (m *Model) dupsShortHelp() []key.Binding {
	k := m.c.Keys
	labels := key.NewBinding(key.WithKeys("1"), key.WithHelp(ui.KeyName(k.DupLabels[0])+"–"+ui.KeyName(k.DupLabels[3]), "dup/near/story/not"))
	return []key.Binding{labels, k.DupSkip, k.DupNextChange, k.DupSide, k.DupCanonical, k.Open, k.Undo, k.Back}
}

func (m *Model) dupsFullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Dups, k.DupsOf, k.DupCompare, k.HideCopies},
		{k.DupLabels[0], k.DupLabels[1], k.DupLabels[2], k.DupLabels[3], k.DupSkip, k.Undo, k.Redo},
		{k.Down, k.Up, k.DupNextChange, k.DupPrevChange, k.PageDown, k.PageUp, k.DupScrollDown, k.DupScrollUp},
		{k.DupSide, k.DupCanonical, k.Open, k.Back},
	}
}
