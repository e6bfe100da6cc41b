package export

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	dataexport "storydesk/data/export"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Menu is the export menu, a screen drawn in place of the status bar. Its
// letters change the options; the destination field takes the keys, and
// pastes, only while it is edited (o).
type Menu struct {
	f        *Feature
	ctx      *ui.Context
	input    widgets.TextInput
	dir      string // where default names go
	format   string
	onlyDone bool
	all      bool
	canAll   bool   // the reader shows a corpus: --all-articles has a meaning
	editing  bool   // the destination field has the keys
	before   string // the destination when editing began, for esc
	h        int    // the body's height: the status bar is the row below
}

// The menu's own keys: fixed, as the menu lists them all.
var (
	formatKey = key.NewBinding(key.WithKeys("f", "tab"), key.WithHelp("f/F", "format"))
	formatBk  = key.NewBinding(key.WithKeys("F", "shift+tab"), key.WithHelp("F", "format back"))
	editKey   = key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "edit path"))
	doneKey   = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "only done"))
	allKey    = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "all articles"))
	acceptKey = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "export what is saved"))
	cancelKey = key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "cancel"))
	keepPath  = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep path"))
	undoPath  = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
)

// defaultName is each format's file (or directory, with a slash) name.
func defaultName(format string) string {
	switch format {
	case dataexport.FormatJSONL:
		return "annotations.jsonl"
	case dataexport.FormatCoNLL:
		return "annotations.conll"
	case dataexport.FormatW3C:
		return "annotations.w3c.json"
	}
	return format + string(filepath.Separator) // brat/, csv/: directories
}

// newMenu is the menu with the last export's choices.
func (f *Feature) newMenu() *Menu {
	p := &Menu{f: f, ctx: f.Ctx, dir: f.Dir, format: dataexport.FormatJSONL, canAll: f.Corpus != nil}
	p.input = widgets.NewTextInput(f.Ctx.Keys.Input, "Export to: ")
	p.setWidth(f.Ctx.Width)
	p.input.SetValue(filepath.Join(p.dir, defaultName(p.format)))
	if l := f.last; l != nil {
		p.format, p.onlyDone, p.all = l.format, l.onlyDone, l.all && p.canAll
		p.input.SetValue(l.input.Value())
	}
	return p
}

// path is the destination as typed, "~/" expanded to the home directory.
func (p *Menu) path() string {
	path := strings.TrimSpace(p.input.Value())
	if strings.HasPrefix(path, "~"+string(filepath.Separator)) {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, path[2:])
		}
	}
	return path
}

// cycle moves to the next (step 1) or previous (-1) format, swapping a
// default file name for the new format's; a name the user typed stays.
func (p *Menu) cycle(step int) {
	n := len(dataexport.Formats)
	i := slices.Index(dataexport.Formats, p.format)
	next := dataexport.Formats[((i+step)%n+n)%n]
	typed := strings.TrimSpace(p.input.Value())
	switch {
	case typed == "":
		typed = filepath.Join(p.dir, defaultName(next))
	default:
		dir, base := filepath.Split(strings.TrimRight(typed, string(filepath.Separator)))
		for _, f := range dataexport.Formats {
			if base == strings.TrimRight(defaultName(f), string(filepath.Separator)) {
				typed = dir + defaultName(next)
				break
			}
		}
	}
	p.format = next
	p.input.SetValue(typed)
}

// HandleKey runs the menu: its letters change the options, o edits the
// destination, enter starts the export. It takes every key (q cancels).
func (p *Menu) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if p.editing {
		switch {
		case key.Matches(msg, keepPath):
			p.editing = false
		case key.Matches(msg, undoPath):
			p.editing = false
			p.input.SetValue(p.before)
		default:
			p.input.Update(msg)
		}
		return nil, true
	}
	host := p.f.Host
	switch {
	case key.Matches(msg, cancelKey):
		host.Pop(p)
		host.Report(ui.Info("Export cancelled"))
	case key.Matches(msg, formatKey):
		p.cycle(1)
	case key.Matches(msg, formatBk):
		p.cycle(-1)
	case key.Matches(msg, editKey):
		p.editing, p.before = true, p.input.Value()
	case key.Matches(msg, doneKey):
		p.onlyDone = !p.onlyDone
	case key.Matches(msg, allKey):
		if !p.canAll {
			host.Report(ui.Info("Every article the store holds is exported: there are no others"))
			break
		}
		p.all = !p.all
	case key.Matches(msg, acceptKey):
		if path := p.path(); path == "" || path == "-" {
			host.Report(ui.Info("Give a path to export to (o edits it)"))
			break
		}
		host.Pop(p)
		return p.f.accept(p), true
	}
	return nil, true
}

// Update takes a paste into the destination while it is edited; the
// menu's keys are not a path.
func (p *Menu) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(tea.PasteMsg); ok && p.editing {
		p.input.Update(msg)
	}
	return nil
}

// TextEntry: every key is the menu's, its letters included, and the status
// message stays, as for a prompt.
func (p *Menu) TextEntry() bool { return true }

// View draws no body: the menu lives in the status bar.
func (p *Menu) View() string { return "" }

// SetSize follows the terminal: the path field is as wide as the bar.
func (p *Menu) SetSize(w, h int) tea.Cmd {
	p.setWidth(w)
	p.h = h
	return nil
}

func (p *Menu) setWidth(w int) { p.input.SetWidth(max(1, w-len(p.input.Prompt())-1)) }

// Mode keeps the mode of the screen below.
func (p *Menu) Mode() string { return "" }

// Footer: the menu's keys are all the help line shows.
func (p *Menu) Footer() ui.Footer { return ui.FooterNone }

func (p *Menu) ShortHelp() []key.Binding {
	if p.editing {
		return []key.Binding{keepPath, undoPath}
	}
	b := []key.Binding{acceptKey, formatKey, editKey, doneKey}
	if p.canAll {
		b = append(b, allKey)
	}
	return append(b, cancelKey)
}

func (p *Menu) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// rowsBelow is how many rows the frame has under the body: the status bar,
// and the help line when there is room for it.
func (p *Menu) rowsBelow() int { return p.ctx.Height - p.h }

// StatusLine is the menu, drawn in place of the status bar: every option
// with its key, the current format highlighted among the others when there
// is room, the destination shortened from the left to fit.
func (p *Menu) StatusLine(w int) string {
	st := p.ctx.Styles
	if p.editing {
		hint := ""
		if p.rowsBelow() < 2 { // no help row to say it
			hint = st.P.RowDim.Render("  enter keep · esc back")
		}
		return ui.Fit(p.input.View(st.FilterPrompt.Render)+hint, w)
	}
	k := st.P.FilterPrompt.Render
	val := st.P.StatusBar.Render
	dim := st.P.RowDim.Render
	check := func(on bool) string {
		if on {
			return "[x]"
		}
		return "[ ]"
	}
	var formats []string
	for _, f := range dataexport.Formats {
		if f == p.format {
			formats = append(formats, st.P.RowSelected.Render(" "+f+" "))
		} else {
			formats = append(formats, dim(" "+f+" "))
		}
	}
	head := k("Export") + "  " + k("f") + " "
	opts := "  " + k("d") + " " + val(check(p.onlyDone)+" only done")
	if p.canAll {
		opts += "  " + k("a") + " " + val(check(p.all)+" all articles")
	}
	pathLead := "  " + k("o") + " "
	dest := p.input.Value()
	if dataexport.ToDir(p.format) && !strings.HasSuffix(dest, string(filepath.Separator)) {
		dest += string(filepath.Separator) // a directory: say so
	}
	// Every format when the destination keeps 24 cells; else the current one.
	fmts := strings.Join(formats, "")
	if w-ui.TextWidth(head+fmts+pathLead+opts) < 24 {
		fmts = st.P.RowSelected.Render(" " + p.format + " ")
	}
	room := w - ui.TextWidth(head+fmts+pathLead+opts)
	return ui.Fit(head+fmts+pathLead+val(ui.TruncLeft(dest, max(room, 8)))+opts, w)
}

// Cursor puts the terminal cursor in the destination field while it is
// edited (the status bar row); the menu itself shows none.
func (p *Menu) Cursor() *tea.Cursor {
	if !p.editing || p.rowsBelow() < 1 {
		return nil
	}
	x := p.input.CursorX()
	if x >= p.ctx.Width {
		return nil
	}
	return tea.NewCursor(x, p.h)
}
