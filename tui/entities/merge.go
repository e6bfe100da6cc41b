package entities

import (
	"fmt"
	"sort"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Merging one entity into another, as INCEpTION's and Prodigy's entity
// linking make the annotator pick the entity a mention is: the merge key
// on a span picks the entity it belongs to; a picker lists the article's
// other entities, those of the same label first (the likely targets:
// "Petro" into "Gustavo Petro"), filtered as you type; enter gives every
// span of the entity the target's canonical name and label, in one action
// that one undo takes back. (The canonical-name prompt can merge too, by
// typing the other entity's name; the picker shows what there is.)

// entityRef is one entity of the article: its label and name, how many
// spans it has.
type entityRef struct {
	label, name string
	count       int
}

// mergeTargets are the article's entities other than (label, name): the
// same label first, then the label set's order; within a label the most
// mentioned first, as the panel lists them.
func mergeTargets(spans []model.Span, labels []string, label, name string) []entityRef {
	var out []entityRef
	for _, g := range groupEntities(spans, labels) {
		for _, e := range g.names {
			if g.label == label && e.name == name {
				continue
			}
			out = append(out, entityRef{label: g.label, name: e.name, count: e.count})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].label == label && out[j].label != label })
	return out
}

// openMerge opens the picker of entities to merge the one under the
// cursor into.
func (f *Feature) openMerge() tea.Cmd {
	a := f.ann.Pane()
	sp, ok := a.CursorSpan()
	if !ok {
		f.host.Report(ui.Info("Put the cursor on a tagged span to merge its entity into another"))
		return nil
	}
	src := entityRef{label: sp.Label, name: entityOf(sp)}
	targets := mergeTargets(a.Spans(), f.c.Labels, src.label, src.name)
	if len(targets) == 0 {
		f.host.Report(ui.Info(fmt.Sprintf("No other entity in this article to merge %s “%s” into", src.label, ui.Clip(src.name, 30))))
		return nil
	}
	items := make([]string, len(targets))
	for i, t := range targets {
		items[i] = t.name
		if t.count > 1 {
			items[i] += fmt.Sprintf(" ×%d", t.count)
		}
	}
	st := f.c.Styles
	under := f.host.Top() // annotate mode, which stays in view
	p := widgets.NewPicker(f.c, f.host, widgets.PickerOpts{
		Title: fmt.Sprintf("Merge “%s” into", ui.Clip(src.name, 24)),
		Items: items,
		Hint:  func(i int) string { return targets[i].label },
		Paint: func(i int, text string) string {
			if li := labelIndex(f.c.Labels, targets[i].label); li >= 0 {
				return st.Ann[1+li].Render(text)
			}
			return text
		},
		Pick:  func(i int) tea.Cmd { return f.merge(src, targets[i]) },
		Under: under.View,
		Mode:  "MERGE",
		Empty: "No entity matches.",
		Verb:  "merge",
	})
	return f.host.Push(p)
}

// merge queues the renaming (and relabelling) of every span of src in the
// article on screen to the entity dst, as one action.
func (f *Feature) merge(src, dst entityRef) tea.Cmd {
	id := f.ann.Pane().ID()
	undo := ui.KeyName(f.c.Keys.Undo)
	return f.ann.Queue(func(j *session.Job) (store.Action, bool) {
		e := f.docs.Doc(id)
		if e == nil || e.Doc == nil {
			f.host.Report(ui.Info("Not merged: the article's annotations are not loaded"))
			return store.Action{}, false
		}
		ops, n := mergeOps(e.Doc.Spans, id, src, dst)
		if len(ops) == 0 {
			f.host.Report(ui.Info(fmt.Sprintf("Nothing to merge: no %s “%s” is left", src.label, ui.Clip(src.name, 30))))
			return store.Action{}, false
		}
		from := fmt.Sprintf("%s “%s”", src.label, ui.Clip(src.name, 30))
		into := fmt.Sprintf("%s “%s”", dst.label, ui.Clip(dst.name, 30))
		j.Done = fmt.Sprintf("Merged %d × %s into %s; %s undoes", n, from, into, undo)
		return store.Action{Name: fmt.Sprintf("merge %s into %s (%d)", from, into, n), Ops: ops}, true
	})
}

// mergeOps are the set-span ops that make every span of src one of dst:
// dst's label, and dst's name as canonical name (none where the span's
// text is that name). Like naming the entity, it leaves each span's review
// state as it was; n is how many spans it changes.
func mergeOps(spans []model.Span, id string, src, dst entityRef) (ops []store.Op, n int) {
	for _, sp := range spans {
		if sp.Label != src.label || entityOf(sp) != src.name {
			continue
		}
		nw := sp
		nw.Label = dst.label
		nw.Canonical = canonicalFor(sp, dst.name)
		if nw == sp {
			continue
		}
		ops = append(ops, store.Op{Kind: store.OpSetSpan, Article: id, Span: nw})
		n++
	}
	return ops, n
}
