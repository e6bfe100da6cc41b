// Package team is the team screen (issue 15): every annotator's progress
// in the store and each pair's agreement (model/agree), worst labels first,
// so a curator sees where the guidelines need a word. T opens it from
// anywhere; r reads the store again; esc closes it.
package team

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model/agree"
	"storydesk/tui/ui"
)

// Store is what the screen reads: every layer, and each annotator's
// progress.
type Store interface {
	store.LayeredStore
	TeamProgress(ctx context.Context) ([]store.Progress, error)
}

// Deps are what the feature needs from the root.
type Deps struct {
	Ctx  *ui.Context
	Host ui.Host
	// Store is nil when the store cannot tell (T then says so).
	Store Store
	// Gold names the curated layer, left out of agreement.
	Gold string
}

// Feature opens the team screen.
type Feature struct{ Deps }

// New builds the feature.
func New(d Deps) *Feature { return &Feature{Deps: d} }

// loadedMsg carries what the screen shows.
type loadedMsg struct {
	s        *Screen
	progress []store.Progress
	report   agree.Report
	err      error
}

// GlobalKey opens the screen (T) from any screen that leaves the key.
func (f *Feature) GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !key.Matches(msg, f.Ctx.Keys.Team) {
		return nil, false
	}
	if f.Store == nil {
		f.Host.Report(ui.Info("The team screen needs the annotation database"))
		return nil, true
	}
	if _, open := f.Host.Top().(*Screen); open {
		return nil, true
	}
	s := &Screen{f: f, loading: true}
	return tea.Batch(f.Host.Push(s), f.load(s)), true
}

// Update takes the screen's loads.
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(loadedMsg); ok {
		m.s.loaded(m)
	}
	return nil
}

// HelpSection lists the screen's keys in the help screen.
func (f *Feature) HelpSection() (string, [][]key.Binding, bool) {
	return "Team", [][]key.Binding{{f.Ctx.Keys.Team}}, f.Store != nil
}

func (f *Feature) load(s *Screen) tea.Cmd {
	st, gold := f.Store, f.Gold
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		p, err := st.TeamProgress(ctx)
		if err != nil {
			return loadedMsg{s: s, err: err}
		}
		in, err := store.AgreementInput(ctx, st, nil, gold)
		if err != nil {
			return loadedMsg{s: s, err: err}
		}
		return loadedMsg{s: s, progress: p, report: agree.Compute(in)}
	}
}

// Screen shows the team's progress and agreement.
type Screen struct {
	f        *Feature
	w, h     int
	loading  bool
	err      error
	progress []store.Progress
	report   agree.Report
	top      int // first line shown
}

var _ ui.Screen = (*Screen)(nil)

func (s *Screen) loaded(m loadedMsg) {
	s.loading, s.err, s.progress, s.report = false, m.err, m.progress, m.report
}

// Mode names the screen.
func (s *Screen) Mode() string { return "TEAM" }

// SetSize records the body's size.
func (s *Screen) SetSize(w, h int) tea.Cmd {
	s.w, s.h = w, h
	return nil
}

// Update takes nothing of its own: the feature delivers the loads.
func (s *Screen) Update(tea.Msg) tea.Cmd { return nil }

// HandleKey closes (esc), reads again (r) and scrolls.
func (s *Screen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := s.f.Ctx.Keys
	switch {
	case key.Matches(msg, k.Back), key.Matches(msg, k.Team):
		s.f.Host.Pop(s)
	case msg.String() == "r":
		s.loading = true
		return s.f.load(s), true
	case key.Matches(msg, k.Down):
		s.top = min(s.top+1, max(0, len(s.lines())-s.h))
	case key.Matches(msg, k.Up):
		s.top = max(0, s.top-1)
	default:
		return nil, false
	}
	return nil, true
}

// ShortHelp is the help line.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.f.Ctx.Keys
	return []key.Binding{k.Down, k.Up, key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "read again")), k.Back}
}

// FullHelp is the help screen's part.
func (s *Screen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// View draws the lines that fit.
func (s *Screen) View() string {
	lines := s.lines()
	end := min(len(lines), s.top+s.h)
	out := make([]string, 0, s.h)
	for _, l := range lines[min(s.top, end):end] {
		out = append(out, ui.Fit(l, s.w))
	}
	for len(out) < s.h {
		out = append(out, strings.Repeat(" ", max(0, s.w)))
	}
	return strings.Join(out, "\n")
}

// lines is the whole screen's text: names from the store are cleaned.
func (s *Screen) lines() []string {
	switch {
	case s.loading:
		return []string{" Team: reading every layer…"}
	case s.err != nil:
		return []string{" Team: cannot read the store: " + ui.CleanLine(s.err.Error())}
	}
	out := []string{" Progress (assigned articles done; articles with spans)", ""}
	if len(s.progress) == 0 {
		out = append(out, "   nobody has annotated or been assigned anything yet")
	}
	for _, p := range s.progress {
		bar := ""
		if p.Assigned > 0 {
			bar = fmt.Sprintf("%3d/%-3d done %s", p.Done, p.Assigned, meter(p.Done, p.Assigned, 20))
		} else {
			bar = "no assignments"
		}
		out = append(out, fmt.Sprintf("   %-16s %s  %d annotated", ui.Fit(ui.CleanLine(p.Annotator), 16), bar, p.Annotated))
	}
	r := s.report
	out = append(out, "", fmt.Sprintf(" Agreement over %d articles two or more annotated (F1 exact/overlap, κ tokens, κ pairs)", r.Articles), "")
	if len(r.Pairs) == 0 {
		out = append(out, "   no two annotators share an article yet")
	}
	for _, p := range r.Pairs {
		out = append(out, fmt.Sprintf("   %s · %s  %d articles  F1 %s/%s  κ %s  κ pairs %s",
			ui.CleanLine(p.A), ui.CleanLine(p.B), p.Articles, fig(p.SpanF1Exact), fig(p.SpanF1Overlap), fig(p.TokenKappa), fig(p.DupKappa)))
		labels := make([]string, 0, len(p.ByLabel))
		for l := range p.ByLabel {
			labels = append(labels, l)
		}
		// Worst first: where the annotators part ways.
		sort.Slice(labels, func(i, j int) bool {
			a, b := val(p.ByLabel[labels[i]].F1Overlap), val(p.ByLabel[labels[j]].F1Overlap)
			if a != b {
				return a < b
			}
			return labels[i] < labels[j]
		})
		for _, l := range labels {
			ls := p.ByLabel[l]
			out = append(out, fmt.Sprintf("      %-12s F1 %s/%s  (%d · %d spans)", ui.Fit(ui.CleanLine(l), 12), fig(ls.F1Exact), fig(ls.F1Overlap), ls.A, ls.B))
		}
	}
	if r.TokenAlpha != nil || r.DupAlpha != nil {
		out = append(out, "", fmt.Sprintf(" Krippendorff's α across everyone: tokens %s, pairs %s", fig(r.TokenAlpha), fig(r.DupAlpha)))
	}
	return out
}

func meter(done, of, w int) string {
	n := 0
	if of > 0 {
		n = done * w / of
	}
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", w-n) + "]"
}

func fig(s agree.Score) string {
	if s == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f", *s)
}

func val(s agree.Score) float64 {
	if s == nil {
		return 2
	}
	return *s
}
