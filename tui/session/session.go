package session

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/ui"
)

// Session ties the reader to the annotation store. Every store call runs in
// a tea.Cmd. Writes go through one queue, one at a time and in key order, so
// the store sees actions as they were typed; the screen shows an action as
// done only when its success message arrives with the documents re-read from
// the store, and on an error nothing on screen changes but the status bar.
type Session struct {
	st        store.Store
	annotator string

	statuses map[string]model.Status
	hashes   map[string]string // snapshot hashes, for "changed on disk" in the list
	changed  map[string]bool   // article text on disk differs from the snapshot
	docs     map[string]*DocEntry

	// unreviewed counts each article's imported annotations not reviewed
	// yet (review.go here; reviewed in tui/annotate): read once, then kept
	// from the documents re-read.
	unreviewed  map[string]int
	reviewW     int  // the list's review badge width for them
	reviewDirty bool // reviewW needs working out again

	queue []*Job
	busy  bool

	current string // the article on screen: never evicted from docs

	hashText, hash string // the last text CheckChanged hashed, and its hash (docs.go)

	lastDirty bool  // the last-article state needs saving
	noWrites  error // the store takes no writes (read-only, damaged): the reader's own state is not saved
	ticking   bool
	saveDelay time.Duration

	remote <-chan []store.Change // other sessions' changes (live.go)
	others int                   // other open sessions of this annotator

	// A write kept while the server cannot be reached (retry.go).
	stalled    *Job
	stallErr   error
	retrying   bool
	retryDelay time.Duration
}

// DocEntry is what the store holds for one article, once asked.
type DocEntry struct {
	Doc     *store.Doc // nil: never annotated
	Pos     int        // last annotate cursor offset, -1 for none
	loading bool
	loaded  bool
	err     error
}

func New(st store.Store, annotator string) *Session {
	return &Session{
		st: st, annotator: annotator,
		statuses:   map[string]model.Status{},
		changed:    map[string]bool{},
		docs:       map[string]*DocEntry{},
		unreviewed: map[string]int{},
		saveDelay:  time.Second,
		retryDelay: DefaultRetryDelay,
	}
}

// Kind is what a queued write does.
type Kind uint8

const (
	Do Kind = iota
	Across
	Undo
	Redo
)

// Job is one queued write and what the screen does on success.
type Job struct {
	Kind Kind
	Act  store.Action
	Arts []*model.Article // snapshots for Across
	Done string           // success message
	// Sel is the owner's cursor and selection when the key was pressed, so
	// it can tell when the answer comes whether the user has moved on.
	Sel any
	// Focus is the code point to put the cursor on after success; -1 none.
	Focus int

	// build, when set, makes act when the job's turn comes (against the
	// documents as saved by the writes before it); false refuses the job.
	Build func(j *Job) (store.Action, bool)
	// load, when set, reads the articles act snapshots; it runs in the
	// write's command, off the update loop.
	Load func() []*model.Article

	tried time.Time // the store's clock at the first try (retry.go)
}

// Messages from store commands.
type (
	DocMsg struct {
		ID  string
		Doc *store.Doc
		OK  bool
		Pos int
		Err error
	}
	WrittenMsg struct {
		Job  *Job
		Act  store.Action
		OK   bool // undo/redo: there was something to do
		Docs map[string]*store.Doc
		Err  error

		apply map[string]*store.Doc // cached documents Written updates in place (docs.go)
	}
	StatusesMsg struct {
		Statuses map[string]model.Status
		Hashes   map[string]string
		Err      error
	}
	RestoreMsg struct {
		State UIState
		Err   error
	}
	StateSavedMsg struct{ Err error }
	SaveTickMsg   struct{}
	ChangedMsg    struct{ Changed map[string]bool }
)

// UIState is what the reader remembers across runs (per annotator).
type UIState struct {
	Article string  `json:"article"`
	Mode    string  `json:"mode"` // list, read, raw, annotate
	Scroll  float64 `json:"scroll,omitempty"`
	Offset  int     `json:"offset,omitempty"`
}

func (s *Session) lastKey() string         { return "ui." + s.annotator + ".last" }
func (s *Session) posKey(id string) string { return "ui." + s.annotator + ".pos." + id }

const storeTimeout = 30 * time.Second

func Ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), storeTimeout)
}

// LoadStatuses reads every article's status and snapshot hash.
func (s *Session) LoadStatuses() tea.Cmd {
	st := s.st
	return func() tea.Msg {
		ctx, cancel := Ctx()
		defer cancel()
		m, err := st.Statuses(ctx)
		if err != nil {
			return StatusesMsg{Err: err}
		}
		h, err := st.Hashes(ctx)
		return StatusesMsg{Statuses: m, Hashes: h, Err: err}
	}
}

// Restore reads the last-article state.
func (s *Session) Restore() tea.Cmd {
	st, key := s.st, s.lastKey()
	return func() tea.Msg {
		ctx, cancel := Ctx()
		defer cancel()
		v, err := st.State(ctx, key)
		if err != nil || v == "" {
			return RestoreMsg{Err: err}
		}
		var u UIState
		if err := json.Unmarshal([]byte(v), &u); err != nil {
			return RestoreMsg{} // unreadable state is not worth an error: start fresh
		}
		return RestoreMsg{State: u}
	}
}

// RequestDoc asks the store for an article's annotations (once).
func (s *Session) RequestDoc(id string) tea.Cmd {
	if id == "" {
		return nil
	}
	e := s.docs[id]
	if e != nil && (e.loading || e.loaded) {
		return nil
	}
	if e == nil {
		e = &DocEntry{Pos: -1}
		s.docs[id] = e
	}
	e.loading = true
	st, key := s.st, s.posKey(id)
	return func() tea.Msg {
		ctx, cancel := Ctx()
		defer cancel()
		doc, ok, err := st.Doc(ctx, id)
		if err != nil {
			return DocMsg{ID: id, Err: err}
		}
		pos := -1
		if v, err := st.State(ctx, key); err == nil && v != "" {
			fmt.Sscan(v, &pos)
		}
		return DocMsg{ID: id, Doc: doc, OK: ok, Pos: pos}
	}
}

func (s *Session) DocLoaded(msg DocMsg) {
	e := s.docs[msg.ID]
	if e == nil {
		e = &DocEntry{Pos: -1}
		s.docs[msg.ID] = e
	}
	e.loading = false
	if msg.Err != nil {
		e.err = msg.Err
		return
	}
	e.loaded, e.err = true, nil
	e.Doc = nil
	s.setUnreviewed(msg.ID, nil)
	if msg.OK {
		s.setUnreviewed(msg.ID, msg.Doc)
		e.Doc = msg.Doc
		s.statuses[msg.ID] = msg.Doc.Status
		s.hashes = setHash(s.hashes, msg.ID, msg.Doc.Hash)
	}
	if msg.Pos >= 0 {
		e.Pos = msg.Pos
	}
	if len(s.docs) > 64 {
		// Keep the cache small: drop entries not in use (the current one is
		// asked for again if it goes).
		for id, d := range s.docs {
			if id != msg.ID && id != s.current && !d.loading {
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

// Doc returns the loaded entry for id, or nil while it is not known.
func (s *Session) Doc(id string) *DocEntry {
	if e := s.docs[id]; e != nil && e.loaded {
		return e
	}
	return nil
}

// CheckChanged records whether article a's cleaned text differs from its
// snapshot, once both are known.
func (s *Session) CheckChanged(a *model.Article) {
	if a == nil {
		return
	}
	e := s.Doc(a.ID)
	if e == nil {
		return
	}
	if e.Doc == nil {
		delete(s.changed, a.ID)
		return
	}
	if e.Doc.Hash != s.hashOf(a.Text) {
		s.changed[a.ID] = true
	} else {
		delete(s.changed, a.ID)
	}
}

// Enqueue adds a write and starts it if the queue was idle.
func (s *Session) Enqueue(j *Job) tea.Cmd {
	s.queue = append(s.queue, j)
	return s.Next()
}

func (s *Session) Pending() bool { return s.busy || len(s.queue) > 0 }

func (s *Session) Next() tea.Cmd {
	if s.stalled != nil && !s.retrying {
		return nil // waiting for the server: the retry tick goes on
	}
	var j *Job
	for !s.busy && j == nil && len(s.queue) > 0 {
		j = s.queue[0]
		s.queue = s.queue[1:]
		if j.Build != nil {
			act, ok := j.Build(j)
			if !ok {
				j = nil // refused: its message is on screen; on to the next
				continue
			}
			j.Act = act
		}
	}
	if j == nil {
		return nil
	}
	s.busy = true
	s.stamp(j)
	retry := s.stalled == j
	st := s.st
	base := s.cachedDocs()
	return func() tea.Msg {
		ctx, cancel := Ctx()
		defer cancel()
		var (
			act store.Action
			ok  = true
			err error
		)
		var done bool
		if retry {
			// Its answer may have been lost after it committed.
			act, done, err = committed(ctx, st, j)
			if err != nil {
				return WrittenMsg{Job: j, Err: err}
			}
		}
		switch {
		case done:
		case j.Kind == Do:
			if j.Load != nil {
				j.Act.Articles = j.Load()
			}
			act, err = st.Do(ctx, j.Act)
		case j.Kind == Across:
			j.Act.Articles = j.Arts
			act, err = st.Do(ctx, j.Act)
		case j.Kind == Undo:
			act, ok, err = st.Undo(ctx)
		case j.Kind == Redo:
			act, ok, err = st.Redo(ctx)
		}
		msg := WrittenMsg{Job: j, Act: act, OK: ok, Err: err}
		if err != nil || !ok {
			return msg
		}
		docsAfter(ctx, st, base, &msg, j.Kind == Undo)
		return msg
	}
}

// Written applies a finished write's documents to the cache and statuses.
func (s *Session) Written(msg WrittenMsg) {
	s.busy = false
	if msg.Err == nil {
		s.saved(msg.Job)
	}
	s.applyInPlace(msg)
	for id, doc := range msg.Docs {
		s.setUnreviewed(id, doc)
		if doc == nil {
			delete(s.statuses, id)
			if e := s.docs[id]; e != nil {
				e.Doc = nil
			}
			continue
		}
		s.statuses[id] = doc.Status
		s.hashes = setHash(s.hashes, id, doc.Hash)
		// Only documents already cached are updated: a corpus-wide action
		// must not fill the cache with every article it touched.
		if e := s.docs[id]; e != nil && e.loaded {
			e.Doc = doc
		}
	}
}

// SaveState writes the last-article state and, when id is set, the annotate
// cursor position for it.
func (s *Session) SaveState(u UIState, id string, pos int) tea.Cmd {
	if s.noWrites != nil {
		return nil // every save would fail, and say so over what the user is doing
	}
	st, lk, pk := s.st, s.lastKey(), s.posKey(id)
	return func() tea.Msg {
		return StateSavedMsg{Err: writeState(st, lk, pk, u, id, pos)}
	}
}

func writeState(st store.Store, lastKey, posKey string, u UIState, id string, pos int) error {
	ctx, cancel := Ctx()
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

// ArmSave schedules a state save a moment after the last article change, so
// holding j over a thousand rows does not write a thousand times.
func (s *Session) ArmSave() tea.Cmd {
	s.lastDirty = true
	if s.ticking {
		return nil
	}
	s.ticking = true
	return tea.Tick(s.saveDelay, func(time.Time) tea.Msg { return SaveTickMsg{} })
}

// Progress counts done articles among the n in the corpus.
func (s *Session) Progress() int {
	n := 0
	for _, st := range s.statuses {
		if st == model.StatusDone {
			n++
		}
	}
	return n
}

// SavedButError: the write committed, then re-reading what it changed
// failed, so the screen may lag behind the store. Not a refusal.
type SavedButError struct {
	ID  string
	Err error
}

func (e *SavedButError) Error() string {
	return fmt.Sprintf("Saved, but re-reading %s failed (the screen may lag): %v", e.ID, e.Err)
}

func (e *SavedButError) Unwrap() error { return e.Err }

// DescribeErr turns a store error into a status-bar sentence, led by what
// did not happen ("Not saved", "Undo failed"). Anything but a SavedButError
// means the action was not saved and nothing on screen changed, so a
// SavedButError drops the lead; errors about the store's file (*store.Error) already lead
// with what happened ("disk full", "read-only", "locked", "damaged") and
// name the file, so they survive the bar's cut to the terminal's width.
func DescribeErr(lead string, err error) string {
	var oe *store.OverlapError
	var sb *SavedButError
	switch {
	case errors.As(err, &sb):
		return sb.Error()
	case errors.As(err, &oe):
		return lead + ": it would overlap " + ui.DescribeSpan(oe.With) + " — entities do not overlap"
	}
	return lead + ": " + err.Error()
}
