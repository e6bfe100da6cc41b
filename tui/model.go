package tui

import (
	"fmt"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Options configure the reader.
type Options struct {
	// NoColor turns every colour off (NO_COLOR): attributes and markers only.
	NoColor bool
	// Workers is how many goroutines Stream may use; 0 means GOMAXPROCS.
	Workers int
	// KeyMap overrides DefaultKeyMap (for bindings read from a config file).
	KeyMap *ui.KeyMap

	// Store keeps annotations. Without one the reader only reads: the
	// annotation keys say a store is needed.
	Store store.Store
	// Annotator names whose undo history and saved position are used.
	Annotator string
	// Labels is the label set, keys 1–9 in order (model.DefaultLabels when empty).
	Labels []string
	// LabelColors overrides label colours: label → "#rrggbb".
	LabelColors map[string]string
	// Theme forces "dark" or "light" styles instead of asking the terminal.
	Theme string

	saveDelay time.Duration // how long after an article change its state is saved (tests shorten it)
}

// DefaultOptions reads the environment: NO_COLOR set to anything non-empty
// turns colour off.
func DefaultOptions() Options {
	return Options{NoColor: os.Getenv("NO_COLOR") != ""}
}

// narrowWidth is the width below which one pane is shown at a time.
const narrowWidth = 90

type focus uint8

const (
	focusList focus = iota
	focusDetail
)

// Model is the root of the reader. It owns layout, focus and key routing;
// the panes do the rest. Create it with New (or NewFromSource) and run it
// with tea.NewProgram(m).Run().
type Model struct {
	c        *ui.Context
	stack    []ui.Screen // pushed screens, top last (stack.go)
	features []feature   // in broadcast order (features.go)
	src      Source
	store    *itemStore
	list     *listPane
	detail   *detailPane
	stream   *streamer
	help     help.Model

	focus  focus
	narrow bool
	ready  bool // a window size has arrived

	problems []corpus.Problem
	loading  bool
	done     int
	message  string

	// Annotation (nil sess: no store).
	sess         *session.Session
	ann          *annotatePane
	annotating   bool
	wantAnnotate int // item index to enter annotate mode on once loaded; -1 none
	labelWait    *labelWait
	prompt       *canonPrompt
	scan         *corpusScan
	touched      bool // a key was pressed: a late restore must not move the cursor
	restoring    *session.UIState
	restored     bool // the last run's state has been read (saving may start)
	quitting     bool
	changedDone  bool // the list's changed-on-disk scan has run
	idIndex      map[string]int
	themeFixed   bool
	optNoColor   bool                 // colour turned off by the caller (NO_COLOR), whatever the terminal says
	profile      colorprofile.Profile // the renderer's, as last reported

	// The session's messages kept whole for the problems screen
	// (msglog.go), and a store that takes no writes (storenote.go).
	log            msgLog
	now            func() time.Time // the log's clock (tests fix it)
	storeNote      string           // standing word in the bar: "read-only store", "damaged store"
	storeNotice    string           // the sentence that announces it
	storeAnnounced bool             // storeNotice has been shown (a refused save may have set the note first)
	lastFail       string           // the last error shown (fail)

	watch fileWatch // the open article's file changing or going (filewatch.go)

	correct correctState // cleaner corrections from the raw view (correct*.go)

	quotes quotesState // quotes mode, the speaker prompt, carriers (quotes*.go)
	dups   dupsState   // duplicate detection, the duplicates screen, clusters (dups*.go)
}

// New builds the reader for a corpus found by corpus.Open (or the sample).
func New(corpus *corpus.Corpus, opts Options) *Model {
	return NewFromSource(FromCorpus(corpus), opts)
}

// NewFromSource builds the reader over any Source.
func NewFromSource(src Source, opts Options) *Model {
	km := ui.DefaultKeyMap()
	if opts.KeyMap != nil {
		km = *opts.KeyMap
	}
	labels := model.NormalizeLabels(opts.Labels)
	if len(labels) == 0 {
		labels = append([]string(nil), model.DefaultLabels...)
	}
	if len(labels) > len(km.Labels) {
		labels = labels[:len(km.Labels)]
	}
	for i := range km.Labels {
		if i < len(labels) {
			km.Labels[i].SetHelp(km.Labels[i].Help().Key, labels[i])
		}
	}
	c := &ui.Context{IsDark: opts.Theme != "light", NoColor: opts.NoColor, Keys: km, Labels: labels, Colors: opts.LabelColors}
	c.Restyle(c.IsDark)
	store := newItemStore(src)
	m := &Model{
		c:        c,
		src:      src,
		store:    store,
		list:     newListPane(c, store, src.Label()),
		detail:   newDetailPane(c, src, newGlamourPool()),
		stream:   newStreamer(src, opts.Workers),
		help:     help.New(),
		problems: append([]corpus.Problem(nil), src.Problems()...),
		loading:  src.Len() > 0,

		ann:          newAnnotatePane(c),
		wantAnnotate: -1,
	}
	m.help.Styles = c.Styles.Help
	m.list.focused = true
	if opts.Store != nil {
		m.sess = session.New(opts.Store, opts.Annotator)
		if opts.saveDelay > 0 {
			m.sess.SetSaveDelay(opts.saveDelay)
		}
		m.list.badge = m.badge
		m.list.review = m.reviewBadgeOf
		m.setupCorrections(src, opts.Store)
		m.initDups()
		m.storeOpened(opts.Store)
	}
	m.wireExport()
	m.themeFixed = opts.Theme == "dark" || opts.Theme == "light"
	m.optNoColor = opts.NoColor
	return m
}

// Init asks the terminal for its background (to pick light or dark styles)
// and starts reading the corpus in the background.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.stream.start()}
	if !m.c.NoColor && !m.themeFixed {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.sess != nil {
		cmds = append(cmds, m.sess.LoadStatuses(), m.sess.Restore(), m.loadDupVerdicts(), m.waitChecked(), m.sess.LoadReviewCounts())
	}
	return tea.Batch(cmds...)
}

// Update routes messages: sizes and background to everyone, results to their
// owners, keys to the overlay, the filter or the focused pane.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		m.ready = true
		cmds = append(cmds, m.layout())
	case tea.BackgroundColorMsg:
		if !m.themeFixed && msg.IsDark() != m.c.IsDark {
			// Kept without colour too, for when colour comes back.
			cmds = append(cmds, m.restyle(msg.IsDark(), m.c.NoColor))
		}
	case tea.ColorProfileMsg:
		cmds = append(cmds, m.colorProfile(msg.Profile))
	case streamBatchMsg:
		cmds = append(cmds, m.applyResults(msg.results), m.stream.next())
	case streamDoneMsg:
		if m.loading {
			m.loading = false
			if m.message == "" || (m.message != m.storeNotice && m.message != m.lastFail) { // an error or the store's notice outranks the count
				m.message = fmt.Sprintf("Read %s article%s", ui.Commas(m.store.nLive), ui.Plural(m.store.nLive))
			}
		}
		cmds = append(cmds, m.scanChanged(), m.dupsAfterLoad())
	case filterDoneMsg:
		cmds = append(cmds, m.list.filterDone(msg))
	case refilterMsg:
		cmds = append(cmds, m.list.refilterDue())
	case articleLoadedMsg:
		if msg.err == nil && msg.art != nil {
			m.store.updateFromArticle(msg.idx, msg.art)
		}
		m.store.forgetHash(msg.idx)
		m.watchLoaded(msg)
		cmds = append(cmds, m.detail.loaded(msg), m.articleShown())
	case renderedMsg:
		cmds = append(cmds, m.detail.renderDone(msg))
	case storeCheckedMsg:
		m.storeTrouble(msg.err, true)
	case tea.PasteMsg:
		if m.textEntry() {
			cmds = append(cmds, m.Top().Update(msg))
		} else if m.quotes.prompt != nil {
			m.speakerPaste(msg)
		} else if m.prompt != nil {
			m.prompt.input.Update(msg)
			m.prompt.refresh()
		} else {
			cmds = append(cmds, m.list.paste(msg))
		}
	case tea.KeyPressMsg:
		m.touched = true
		cmd, quit := m.handleKey(msg)
		if quit {
			m.stopDups()
			m.stopFeatures()
			return m, m.quit()
		}
		cmds = append(cmds, cmd, m.watchCheck())
	default:
		if cmd, handled := m.updateWatch(msg); handled {
			cmds = append(cmds, cmd)
		} else if cmd, handled := m.updateDups(msg); handled {
			cmds = append(cmds, cmd)
		} else if cmd, handled := m.updateQuotes(msg); handled {
			cmds = append(cmds, cmd)
		} else if cmd, handled := m.updateAnnotation(msg); handled {
			cmds = append(cmds, cmd)
		}
		cmds = append(cmds, m.broadcast(msg))
	}
	cmds = append(cmds, m.syncDetail(), m.syncQuotes(), m.syncFeatures())
	return m, tea.Batch(cmds...)
}

// restyle rebuilds every style for a background and colour setting, and
// re-renders the article when its glamour style changes.
func (m *Model) restyle(isDark, noColor bool) tea.Cmd {
	if isDark == m.c.IsDark && noColor == m.c.NoColor {
		return nil
	}
	m.c.NoColor = noColor
	m.c.Restyle(isDark)
	m.help.Styles = m.c.Styles.Help
	m.refreshInfo(false)
	return m.detail.ensureRender()
}

// colorProfile follows what the terminal can show. Bubble Tea reports
// TERM=dumb (or no TERM) as NoTTY and NO_COLOR=1 as Ascii, and its renderer
// then drops every colour: the reader switches to its no-colour styles,
// where the selection, focus, spans and cursor are shown by markers,
// border weight, bold, underline and reverse instead. A NoTTY renderer
// would drop those attributes too, leaving the annotate cursor and spans
// invisible, so the program is told to keep them (Ascii): it is already
// moving the cursor around a full screen, which no terminal that lacks
// bold and reverse would follow either. CLICOLOR_FORCE=1 brings colour
// back (Bubble Tea then reports ANSI).
func (m *Model) colorProfile(p colorprofile.Profile) tea.Cmd {
	if p == colorprofile.Unknown {
		return nil
	}
	var cmds []tea.Cmd
	if m.profile != colorprofile.Unknown && m.profile != p {
		// The renderer does not redraw cells whose content is unchanged,
		// so what it drew under the old profile (no attributes at all,
		// under NoTTY) would stay: repaint the whole screen.
		cmds = append(cmds, tea.ClearScreen)
	}
	m.profile = p
	if p == colorprofile.NoTTY {
		cmds = append(cmds, func() tea.Msg { return tea.ColorProfileMsg{Profile: colorprofile.ASCII} })
	}
	noColor := m.optNoColor || p <= colorprofile.ASCII
	if noColor != m.c.NoColor {
		cmds = append(cmds, m.restyle(m.c.IsDark, noColor))
		if !noColor && !m.themeFixed {
			cmds = append(cmds, tea.RequestBackgroundColor)
		}
	}
	return tea.Batch(cmds...)
}

// applyResults records a batch from Stream: titles, outlets, word counts,
// failed items removed and their problems kept.
func (m *Model) applyResults(rs []corpus.Result) tea.Cmd {
	died := false
	for _, r := range rs {
		if m.store.apply(r) {
			died = true
		}
		if r.Problem != nil {
			m.problems = append(m.problems, *r.Problem)
		}
	}
	m.done += len(rs)
	m.refreshInfo(true)
	return m.list.storeChanged(died)
}

// syncDetail points the detail pane at the list's selection.
func (m *Model) syncDetail() tea.Cmd {
	sel := m.list.Selected()
	title := ""
	if sel >= 0 {
		title = m.store.rows[sel].title
	}
	changed := sel != m.detail.idx
	cmd := m.detail.Show(sel, title)
	if changed {
		return tea.Batch(cmd, m.articleShown(), m.noteArticleChange(), m.watchCheck())
	}
	return cmd
}

func (m *Model) handleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.Keys
	if key.Matches(msg, k.ForceQuit) {
		return nil, true
	}
	if m.list.typing {
		// Every key is text for the filter (q included) except its own.
		return m.list.Update(msg), false
	}
	if m.textEntry() {
		// Every key is the screen's (text, or a menu's letters); the
		// status message stays.
		cmd, _ := m.Top().HandleKey(msg)
		return cmd, false
	}
	if m.prompt != nil {
		// Every key is text for the canonical-name prompt except its own.
		return m.promptKey(msg), false
	}
	if m.quotes.prompt != nil {
		return m.speakerPromptKey(msg), false
	}
	m.message = ""

	if top := m.Top(); top != nil {
		if cmd, ok := top.HandleKey(msg); ok {
			return cmd, false
		}
	}
	if cmd, ok := m.dupsKey(msg); ok {
		return cmd, false
	}
	if cmd, ok := m.quotesFirstKey(msg); ok {
		return cmd, false
	}

	if m.annotating && (m.labelWait != nil || m.annotateMatches(msg)) {
		// Annotate mode's own keys win over the global ones, so a label
		// rebound to, say, "!" still tags.
		return m.annotateKey(msg), false
	}
	switch {
	case key.Matches(msg, k.Quit):
		return nil, true
	case key.Matches(msg, k.Help):
		return m.openHelp(), false
	case key.Matches(msg, k.Problems):
		return m.openProblems(), false
	case key.Matches(msg, k.Undo):
		return m.undo(session.Undo), false
	case key.Matches(msg, k.Redo):
		return m.undo(session.Redo), false
	case key.Matches(msg, k.Done):
		return m.toggleDone(), false
	case key.Matches(msg, k.Reanchor):
		return m.reanchor(), false
	}
	if cmd, ok := m.featureKey(msg); ok {
		return cmd, false
	}
	if m.annotating {
		return m.annotateKey(msg), false
	}
	switch {
	case key.Matches(msg, k.Raw):
		if m.detail.kind == kindRaw {
			return m.detail.SetKind(kindRead), false
		}
		return m.detail.SetKind(kindRaw), false
	case key.Matches(msg, k.Filter):
		m.setFocus(focusList)
		return m.list.startTyping(), false
	case key.Matches(msg, k.NextPane, k.PrevPane):
		if m.focus == focusList {
			m.setFocus(focusDetail)
		} else {
			m.setFocus(focusList)
		}
		return nil, false
	case key.Matches(msg, k.FocusList):
		m.setFocus(focusList)
		return nil, false
	case key.Matches(msg, k.FocusDetail):
		m.setFocus(focusDetail)
		return nil, false
	}

	if m.focus == focusList {
		if key.Matches(msg, k.Open) {
			m.setFocus(focusDetail)
			return nil, false
		}
		return m.list.Update(msg), false
	}
	if key.Matches(msg, k.Back) {
		m.setFocus(focusList)
		return nil, false
	}
	if key.Matches(msg, k.Annotate) {
		return m.enterAnnotate(m.detail.idx), false
	}
	if cmd, ok := m.correctKey(msg); ok {
		return cmd, false
	}
	return m.detail.Update(msg), false
}

func (m *Model) setFocus(f focus) {
	m.focus = f
	m.list.focused = f == focusList
	m.detail.focused = f == focusDetail
}

// problemLines is the problems screen: this session's messages (errors,
// notices about the store, messages the bar cut), then the inputs that
// could not be read.
func (m *Model) problemLines(w int) []string {
	w = max(1, w)
	lines := m.sessionLines(w)
	if len(lines) > 0 {
		lines = append(lines, "", m.c.Styles.TitleFocused.Render("Inputs"))
	}
	if len(m.problems) == 0 {
		return append(lines, m.c.Styles.Placeholder.Render("No problems: every input was read."))
	}
	// Each problem in full: wrapped, continuation lines indented, so a long
	// path never hides the reason.
	for _, p := range m.problems {
		lines = append(lines, ui.WrapHanging(p.String(), w, 2)...)
	}
	return lines
}

// helpLines is the full help, one section per pane plus the global keys.
func (m *Model) helpLines(w int) []string {
	k := m.c.Keys
	st := m.c.Styles
	h := m.help
	h.SetWidth(max(0, w))
	sections := []helpSection{
		{"List", m.list.FullHelp()},
		{"Article", m.detail.FullHelp()},
		{"Panes", [][]key.Binding{{k.NextPane, k.PrevPane, k.FocusList, k.FocusDetail}, {k.Problems, k.Export, k.Help, k.Quit, k.ForceQuit}}},
	}
	if m.sess != nil {
		sections = append(sections,
			helpSection{"Annotate (enter on the article; esc leaves)", m.annotateFullHelp()},
			helpSection{"Quotes (Q on an article or in annotate mode; esc leaves)", m.quotesFullHelp()})
	}
	sections = append(sections, helpSection{"Duplicates (D anywhere; esc leaves)", m.dupsFullHelp()})
	sections = append(sections, m.featureHelp()...)
	var lines []string
	for i, s := range sections {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, st.TitleFocused.Render(s.title))
		lines = append(lines, ui.SplitLines(h.FullHelpView(s.groups))...)
	}
	return lines
}

// layout sizes every component for the terminal.
func (m *Model) layout() tea.Cmd {
	w := m.c.Width
	m.narrow = w < narrowWidth
	bodyH := m.bodyH()
	m.help.SetWidth(w)
	var cmds []tea.Cmd
	for _, s := range m.stack {
		cmds = append(cmds, s.SetSize(w, bodyH))
	}
	m.ann.SetSize(w, bodyH)
	if m.narrow {
		m.list.SetSize(w, bodyH)
		return tea.Batch(append(cmds, m.detail.SetSize(w, bodyH))...)
	}
	lw := ui.ClampInt(w*2/5, 30, w-40)
	m.list.SetSize(lw, bodyH)
	return tea.Batch(append(cmds, m.detail.SetSize(w-lw, bodyH))...)
}

func (m *Model) statusH() int {
	if m.c.Height >= 2 {
		return 1
	}
	return 0
}

func (m *Model) helpH() int {
	if m.c.Height >= 12 {
		return 1
	}
	return 0
}

func (m *Model) mode() string {
	if md := m.stackMode(); md != "" {
		return md
	}
	switch {
	case m.list.typing:
		return "FILTER"
	case m.dups.view != nil:
		return "DUPS"
	case m.quotes.carriers != nil:
		return "CARRIERS"
	case m.annotating && m.ann.anchor >= 0:
		return "SELECT"
	case m.annotating && m.quotes.on:
		return "QUOTES"
	case m.annotating:
		return "ANNOTATE"
	case m.detail.kind == kindRaw:
		return "RAW"
	}
	return "READ"
}

func (m *Model) shortHelp() []key.Binding {
	k := m.c.Keys
	var b []key.Binding
	switch {
	case m.list.typing:
		return m.list.ShortHelp()
	case m.prompt != nil:
		return m.prompt.ShortHelp()
	case m.quotes.prompt != nil:
		return m.quotes.prompt.ShortHelp()
	case m.Top() != nil:
		return m.withFooter(m.Top())
	case m.dups.view != nil:
		return append(m.dupsShortHelp(), k.Help, k.Quit)
	case m.quotes.carriers != nil:
		return append(m.carriersShortHelp(), k.Help, k.Quit)
	case m.annotating:
		b = m.annotateShortHelp()
	case m.focus == focusList:
		b = m.list.ShortHelp()
	case m.sess != nil:
		b = append(m.detail.ShortHelp(), k.Annotate)
	default:
		b = m.detail.ShortHelp()
	}
	if m.anyProblems() {
		b = append(b, k.Problems)
	}
	return append(b, k.Help, k.Quit)
}

// anyProblems: the problems screen has something to show.
func (m *Model) anyProblems() bool { return len(m.problems) > 0 || len(m.log.entries) > 0 }

// withFooter is a screen's short help with the shared keys its footer asks for.
func (m *Model) withFooter(s ui.Screen) []key.Binding {
	k := m.c.Keys
	b := s.ShortHelp()
	f := ui.FooterAll
	if fs, ok := s.(ui.Footered); ok {
		f = fs.Footer()
	}
	switch f {
	case ui.FooterNone:
		return b
	case ui.FooterAll:
		if m.anyProblems() {
			b = append(b, k.Problems)
		}
	}
	return append(b, k.Help, k.Quit)
}

// View draws the frame: panes (or an overlay), status bar, short help.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	if !m.ready {
		return v
	}
	w, h := m.c.Width, m.c.Height
	v.SetContent(ui.ClampView(m.frame(), w, h))
	top := m.Top()
	if top == nil && m.list.typing {
		v.Cursor = m.list.cursorPos()
	}
	if top == nil && m.annotating && m.prompt != nil {
		v.Cursor = m.promptCursor()
	}
	if top == nil && m.annotating && m.quotes.prompt != nil && m.quotes.carriers == nil {
		v.Cursor = m.speakerCursor()
	}
	if c, ok := top.(ui.Cursorer); ok {
		v.Cursor = c.Cursor()
	}
	return v
}

// frame is the whole screen as the panes draw it, before clampView's last
// defence (tests check that every screen fits without it).
func (m *Model) frame() string {
	w, h := m.c.Width, m.c.Height
	body := m.stackBody()
	switch {
	case body != "":
	case m.dups.view != nil:
		body = m.dupsBody(w, h-m.statusH()-m.helpH())
	case m.quotes.carriers != nil:
		body = m.carriersBody(w, m.ann.h)
	case m.annotating:
		body = m.annotateView()
	case m.narrow && m.focus == focusDetail:
		body = m.detail.View()
	case m.narrow:
		body = m.list.View()
	default:
		body = ui.JoinColumns(m.list.View(), m.detail.View())
	}
	parts := []string{}
	if body != "" {
		parts = append(parts, body)
	}
	if m.statusH() > 0 {
		pos, n := m.list.Position()
		pct := -1
		if m.focus == focusDetail && !m.annotating {
			pct = m.detail.Percent()
		}
		info := widgets.StatusInfo{
			Mode: m.mode(), Pos: pos, N: n, Percent: pct,
			Loading: m.loading, Done: m.done, Total: m.src.Len(),
			Skipped: len(m.problems), Message: m.message,
		}
		info.More = ui.KeyName(m.c.Keys.Problems)
		if m.message != m.storeNotice { // not twice
			info.StoreNote = m.storeNote
		}
		info.Gone = m.watchGone()
		m.annotationStatus(&info)
		m.dupsStatus(&info)
		m.featureStatus(&info)
		if sl, ok := m.Top().(ui.StatusLiner); ok {
			parts = append(parts, sl.StatusLine(w))
		} else {
			line, cut := widgets.StatusLine(m.c.Styles, w, info)
			if cut {
				// Kept whole for the problems screen the bar points at.
				m.logCut(info.Message)
			}
			parts = append(parts, line)
		}
	}
	if m.helpH() > 0 {
		parts = append(parts, ui.Fit(m.help.ShortHelpView(m.shortHelp()), w))
	}
	return strings.Join(parts, "\n")
}
