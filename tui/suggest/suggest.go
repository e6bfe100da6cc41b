package suggest

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/ner"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// ModelName is the model's name in the store (storydesk train writes it).
const ModelName = "ner"

// learnEvery is how many decisions (accepts, rejects, hand tags and
// deletes) the model waits for before it learns from them.
const learnEvery = 25

// Feature is the entity suggestions; it lives on the update loop, and the
// model it holds is never changed in place once shown (a learning run
// trains a clone), so commands may tag with it while it is replaced.
type Feature struct {
	c    *ui.Context
	host ui.Host
	docs Docs
	ann  Annotate

	on     bool // shown (the toggle key)
	keeper ModelKeeper

	model   *ner.Model
	loading bool
	gen     int // bumped when the model is replaced

	// The article on screen: what was asked for, and the answer.
	askID, askText string
	askGen         int
	inflight       bool
	forID, forText string
	ents           []ner.Entity
	// shown is what is drawn: the answer's names no span covers and
	// nobody rejected, in text order.
	shown []ner.Entity

	// Learning.
	decisions int
	dirty     map[string]bool
	learning  bool
	learned   int // learning runs finished
}

// Messages of the suggestion commands.
type (
	modelLoadedMsg struct {
		m   *ner.Model
		err error
	}
	suggestedMsg struct {
		id, text string
		gen      int
		ents     []ner.Entity
	}
	learnedMsg struct {
		m   *ner.Model
		n   int
		err error
	}
	modelSavedMsg struct{ err error }
)

// New builds the suggestions; Init loads the model. The root hands Hook
// to annotate mode.
func New(d Deps) *Feature {
	return &Feature{c: d.Ctx, host: d.Host, docs: d.Docs, ann: d.Annotate, keeper: d.Keeper, on: d.On, dirty: map[string]bool{}}
}

// Hook is the suggestions as annotate mode draws them and offers them keys.
func (f *Feature) Hook() *Hook { return &Hook{f} }

// Init loads the model off the update loop when suggestions are shown
// (hidden, it waits for the toggle key: 35 MB not spent on a feature
// turned off).
func (f *Feature) Init() tea.Cmd {
	if !f.on {
		return nil
	}
	return f.loadModel()
}

// loadModel loads the store's trained model when it has one, else the
// shipped one, in a command.
func (f *Feature) loadModel() tea.Cmd {
	if f.loading || f.model != nil {
		return nil
	}
	f.loading = true
	keeper := f.keeper
	return func() tea.Msg {
		if keeper != nil {
			blob, ok, err := keeper.LoadModel(context.Background(), ModelName)
			if err == nil && ok {
				m, err := ner.Unmarshal(blob)
				if err == nil {
					return modelLoadedMsg{m: m}
				}
				// A damaged blob: fall back to the shipped model, and say so.
				sm, _ := ner.Load()
				return modelLoadedMsg{m: sm, err: fmt.Errorf("the store's trained model is damaged (%v): using the shipped one", err)}
			}
		}
		m, err := ner.Load()
		return modelLoadedMsg{m: m, err: err}
	}
}

// Model is the model suggesting now (nil before it is loaded), and how
// many learning runs have replaced it.
func (f *Feature) Model() (*ner.Model, int) { return f.model, f.learned }

// Shown is the suggestions on screen: in text order, none over a span,
// none rejected.
func (f *Feature) Shown() []ner.Entity { return f.shown }

// Update takes the suggestion commands' messages, and counts the
// decisions in every write.
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case modelLoadedMsg:
		f.loading = false
		if msg.err != nil {
			f.host.Report(ui.Fail("Entity suggestions: "+msg.err.Error(), msg.err))
		}
		if msg.m != nil {
			f.model = msg.m
			f.gen++
		}
	case suggestedMsg:
		f.inflight = false
		if msg.gen == f.gen {
			f.forID, f.forText, f.ents = msg.id, msg.text, msg.ents
		}
	case learnedMsg:
		f.learning = false
		if msg.err != nil {
			f.host.Report(ui.Fail("Entity suggestions could not learn: "+msg.err.Error(), msg.err))
			return nil
		}
		f.model = msg.m
		f.gen++
		f.learned++
		f.host.Report(ui.Info(fmt.Sprintf("Suggestions updated: the model learned from your last %d decisions", msg.n)))
		if f.keeper == nil {
			return nil
		}
		keeper, m := f.keeper, msg.m
		return func() tea.Msg {
			blob, err := m.Marshal()
			if err == nil {
				err = keeper.SaveModel(context.Background(), ModelName, blob)
			}
			return modelSavedMsg{err}
		}
	case modelSavedMsg:
		if msg.err != nil {
			f.host.Report(ui.Fail("The learned model was not saved: "+msg.err.Error(), msg.err))
		}
	case session.WrittenMsg:
		return f.countDecisions(msg)
	}
	return nil
}

// countDecisions counts the entity decisions in a write and, every
// learnEvery of them, starts a learning run.
func (f *Feature) countDecisions(msg session.WrittenMsg) tea.Cmd {
	if msg.Err != nil || !msg.OK {
		return nil
	}
	// An undo or redo is not a decision, but the article it changed is
	// learned from as it now stands with the next run.
	decided := msg.Job == nil || msg.Job.Kind != session.Undo && msg.Job.Kind != session.Redo
	for _, op := range msg.Act.Ops {
		switch op.Kind {
		case store.OpAddSpan, store.OpDelSpan, store.OpSetSpan, store.OpSetReject:
			if decided {
				f.decisions++
			}
			f.dirty[op.Article] = true
		case store.OpSetStatus:
			// Marked done: the next run learns it as fully annotated.
			if op.Status == model.StatusDone {
				f.dirty[op.Article] = true
			}
		}
	}
	if f.decisions < learnEvery || f.learning || f.model == nil {
		return nil
	}
	var docs []ner.Doc
	for id := range f.dirty {
		if e := f.docs.Doc(id); e != nil && e.Doc != nil {
			docs = append(docs, learnDoc(e.Doc))
		}
	}
	n := f.decisions
	f.decisions, f.dirty = 0, map[string]bool{}
	if len(docs) == 0 {
		return nil
	}
	f.learning = true
	base := f.model
	return func() tea.Msg {
		m := base.Clone()
		if err := m.Update(docs...); err != nil {
			return learnedMsg{err: err}
		}
		return learnedMsg{m: m, n: n}
	}
}

// learnDoc is a stored article as the model learns from it in the
// reader: a done article is fully annotated (a name left untagged is not
// one); one in progress teaches only its spans and rejections, since the
// annotator may not have reached the rest yet.
func learnDoc(d *store.Doc) ner.Doc {
	spans := make([]model.Span, 0, len(d.Spans))
	for _, sp := range d.Spans {
		spans = append(spans, model.Span{Start: sp.Start, End: sp.End, Label: sp.Label, Text: sp.Text})
	}
	return ner.Doc{Text: d.Text, Spans: spans, Rejected: d.Rejected, Complete: d.Status == model.StatusDone}
}

// Sync runs after every message: it asks for the article's suggestions
// when the article, its text or the model changed, and keeps the list
// shown to what no span covers and nobody rejected.
func (f *Feature) Sync() tea.Cmd {
	a := f.ann.Pane()
	f.shown = f.shown[:0]
	if !f.ann.Active() || !f.on || f.model == nil || !a.Ready() || !f.ann.Leading() {
		// Quotes mode (an extension leading) shows its own suggestions only.
		return nil
	}
	id, text := a.ID(), a.Text()
	var cmd tea.Cmd
	if (f.askID != id || f.askText != text || f.askGen != f.gen) && !f.inflight {
		f.askID, f.askText, f.askGen, f.inflight = id, text, f.gen, true
		m, gen := f.model, f.gen
		cmd = func() tea.Msg {
			return suggestedMsg{id: id, text: text, gen: gen, ents: m.Tag(text)}
		}
	}
	var rejected []model.Span
	if e := f.docs.Doc(id); e != nil && e.Doc != nil && e.Doc.Text == text {
		rejected = e.Doc.Rejected
	}
	if f.forID == id && f.forText == text {
		spans := a.Spans()
		for _, e := range f.ents {
			if _, clash := model.FindOverlap(spans, e.Start, e.End, 0); clash || isRejected(rejected, e) {
				continue
			}
			f.shown = append(f.shown, e)
		}
	}
	return cmd
}

// isRejected: the same words with the same label were rejected in this
// article.
func isRejected(rejected []model.Span, e ner.Entity) bool {
	for _, r := range rejected {
		if r.Label == e.Label && r.Text == e.Text {
			return true
		}
	}
	return false
}

// Status is the status bar's word on suggestions in annotate mode: how
// many are left in the article, or why there are none.
func (f *Feature) Status(s *widgets.StatusInfo) {
	if !f.ann.Active() {
		return
	}
	switch {
	case !f.on:
		s.Suggest = "suggestions off (" + ui.KeyName(f.c.Keys.SuggestToggle) + ")"
		return
	case f.model == nil && f.loading:
		s.Suggest = "loading suggestions…"
		return
	case f.model == nil || f.forID != f.ann.Pane().ID():
		return
	}
	s.Suggest = fmt.Sprintf("%d suggested", len(f.shown))
	if f.learning {
		s.Suggest += " · learning…"
	}
}
