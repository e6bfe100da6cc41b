package tui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data"
	"storydesk/model"
)

// session ties the reader to the annotation store. Every store call runs in
// a tea.Cmd. Writes go through one queue, one at a time and in key order, so
// the store sees actions as they were typed; the screen shows an action as
// done only when its success message arrives with the documents re-read from
// the store, and on an error nothing on screen changes but the status bar.
type session struct {
	st        data.Store
	annotator string

	statuses map[string]model.Status
	hashes   map[string]string // snapshot hashes, for "changed on disk" in the list
	changed  map[string]bool   // article text on disk differs from the snapshot
	docs     map[string]*docEntry

	// unreviewed counts each article's imported annotations not reviewed
	// yet (review.go): read once, then kept from the documents re-read.
	unreviewed  map[string]int
	reviewW     int  // the list's review badge width for them
	reviewDirty bool // reviewW needs working out again

	queue []*writeJob
	busy  bool

	current string // the article on screen: never evicted from docs

	lastDirty bool  // the last-article state needs saving
	noWrites  error // the store takes no writes (read-only, damaged): the reader's own state is not saved
	ticking   bool
	saveDelay time.Duration
}

// docEntry is what the store holds for one article, once asked.
type docEntry struct {
	doc     *data.Doc // nil: never annotated
	pos     int       // last annotate cursor offset, -1 for none
	loading bool
	loaded  bool
	err     error
}

func newSession(st data.Store, annotator string) *session {
	return &session{
		st: st, annotator: annotator,
		statuses:   map[string]model.Status{},
		changed:    map[string]bool{},
		docs:       map[string]*docEntry{},
		unreviewed: map[string]int{},
		saveDelay:  time.Second,
	}
}

// writeKind is what a queued write does.
type writeKind uint8

const (
	writeDo writeKind = iota
	writeAcross
	writeUndo
	writeRedo
)

// writeJob is one queued write and what the screen does on success.
type writeJob struct {
	kind   writeKind
	act    data.Action
	arts   []*model.Article // snapshots for writeAcross
	done   string           // success message
	selKey selState         // annotate cursor and selection when the key was pressed
	focus  int              // code point to put the cursor on after success; -1 none

	// build, when set, makes act when the job's turn comes (against the
	// documents as saved by the writes before it); false refuses the job.
	build func(j *writeJob) (data.Action, bool)
	// load, when set, reads the articles act snapshots; it runs in the
	// write's command, off the update loop.
	load func() []*model.Article
}

// Messages from store commands.
type (
	docMsg struct {
		id  string
		doc *data.Doc
		ok  bool
		pos int
		err error
	}
	writtenMsg struct {
		job  *writeJob
		act  data.Action
		ok   bool // undo/redo: there was something to do
		docs map[string]*data.Doc
		err  error
	}
	statusesMsg struct {
		statuses map[string]model.Status
		hashes   map[string]string
		err      error
	}
	restoreMsg struct {
		state uiState
		err   error
	}
	stateSavedMsg struct{ err error }
	saveTickMsg   struct{}
	changedMsg    struct{ changed map[string]bool }
)

// uiState is what the reader remembers across runs (per annotator).
type uiState struct {
	Article string  `json:"article"`
	Mode    string  `json:"mode"` // list, read, raw, annotate
	Scroll  float64 `json:"scroll,omitempty"`
	Offset  int     `json:"offset,omitempty"`
}

func (s *session) lastKey() string         { return "ui." + s.annotator + ".last" }
func (s *session) posKey(id string) string { return "ui." + s.annotator + ".pos." + id }

const storeTimeout = 30 * time.Second

func storeCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), storeTimeout)
}

// loadStatuses reads every article's status and snapshot hash.
func (s *session) loadStatuses() tea.Cmd {
	st := s.st
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		m, err := st.Statuses(ctx)
		if err != nil {
			return statusesMsg{err: err}
		}
		h, err := st.Hashes(ctx)
		return statusesMsg{statuses: m, hashes: h, err: err}
	}
}

// restore reads the last-article state.
func (s *session) restore() tea.Cmd {
	st, key := s.st, s.lastKey()
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		v, err := st.State(ctx, key)
		if err != nil || v == "" {
			return restoreMsg{err: err}
		}
		var u uiState
		if err := json.Unmarshal([]byte(v), &u); err != nil {
			return restoreMsg{} // unreadable state is not worth an error: start fresh
		}
		return restoreMsg{state: u}
	}
}

// requestDoc asks the store for an article's annotations (once).
func (s *session) requestDoc(id string) tea.Cmd {
	if id == "" {
		return nil
	}
	e := s.docs[id]
	if e != nil && (e.loading || e.loaded) {
		return nil
	}
	if e == nil {
		e = &docEntry{pos: -1}
		s.docs[id] = e
	}
	e.loading = true
	st, key := s.st, s.posKey(id)
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		doc, ok, err := st.Doc(ctx, id)
		if err != nil {
			return docMsg{id: id, err: err}
		}
		pos := -1
		if v, err := st.State(ctx, key); err == nil && v != "" {
			fmt.Sscan(v, &pos)
		}
		return docMsg{id: id, doc: doc, ok: ok, pos: pos}
	}
}

func (s *session) docLoaded(msg docMsg) {
	e := s.docs[msg.id]
	if e == nil {
		e = &docEntry{pos: -1}
		s.docs[msg.id] = e
	}
	e.loading = false
	if msg.err != nil {
		e.err = msg.err
		return
	}
	e.loaded, e.err = true, nil
	e.doc = nil
	s.setUnreviewed(msg.id, nil)
	if msg.ok {
		s.setUnreviewed(msg.id, msg.doc)
		e.doc = msg.doc
		s.statuses[msg.id] = msg.doc.Status
		s.hashes = setHash(s.hashes, msg.id, msg.doc.Hash)
	}
	if msg.pos >= 0 {
		e.pos = msg.pos
	}
	if len(s.docs) > 64 {
		// Keep the cache small: drop entries not in use (the current one is
		// asked for again if it goes).
		for id, d := range s.docs {
			if id != msg.id && id != s.current && !d.loading {
				delete(s.docs, id)
			}
			if len(s.docs) <= 32 {
				break
			}
		}
	}
}

func setHash(m map[string]string, id, h string) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	m[id] = h
	return m
}

// doc returns the loaded entry for id, or nil while it is not known.
func (s *session) doc(id string) *docEntry {
	if e := s.docs[id]; e != nil && e.loaded {
		return e
	}
	return nil
}

// checkChanged records whether article a's cleaned text differs from its
// snapshot, once both are known.
func (s *session) checkChanged(a *model.Article) {
	if a == nil {
		return
	}
	e := s.doc(a.ID)
	if e == nil {
		return
	}
	if e.doc == nil {
		delete(s.changed, a.ID)
		return
	}
	if e.doc.Hash != model.HashText(a.Text) {
		s.changed[a.ID] = true
	} else {
		delete(s.changed, a.ID)
	}
}

// enqueue adds a write and starts it if the queue was idle.
func (s *session) enqueue(j *writeJob) tea.Cmd {
	s.queue = append(s.queue, j)
	return s.next()
}

func (s *session) pending() bool { return s.busy || len(s.queue) > 0 }

func (s *session) next() tea.Cmd {
	var j *writeJob
	for !s.busy && j == nil && len(s.queue) > 0 {
		j = s.queue[0]
		s.queue = s.queue[1:]
		if j.build != nil {
			act, ok := j.build(j)
			if !ok {
				j = nil // refused: its message is on screen; on to the next
				continue
			}
			j.act = act
		}
	}
	if j == nil {
		return nil
	}
	s.busy = true
	st := s.st
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		var (
			act data.Action
			ok  = true
			err error
		)
		switch j.kind {
		case writeDo:
			if j.load != nil {
				j.act.Articles = j.load()
			}
			act, err = st.Do(ctx, j.act)
		case writeAcross:
			j.act.Articles = j.arts
			act, err = st.Do(ctx, j.act)
		case writeUndo:
			act, ok, err = st.Undo(ctx)
		case writeRedo:
			act, ok, err = st.Redo(ctx)
		}
		msg := writtenMsg{job: j, act: act, ok: ok, err: err}
		if err != nil || !ok {
			return msg
		}
		// Re-read what changed, so the screen shows what the store holds.
		msg.docs = map[string]*data.Doc{}
		for _, op := range act.Ops {
			if _, seen := msg.docs[op.Article]; seen {
				continue
			}
			doc, found, derr := st.Doc(ctx, op.Article)
			if derr != nil {
				// The write is committed; say so, and that the view may lag.
				msg.err = &savedButError{id: op.Article, err: derr}
				return msg
			}
			if !found {
				doc = nil
			}
			msg.docs[op.Article] = doc
		}
		return msg
	}
}

// written applies a finished write's documents to the cache and statuses.
func (s *session) written(msg writtenMsg) {
	s.busy = false
	for id, doc := range msg.docs {
		s.setUnreviewed(id, doc)
		if doc == nil {
			delete(s.statuses, id)
			if e := s.docs[id]; e != nil {
				e.doc = nil
			}
			continue
		}
		s.statuses[id] = doc.Status
		s.hashes = setHash(s.hashes, id, doc.Hash)
		// Only documents already cached are updated: a corpus-wide action
		// must not fill the cache with every article it touched.
		if e := s.docs[id]; e != nil && e.loaded {
			e.doc = doc
		}
	}
}

// saveState writes the last-article state and, when id is set, the annotate
// cursor position for it.
func (s *session) saveState(u uiState, id string, pos int) tea.Cmd {
	if s.noWrites != nil {
		return nil // every save would fail, and say so over what the user is doing
	}
	st, lk, pk := s.st, s.lastKey(), s.posKey(id)
	return func() tea.Msg {
		return stateSavedMsg{err: writeState(st, lk, pk, u, id, pos)}
	}
}

func writeState(st data.Store, lastKey, posKey string, u uiState, id string, pos int) error {
	ctx, cancel := storeCtx()
	defer cancel()
	if id != "" && pos >= 0 {
		if err := st.SetState(ctx, posKey, fmt.Sprint(pos)); err != nil {
			return err
		}
	}
	if u.Article == "" {
		return nil
	}
	b, _ := json.Marshal(u)
	return st.SetState(ctx, lastKey, string(b))
}

// armSave schedules a state save a moment after the last article change, so
// holding j over a thousand rows does not write a thousand times.
func (s *session) armSave() tea.Cmd {
	s.lastDirty = true
	if s.ticking {
		return nil
	}
	s.ticking = true
	return tea.Tick(s.saveDelay, func(time.Time) tea.Msg { return saveTickMsg{} })
}

// progress counts done articles among the n in the corpus.
func (s *session) progress() int {
	n := 0
	for _, st := range s.statuses {
		if st == model.StatusDone {
			n++
		}
	}
	return n
}

// savedButError: the write committed, then re-reading what it changed
// failed, so the screen may lag behind the store. Not a refusal.
type savedButError struct {
	id  string
	err error
}

func (e *savedButError) Error() string {
	return fmt.Sprintf("Saved, but re-reading %s failed (the screen may lag): %v", e.id, e.err)
}

func (e *savedButError) Unwrap() error { return e.err }

// describeErr turns a store error into a status-bar sentence, led by what
// did not happen ("Not saved", "Undo failed"). Anything but a savedButError
// means the action was not saved and nothing on screen changed, so a
// savedButError drops the lead; errors about the store's file (*data.StoreError) already lead
// with what happened ("disk full", "read-only", "locked", "damaged") and
// name the file, so they survive the bar's cut to the terminal's width.
func describeErr(lead string, err error) string {
	var oe *data.OverlapError
	var sb *savedButError
	switch {
	case errors.As(err, &sb):
		return sb.Error()
	case errors.As(err, &oe):
		return lead + ": it would overlap " + describeSpan(oe.With) + " — entities do not overlap"
	}
	return lead + ": " + err.Error()
}
