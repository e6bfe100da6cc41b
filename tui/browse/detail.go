package browse

import (
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/tui/ui"
)

// articleLoadedMsg brings corpus.Load's answer back to the update loop.
type articleLoadedMsg struct {
	idx int
	art *model.Article
	err error

	// The file's stamp taken before it was read (sources that have one),
	// so a change while the reader is open is noticed (filewatch.go).
	stamp   corpus.FileStamp
	stamped bool
}

// detailPane shows the selected article: rendered by glamour (read view) or
// as raw text with the removed ranges marked (raw view). Loading and
// rendering happen in commands, one of each in flight at a time; when one
// finishes, the pane asks for whatever is wanted by then, so holding j over a
// thousand rows does not queue a thousand renders.
type detailPane struct {
	c       *ui.Context
	src     Source
	pool    *glamourPool
	w, h    int
	focused bool
	kind    viewKind

	idx     int    // wanted item, -1 for none
	title   string // list title, until the article is loaded
	art     *model.Article
	loadErr error

	articles *lru[int, *model.Article]
	renders  *lru[renderKey, *rendered]

	loadBusy   bool
	renderBusy bool
	gen        int // of the render in flight

	vp       viewport.Model // read view scroll state; content is glamour's wrapped lines
	lines    []string       // the same lines, sliced directly for the visible window
	raw      *rawDoc
	rawOff   int
	rc       rawCursor // the raw view's paragraph cursor (rawcursor.go)
	shown    renderKey
	hasShown bool

	// A scroll position to restore (from the last run) once idx is shown.
	restoreIdx int
	restoreAt  float64
}

func newDetailPane(c *ui.Context, src Source, pool *glamourPool) *detailPane {
	return &detailPane{
		c:          c,
		src:        src,
		pool:       pool,
		idx:        -1,
		restoreIdx: -1,
		articles:   newLRU[int, *model.Article](8),
		renders:    newLRU[renderKey, *rendered](12),
		vp:         viewport.New(),
	}
}

func (d *detailPane) innerW() int { return max(0, d.w-2) }
func (d *detailPane) innerH() int { return max(0, d.h-2) }

// SetSize sets the outer size; a new width asks for a new render.
func (d *detailPane) SetSize(w, h int) tea.Cmd {
	d.w, d.h = max(0, w), max(0, h)
	d.vp.SetWidth(d.innerW())
	d.vp.SetHeight(d.innerH())
	d.clampRaw()
	d.cursorIntoView(true)
	return d.ensureRender()
}

func (d *detailPane) wantKey() renderKey {
	k := renderKey{idx: d.idx, width: d.innerW(), kind: d.kind, style: d.c.Styles.Glamour}
	if d.kind == kindRaw {
		k.style = "" // the raw layout does not depend on glamour's style
	}
	return k
}

// Show switches to item idx (title is the list's title for it).
func (d *detailPane) Show(idx int, title string) tea.Cmd {
	d.title = title
	if idx == d.idx {
		return nil
	}
	d.idx, d.art, d.loadErr = idx, nil, nil
	if idx < 0 {
		return nil
	}
	if a, ok := d.articles.get(idx); ok {
		d.art = a
		return d.ensureRender()
	}
	return d.requestLoad()
}

// SetKind switches between the read and raw views.
func (d *detailPane) SetKind(k viewKind) tea.Cmd {
	if d.kind == k {
		return nil
	}
	d.kind = k
	return d.ensureRender()
}

func (d *detailPane) requestLoad() tea.Cmd {
	if d.loadBusy || d.idx < 0 {
		return nil
	}
	d.loadBusy = true
	idx, src := d.idx, d.src
	return func() tea.Msg {
		var msg articleLoadedMsg
		if sp, ok := src.(Stamper); ok {
			msg.stamp, msg.stamped = stampOf(sp, idx)
		}
		msg.idx = idx
		msg.art, msg.err = src.Load(idx)
		return msg
	}
}

func (d *detailPane) loaded(msg articleLoadedMsg) tea.Cmd {
	d.loadBusy = false
	if msg.err == nil && msg.art != nil {
		d.articles.put(msg.idx, msg.art)
	}
	if msg.idx == d.idx {
		d.art, d.loadErr = msg.art, msg.err
		if d.art == nil && d.loadErr == nil {
			d.loadErr = fmt.Errorf("no article")
		}
		return d.ensureRender()
	}
	if d.idx >= 0 && d.art == nil && d.loadErr == nil {
		if a, ok := d.articles.get(d.idx); ok {
			d.art = a
			return d.ensureRender()
		}
		return d.requestLoad()
	}
	return nil
}

// ensureRender shows the wanted document from the cache or asks for it.
func (d *detailPane) ensureRender() tea.Cmd {
	if d.art == nil || d.innerW() <= 0 {
		return nil
	}
	k := d.wantKey()
	if d.hasShown && d.shown == k {
		return nil
	}
	if r, ok := d.renders.get(k); ok {
		d.setContent(k, r)
		return nil
	}
	if d.renderBusy {
		return nil // asked again when the render in flight comes back
	}
	d.renderBusy = true
	d.gen++
	if k.kind == kindRaw && d.rc.corrFor != nil {
		return rawRenderCmd(k, d.gen, d.art, d.rc.corrFor(d.art.ID))
	}
	return renderCmd(k, d.gen, d.art, d.title, d.pool, d.c.NoColor)
}

func (d *detailPane) renderDone(msg renderedMsg) tea.Cmd {
	if msg.gen == d.gen {
		d.renderBusy = false
	}
	if msg.gen < d.rc.minGen {
		return d.ensureRender() // made from text a correction has replaced
	}
	if msg.err == nil && msg.doc != nil {
		d.renders.put(msg.key, msg.doc)
		if msg.key == d.wantKey() && d.art != nil {
			d.setContent(msg.key, msg.doc)
		}
	}
	return d.ensureRender()
}

// setContent puts a document on screen, keeping the reading position when it
// is the same article re-rendered (resize, restyle).
func (d *detailPane) setContent(k renderKey, r *rendered) {
	same := d.hasShown && d.shown.idx == k.idx && d.shown.kind == k.kind
	if k.kind == kindRaw {
		frac := 0.0
		if same {
			frac = d.rawPercent()
		}
		d.raw = r.raw
		d.rawOff = 0
		if same {
			d.rawOff = int(frac*float64(d.rawMax()) + 0.5)
		}
		d.clampRaw()
		d.rawShown(same)
	} else {
		frac := 0.0
		if same {
			frac = d.vp.ScrollPercent()
		}
		w, h := d.vp.Width(), d.vp.Height()
		d.vp = r.vp // a copy: the cached one stays at the top
		d.lines = r.lines
		d.vp.SetWidth(w)
		d.vp.SetHeight(h)
		d.vp.GotoTop()
		if !same && d.restoreIdx == k.idx {
			frac, same = d.restoreAt, true
			d.restoreIdx = -1
		}
		if same && frac > 0 {
			d.vp.SetYOffset(int(frac*float64(max(0, d.vp.TotalLineCount()-d.vp.Height())) + 0.5))
		}
	}
	d.shown, d.hasShown = k, true
}

// restoreFrac asks for item idx to open scrolled to frac of its length.
func (d *detailPane) restoreFrac(idx int, frac float64) {
	if frac > 0 {
		d.restoreIdx, d.restoreAt = idx, frac
	}
}

// artText is the loaded article's cleaned text.
func (d *detailPane) artText() string {
	if d.art == nil {
		return ""
	}
	return d.art.Text
}

// showing reports whether what is on screen belongs to the wanted article
// and view (possibly at an old width while the new one renders).
func (d *detailPane) showing() bool {
	return d.hasShown && d.art != nil && d.shown.idx == d.idx && d.shown.kind == d.kind
}

func (d *detailPane) rawMax() int {
	if d.raw == nil {
		return 0
	}
	return max(0, len(d.raw.lines)-d.innerH())
}

func (d *detailPane) clampRaw() { d.rawOff = ui.ClampInt(d.rawOff, 0, d.rawMax()) }

func (d *detailPane) rawPercent() float64 {
	m := d.rawMax()
	if m == 0 {
		return 1
	}
	return float64(d.rawOff) / float64(m)
}

// Percent is the scroll position, or -1 when nothing scrollable is shown.
func (d *detailPane) Percent() int {
	if !d.showing() {
		return -1
	}
	// Floor, so 100% means the end is on screen.
	if d.kind == kindRaw {
		return int(d.rawPercent() * 100)
	}
	return int(d.vp.ScrollPercent() * 100)
}

// handleKey takes a scrolling key when the pane has focus; handled false
// for a key that is not the pane's.
func (d *detailPane) handleKey(km tea.KeyPressMsg) bool {
	k := d.c.Keys
	page := max(1, d.innerH())
	var delta int
	switch {
	case key.Matches(km, k.Down):
		delta = 1
	case key.Matches(km, k.Up):
		delta = -1
	case key.Matches(km, k.PageDown):
		delta = page
	case key.Matches(km, k.PageUp):
		delta = -page
	case key.Matches(km, k.HalfPageDown):
		delta = max(1, page/2)
	case key.Matches(km, k.HalfPageUp):
		delta = -max(1, page/2)
	case key.Matches(km, k.Top):
		delta = -1 << 30
	case key.Matches(km, k.Bottom):
		delta = 1 << 30
	default:
		return false
	}
	if !d.showing() {
		return true
	}
	if d.kind == kindRaw {
		if d.rawCursorOn() {
			d.rawMove(delta)
			return true
		}
		d.rawOff = ui.ClampInt(d.rawOff+delta, 0, d.rawMax())
		return true
	}
	switch {
	case delta == -1<<30:
		d.vp.GotoTop()
	case delta == 1<<30:
		d.vp.GotoBottom()
	case delta > 0:
		d.vp.ScrollDown(delta)
	default:
		d.vp.ScrollUp(-delta)
	}
	return true
}

func (d *detailPane) ShortHelp() []key.Binding {
	k := d.c.Keys
	if d.rawCursorOn() {
		return []key.Binding{k.Down, k.Up, k.PageDown, k.Correct, k.Back, k.Raw}
	}
	return []key.Binding{k.Down, k.Up, k.PageDown, k.Back, k.Raw}
}

func (d *detailPane) FullHelp() [][]key.Binding {
	k := d.c.Keys
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfPageDown, k.HalfPageUp, k.Top, k.Bottom},
		d.withCorrect([]key.Binding{k.Back, k.Raw}),
	}
}

func (d *detailPane) headerTitle() string {
	if d.art != nil {
		if t := ui.CleanLine(d.art.Title); t != "" {
			return t
		}
	}
	if d.title != "" {
		return d.title
	}
	return "Article"
}

// View draws the pane; only the visible window is styled.
func (d *detailPane) View() string {
	if d.w <= 0 || d.h <= 0 {
		return ""
	}
	st := d.c.Styles
	title := d.headerTitle()
	info := ""
	if p := d.Percent(); p >= 0 {
		info = fmt.Sprintf("%d%%", p)
	}
	if d.kind == kindRaw {
		if info != "" {
			info = "RAW " + info
		} else {
			info = "RAW"
		}
	}
	var content []string
	switch {
	case d.idx < 0:
		title = "Article"
		content = []string{st.P.Placeholder.Render("No article selected.")}
	case d.loadErr != nil:
		content = loadErrorLines(st, d.loadErr, d.innerW())
	case d.showing():
		if d.kind == kindRaw {
			content = d.raw.viewCursor(st, d.rawOff, d.rawOff+d.innerH(), d.rawCursorIndex())
		} else {
			// The window itself, not viewport.View: that would pad and
			// re-wrap it through lipgloss, and box fits each line anyway.
			off := ui.ClampInt(d.vp.YOffset(), 0, len(d.lines))
			content = d.lines[off:min(len(d.lines), off+d.innerH())]
		}
	case d.art == nil:
		content = []string{st.P.Placeholder.Render("Loading…")}
	default:
		content = []string{st.P.Placeholder.Render("Rendering…")}
	}
	return ui.Box(st, d.focused, title, info, content, d.w, d.h)
}

// loadErrorLines says in full why an article could not be loaded, wrapped to
// w cells: the file on its own line(s), then the reason ("permission
// denied", "no such file or directory"), which a one-line message cut at the
// pane's edge would hide behind a long path.
func loadErrorLines(st ui.Styles, err error, w int) []string {
	w = max(1, w)
	lines := ui.WrapPlain("Could not load this article:", w)
	for i := range lines {
		lines[i] = st.P.ErrorText.Render(lines[i])
	}
	var pe *corpus.ProblemError
	if errors.As(err, &pe) {
		p := pe.Problem
		where := p.Path
		if p.Line > 0 {
			where = fmt.Sprintf("%s:%d", p.Path, p.Line)
		}
		lines = append(lines, ui.WrapPlain(where, w)...)
		lines = append(lines, "")
		return append(lines, ui.WrapPlain(p.Reason, w)...)
	}
	return append(lines, ui.WrapPlain(err.Error(), w)...)
}
