package dups

import (
	"cmp"
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Screen is the duplicates screen: the candidate pairs, and the selected
// one compared. It is pushed on the root's stack by D (=, M) and popped by
// esc; the feature keeps the verdicts it shows.
type Screen struct {
	f        *Feature
	w, h     int
	only     string // an article ID: its pairs only
	rows     []row
	sel, off int
	side     int // 0: A, 1: B — what c, = and enter act on
	cmp      *compare
	loading  pairKey // compare being loaded
}

// row is one candidate pair.
type row struct {
	key    pairKey
	pair   dup.Pair // detection's scores (zero when not detected)
	found  bool     // detected at the threshold
	manual bool     // compared by hand (M)
}

// open opens the duplicates screen: every pair, or only article only's.
// Detection starts now if it has not run.
func (f *Feature) open(only string) tea.Cmd {
	s := &Screen{f: f, only: only}
	f.view = s
	push := f.host.Push(s)
	f.refreshRows()
	if f.job == nil && !f.finished {
		f.byUser = true // say when it is done; start it after loading if need be
	}
	return tea.Batch(push, f.start(), f.loadCompare())
}

// close leaves the screen.
func (f *Feature) close() {
	if f.view != nil {
		f.host.Pop(f.view)
		f.view = nil
	}
}

// refreshRows rebuilds the screen's rows, keeping the selected pair.
func (f *Feature) refreshRows() {
	v := f.view
	if v == nil {
		return
	}
	var keep pairKey
	if v.sel >= 0 && v.sel < len(v.rows) {
		keep = v.rows[v.sel].key
	}
	v.rows = f.pairRows(v.only)
	for i, r := range v.rows {
		if r.key == keep {
			v.sel = i
			break
		}
	}
	// A pair gone from the list leaves the selection where it was.
	v.sel = ui.ClampInt(v.sel, 0, max(0, len(v.rows)-1))
}

// pairRows lists the candidate pairs: detected ones by score, then pairs
// only labelled (their texts changed, or labelled by import) and pairs
// compared by hand.
func (f *Feature) pairRows(only string) []row {
	has := func(k pairKey) bool { return only == "" || k.a == only || k.b == only }
	seen := map[pairKey]bool{}
	var rows []row
	if f.rep != nil {
		for _, p := range f.rep.Pairs {
			k := keyOf(p.A, p.B)
			if has(k) {
				rows = append(rows, row{key: k, pair: p, found: true})
				seen[k] = true
			}
		}
	}
	var extra []row
	manual := map[pairKey]bool{}
	for _, k := range f.manual {
		manual[k] = true
	}
	for k := range f.labels {
		if !seen[k] && has(k) {
			seen[k] = true
			extra = append(extra, row{key: k, manual: manual[k]})
		}
	}
	for _, k := range f.manual {
		if !seen[k] && has(k) {
			seen[k] = true
			extra = append(extra, row{key: k, manual: true})
		}
	}
	slices.SortFunc(extra, func(x, y row) int { return cmp.Or(cmp.Compare(x.key.a, y.key.a), cmp.Compare(x.key.b, y.key.b)) })
	return append(rows, extra...)
}

// scoresOf is a row's scores: detection's, or those computed when it was
// compared; ok is false when neither is known yet.
func (f *Feature) scoresOf(r row) (dup.Pair, bool) {
	if r.found {
		return r.pair, true
	}
	p, ok := f.scores[r.key]
	return p, ok
}

// selectRow moves the screen's selection and loads that pair's comparison.
func (f *Feature) selectRow(i int) tea.Cmd {
	v := f.view
	if len(v.rows) == 0 {
		return nil
	}
	v.sel = ui.ClampInt(i, 0, len(v.rows)-1)
	return f.loadCompare()
}

// HandleKey takes every key but quit, help, problems, undo and redo, which
// the reader's shared keys handle.
func (s *Screen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	f := s.f
	k := f.c.Keys
	if key.Matches(msg, k.Quit, k.Help, k.Problems, k.Undo, k.Redo) {
		return nil, false
	}
	for i := range k.DupLabels {
		if key.Matches(msg, k.DupLabels[i]) {
			return f.labelPair(labelOrder[i]), true
		}
	}
	page := max(1, s.geom().textH)
	switch {
	case key.Matches(msg, k.Back):
		f.close()
	case key.Matches(msg, k.Dups):
		if s.only != "" {
			s.only = ""
			f.refreshRows()
			return f.loadCompare(), true
		}
		f.close()
	case key.Matches(msg, k.DupSide):
		s.side ^= 1
	case key.Matches(msg, k.Down):
		return f.selectRow(s.sel + 1), true
	case key.Matches(msg, k.Up):
		return f.selectRow(s.sel - 1), true
	case key.Matches(msg, k.Top):
		return f.selectRow(0), true
	case key.Matches(msg, k.Bottom):
		return f.selectRow(len(s.rows) - 1), true
	case key.Matches(msg, k.DupSkip):
		return f.nextUnlabelled(), true
	case key.Matches(msg, k.DupNextChange):
		f.stepChange(1)
	case key.Matches(msg, k.DupPrevChange):
		f.stepChange(-1)
	case key.Matches(msg, k.PageDown):
		f.scrollCompare(page)
	case key.Matches(msg, k.PageUp):
		f.scrollCompare(-page)
	case key.Matches(msg, k.HalfPageDown):
		f.scrollCompare(max(1, page/2))
	case key.Matches(msg, k.HalfPageUp):
		f.scrollCompare(-max(1, page/2))
	case key.Matches(msg, k.DupScrollDown):
		f.scrollCompare(1)
	case key.Matches(msg, k.DupScrollUp):
		f.scrollCompare(-1)
	case key.Matches(msg, k.DupCanonical):
		return f.setCanonical(), true
	case key.Matches(msg, k.DupsOf):
		if id := f.focusedArticle(); id != "" && id != s.only {
			s.only = id
			f.refreshRows()
			return f.loadCompare(), true
		}
	case key.Matches(msg, k.HideCopies):
		f.toggleHide()
	case key.Matches(msg, k.Open):
		if id := f.focusedArticle(); id != "" {
			return f.openArticle(id), true
		}
	}
	return nil, true
}

// focusedArticle is the article of the selected pair's focused side.
func (f *Feature) focusedArticle() string {
	v := f.view
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
func (f *Feature) labelPair(l model.DupLabel) tea.Cmd {
	v := f.view
	if !f.deps.Writes.NeedStore() {
		return nil
	}
	if len(v.rows) == 0 {
		f.host.Report(ui.Info("No pair to label"))
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
	j := &session.Job{Kind: session.Do, Act: act, Done: done, Focus: -1}
	j.Act.Articles, j.Load = f.pairArticles(k)
	cmd := f.deps.Writes.Enqueue(j)
	return tea.Batch(cmd, f.advanceFrom(v.sel, k))
}

// pairArticles is the pair's two articles as the comparison on screen read
// them or, when a label is typed before it has loaded, a loader that reads
// them in the write's own command: the label is queued at once (an undo
// typed after it must not overtake it) without reading files on the update
// loop.
func (f *Feature) pairArticles(k pairKey) ([]*model.Article, func() []*model.Article) {
	if c := f.view.cmp; c != nil && c.key == k && c.arts[0] != nil && c.arts[1] != nil {
		return c.arts[:], nil
	}
	var idx []int
	for _, id := range [2]string{k.a, k.b} {
		if i := f.deps.Articles.IndexOf(id); i >= 0 {
			idx = append(idx, i)
		}
	}
	src := f.deps.Source
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
func (f *Feature) nextUnlabelled() tea.Cmd {
	v := f.view
	if len(v.rows) == 0 {
		return nil
	}
	return f.advanceFrom(v.sel, pairKey{})
}

// advanceFrom selects the first unlabelled pair after row i (wrapping),
// counting pair just (being labelled) as labelled; it stays when there is
// none.
func (f *Feature) advanceFrom(i int, just pairKey) tea.Cmd {
	v := f.view
	n := len(v.rows)
	for s := 1; s < n; s++ {
		j := (i + s) % n
		r := v.rows[j].key
		if _, ok := f.labels[r]; !ok && r != just {
			return f.selectRow(j)
		}
	}
	f.host.Report(ui.Info("Every pair here is labelled"))
	return nil
}

// setCanonical marks the focused side's article as the canonical copy of
// its cluster, unmarking the cluster's previous mark in the same action;
// on the marked canonical it removes the mark. It is built when its turn
// in the write queue comes, so a label typed just before counts.
func (f *Feature) setCanonical() tea.Cmd {
	if !f.deps.Writes.NeedStore() {
		return nil
	}
	id := f.focusedArticle()
	if id == "" {
		return nil
	}
	return f.deps.Writes.Enqueue(&session.Job{Kind: session.Do, Focus: -1, Build: func(j *session.Job) (store.Action, bool) {
		ci := f.clusterOf(id)
		if ci < 0 {
			f.host.Report(ui.Info(fmt.Sprintf("%s is in no copy cluster: label a pair of it duplicate (%s) or near-duplicate (%s) first",
				ui.Clip(id, 40), ui.KeyName(f.c.Keys.DupLabels[0]), ui.KeyName(f.c.Keys.DupLabels[1]))))
			return store.Action{}, false
		}
		c := f.groups.Copies[ci]
		if f.canon[id] {
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
	}})
}

// openArticle leaves the screen for an article in the reader.
func (f *Feature) openArticle(id string) tea.Cmd {
	idx := f.deps.Articles.IndexOf(id)
	if idx < 0 || f.deps.Articles.Row(idx).Dead {
		f.host.Report(ui.Info("That article is not in this corpus"))
		return nil
	}
	f.close()
	r := f.deps.Reader
	cmd, ok := r.Open(idx)
	if !ok {
		if f.hide {
			f.hide = false
			f.host.Report(ui.Info("Showing every copy again, to open it"))
		}
		r.ClearFilter()
		if cmd, ok = r.Open(idx); !ok {
			f.host.Report(ui.Info("That article is no longer in the list"))
			return nil
		}
	}
	return cmd
}

// The screen as a ui.Screen.

func (s *Screen) Update(tea.Msg) tea.Cmd { return nil } // the feature takes the messages
func (s *Screen) Mode() string           { return "DUPS" }
func (s *Screen) Footer() ui.Footer      { return ui.FooterHelpQuit }

func (s *Screen) SetSize(w, h int) tea.Cmd {
	s.w, s.h = w, max(0, h)
	return nil
}

func (s *Screen) View() string { return s.f.body() }

func (s *Screen) ShortHelp() []key.Binding {
	k := s.f.c.Keys
	labels := key.NewBinding(key.WithKeys("1"), key.WithHelp(ui.KeyName(k.DupLabels[0])+"–"+ui.KeyName(k.DupLabels[3]), "dup/near/story/not"))
	return []key.Binding{labels, k.DupSkip, k.DupNextChange, k.DupSide, k.DupCanonical, k.Open, k.Undo, k.Back}
}

func (s *Screen) FullHelp() [][]key.Binding { return s.f.fullHelp() }
