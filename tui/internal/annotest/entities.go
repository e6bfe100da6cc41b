package annotest

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/annotate"
	"storydesk/tui/entities"
	"storydesk/tui/session"
)

// AddEntities builds the entities panel over annotate mode and adds it
// after the features already there, as tui/wire_entities.go wires it (the
// entities' tests and quotes', whose speakers are named by it, use it).
func (h *Harness) AddEntities() *entities.Feature {
	f := entities.New(entities.Deps{Ctx: h.Ctx, Host: h.Host, Docs: h.Sess, Annotate: entitiesAnnotate{h.Ann}})
	h.Ann.SetEntities(f.Hook())
	h.Add(f)
	return f
}

// entitiesAnnotate is annotate mode as the entities extend it
// (entities.Annotate), as the root's is.
type entitiesAnnotate struct{ f *annotate.Feature }

func (a entitiesAnnotate) Active() bool        { return a.f.Active() }
func (a entitiesAnnotate) Pane() entities.Pane { return a.f.Pane() }

func (a entitiesAnnotate) Queue(build func(j *session.Job) (store.Action, bool)) tea.Cmd {
	return a.f.Queue(build)
}

func (a entitiesAnnotate) EditOps(doc *store.Doc, id string, old, nw model.Span) []store.Op {
	return annotate.SpanEditOps(doc, id, old, nw)
}
