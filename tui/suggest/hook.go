package suggest

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// Hook is the suggestions as annotate mode draws them and offers them keys
// (annotate.Suggestions, matched by its methods): in their label's colour
// with the imported annotations' dotted underline (faint without colour),
// so a name waiting for a decision looks like one waiting for review, and
// the legend line's hint on one.
type Hook struct{ f *Feature }

// Cuts adds the suggestions' bounds inside [start, end).
func (h *Hook) Cuts(start, end int, add func(int)) {
	s := h.f.shown
	i := sort.Search(len(s), func(i int) bool { return s[i].End > start })
	for ; i < len(s) && s[i].Start < end; i++ {
		add(s[i].Start)
		add(s[i].End)
	}
}

// LabelAt is the label of the suggestion at off.
func (h *Hook) LabelAt(off int) (string, bool) {
	if len(h.f.shown) == 0 {
		return "", false
	}
	e, _, ok := h.f.at(off)
	return e.Label, ok
}

func (h *Hook) Key(msg tea.KeyPressMsg) (tea.Cmd, bool) { return h.f.key(msg) }
func (h *Hook) Claims(msg tea.KeyPressMsg) bool         { return h.f.claims(msg) }
func (h *Hook) TagAll(corpus bool) (tea.Cmd, bool)      { return h.f.tagAll(corpus) }
func (h *Hook) ShortHelp() []key.Binding                { return h.f.shortHelp() }
func (h *Hook) Help() []key.Binding                     { return h.f.help() }

// Hint is the legend line's part when the cursor is on a suggestion: what
// it is, how sure, and the keys that decide it.
func (h *Hook) Hint() string {
	f := h.f
	e, _, ok := f.atCursor()
	if !ok {
		return ""
	}
	st, k := f.c.Styles, f.c.Keys
	var parts []string
	add := func(b key.Binding, desc string) {
		if b.Enabled() && len(b.Keys()) > 0 {
			parts = append(parts, st.P.RowDim.Render(ui.KeyName(b))+" "+desc)
		}
	}
	add(k.ReviewAccept, "accept")
	add(k.Delete, "reject")
	if n := len(f.shown); n > 1 {
		same := 0
		for _, s := range f.shown {
			if s.Label == e.Label {
				same++
			}
		}
		if same > 1 {
			add(k.SuggestAcceptLabel, fmt.Sprintf("all %d %s", same, ui.CleanLine(e.Label)))
		}
		if f.ann.Pane().Unreviewed() == 0 {
			add(k.ReviewAcceptAll, fmt.Sprintf("all %d", n))
		}
	}
	what := fmt.Sprintf("suggested %s %.0f%%:", ui.CleanLine(e.Label), 100*e.Score)
	return st.Review.MarkPaint.Render(st.Review.MarkCh+" "+what) + " " + strings.Join(parts, " · ")
}
