package browse

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
//     it is now; the root hears of it (Hooks.FileChanged), to mark an
//     annotated article whose text now differs from its snapshot;
//   - gone (deleted, moved, unreadable): the text read before stays on
//     screen, and the bar says it is gone from disk.
// The store is never touched by any of this.

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

// LookEvery sets how often, at most, the open article's file is looked
// at (0: at every key; tests).
func (b *Browser) LookEvery(d time.Duration) { b.watch.fixed, b.watch.every = true, d }

// watchLoaded records the stamp an article was read with.
func (b *Browser) watchLoaded(msg articleLoadedMsg) {
	if !msg.stamped || msg.err != nil {
		return
	}
	w := &b.watch
	if w.stamps == nil || len(w.stamps) > 256 {
		w.stamps = map[int]corpus.FileStamp{} // the detail pane caches a few: the rest are read (and stamped) again
	}
	w.stamps[msg.idx] = msg.stamp
}

// Look looks at the open article's file when it is due: the root asks
// after every key, whichever screen took it.
func (b *Browser) Look() tea.Cmd {
	sp, ok := b.src.(Stamper)
	w := &b.watch
	idx := b.detail.idx
	if !ok || w.busy || idx < 0 || b.detail.art == nil {
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

// Gone reports that item i's file has gone from disk (or cannot be read)
// since it was read.
func (b *Browser) Gone(i int) bool { return b.watch.gone[i] != "" }

// FileGone reports that the open article's file is gone.
func (b *Browser) FileGone() bool {
	return b.detail.idx >= 0 && b.watch.gone[b.detail.idx] != ""
}

func (b *Browser) watchStamped(msg watchStampMsg) tea.Cmd {
	w := &b.watch
	w.busy = false
	if msg.err != nil {
		b.watchLost(msg.idx, msg.err)
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
	src, idx := b.src, msg.idx
	return func() tea.Msg {
		r := watchReloadMsg{idx: idx}
		if sp, ok := src.(Stamper); ok {
			r.stamp, r.stamped = stampOf(sp, idx)
		}
		r.art, r.err = src.Load(idx)
		return r
	}
}

// watchLost marks item idx's file gone (or unreadable) and says so once.
func (b *Browser) watchLost(idx int, err error) {
	w := &b.watch
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
	if idx == b.detail.idx {
		text := "The file of this article " + why + ": showing the text read before"
		b.host.Report(ui.Status{Text: text, Keep: true, Detail: text + " (" + b.src.Item(idx).Path + ": " + err.Error() + ")"})
	}
}

// watchReloaded puts an article read again after its file changed in place.
func (b *Browser) watchReloaded(msg watchReloadMsg) tea.Cmd {
	w := &b.watch
	w.busy = false
	if msg.err != nil || msg.art == nil {
		if msg.err == nil {
			msg.err = errors.New("no article")
		}
		b.watchLost(msg.idx, msg.err)
		return nil
	}
	if msg.stamped {
		if w.stamps == nil {
			w.stamps = map[int]corpus.FileStamp{}
		}
		w.stamps[msg.idx] = msg.stamp
	}
	old := b.detail.art
	if b.detail.idx != msg.idx {
		old, _ = b.detail.articles.get(msg.idx)
	}
	if old != nil && old.Text == msg.art.Text && old.Raw == msg.art.Raw && old.Title == msg.art.Title {
		return nil // touched, not changed
	}
	cmd := b.Replace(msg.idx, msg.art)
	if msg.idx != b.detail.idx {
		return cmd
	}
	text := "The file changed on disk: showing it as it is now"
	if b.hooks.FileChanged != nil {
		text = b.hooks.FileChanged(msg.art, text)
	}
	b.host.Report(ui.Status{Text: text, Keep: true, Detail: text + " (" + b.src.Item(msg.idx).Path + ")"})
	return cmd
}
