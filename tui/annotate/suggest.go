package annotate

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/ner"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Entity suggestions. The recogniser (model/ner) tags the article on screen
// in a command, off the update loop; its names are drawn like imported
// annotations waiting for review (suggest_view.go) wherever no span is, and
// nothing is stored until the annotator accepts one (suggest_keys.go).
// A rejection is stored (store.OpSetReject) and hides every suggestion of
// the same words with the same label in that article, not elsewhere: the
// consistency pass repeats a name through an article, so one decision
// settles them all, while the same words may be right in another article
// (Liverpool the club, Liverpool the city), where the model, having learned
// from the rejection, decides again. Every few dozen decisions the model
// learns from the articles they touched (Update on a clone, in a command)
// and is swapped in, and saved in the store for the next run.

// ModelKeeper keeps the trained model between runs (store.ModelStore).
type ModelKeeper interface {
	SaveModel(ctx context.Context, name string, blob []byte) error
	LoadModel(ctx context.Context, name string) (blob []byte, ok bool, err error)
}

// ModelName is the model's name in the store (storydesk train writes it).
const ModelName = "ner"

// learnEvery is how many decisions (accepts, rejects, hand tags and
// deletes) the model waits for before it learns from them.
const learnEvery = 25

// suggester is annotate mode's suggestion state; it lives on the update
// loop, and the model it holds is never changed in place once shown (a
// learning run trains a clone), so commands may tag with it while it is
// replaced.
type suggester struct {
	enabled bool // the root built annotate mode with suggestions
	on      bool // shown (the toggle key)
	keeper  ModelKeeper

	model   *ner.Model
	from    string // "shipped" or "trained": where the model came from
	loading bool
	gen     int // bumped when the model is replaced

	// The article on screen: what was asked for, and the answer.
	askID, askText string
	askGen         int
	inflight       bool
	forID, forText string
	forGen         int
	ents           []ner.Entity

	// Learning.
	decisions int
	dirty     map[string]bool
	learning  bool
	learned   int // learning runs finished
}

// Messages of the suggestion commands.
type (
	modelLoadedMsg struct {
		m    *ner.Model
		from string
		err  error
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

// EnableSuggestions turns entity suggestions on (on: shown at start; the
// toggle key flips them), with keeper to load and save the trained model
// (nil: always the shipped one, never saved). Init loads the model.
func (f *Feature) EnableSuggestions(keeper ModelKeeper, on bool) {
	f.sg = &suggester{enabled: true, on: on, keeper: keeper, dirty: map[string]bool{}}
}

// Init loads the model off the update loop when suggestions are shown
// (hidden, it waits for the toggle key: 35 MB not spent on a feature
// turned off).
func (f *Feature) Init() tea.Cmd {
	if f.sg == nil || !f.sg.on {
		return nil
	}
	return f.loadModel()
}

// loadModel loads the store's trained model when it has one, else the
// shipped one, in a command.
func (f *Feature) loadModel() tea.Cmd {
	if f.sg.loading || f.sg.model != nil {
		return nil
	}
	f.sg.loading = true
	keeper := f.sg.keeper
	return func() tea.Msg {
		if keeper != nil {
			blob, ok, err := keeper.LoadModel(context.Background(), ModelName)
			if err == nil && ok {
				m, err := ner.Unmarshal(blob)
				if err == nil {
					return modelLoadedMsg{m: m, from: "trained"}
				}
				// A damaged blob: fall back to the shipped model, and say so.
				sm, _ := ner.Load()
				return modelLoadedMsg{m: sm, from: "shipped", err: fmt.Errorf("the store's trained model is damaged (%v): using the shipped one", err)}
			}
		}
		m, err := ner.Load()
		return modelLoadedMsg{m: m, from: "shipped", err: err}
	}
}

// SuggestionModel is the model suggesting now (nil before it is loaded),
// and how many learning runs have replaced it.
func (f *Feature) SuggestionModel() (*ner.Model, int) {
	if f.sg == nil {
		return nil, 0
	}
	return f.sg.model, f.sg.learned
}

// suggestUpdate takes the suggestion commands' messages, and counts the
// decisions in every write.
func (f *Feature) suggestUpdate(msg tea.Msg) tea.Cmd {
	sg := f.sg
	if sg == nil {
		return nil
	}
	switch msg := msg.(type) {
	case modelLoadedMsg:
		sg.loading = false
		if msg.err != nil {
			f.host.Report(ui.Fail("Entity suggestions: "+msg.err.Error(), msg.err))
		}
		if msg.m != nil {
			sg.model, sg.from = msg.m, msg.from
			sg.gen++
		}
	case suggestedMsg:
		sg.inflight = false
		if msg.gen == sg.gen {
			sg.forID, sg.forText, sg.forGen, sg.ents = msg.id, msg.text, msg.gen, msg.ents
		}
	case learnedMsg:
		sg.learning = false
		if msg.err != nil {
			f.host.Report(ui.Fail("Entity suggestions could not learn: "+msg.err.Error(), msg.err))
			return nil
		}
		sg.model = msg.m
		sg.gen++
		sg.learned++
		f.host.Report(ui.Info(fmt.Sprintf("Suggestions updated: the model learned from your last %d decisions", msg.n)))
		if sg.keeper == nil {
			return nil
		}
		keeper, m := sg.keeper, msg.m
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
	sg := f.sg
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
				sg.decisions++
			}
			sg.dirty[op.Article] = true
		case store.OpSetStatus:
			// Marked done: the next run learns it as fully annotated.
			if op.Status == model.StatusDone {
				sg.dirty[op.Article] = true
			}
		}
	}
	if sg.decisions < learnEvery || sg.learning || sg.model == nil {
		return nil
	}
	var docs []ner.Doc
	for id := range sg.dirty {
		if e := f.sess.Doc(id); e != nil && e.Doc != nil {
			docs = append(docs, learnDoc(e.Doc))
		}
	}
	n := sg.decisions
	sg.decisions, sg.dirty = 0, map[string]bool{}
	if len(docs) == 0 {
		return nil
	}
	sg.learning = true
	base := sg.model
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

// suggestSync runs after every message: it asks for the article's
// suggestions when the article, its text or the model changed, and keeps
// the pane's list to what no span covers and nobody rejected.
func (f *Feature) suggestSync() tea.Cmd {
	sg := f.sg
	a := f.pane
	if sg == nil || !f.active || !sg.on || sg.model == nil || a.lay == nil || f.ext != nil && f.ext.Mode() != "" {
		// Quotes mode (the extension leading) shows its own suggestions only.
		a.sugg = a.sugg[:0]
		return nil
	}
	var cmd tea.Cmd
	if (sg.askID != a.id || sg.askText != a.text || sg.askGen != sg.gen) && !sg.inflight {
		sg.askID, sg.askText, sg.askGen, sg.inflight = a.id, a.text, sg.gen, true
		m, id, text, gen := sg.model, a.id, a.text, sg.gen
		cmd = func() tea.Msg {
			return suggestedMsg{id: id, text: text, gen: gen, ents: m.Tag(text)}
		}
	}
	var rejected []model.Span
	if e := f.sess.Doc(a.id); e != nil && e.Doc != nil && e.Doc.Text == a.text {
		rejected = e.Doc.Rejected
	}
	a.sugg = a.sugg[:0]
	if sg.forID == a.id && sg.forText == a.text {
		for _, e := range sg.ents {
			if _, clash := model.FindOverlap(a.spans, e.Start, e.End, 0); clash || isRejected(rejected, e) {
				continue
			}
			a.sugg = append(a.sugg, e)
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

// suggestStatus is the status bar's word on suggestions in annotate mode:
// how many are left in the article, or why there are none.
func (f *Feature) suggestStatus() string {
	sg := f.sg
	switch {
	case sg == nil || !f.active:
		return ""
	case !sg.on:
		return "suggestions off (" + ui.KeyName(f.c.Keys.SuggestToggle) + ")"
	case sg.model == nil && sg.loading:
		return "loading suggestions…"
	case sg.model == nil:
		return ""
	case sg.forID != f.pane.id:
		return ""
	}
	s := fmt.Sprintf("%d suggested", len(f.pane.sugg))
	if sg.learning {
		s += " · learning…"
	}
	return s
}
