package tui

import (
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/adjudicate"
	"storydesk/tui/annotate"
	"storydesk/tui/browse"
	"storydesk/tui/layout"
	"storydesk/tui/quotes"
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
	// Labels is the label set, the first nine on keys 1–9, every one in
	// the label picker (model.DefaultLabels when empty).
	Labels []string
	// LabelColors overrides label colours: label → "#rrggbb".
	LabelColors map[string]string
	// Theme forces "dark" or "light" styles instead of asking the terminal.
	Theme string
	// Suggest shows the entity recogniser's suggestions in annotate mode
	// (the config file's suggestions key; a key toggles them). With a
	// store that keeps models, its trained model is used and learning is
	// saved there.
	Suggest bool
	// SuggestHidden starts with the suggestions hidden (the toggle key
	// shows them).
	SuggestHidden bool
	// Live follows other sessions' changes to the store and counts the
	// annotator's other sessions (tui/live.go): commands that wait, so a
	// running program turns it on, not the synchronous test driver.
	Live bool
	// Curate opens articles for adjudication (tui/adjudicate): the store
	// is the gold layer's, the other layers are read beside it.
	Curate bool

	saveDelay time.Duration // how long after an article change its state is saved (tests shorten it)
}

// DefaultOptions reads the environment: NO_COLOR set to anything non-empty
// turns colour off.
func DefaultOptions() Options {
	return Options{NoColor: os.Getenv("NO_COLOR") != ""}
}

// Model is the root of the reader. It owns layout, focus and key routing;
// the panes do the rest. Create it with New (or NewFromSource) and run it
// with tea.NewProgram(m).Run().
type Model struct {
	c        *ui.Context
	stack    []ui.Screen // the reader at the bottom, pushed screens over it, top last (stack.go)
	features []feature   // in broadcast order (features.go)
	br       *browse.Browser
	help     help.Model

	// Annotation (nil sess: no store).
	sess   *session.Session
	annot  *annotate.Feature   // annotate mode (wire_annotate.go); nil without a store
	quotes *quotes.Feature     // quotes mode (wire_quotes.go); nil without a store
	adj    *adjudicate.Feature // adjudication (wire_adjudicate.go); nil unless curating

	bar   statusBar  // the message, the session's log and the store's standing note (msglog.go)
	life  lifecycle  // where the session is between start and quit
	theme themeState // how colours were chosen (colorProfile)
}

// lifecycle is where the reader is between its start and its end.
type lifecycle struct {
	ready       bool // a window size has arrived
	live        bool // Options.Live: follow other sessions' changes (tui/live.go)
	touched     bool // a key was pressed: a late restore must not move the cursor
	restored    bool // the last run's state has been read (saving may start)
	changedDone bool // the list's changed-on-disk scan has run
	quitting    bool
}

// themeState is what decides the styles besides the terminal's background.
type themeState struct {
	themeFixed bool                 // dark or light asked for: the terminal is not asked
	optNoColor bool                 // colour turned off by the caller (NO_COLOR), whatever the terminal says
	profile    colorprofile.Profile // the renderer's, as last reported
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
	for i := range km.Labels {
		if i < len(labels) {
			km.Labels[i].SetHelp(km.Labels[i].Help().Key, labels[i])
		}
	}
	c := &ui.Context{IsDark: opts.Theme != "light", NoColor: opts.NoColor, Keys: km, Labels: labels, Colors: opts.LabelColors}
	c.Restyle(c.IsDark)
	m := &Model{
		c:    c,
		help: help.New(),
	}
	m.help.Styles = c.Styles.Help
	m.wireBrowse(src, opts.Workers, opts.Store != nil, opts.Curate)
	if opts.Store != nil {
		m.sess = session.New(opts.Store, opts.Annotator)
		if opts.saveDelay > 0 {
			m.sess.SetSaveDelay(opts.saveDelay)
		}
	}
	m.wireCorrect(src, opts.Store)
	if opts.Store != nil {
		m.br.SetBadge(m.badge)
		m.br.SetReview(m.reviewBadgeOf)
		m.newAnnotate()
		m.enableSuggestions(opts)
		m.storeOpened(opts.Store)
	}
	m.wireQuotes()
	m.wireExport()
	m.wireTeam()
	m.wireAdjudicate(opts.Curate)
	m.wireAssigned()
	m.wireLayers()
	m.wireDups(opts.Store)
	m.wireFilter(opts.Store)
	m.wireStory(opts.Store)
	m.theme.themeFixed = opts.Theme == "dark" || opts.Theme == "light"
	m.theme.optNoColor = opts.NoColor
	m.life.live = opts.Live
	return m
}

// Init asks the terminal for its background (to pick light or dark styles)
// and starts reading the corpus in the background.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.br.Init()}
	if !m.c.NoColor && !m.theme.themeFixed {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.sess != nil {
		cmds = append(cmds, m.sess.LoadStatuses(), m.sess.Restore(), m.waitChecked(), m.sess.LoadReviewCounts(), m.startLive())
	}
	return tea.Batch(append(cmds, m.initFeatures())...)
}

// Update routes messages: sizes and background to everyone, results to their
// owners, keys to the overlay, the filter or the focused pane.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		m.life.ready = true
		cmds = append(cmds, m.layout())
	case tea.BackgroundColorMsg:
		if !m.theme.themeFixed && msg.IsDark() != m.c.IsDark {
			// Kept without colour too, for when colour comes back.
			cmds = append(cmds, m.restyle(msg.IsDark(), m.c.NoColor))
		}
	case tea.ColorProfileMsg:
		cmds = append(cmds, m.colorProfile(msg.Profile))
	case tea.ModeReportMsg:
		cmds = append(cmds, m.unicodeCore(msg))
	case storeCheckedMsg:
		m.storeTrouble(msg.err, true)
	case tea.PasteMsg:
		if m.textEntry() {
			cmds = append(cmds, m.Top().Update(msg))
		}
	case tea.KeyPressMsg:
		m.life.touched = true
		cmd, quit := m.handleKey(msg)
		if quit {
			m.stopFeatures()
			return m, m.quit()
		}
		cmds = append(cmds, cmd, m.br.Look())
	default:
		// The reader's own messages (its background read, filter scans,
		// loads, renders, the file watch); it ignores the rest.
		cmds = append(cmds, m.br.Update(msg))
		if cmd, handled := m.updateSession(msg); handled {
			cmds = append(cmds, cmd)
		}
		cmds = append(cmds, m.broadcast(msg))
		if _, ok := msg.(session.WrittenMsg); ok {
			m.noteStoreCreated()
			cmds = append(cmds, m.nextWrite(), m.reloadOnConflict(msg))
		}
	}
	cmds = append(cmds, m.br.Sync(), m.syncFeatures())
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
	return m.br.Restyled()
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
	if m.theme.profile != colorprofile.Unknown && m.theme.profile != p {
		// The renderer does not redraw cells whose content is unchanged,
		// so what it drew under the old profile (no attributes at all,
		// under NoTTY) would stay: repaint the whole screen.
		cmds = append(cmds, tea.ClearScreen)
	}
	m.theme.profile = p
	if p == colorprofile.NoTTY {
		cmds = append(cmds, func() tea.Msg { return tea.ColorProfileMsg{Profile: colorprofile.ASCII} })
	}
	if m.c.Profile != p {
		// Label colours are picked in the profile's terms (ui/labelcolors.go).
		m.c.Profile = p
		m.c.Restyle(m.c.IsDark)
		m.help.Styles = m.c.Styles.Help
	}
	noColor := m.theme.optNoColor || p <= colorprofile.ASCII
	if noColor != m.c.NoColor {
		cmds = append(cmds, m.restyle(m.c.IsDark, noColor))
		if !noColor && !m.theme.themeFixed {
			cmds = append(cmds, tea.RequestBackgroundColor)
		}
	}
	return tea.Batch(cmds...)
}

func (m *Model) handleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.Keys
	if key.Matches(msg, k.ForceQuit) {
		return nil, true
	}
	if m.textEntry() {
		// Every key is the screen's (text, or a menu's letters, the
		// filter's q included); the status message stays.
		cmd, _ := m.Top().HandleKey(msg)
		return cmd, false
	}
	m.bar.message = ""

	// A screen over the reader has the keys first; the reader's own come
	// last, after the features' keys and the shared keys.
	if top := m.Top(); top != m.br {
		if cmd, ok := top.HandleKey(msg); ok {
			return cmd, false
		}
	}
	if cmd, ok := m.featureKey(msg); ok {
		return cmd, false
	}
	switch {
	case key.Matches(msg, k.Quit):
		return nil, true
	case key.Matches(msg, k.Help):
		return m.openHelp(), false
	case key.Matches(msg, k.Problems):
		return m.openProblems(), false
	case key.Matches(msg, k.Undo, k.Redo, k.Done, k.Reanchor):
		m.needStore() // with a store, annotate mode's feature key took it
		return nil, false
	}
	if m.Top() != m.br {
		return nil, false // a screen over the reader keeps its keys from the panes
	}
	cmd, _ := m.br.HandleKey(msg)
	return cmd, false
}

// problemLines is the problems screen: this session's messages (errors,
// notices about the store, messages the bar cut), then the inputs that
// could not be read (the reader's).
func (m *Model) problemLines(w int) []string {
	w = max(1, w)
	lines := m.bar.log.Lines(m.c.Styles, w)
	if len(lines) > 0 {
		lines = append(lines, "", m.c.Styles.TitleFocused.Render("Inputs"))
	}
	return append(lines, m.br.ProblemLines(w)...)
}

// helpLines is the full help, one section per mode and pane, the mode the
// help was opened from first (widgets.HelpLines: nothing cut at any width).
func (m *Model) helpLines(w int, from ui.Screen) []string {
	k := m.c.Keys
	st := m.c.Styles
	sections := []widgets.HelpSection{
		{Title: "List", Groups: m.br.HelpList()},
		{Title: "Filter (" + ui.KeyName(k.Filter) + " in the list)", Groups: m.br.HelpFilter()},
		{Title: "Article", Groups: m.br.HelpArticle()},
		{Title: "Panes", Groups: [][]key.Binding{{k.NextPane, k.PrevPane, k.FocusList, k.FocusDetail}, {k.Problems, k.Export, k.Help, k.Quit, k.ForceQuit}}},
	}
	sections = append(sections, m.featureHelp()...)
	if from != m.br {
		sections = widgets.HelpFirst(sections, from)
	}
	return widgets.HelpLines(st.Help, func(s string) string { return st.TitleFocused.Render(s) }, sections, w)
}

// layout sizes every component for the terminal.
// unicodeCore follows the terminal's answer about mode 2027: a terminal
// that clusters graphemes has Bubble Tea's renderer count cells by
// grapheme, and every width is measured that way from then on
// (layout.Method). Everything laid out before is laid out again: a size
// change each screen reflows on.
func (m *Model) unicodeCore(msg tea.ModeReportMsg) tea.Cmd {
	if msg.Mode != ansi.ModeUnicodeCore || !(msg.Value == ansi.ModeSet || msg.Value == ansi.ModeReset || msg.Value == ansi.ModePermanentlySet) {
		return nil
	}
	if !layout.SetMethod(ansi.GraphemeWidth) || !m.life.ready {
		return nil
	}
	w, h := m.c.Width, m.bodyH()
	var cmds []tea.Cmd
	for _, s := range m.stack {
		cmds = append(cmds, s.SetSize(max(1, w-1), h))
	}
	return tea.Batch(append(cmds, m.layout(), tea.ClearScreen)...)
}

func (m *Model) layout() tea.Cmd {
	w := m.c.Width
	bodyH := m.bodyH()
	m.help.SetWidth(w)
	var cmds []tea.Cmd
	for _, s := range m.stack {
		cmds = append(cmds, s.SetSize(w, bodyH))
	}
	return tea.Batch(cmds...)
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
	return m.br.Mode()
}

func (m *Model) shortHelp() []key.Binding { return m.withFooter(m.Top()) }

// anyProblems: the problems screen has something to show.
func (m *Model) anyProblems() bool { return len(m.br.Problems()) > 0 || m.bar.log.Len() > 0 }

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
	if !m.life.ready {
		return v
	}
	w, h := m.c.Width, m.c.Height
	v.SetContent(ui.ClampView(m.frame(), w, h))
	top := m.Top()
	if c, ok := top.(ui.Cursorer); ok {
		v.Cursor = c.Cursor()
	}
	return v
}

// frame is the whole screen as the panes draw it, before clampView's last
// defence (tests check that every screen fits without it).
func (m *Model) frame() string {
	w := m.c.Width
	body, drew := m.stackBody()
	switch {
	case body != "":
	default:
		body = m.br.View()
	}
	parts := []string{}
	if body != "" {
		parts = append(parts, body)
	}
	if m.statusH() > 0 {
		info := widgets.StatusInfo{Mode: m.mode(), Message: m.bar.message}
		m.br.Status(&info)
		if m.annotating() {
			info.Percent = -1 // annotate mode's own is in its box
		}
		info.More = ui.KeyName(m.c.Keys.Problems)
		if m.bar.message != m.bar.storeNotice { // not twice
			info.StoreNote = m.bar.storeNote
		}
		if p, ok := m.Top().(interface{ Prompt() string }); ok && m.bar.message == "" {
			info.Message = p.Prompt()
		}
		m.featureStatus(&info)
		if sh, ok := drew.(spanHider); ok && sh.HidesCursorSpan() {
			info.Span = ""
		}
		m.liveStatus(&info)
		m.unsavedStatus(&info)
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
