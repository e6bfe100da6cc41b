package browse

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/tui/ui"
)

// The Browser's API for the root and, through it, the other features: the
// items, the list's selection and rows, the article on screen.

// Row is one article as the list knows it.
type Row struct {
	Title, Outlet string
	Words         int
	Read          bool // the background read has reached it: title, outlet, words are real
	Dead          bool // could not be read: not on the list
	// ID and Hash are the article's id and cleaned-text hash as the
	// background read took them ("" once it has been read again since).
	ID, Hash string
}

// Source is the corpus the Browser reads.
func (b *Browser) Source() Source { return b.src }

// Len is the number of items.
func (b *Browser) Len() int { return b.src.Len() }

// Item is item i as found.
func (b *Browser) Item(i int) corpus.Item { return b.src.Item(i) }

// IndexOf finds an item by article id, -1 when it is not in the corpus.
func (b *Browser) IndexOf(id string) int {
	if b.idIndex == nil {
		b.idIndex = make(map[string]int, b.src.Len())
		for i := 0; i < b.src.Len(); i++ {
			b.idIndex[b.src.Item(i).ID] = i
		}
	}
	if i, ok := b.idIndex[id]; ok {
		return i
	}
	return -1
}

// Row is item i's row.
func (b *Browser) Row(i int) Row {
	r := &b.store.rows[i]
	return Row{Title: r.title, Outlet: r.outlet, Words: r.words, Read: r.read, Dead: r.dead, ID: r.id, Hash: r.hash}
}

// Live is every item that has not failed to read, in corpus order. The
// slice is shared: copy it to keep it.
func (b *Browser) Live() []int32 { return b.store.liveItems() }

// LiveCount is how many items have not failed to read.
func (b *Browser) LiveCount() int { return b.store.nLive }

// KnownTexts are the live items whose text hash the background read took,
// so duplicate detection need not read them again.
func (b *Browser) KnownTexts() []corpus.KnownText { return b.store.knownTexts() }

// DropSketches lets go of the duplicate sketches the read took, once
// duplicate detection has them.
func (b *Browser) DropSketches() { b.store.dropSketches() }

// Loading reports that the background read has not finished.
func (b *Browser) Loading() bool { return b.loading }

// Problems are the inputs that could not be listed or read.
func (b *Browser) Problems() []corpus.Problem { return b.problems }

// ProblemLines is the problems screen's part for the inputs, w cells wide:
// each problem in full, wrapped with its continuation indented so a long
// path never hides the reason, or a line saying every input was read.
func (b *Browser) ProblemLines(w int) []string {
	if len(b.problems) == 0 {
		return []string{b.ctx.Styles.Placeholder.Render("No problems: every input was read.")}
	}
	var lines []string
	for _, p := range b.problems {
		lines = append(lines, ui.WrapHanging(p.String(), max(1, w), 2)...)
	}
	return lines
}

// Selected is the item under the list's cursor, -1 for none.
func (b *Browser) Selected() int { return b.list.Selected() }

// Select puts the list's cursor on item i; false when the list does not
// show it (filtered out, or hidden).
func (b *Browser) Select(i int) bool { return b.list.selectItem(i) }

// Step moves the list's cursor dir rows, reporting whether it moved.
func (b *Browser) Step(dir int) bool {
	before := b.list.Selected()
	b.list.move(dir)
	return b.list.Selected() != before
}

// Position is the list's 1-based cursor position and its number of rows.
func (b *Browser) Position() (int, int) { return b.list.Position() }

// Visible is the items the list shows, in order. The slice is shared.
func (b *Browser) Visible() []int32 { return b.list.vis }

// Filter is the filter applied to the list ("" for none).
func (b *Browser) Filter() string { return b.list.query }

// ClearFilter drops the filter (closing the filter screen if it is up).
func (b *Browser) ClearFilter() {
	b.list.clearFilter()
	b.host.Pop(b.filter)
}

// Refilter shows the list's rows again through the exclude hook (the
// copies it hides have changed).
func (b *Browser) Refilter() { b.list.reapplyExclude() }

// SetBadge sets the list's status column: item i's annotation status and
// whether it is marked changed (nil: no column).
func (b *Browser) SetBadge(f func(i int) (model.Status, bool)) { b.list.badge = f }

// SetCluster sets the list's duplicate-cluster badge: item i's, and the
// width every badge has (0 when there are none).
func (b *Browser) SetCluster(f func(i int) (string, int)) { b.list.cluster = f }

// SetExclude sets the filter that drops rows from every row set the list
// shows (the copies filter): it returns a new slice, both ascending.
func (b *Browser) SetExclude(f func(vis []int32) []int32) { b.list.exclude = f }

// SetOrder sets the order of the unfiltered list's rows (see
// listPane.order); Refilter applies a new one.
func (b *Browser) SetOrder(f func(vis []int32) []int32) { b.list.order = f }

// SetReview sets the list's badge for imported annotations to review:
// item i's and the width every such badge has (0 when none has any).
func (b *Browser) SetReview(f func(i int) (string, int)) { b.list.review = f }

// ReviewBadge is the list's review column for an article with n imported
// annotations to review: "↓12" in w cells (blank when n is 0).
func ReviewBadge(st ui.Styles, n, w int) string {
	if n <= 0 || w <= 0 {
		return strings.Repeat(" ", max(0, w))
	}
	s := st.Review.MarkCh + fmt.Sprint(min(n, 999))
	return st.Review.MarkPaint.Render(ui.Fit(s, w))
}

// Article is the article pane's: the article loaded (nil until it is),
// the item it is for (-1 for none) and why it could not be loaded.
func (b *Browser) Article() (*model.Article, int, error) {
	return b.detail.art, b.detail.idx, b.detail.loadErr
}

// Title is the article pane's title: the article's, or the list's until
// it is loaded.
func (b *Browser) Title() string { return b.detail.headerTitle() }

// Showing reports that the wanted article is rendered on screen.
func (b *Browser) Showing() bool { return b.detail.showing() }

// Raw reports the raw view.
func (b *Browser) Raw() bool { return b.detail.kind == kindRaw }

// SetRaw switches between the raw and the read view.
func (b *Browser) SetRaw(on bool) tea.Cmd {
	if on {
		return b.detail.SetKind(kindRaw)
	}
	return b.detail.SetKind(kindRead)
}

// Percent is the article's scroll position, -1 when nothing scrollable is shown.
func (b *Browser) Percent() int { return b.detail.Percent() }

// ReadingAt is how far down the read view is scrolled (0–1), ok false
// when the read view is not on screen.
func (b *Browser) ReadingAt() (float64, bool) {
	if !b.detail.showing() || b.detail.kind != kindRead {
		return 0, false
	}
	return b.detail.vp.ScrollPercent(), true
}

// RestoreView shows item i, selected already, as the last run left it:
// in the raw view, or in the read view scrolled to frac of its length.
func (b *Browser) RestoreView(i int, raw bool, frac float64) tea.Cmd {
	if raw {
		b.detail.kind = kindRaw
	}
	b.detail.restoreFrac(i, frac)
	// The article may be on screen already, in the read view: ask for the
	// raw render then (Show does nothing for the article it shows).
	return tea.Batch(b.Sync(), b.detail.ensureRender())
}

// Replace puts item i, read again (its corrections or its file changed),
// in place of what the Browser holds of it: its word count, and the
// article pane, which renders it again where the reader was.
func (b *Browser) Replace(i int, a *model.Article) tea.Cmd {
	if i >= 0 && i < len(b.store.rows) && !b.store.rows[i].dead {
		b.store.rows[i].words = a.Words
		b.store.version++
	}
	b.store.forgetHash(i) // the list's read is out of date now
	return b.detail.replaceArticle(i, a)
}

// Forget drops the article pane's copies of item i (its text is about to
// change).
func (b *Browser) Forget(i int) { b.detail.forget(i) }

// SetCorrections gives the raw view the stored corrections of an article:
// the raw view then has a paragraph cursor and tags what the reviewer
// kept and removed.
func (b *Browser) SetCorrections(f func(id string) []model.Correction) { b.detail.rc.corrFor = f }

// CursorPara is the paragraph under the raw view's cursor, ok false when
// the raw view with a cursor is not on screen.
func (b *Browser) CursorPara() (Para, bool) { return b.detail.cursorPara() }
