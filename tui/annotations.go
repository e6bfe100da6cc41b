package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// The root's side of annotating: entering and leaving annotate mode, key
// routing inside it, store messages, state saved across runs.

// labelWait is a tag-all waiting for its label key: a then 1–9 on a word or
// selection that is not tagged yet.
type labelWait struct {
	corpus     bool
	start, end int
	text       string
}

func (m *Model) needStore() bool {
	if m.sess == nil {
		m.message = "Annotating needs an annotation store (this reader was started without one)"
		return false
	}
	return true
}

// quit saves the reading position and quits, after any write in flight.
func (m *Model) quit() tea.Cmd {
	m.stream.stop()
	if m.sess == nil {
		return tea.Quit
	}
	m.quitting = true
	if m.sess.Pending() {
		m.message = "Saving… then quitting"
		return nil
	}
	if m.scan != nil {
		m.scan.cancel()
	}
	m.stopQuoteScan()
	u, id, pos := m.currentState()
	if !m.restored {
		u = session.UIState{} // quit before the last state was even read: keep it
	}
	if m.sess.NoWrites() != nil {
		return tea.Quit
	}
	return m.sess.SaveAndQuit(u, id, pos)
}

// currentState is what to remember: the article, the view and the place in it.
func (m *Model) currentState() (session.UIState, string, int) {
	a := m.detail.art
	if a == nil || m.detail.idx < 0 {
		return session.UIState{}, "", -1
	}
	u := session.UIState{Article: a.ID, Mode: "list"}
	pos := -1
	switch {
	case m.annotating:
		u.Mode = "annotate"
		pos = m.ann.CursorOffset()
		u.Offset = pos
	case m.focus == focusDetail && m.detail.kind == kindRaw:
		u.Mode = "raw"
	case m.focus == focusDetail:
		u.Mode = "read"
	}
	if m.detail.showing() && m.detail.kind == kindRead {
		u.Scroll = m.detail.vp.ScrollPercent()
	}
	return u, a.ID, pos
}

// badge is the list's status column for item i.
func (m *Model) badge(i int) (model.Status, bool) {
	id := m.src.Item(i).ID
	st, _ := m.sess.Status(id)
	return st, m.sess.Changed(id) || m.watch.gone[i] != ""
}

// itemIndex finds an item by article ID.
func (m *Model) itemIndex(id string) int {
	if m.idIndex == nil {
		m.idIndex = make(map[string]int, m.src.Len())
		for i := 0; i < m.src.Len(); i++ {
			m.idIndex[m.src.Item(i).ID] = i
		}
	}
	if i, ok := m.idIndex[id]; ok {
		return i
	}
	return -1
}

// articleShown runs when the detail pane's article may have changed or
// finished loading: ask the store about it, and enter annotate mode if that
// was wanted.
func (m *Model) articleShown() tea.Cmd {
	if m.sess == nil {
		return nil
	}
	a := m.detail.art
	if a == nil || m.detail.idx < 0 {
		return nil
	}
	m.sess.SetCurrent(a.ID)
	cmd := m.sess.RequestDoc(a.ID)
	m.sess.CheckChanged(a)
	return tea.Batch(cmd, m.maybeEnterAnnotate(), m.checkCorrected(a))
}

func (m *Model) maybeEnterAnnotate() tea.Cmd {
	if m.wantAnnotate < 0 || m.wantAnnotate != m.detail.idx || m.detail.art == nil {
		return nil
	}
	if m.sess.Doc(m.detail.art.ID) == nil {
		return nil
	}
	idx := m.wantAnnotate
	m.wantAnnotate = -1
	return m.enterAnnotate(idx)
}

// noteArticleChange schedules saving which article is open.
func (m *Model) noteArticleChange() tea.Cmd {
	// Before the last run's state is read, saving would overwrite it.
	if m.sess == nil || m.list.Selected() < 0 || !m.restored {
		return nil
	}
	return m.sess.ArmSave()
}

// enterAnnotate opens item idx in annotate mode, now or once it and its
// annotations are loaded.
func (m *Model) enterAnnotate(idx int) tea.Cmd {
	if !m.needStore() || idx < 0 {
		return nil
	}
	a := m.detail.art
	if a == nil || m.detail.idx != idx {
		m.wantAnnotate = idx
		m.message = "Loading…"
		return nil
	}
	if m.detail.loadErr != nil {
		m.message = "This article could not be loaded"
		return nil
	}
	e := m.sess.Doc(a.ID)
	if e == nil {
		m.wantAnnotate = idx
		m.message = "Loading annotations…"
		if err := m.sess.TakeDocErr(a.ID); err != nil {
			m.wantAnnotate = -1
			m.fail("Cannot read annotations: "+err.Error(), err)
			return nil
		}
		return m.sess.RequestDoc(a.ID)
	}
	m.sess.CheckChanged(a)
	text, spans := a.Text, []model.Span(nil)
	if e.Doc != nil {
		text, spans = e.Doc.Text, e.Doc.Spans
	}
	pos := e.Pos
	if r := m.restoring; r != nil && r.Article == a.ID && r.Mode == "annotate" {
		pos = r.Offset
	}
	m.restoring = nil
	m.ann.panel = m.ann.panel && m.annotating
	m.ann.open(a.ID, m.detail.headerTitle(), text, spans, m.sess.Changed(a.ID), pos)
	m.annotating = true
	m.setFocus(focusDetail)
	if m.message == "Loading…" || m.message == "Loading annotations…" {
		m.message = ""
	}
	if m.ann.changed {
		m.message = "The text changed on disk since it was annotated: showing the stored snapshot (R re-anchors)"
	}
	return nil
}

// leaveAnnotate returns to the read view, remembering the cursor.
func (m *Model) leaveAnnotate() tea.Cmd {
	m.annotating = false
	m.labelWait, m.prompt, m.quotes.prompt = nil, nil, nil
	m.sess.SetPos(m.ann.id, m.ann.CursorOffset())
	u, id, _ := m.currentState()
	return m.sess.SaveState(u, id, m.ann.CursorOffset())
}

// updateAnnotation handles store and scan messages.
func (m *Model) updateAnnotation(msg tea.Msg) (tea.Cmd, bool) {
	if m.sess == nil {
		return nil, false
	}
	switch msg := msg.(type) {
	case session.DocMsg:
		m.sess.DocLoaded(msg)
		if msg.Err != nil && m.wantAnnotate >= 0 {
			m.wantAnnotate = -1
			m.fail("Cannot read annotations: "+msg.Err.Error(), msg.Err)
		}
		if a := m.detail.art; a != nil && a.ID == msg.ID {
			m.sess.CheckChanged(a)
		}
		return m.maybeEnterAnnotate(), true
	case session.ReviewCountsMsg:
		if msg.Err != nil {
			m.fail("Cannot count the imported annotations to review: "+msg.Err.Error(), msg.Err)
			return nil, true
		}
		for id, n := range msg.Counts {
			if !m.sess.Known(id) {
				m.sess.SetUnreviewedN(id, n)
			}
		}
		return nil, true
	case session.StatusesMsg:
		if msg.Err != nil {
			m.fail("Cannot read annotation statuses: "+msg.Err.Error(), msg.Err)
			return nil, true
		}
		m.sess.SetStatuses(msg.Statuses)
		m.sess.SetHashes(msg.Hashes)
		return m.scanChanged(), true
	case session.ChangedMsg:
		for id, c := range msg.Changed {
			m.sess.SetChanged(id, c)
		}
		return nil, true
	case session.RestoreMsg:
		return m.applyRestore(msg), true
	case session.WrittenMsg:
		return m.written(msg), true
	case session.StateSavedMsg:
		if msg.Err != nil {
			m.fail("Could not save the reading position: "+msg.Err.Error(), msg.Err)
		}
		return nil, true
	case session.SaveTickMsg:
		if !m.sess.SaveDue(m.restored) {
			return nil, true
		}
		u, id, pos := m.currentState()
		return m.sess.SaveState(u, id, pos), true
	case scanProgressMsg:
		if m.scan == nil || msg.scan != m.scan {
			return nil, true
		}
		m.scan.done, m.scan.total = msg.done, msg.total
		return m.scan.wait, true
	case scanDoneMsg:
		return m.scanDone(msg), true
	case articleReloadedMsg:
		return m.articleReloaded(msg), true
	}
	return nil, false
}

// applyRestore returns to the article (and view, and place) of the last run,
// unless the user has already started moving.
func (m *Model) applyRestore(msg session.RestoreMsg) tea.Cmd {
	m.restored = true
	if msg.Err != nil {
		m.fail("Could not read the last position: "+msg.Err.Error(), msg.Err)
		return nil
	}
	u := msg.State
	if u.Article == "" || m.touched {
		return nil
	}
	idx := m.itemIndex(u.Article)
	if idx < 0 || !m.list.selectItem(idx) {
		return nil
	}
	m.restoring = &u
	switch u.Mode {
	case "read", "raw", "annotate":
		m.setFocus(focusDetail)
		if u.Mode == "raw" {
			m.detail.kind = kindRaw
		}
	}
	m.detail.restoreFrac(idx, u.Scroll)
	// The article may be on screen already, in the read view: ask for the
	// raw render then (Show does nothing for the article it shows).
	cmd := tea.Batch(m.syncDetail(), m.detail.ensureRender())
	if u.Mode == "annotate" {
		m.wantAnnotate = idx
		return tea.Batch(cmd, m.maybeEnterAnnotate())
	}
	return cmd
}

// scanChanged compares, once the corpus is read and the store's hashes are
// known, each annotated article's text on disk with its snapshot, so the
// list can mark the changed ones. It runs in the background.
func (m *Model) scanChanged() tea.Cmd {
	if m.sess == nil || m.changedDone || m.loading || m.sess.Hashes() == nil {
		return nil
	}
	m.changedDone = true
	if _, ok := m.src.(*store.SnapshotCorpus); ok {
		// The store's snapshots are the corpus: nothing on disk to differ
		// from, and reading every annotated one would be wasted work.
		return nil
	}
	type job struct {
		idx  int
		hash string
	}
	var jobs []job
	known := map[string]bool{} // compared already, with the hash Stream took
	for id, h := range m.sess.Hashes() {
		i := m.itemIndex(id)
		if i < 0 || m.store.rows[i].dead {
			continue
		}
		if r := &m.store.rows[i]; r.hash != "" && r.id == id {
			known[id] = r.hash != h
			continue
		}
		jobs = append(jobs, job{i, h})
	}
	if len(jobs) == 0 {
		if len(known) == 0 {
			return nil
		}
		return func() tea.Msg { return session.ChangedMsg{Changed: known} }
	}
	src := m.src
	return func() tea.Msg {
		out := known
		for _, j := range jobs {
			a, err := src.Load(j.idx)
			if err != nil || a == nil {
				continue
			}
			out[a.ID] = model.HashText(a.Text) != j.hash
		}
		return session.ChangedMsg{Changed: out}
	}
}

// written shows a finished write: the new documents on screen, a message.
func (m *Model) written(msg session.WrittenMsg) tea.Cmd {
	m.sess.Written(msg)
	j := msg.Job
	switch {
	case msg.Err != nil && j.Kind == session.Undo:
		m.fail(session.DescribeErr("Undo failed", msg.Err), msg.Err)
	case msg.Err != nil && j.Kind == session.Redo:
		m.fail(session.DescribeErr("Redo failed", msg.Err), msg.Err)
	case msg.Err != nil:
		m.fail(session.DescribeErr("Not saved", msg.Err), msg.Err)
	case !msg.OK && j.Kind == session.Undo:
		m.message = "Nothing to undo"
	case !msg.OK && j.Kind == session.Redo:
		m.message = "Nothing to redo"
	case j.Kind == session.Undo:
		m.message = "Undid: " + msg.Act.Name + m.elsewhere(msg.Act)
	case j.Kind == session.Redo:
		m.message = "Redid: " + msg.Act.Name + m.elsewhere(msg.Act)
	default:
		m.message = j.Done
	}
	if a := m.detail.art; a != nil {
		m.sess.CheckChanged(a)
	}
	if m.annotating {
		if doc, ok := msg.Docs[m.ann.id]; ok {
			m.refreshAnnotate(doc)
			// Drop the selection the action consumed and put the cursor on
			// what changed, unless the user has moved on since the key:
			// a late answer must not pull the cursor back.
			if msg.Err == nil && msg.OK && m.ann.selKey() == j.Sel {
				m.ann.clearSelection()
				focus := j.Focus
				if j.Kind == session.Undo || j.Kind == session.Redo {
					focus = -1
					if off, ok := firstSpanOffset(msg.Act, m.ann.id); ok {
						focus = off
					}
				}
				if focus >= 0 {
					m.ann.moveToOffset(focus)
				}
				m.ann.scrollIntoView()
			}
		}
	}
	reload := m.correctionsWritten(msg) // before the next write is built
	cmd := tea.Batch(reload, m.sess.Next())
	if m.quitting && !m.sess.Pending() {
		return m.quit()
	}
	return cmd
}

// elsewhere names the article an undone action touched when it is not the
// one on screen.
func (m *Model) elsewhere(act store.Action) string {
	if len(act.Ops) == 0 {
		return ""
	}
	id := act.Ops[0].Article
	if a := m.detail.art; a != nil && a.ID == id {
		return ""
	}
	return " (in " + ui.Clip(id, 40) + ")"
}

// firstSpanOffset is where an undone or redone action's first span is, in
// article id.
func firstSpanOffset(act store.Action, id string) (int, bool) {
	for _, op := range act.Ops {
		if op.Article == id && op.Span.End > op.Span.Start {
			return op.Span.Start, true
		}
		if op.Article == id && op.Quote.End > op.Quote.Start {
			return op.Quote.Start, true
		}
	}
	return 0, false
}

// refreshAnnotate puts a re-read document on screen. A new snapshot text
// (re-anchoring, or undoing it) re-lays the text out.
func (m *Model) refreshAnnotate(doc *store.Doc) {
	a := m.ann
	if doc == nil {
		if a.text != m.detail.artText() {
			a.open(a.id, a.title, m.detail.artText(), nil, false, a.CursorOffset())
			return
		}
		a.setSpans(nil)
		return
	}
	changed := m.sess.Changed(a.id)
	if doc.Text != a.text || changed != a.changed {
		panel := a.panel
		a.open(a.id, a.title, doc.Text, doc.Spans, changed, a.CursorOffset())
		a.panel = panel
		a.relayout()
		return
	}
	a.setSpans(doc.Spans)
}

// annotateKey routes a key in annotate mode.
func (m *Model) annotateKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.Keys
	a := m.ann
	if w := m.labelWait; w != nil {
		m.labelWait = nil
		for i := range k.Labels {
			if key.Matches(msg, k.Labels[i]) {
				return m.tagAllAs(w, i)
			}
		}
		if key.Matches(msg, k.Back) {
			m.message = "Tag all cancelled"
			return nil
		}
	}
	if m.scan != nil && key.Matches(msg, k.Back) {
		m.scan.cancel()
		m.scan = nil
		m.message = "Corpus-wide tagging cancelled"
		return nil
	}
	if len(a.stops) == 0 {
		if key.Matches(msg, k.Back) {
			return m.leaveAnnotate()
		}
		return nil
	}
	if cmd, ok := m.quotesAnnotateKey(msg); ok {
		return cmd
	}
	// Motions: v mode and the shift keys extend the selection; a plain
	// motion drops a shift selection.
	type motion struct {
		b      key.Binding
		extend bool
		do     func()
	}
	motions := []motion{
		{k.WordNext, false, a.wordNext}, {k.WordPrev, false, a.wordPrev},
		{k.LineDown, false, func() { a.line(1) }}, {k.LineUp, false, func() { a.line(-1) }},
		{k.ExtendNext, true, a.wordNext}, {k.ExtendPrev, true, a.wordPrev},
		{k.ExtendDown, true, func() { a.line(1) }}, {k.ExtendUp, true, func() { a.line(-1) }},
		{k.SentenceNext, false, func() { a.jump(a.sents, 1) }}, {k.SentencePrev, false, func() { a.jump(a.sents, -1) }},
		{k.ParaNext, false, func() { a.jump(a.paras, 1) }}, {k.ParaPrev, false, func() { a.jump(a.paras, -1) }},
		{k.DocStart, false, a.first}, {k.DocEnd, false, a.last},
		{k.ScreenDown, false, func() { a.screen(1) }}, {k.ScreenUp, false, func() { a.screen(-1) }},
	}
	for _, mo := range motions {
		if !key.Matches(msg, mo.b) {
			continue
		}
		if !key.Matches(msg, k.LineDown, k.LineUp, k.ExtendDown, k.ExtendUp, k.ScreenDown, k.ScreenUp) {
			a.goal = -1
		}
		switch {
		case mo.extend && a.anchor < 0:
			a.anchor = a.cur
		case !mo.extend && !a.visual:
			a.anchor = -1
		}
		mo.do()
		a.scrollIntoView()
		return nil
	}
	for i := range k.Labels {
		if key.Matches(msg, k.Labels[i]) {
			return m.tagWith(i)
		}
	}
	switch {
	case key.Matches(msg, k.Back):
		if a.anchor >= 0 {
			a.clearSelection()
			return nil
		}
		return m.leaveAnnotate()
	case key.Matches(msg, k.Select):
		if a.anchor >= 0 {
			a.clearSelection()
		} else {
			a.anchor, a.visual = a.cur, true
		}
	case key.Matches(msg, k.Delete):
		return m.deleteSpans()
	case key.Matches(msg, k.EntityNext, k.EntityPrev):
		dir := 1
		if key.Matches(msg, k.EntityPrev) {
			dir = -1
		}
		a.clearSelection()
		moved, wrapped := a.entity(dir)
		switch {
		case !moved:
			m.message = "No entities tagged in this article yet"
		case wrapped && dir > 0:
			m.message = "Wrapped to the first entity"
		case wrapped:
			m.message = "Wrapped to the last entity"
		}
		a.scrollIntoView()
	case key.Matches(msg, k.TagAll):
		return m.tagAll(false)
	case key.Matches(msg, k.TagCorpus):
		return m.tagAll(true)
	case key.Matches(msg, k.Entities):
		a.panel = !a.panel
		a.relayout()
		a.scrollIntoView()
	case key.Matches(msg, k.Canonical):
		return m.openPrompt()
	case key.Matches(msg, k.NextArticle, k.PrevArticle):
		dir := 1
		if key.Matches(msg, k.PrevArticle) {
			dir = -1
		}
		return m.switchArticle(dir)
	}
	return nil
}

// annotateMatches reports whether msg is one of annotate mode's own keys.
func (m *Model) annotateMatches(msg tea.KeyPressMsg) bool {
	k := m.c.Keys
	if key.Matches(msg, k.Labels[:]...) {
		return true
	}
	return key.Matches(msg, k.WordNext, k.WordPrev, k.LineDown, k.LineUp, k.SentenceNext, k.SentencePrev,
		k.ParaNext, k.ParaPrev, k.DocStart, k.DocEnd, k.ScreenDown, k.ScreenUp, k.Select,
		k.ExtendNext, k.ExtendPrev, k.ExtendDown, k.ExtendUp, k.Delete, k.EntityNext, k.EntityPrev,
		k.TagAll, k.TagCorpus, k.Entities, k.Canonical, k.NextArticle, k.PrevArticle) || m.quotesMatches(msg)
}

// switchArticle leaves annotate mode and re-enters it on the next or
// previous article in the list.
func (m *Model) switchArticle(dir int) tea.Cmd {
	before := m.list.Selected()
	m.list.move(dir)
	if m.list.Selected() == before {
		m.message = "No more articles"
		return nil
	}
	save := m.leaveAnnotate()
	m.wantAnnotate = m.list.Selected()
	return tea.Batch(save, m.syncDetail())
}

// annotateView is the body in annotate mode.
func (m *Model) annotateView() string {
	a := m.ann
	info := fmt.Sprintf("%d%%", a.Percent())
	if a.changed {
		info = m.c.Styles.ChangedMark + " changed on disk · " + info
	}
	if m.sess != nil && m.sess.Pending() {
		info = "saving… " + info
	}
	prompt := ""
	if m.prompt != nil {
		prompt = m.prompt.View(a.innerW() - 2*a.pad())
	}
	if a.quotesPanel {
		return a.View(info, prompt, m.quotesPanelView)
	}
	return a.View(info, prompt, m.entitiesView)
}

// annotationStatus adds the store's part to the status bar.
func (m *Model) annotationStatus(s *widgets.StatusInfo) {
	if m.sess == nil {
		return
	}
	s.Store = true
	defer m.quotesStatus(s)
	s.DoneN = m.sess.Progress()
	s.Live = m.store.nLive
	s.Saving = m.sess.Pending()
	if a := m.detail.art; a != nil && m.detail.idx >= 0 {
		s.Changed = m.sess.Changed(a.ID)
		if st, ok := m.sess.Status(a.ID); ok && st != model.StatusNew {
			s.Status = st
		}
	}
	if m.scan != nil {
		s.Scan = fmt.Sprintf("scanning %s/%s", ui.Commas(m.scan.done), ui.Commas(m.scan.total))
	}
	if p, ok := m.Top().(interface{ Prompt() string }); ok && m.message == "" {
		s.Message = p.Prompt()
	}
	if m.labelWait != nil && m.message == "" {
		s.Message = fmt.Sprintf("Tag every “%s” as: press 1–%d (esc cancels)", ui.Clip(m.labelWait.text, 30), len(m.c.Labels))
	}
	m.correctStatus(s)
	if !m.annotating {
		return
	}
	a := m.ann
	if sp, ok := a.cursorSpan(); ok {
		s.Span = ui.DescribeSpan(sp)
	} else if st, en, ok := a.selection(); ok {
		n := 0
		for p := min(a.anchor, a.cur); p <= max(a.anchor, a.cur); p++ {
			n++
		}
		s.Span = fmt.Sprintf("“%s” (%d word%s)", ui.Clip(string(a.runes[st:en]), 30), n, ui.Plural(n))
	}
}

func (m *Model) annotateShortHelp() []key.Binding {
	k := m.c.Keys
	if m.quotes.on {
		return m.quotesShortHelp()
	}
	if r := m.reviewShortHelp(); r != nil {
		// Imported annotations to review: their keys first.
		return append(r, k.Delete, labelRange(k), k.WordNext, k.Undo, k.Done, k.Entities, k.Back)
	}
	return []key.Binding{k.WordNext, k.ExtendNext, k.Select, labelRange(k), k.Delete, k.TagAll, k.EntityNext, k.Undo, k.Done, k.Entities, k.Back}
}

// labelRange is one help entry for the label keys.
func labelRange(k ui.KeyMap) key.Binding {
	return key.NewBinding(key.WithKeys("1"), key.WithHelp(labelKeyName(k, 0)+"–"+labelKeyName(k, 8), "tag"))
}

func (m *Model) annotateFullHelp() [][]key.Binding {
	k := m.c.Keys
	labels := make([]key.Binding, 0, len(m.c.Labels))
	for i := range m.c.Labels {
		labels = append(labels, k.Labels[i])
	}
	return [][]key.Binding{
		{k.Annotate, k.WordNext, k.WordPrev, k.LineDown, k.LineUp, k.SentenceNext, k.SentencePrev, k.ParaNext, k.ParaPrev, k.DocStart, k.DocEnd, k.ScreenDown, k.ScreenUp},
		{k.Select, k.ExtendNext, k.ExtendPrev, k.ExtendDown, k.ExtendUp, k.Back},
		labels,
		{k.Delete, k.EntityNext, k.EntityPrev, k.TagAll, k.TagCorpus, k.Canonical, k.Entities, k.NextArticle, k.PrevArticle},
		m.reviewHelp(),
		{k.Undo, k.Redo, k.Done, k.Reanchor},
	}
}
