package story

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Splitting and merging stories by hand. Each is one action in the write
// queue (undone with the reader's undo), made of story links
// (store.OpSetStoryLink), each annotator's own:
//
//   - taking an article out of its story keeps it apart from every other
//     member (and drops any pin between them);
//   - merging two stories pins one article of each together and drops the
//     apart pairs between their members, so an earlier split is undone
//     rather than fought.
//
// The grouping follows once the write is committed (Update sees the ops).

// split takes article id out of its story.
func (f *Feature) split(id string) tea.Cmd {
	if !f.d.Writes.NeedStore() {
		return nil
	}
	c := f.storyOf(id)
	if c == nil || len(c.Members) < 2 {
		f.d.Host.Report(ui.Info("That article is a story of its own already"))
		return nil
	}
	var ops []store.Op
	for _, m := range c.Members {
		if m != id {
			p := pairOf(id, m)
			ops = append(ops, store.Op{Kind: store.OpSetStoryLink, A: p[0], B: p[1], Link: store.StoryApart})
		}
	}
	name := f.title(id)
	j := &session.Job{Kind: session.Do, Focus: -1,
		Act:  store.Action{Name: "take " + ui.Clip(name, 40) + " out of its story", Ops: ops},
		Done: fmt.Sprintf("“%s” is a story of its own now (%s undoes)", ui.Clip(name, 40), ui.KeyName(f.c.Keys.Undo))}
	return f.d.Writes.Enqueue(j)
}

// markOrMerge marks article id's story for merging, or merges the marked
// story into it.
func (f *Feature) markOrMerge(id string) tea.Cmd {
	c := f.storyOf(id)
	if c == nil {
		return nil
	}
	if f.mark == "" {
		if !f.d.Writes.NeedStore() {
			return nil
		}
		f.mark = id
		f.d.Host.Report(ui.Info(fmt.Sprintf("Marked the story of “%s”: %s on another story merges the two", ui.Clip(f.title(id), 40), ui.KeyName(f.c.Keys.StoryMerge))))
		return nil
	}
	other := f.storyOf(f.mark)
	mark := f.mark
	f.mark = ""
	if other == nil || other.ID == c.ID {
		f.d.Host.Report(ui.Info("Unmarked"))
		return nil
	}
	var ops []store.Op
	for _, a := range c.Members {
		for _, b := range other.Members {
			p := pairOf(a, b)
			if f.links[p] == store.StoryApart {
				ops = append(ops, store.Op{Kind: store.OpSetStoryLink, A: p[0], B: p[1], Link: ""})
			}
		}
	}
	p := pairOf(id, mark)
	ops = append(ops, store.Op{Kind: store.OpSetStoryLink, A: p[0], B: p[1], Link: store.StoryPin})
	n := len(c.Members) + len(other.Members)
	j := &session.Job{Kind: session.Do, Focus: -1,
		Act:  store.Action{Name: "merge stories", Ops: ops},
		Done: fmt.Sprintf("Merged two stories: %d articles (%s undoes)", n, ui.KeyName(f.c.Keys.Undo))}
	return f.d.Writes.Enqueue(j)
}

// title is how an article is named in messages.
func (f *Feature) title(id string) string {
	if i := f.d.Articles.IndexOf(id); i >= 0 {
		if t := f.d.Articles.Row(i).Title; t != "" {
			return t
		}
	}
	return id
}
