package browse

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Browser is the reader: the screen at the bottom of the root's stack. It
// owns the list and the article pane, the rows the list shows, the
// background read of the corpus, the files behind the articles, which pane
// has the focus and how the two share the width. Its mode is READ, or RAW
// in the raw view; typing a filter is a screen of its own pushed over it
// (FILTER).
type Browser struct {
	ctx   *ui.Context
	host  ui.Host
	src   Source
	hooks Hooks

	store  *itemStore
	list   *listPane
	detail *detailPane
	stream *streamer
	watch  fileWatch
	filter *filterScreen

	focus  Focus
	narrow bool

	problems []corpus.Problem
	loading  bool
	done     int
	idIndex  map[string]int
}

// Focus is the pane that has the keys.
type Focus uint8

const (
	FocusList Focus = iota
	FocusArticle
)

// narrowWidth is the width below which one pane is shown at a time.
const narrowWidth = 90

// Deps is what the Browser is built with.
type Deps struct {
	Ctx  *ui.Context
	Host ui.Host
	Src  Source
	// Workers is how many goroutines the background read may use; 0 means
	// GOMAXPROCS.
	Workers int
	Hooks   Hooks
}

// Hooks are how the Browser tells the root what happened, and how other
// features add keys to the article pane. Any may be nil.
type Hooks struct {
	// Shown runs when the article pane turns to another article (changed)
	// and when the article it wants has been read (not changed): the
	// root asks the store about it.
	Shown func(changed bool) tea.Cmd
	// Progress runs after each batch of the background read (the list of
	// problems may have grown).
	Progress func()
	// Done runs once the whole corpus has been read; summary says how
	// many articles it holds ("Read 1,204 articles"), "" when there was
	// nothing to read.
	Done func(summary string) tea.Cmd
	// FileChanged runs when the article on screen was read again because
	// its file changed on disk, with the message the Browser would show;
	// it returns the one to show (saying what becomes of annotations).
	FileChanged func(a *model.Article, text string) string
	// ArticleKey is offered each key on the article pane before its own
	// scrolling keys (enter annotates, t corrects).
	ArticleKey func(msg tea.KeyPressMsg) (tea.Cmd, bool)
	// ArticleHelp is added to the article pane's short help.
	ArticleHelp []key.Binding
}

// New builds the Browser over d.Src, the list focused.
func New(d Deps) *Browser {
	store := newItemStore(d.Src)
	b := &Browser{
		ctx:      d.Ctx,
		host:     d.Host,
		src:      d.Src,
		hooks:    d.Hooks,
		store:    store,
		list:     newListPane(d.Ctx, store, d.Src.Label()),
		detail:   newDetailPane(d.Ctx, d.Src, newGlamourPool()),
		stream:   newStreamer(d.Src, d.Workers),
		problems: append([]corpus.Problem(nil), d.Src.Problems()...),
		loading:  d.Src.Len() > 0,
	}
	b.filter = &filterScreen{b: b}
	b.list.focused = true
	return b
}

// Init starts reading the corpus in the background.
func (b *Browser) Init() tea.Cmd { return b.stream.start() }

// Stop cancels the background read (the reader is quitting).
func (b *Browser) Stop() { b.stream.stop() }

// Workers is how many goroutines the background read uses (duplicate
// detection reads with as many).
func (b *Browser) Workers() int { return b.stream.workers }

// Update takes the Browser's own messages: the background read, filter
// scans, loaded and rendered articles, the file watch. It ignores the rest.
func (b *Browser) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case streamBatchMsg:
		return tea.Batch(b.applyResults(msg.results), b.stream.next())
	case StreamDoneMsg:
		summary := ""
		if b.loading {
			b.loading = false
			summary = fmt.Sprintf("Read %s article%s", ui.Commas(b.store.nLive), ui.Plural(b.store.nLive))
		}
		if b.hooks.Done != nil {
			return b.hooks.Done(summary)
		}
	case filterDoneMsg:
		return b.list.filterDone(msg)
	case refilterMsg:
		return b.list.refilterDue()
	case articleLoadedMsg:
		if msg.err == nil && msg.art != nil {
			b.store.updateFromArticle(msg.idx, msg.art)
		}
		b.store.forgetHash(msg.idx)
		b.watchLoaded(msg)
		return tea.Batch(b.detail.loaded(msg), b.shown(false))
	case renderedMsg:
		return b.detail.renderDone(msg)
	case watchStampMsg:
		return b.watchStamped(msg)
	case watchReloadMsg:
		return b.watchReloaded(msg)
	}
	return nil
}

func (b *Browser) shown(changed bool) tea.Cmd {
	if b.hooks.Shown == nil {
		return nil
	}
	return b.hooks.Shown(changed)
}

// applyResults records a batch from Stream: titles, outlets, word counts,
// failed items removed and their problems kept.
func (b *Browser) applyResults(rs []corpus.Result) tea.Cmd {
	died := false
	for _, r := range rs {
		if b.store.apply(r) {
			died = true
		}
		if r.Problem != nil {
			b.problems = append(b.problems, *r.Problem)
		}
	}
	b.done += len(rs)
	if b.hooks.Progress != nil {
		b.hooks.Progress()
	}
	return b.list.storeChanged(died)
}

// Sync points the article pane at the list's selection. The root calls it
// after every message; when the article changes, the root hears it
// (Hooks.Shown) and the file behind it is looked at.
func (b *Browser) Sync() tea.Cmd {
	sel := b.list.Selected()
	title := ""
	if sel >= 0 {
		title = b.store.rows[sel].title
	}
	changed := sel != b.detail.idx
	cmd := b.detail.Show(sel, title)
	if changed {
		return tea.Batch(cmd, b.shown(true), b.Look())
	}
	return cmd
}

// HandleKey takes the reader's own keys: the raw view, the filter, the
// focus, and moving in the focused pane. The root asks it last, after
// the screens over it and the keys every screen shares.
func (b *Browser) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := b.ctx.Keys
	switch {
	case key.Matches(msg, k.Raw):
		if b.detail.kind == kindRaw {
			return b.detail.SetKind(kindRead), true
		}
		return b.detail.SetKind(kindRaw), true
	case key.Matches(msg, k.Filter):
		b.SetFocus(FocusList)
		b.list.startTyping()
		return b.host.Push(b.filter), true
	case key.Matches(msg, k.NextPane, k.PrevPane):
		if b.focus == FocusList {
			b.SetFocus(FocusArticle)
		} else {
			b.SetFocus(FocusList)
		}
		return nil, true
	case key.Matches(msg, k.FocusList):
		b.SetFocus(FocusList)
		return nil, true
	case key.Matches(msg, k.FocusDetail):
		b.SetFocus(FocusArticle)
		return nil, true
	}
	if b.focus == FocusList {
		if key.Matches(msg, k.Open) {
			b.SetFocus(FocusArticle)
			return nil, true
		}
		return nil, b.list.handleKey(msg)
	}
	if key.Matches(msg, k.Back) {
		b.SetFocus(FocusList)
		return nil, true
	}
	if b.hooks.ArticleKey != nil {
		if cmd, ok := b.hooks.ArticleKey(msg); ok {
			return cmd, true
		}
	}
	return nil, b.detail.handleKey(msg)
}

// Focus is the pane that has the keys.
func (b *Browser) Focus() Focus { return b.focus }

// SetFocus gives the keys to a pane.
func (b *Browser) SetFocus(f Focus) {
	b.focus = f
	b.list.focused = f == FocusList
	b.detail.focused = f == FocusArticle
}

// Narrow reports that the terminal is too narrow for both panes: the
// focused one is shown alone.
func (b *Browser) Narrow() bool { return b.narrow }

// SetSize lays the panes out in the body: side by side, the list taking
// two fifths, or one at a time below narrowWidth. A new width asks for a
// new render of the article.
func (b *Browser) SetSize(w, h int) tea.Cmd {
	b.narrow = w < narrowWidth
	if b.narrow {
		b.list.SetSize(w, h)
		return b.detail.SetSize(w, h)
	}
	lw := ui.ClampInt(w*2/5, 30, w-40)
	b.list.SetSize(lw, h)
	return b.detail.SetSize(w-lw, h)
}

// Restyled renders the article again if the styles changed its look (a
// new background, colour turned on or off).
func (b *Browser) Restyled() tea.Cmd { return b.detail.ensureRender() }

// View draws the panes.
func (b *Browser) View() string {
	switch {
	case b.narrow && b.focus == FocusArticle:
		return b.detail.View()
	case b.narrow:
		return b.list.View()
	}
	return ui.JoinColumns(b.list.View(), b.detail.View())
}

// Mode is RAW in the raw view, READ otherwise.
func (b *Browser) Mode() string {
	if b.detail.kind == kindRaw {
		return "RAW"
	}
	return "READ"
}

// ShortHelp is the focused pane's keys.
func (b *Browser) ShortHelp() []key.Binding {
	if b.focus == FocusList {
		return b.list.ShortHelp()
	}
	return append(b.detail.ShortHelp(), b.hooks.ArticleHelp...)
}

// FullHelp is both panes' keys.
func (b *Browser) FullHelp() [][]key.Binding {
	return append(b.list.FullHelp(), b.detail.FullHelp()...)
}

// HelpList and HelpArticle are the help screen's sections for the panes.
func (b *Browser) HelpList() [][]key.Binding    { return b.list.FullHelp() }
func (b *Browser) HelpArticle() [][]key.Binding { return b.detail.FullHelp() }

// Status fills the reader's part of the status bar: the list position,
// the article's scroll position when it has the focus, the background
// read's progress and problems, and a file gone from disk.
func (b *Browser) Status(s *widgets.StatusInfo) {
	s.Pos, s.N = b.list.Position()
	s.Percent = -1
	if b.focus == FocusArticle {
		s.Percent = b.detail.Percent()
	}
	s.Loading, s.Done, s.Total = b.loading, b.done, b.src.Len()
	s.Skipped = len(b.problems)
	s.Gone = b.FileGone()
}
