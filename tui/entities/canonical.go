package entities

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Canonical names belong to the entity, not one span. An entity is the
// spans of one label with one name (the canonical name, or the text
// without one): the entities panel lists them so. Naming a span of an
// entity that has other spans asks whether to name them all — in this
// article, or in every stored article — as one undoable action; naming
// "Petro" after "Gustavo Petro", an entity the panel already shows, merges
// the two. The span named by hand counts as reviewed (an imported one); the
// others keep their review state: only their name changes.

// entityOf is the entity a span belongs to, within its label.
func entityOf(sp model.Span) string {
	name := sp.Canonical
	if name == "" {
		name = sp.Text
	}
	return strings.Join(strings.Fields(name), " ")
}

// sameEntity reports that sp is of entity (label, name) and not yet named
// to.
func sameEntity(sp model.Span, label, name, to string) bool {
	return sp.Label == label && entityOf(sp) == name && sp.Canonical != to
}

// canonAsk is the question after the name: this span, the entity in this
// article, or the entity everywhere.
type canonAsk struct {
	p       *namePrompt
	name    string // the new canonical name
	entity  string // the entity's name before
	others  int    // its other spans in this article
	wording string
}

var (
	canonOne    = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "this span only"))
	canonCancel = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
)

// saveOrAsk saves the name, first asking to give it to the whole entity
// when the entity has other spans in this article. (Asking whenever other
// articles might hold some would ask on every name.)
func (p *namePrompt) saveOrAsk() tea.Cmd {
	f := p.f
	name := strings.Join(strings.Fields(p.input.Value()), " ")
	if canonicalFor(p.span, name) == "" {
		return p.save() // back to its own text: this span leaves the entity
	}
	entity := entityOf(p.span)
	others := 0
	spans := f.ann.Pane().Spans()
	for _, sp := range spans {
		if sp.ID != p.span.ID && sameEntity(sp, p.span.Label, entity, canonicalFor(sp, name)) {
			others++
		}
	}
	if others == 0 {
		return p.save()
	}
	k := f.c.Keys
	what := fmt.Sprintf("“%s”", ui.Clip(name, 30))
	q := &canonAsk{p: p, name: name, entity: entity, others: others}
	verb := "Name all %d %s “%s” %s?"
	for _, sp := range spans {
		if sp.Label == p.span.Label && entityOf(sp) == name {
			verb = "Merge all %d %s “%s” into %s?" // an entity the panel shows already
			break
		}
	}
	q.wording = fmt.Sprintf(verb+" %s here · %s everywhere · %s this one",
		others+1, p.span.Label, ui.Clip(entity, 24), what, ui.KeyName(k.Confirm), ui.KeyName(k.TagCorpus), ui.KeyName(canonOne))
	return f.host.Push(q)
}

// canonicalFor is the canonical name a span of the entity gets for name:
// none when its text is the name.
func canonicalFor(sp model.Span, name string) string {
	if strings.Join(strings.Fields(sp.Text), " ") == name {
		return ""
	}
	return name
}

func (q *canonAsk) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	f := q.p.f
	k := f.c.Keys
	switch {
	case key.Matches(msg, k.Confirm):
		f.host.Pop(q)
		return q.article(nil), true
	case key.Matches(msg, k.TagCorpus):
		f.host.Pop(q)
		return q.corpus(), true
	case key.Matches(msg, canonOne):
		f.host.Pop(q)
		return q.p.save(), true
	case key.Matches(msg, canonCancel):
		f.host.Pop(q)
		f.host.Report(ui.Info("Canonical name unchanged"))
		return nil, true
	}
	return nil, true
}

// article queues the renaming of the entity in this article, with elsewhere's
// ops (from the corpus scan) in the same action.
func (q *canonAsk) article(elsewhere *canonScanMsg) tea.Cmd {
	f := q.p.f
	id, spanID, label := f.ann.Pane().ID(), q.p.span.ID, q.p.span.Label
	name, entity := q.name, q.entity
	return f.ann.Queue(func(j *session.Job) (store.Action, bool) {
		e := f.docs.Doc(id)
		if e == nil || e.Doc == nil {
			f.host.Report(ui.Info("Not saved: the article's annotations are not loaded"))
			return store.Action{}, false
		}
		var ops []store.Op
		n, focus := 0, -1
		for _, sp := range e.Doc.Spans {
			nw := sp
			nw.Canonical = canonicalFor(sp, name)
			switch {
			case sp.ID == spanID:
				if sp.Canonical == nw.Canonical && sp.Source == "" {
					continue
				}
				ops = append(ops, f.ann.EditOps(e.Doc, id, sp, nw)...) // named by hand: reviewed
				focus = sp.Start
			case sameEntity(sp, label, entity, nw.Canonical):
				ops = append(ops, store.Op{Kind: store.OpSetSpan, Article: id, Span: nw})
			default:
				continue
			}
			n++
		}
		arts := 0
		if elsewhere != nil {
			ops = append(ops, elsewhere.ops...)
			n += elsewhere.spans
			arts = elsewhere.articles
		}
		if len(ops) == 0 {
			f.host.Report(ui.Info("Canonical name unchanged"))
			return store.Action{}, false
		}
		what := ui.Clip(name, 40)
		j.Focus = focus
		j.Done = fmt.Sprintf("%d × %s “%s” named %s", n, label, ui.Clip(entity, 30), what)
		if arts > 0 {
			j.Done += fmt.Sprintf(" (%d in %d other article%s)", elsewhere.spans, arts, ui.Plural(arts))
		}
		return store.Action{Name: fmt.Sprintf("canonical %s “%s” → %s (%d)", label, ui.Clip(entity, 30), ui.Clip(what, 30), n), Ops: ops}, true
	})
}

// canonScanMsg is the corpus part of a renaming: the ops for the entity's
// spans in the other stored articles.
type canonScanMsg struct {
	ask             *canonAsk
	here            string // the article the name was given in
	ops             []store.Op
	spans, articles int
	err             error
}

// corpus reads every stored article for the entity's spans (off the
// update loop), then queues one action for them and this article's.
func (q *canonAsk) corpus() tea.Cmd {
	f := q.p.f
	st := f.docs.Store()
	here, label, name, entity := f.ann.Pane().ID(), q.p.span.Label, q.name, q.entity
	f.host.Report(ui.Info(fmt.Sprintf("Looking for “%s” %s in every stored article…", ui.Clip(entity, 30), label)))
	return func() tea.Msg {
		ctx, cancel := session.Ctx()
		defer cancel()
		msg := canonScanMsg{ask: q, here: here}
		var ids []string
		err := st.EachDoc(ctx, store.DocFilter{Keep: func(id string) bool { return id != here }}, func(d *store.ExportDoc) error {
			for _, sp := range d.Spans {
				if sameEntity(sp, label, entity, canonicalFor(sp, name)) {
					ids = append(ids, d.ArticleID)
					break
				}
			}
			return nil
		})
		if err == nil {
			err = canonOps(ctx, st, ids, label, name, entity, &msg)
		}
		msg.err = err
		return msg
	}
}

// canonOps adds the renaming ops for articles ids, as the store holds them.
func canonOps(ctx context.Context, st store.Store, ids []string, label, name, entity string, msg *canonScanMsg) error {
	for _, id := range ids {
		doc, ok, err := st.Doc(ctx, id)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		n := 0
		for _, sp := range doc.Spans {
			nw := sp
			nw.Canonical = canonicalFor(sp, name)
			if sameEntity(sp, label, entity, nw.Canonical) {
				msg.ops = append(msg.ops, store.Op{Kind: store.OpSetSpan, Article: id, Span: nw})
				n++
			}
		}
		if n > 0 {
			msg.spans += n
			msg.articles++
		}
	}
	return nil
}

// canonScanned queues the renaming once the corpus has been read.
func (f *Feature) canonScanned(msg canonScanMsg) tea.Cmd {
	if msg.err != nil {
		f.host.Report(ui.Fail("Cannot read the stored articles: "+msg.err.Error(), msg.err))
		return nil
	}
	if !f.ann.Active() || f.ann.Pane().ID() != msg.here {
		f.host.Report(ui.Info("Canonical name not saved: the article changed meanwhile"))
		return nil
	}
	return msg.ask.article(&msg)
}

// Prompt is the question, in the status bar.
func (q *canonAsk) Prompt() string { return q.wording }

func (q *canonAsk) ShortHelp() []key.Binding {
	k := q.p.f.c.Keys
	return []key.Binding{
		key.NewBinding(key.WithKeys(k.Confirm.Keys()...), key.WithHelp(ui.KeyName(k.Confirm), "all here")),
		key.NewBinding(key.WithKeys(k.TagCorpus.Keys()...), key.WithHelp(ui.KeyName(k.TagCorpus), "in every stored article")),
		canonOne, canonCancel,
	}
}

func (q *canonAsk) FullHelp() [][]key.Binding { return [][]key.Binding{q.ShortHelp()} }
func (q *canonAsk) View() string              { return "" }
func (q *canonAsk) SetSize(int, int) tea.Cmd  { return nil }
func (q *canonAsk) Update(tea.Msg) tea.Cmd    { return nil }
func (q *canonAsk) Mode() string              { return "" }
func (q *canonAsk) Footer() ui.Footer         { return ui.FooterNone }
