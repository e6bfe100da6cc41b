package tui

import (
	"errors"
	"io/fs"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/tui/ui"
)

// Source files change and disappear while the reader is open (a scraper
// still writing, a clean-up script). The reader keeps the article on screen
// as it was read, so it looks at the file behind it — one stat, no read —
// when the article is shown and at a key press, at most once a second:
//   - changed (size or modification time): it is read again and shown as
//     it is now; an annotated article whose text now differs from its
//     snapshot is marked changed on disk (the list's mark and the bar's),
//     and the annotations stay on the snapshot until R re-anchors them;
//   - gone (deleted, moved, unreadable): the text read before stays on
//     screen, and the bar says it is gone from disk.
// The store is never touched by any of this.

// sourceStamper is a Source that can stamp an item's file without reading
// it (*corpus.Corpus through FromCorpus).
type sourceStamper interface {
	Stamp(i int) (corpus.FileStamp, error)
}

// Stamp implements sourceStamper. It needs no lock: it only stats the file.
func (s *corpusSource) Stamp(i int) (corpus.FileStamp, error) { return s.c.Stamp(i) }

// stampOf stamps item i, ok false when the file cannot be stat'ed (the
// next look says why).
func stampOf(sp sourceStamper, i int) (corpus.FileStamp, bool) {
	st, err := sp.Stamp(i)
	return st, err == nil
}

// watchEvery is how often, at most, the open article's file is looked at.
const watchEvery = time.Second

// fileWatch is what the reader knows of the files behind the articles.
type fileWatch struct {
	stamps map[int]corpus.FileStamp // as each article on screen was read
	gone   map[int]string           // items whose file is gone, and why
	busy   bool                     // a look (or a reload) is under way
	lastAt time.Time
	last   int // item looked at last
	every  time.Duration
	fixed  bool // every was set (tests: look at every key)
}

type (
	watchStampMsg struct {
		idx   int
		stamp corpus.FileStamp
		err   error
	}
	watchReloadMsg struct {
		idx     int
		stamp   corpus.FileStamp
		stamped bool
		art     *model.Article
		err     error
	}
)

// watchLoaded records the stamp an article was read with.
func (m *Model) watchLoaded(msg articleLoadedMsg) {
	if !msg.stamped || msg.err != nil {
		return
	}
	w := &m.watch
	if w.stamps == nil || len(w.stamps) > 256 {
		w.stamps = map[int]corpus.FileStamp{} // the detail pane caches a few: the rest are read (and stamped) again
	}
	w.stamps[msg.idx] = msg.stamp
}

// watchCheck looks at the open article's file when it is due.
func (m *Model) watchCheck() tea.Cmd {
	sp, ok := m.src.(sourceStamper)
	w := &m.watch
	idx := m.detail.idx
	if !ok || w.busy || idx < 0 || m.detail.art == nil {
		return nil
	}
	every := watchEvery
	if w.fixed {
		every = w.every
	}
	now := time.Now()
	if idx == w.last && now.Sub(w.lastAt) < every {
		return nil
	}
	w.busy, w.last, w.lastAt = true, idx, now
	return func() tea.Msg {
		st, err := sp.Stamp(idx)
		return watchStampMsg{idx: idx, stamp: st, err: err}
	}
}

// watchGone says whether the open article's file is gone.
func (m *Model) watchGone() bool {
	return m.detail.idx >= 0 && m.watch.gone[m.detail.idx] != ""
}

// updateWatch handles the watch's messages.
func (m *Model) updateWatch(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case watchStampMsg:
		return m.watchStamped(msg), true
	case watchReloadMsg:
		return m.watchReloaded(msg), true
	}
	return nil, false
}

func (m *Model) watchStamped(msg watchStampMsg) tea.Cmd {
	w := &m.watch
	w.busy = false
	if msg.err != nil {
		m.watchLost(msg.idx, msg.err)
		return nil
	}
	was, known := w.stamps[msg.idx]
	back := w.gone[msg.idx] != ""
	if back {
		delete(w.gone, msg.idx)
	}
	if !back && known && was == msg.stamp {
		return nil
	}
	if !back && !known {
		// Shown from the cache after its stamp was dropped: from now on.
		if w.stamps == nil {
			w.stamps = map[int]corpus.FileStamp{}
		}
		w.stamps[msg.idx] = msg.stamp
		return nil
	}
	w.busy = true
	src, idx := m.src, msg.idx
	return func() tea.Msg {
		r := watchReloadMsg{idx: idx}
		if sp, ok := src.(sourceStamper); ok {
			r.stamp, r.stamped = stampOf(sp, idx)
		}
		r.art, r.err = src.Load(idx)
		return r
	}
}

// watchLost marks item idx's file gone (or unreadable) and says so once.
func (m *Model) watchLost(idx int, err error) {
	w := &m.watch
	if w.gone[idx] != "" {
		return
	}
	if w.gone == nil {
		w.gone = map[int]string{}
	}
	why := "cannot be read now"
	if errors.Is(err, fs.ErrNotExist) {
		why = "is gone from disk (deleted or moved)"
	}
	w.gone[idx] = why
	delete(w.stamps, idx)
	if idx == m.detail.idx {
		m.message = "The file of this article " + why + ": showing the text read before"
		m.logMessage(m.message+" ("+m.src.Item(idx).Path+": "+err.Error()+")", true)
	}
}

// watchReloaded puts an article read again after its file changed in place.
func (m *Model) watchReloaded(msg watchReloadMsg) tea.Cmd {
	w := &m.watch
	w.busy = false
	if msg.err != nil || msg.art == nil {
		if msg.err == nil {
			msg.err = errors.New("no article")
		}
		m.watchLost(msg.idx, msg.err)
		return nil
	}
	if msg.stamped {
		if w.stamps == nil {
			w.stamps = map[int]corpus.FileStamp{}
		}
		w.stamps[msg.idx] = msg.stamp
	}
	old := m.detail.art
	if m.detail.idx != msg.idx {
		old, _ = m.detail.articles.get(msg.idx)
	}
	if old != nil && old.Text == msg.art.Text && old.Raw == msg.art.Raw && old.Title == msg.art.Title {
		return nil // touched, not changed
	}
	if i := msg.idx; i >= 0 && i < len(m.store.rows) && !m.store.rows[i].dead {
		m.store.rows[i].words = msg.art.Words
		m.store.version++
	}
	m.store.forgetHash(msg.idx) // the list's read is out of date now
	cmd := m.detail.replaceArticle(msg.idx, msg.art)
	if msg.idx != m.detail.idx {
		return cmd
	}
	text := "The file changed on disk: showing it as it is now"
	if m.sess != nil {
		m.sess.CheckChanged(msg.art)
		e := m.sess.Doc(msg.art.ID)
		switch {
		case m.annotating && m.ann.id == msg.art.ID && e != nil && e.Doc == nil:
			// Never annotated: annotate the text as it is now.
			m.refreshAnnotate(nil)
		case m.annotating && m.ann.id == msg.art.ID && m.sess.Changed(msg.art.ID):
			text = "The file changed on disk: annotating the text as it was annotated (" + ui.KeyName(m.c.Keys.Reanchor) + " re-anchors onto the new text)"
		case m.sess.Changed(msg.art.ID):
			text += " — its annotations stay on the text they were made on (" + ui.KeyName(m.c.Keys.Reanchor) + " re-anchors)"
		}
	}
	m.message = text
	m.logMessage(text+" ("+m.src.Item(msg.idx).Path+")", false)
	return cmd
}
