package tui

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/annotate"
	"storydesk/tui/entities"
	"storydesk/tui/session"
)

// Wiring the entities panel and canonical names (tui/entities) into the
// root: they plug into annotate mode through its hook (annotate.Entities)
// and write through its queue.

// wireEntities builds the entities over annotate mode (which exists only
// with a store) and adds them to the features after it.
func (m *Model) wireEntities() {
	f := entities.New(entities.Deps{Ctx: m.c, Host: m, Docs: m.sess, Annotate: entitiesAnnotate{m.annot}})
	m.annot.SetEntities(f.Hook())
	m.features = append(m.features, f)
}

// entitiesAnnotate is annotate mode as the entities extend it
// (entities.Annotate).
type entitiesAnnotate struct{ f *annotate.Feature }

func (a entitiesAnnotate) Active() bool        { return a.f.Active() }
func (a entitiesAnnotate) Pane() entities.Pane { return a.f.Pane() }

func (a entitiesAnnotate) Queue(build func(j *session.Job) (store.Action, bool)) tea.Cmd {
	return a.f.Queue(build)
}

func (a entitiesAnnotate) EditOps(doc *store.Doc, id string, old, nw model.Span) []store.Op {
	return annotate.SpanEditOps(doc, id, old, nw)
}
