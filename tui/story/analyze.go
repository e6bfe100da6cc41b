package story

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/export"
	"storydesk/model"
	"storydesk/model/ner"
	mstory "storydesk/model/story"
	"storydesk/model/story/group"
	"storydesk/tui/ui"
)

// Analysis of one story runs in a command (loading its articles and
// model/story's matching take a moment), once per story as grouped: a
// split or merge makes it another story, analysed again.

// analysis is a story's analysis and the texts it was made from (to check
// that an article opened at a place still has that text there).
type analysis struct {
	s      *mstory.Story
	texts  map[string][]rune
	failed int // members that could not be read
}

type analyzedMsg struct {
	key string
	a   *analysis
}

type reportMsg struct {
	path string
	err  error
}

// storyKey names a story as grouped: its ID and members.
func storyKey(c *group.Cluster) string {
	return c.ID + "\x00" + strings.Join(c.Members, "\x00")
}

// openStory opens the story screen on article id's story.
func (f *Feature) openStory(id string) tea.Cmd {
	f.last = id
	if f.screen != nil {
		f.d.Host.Pop(f.screen)
	}
	v := &storyScreen{f: f, id: id}
	// The story shown last comes back as it was left (section, rows).
	if p := f.prev; p != nil && f.storyOf(id) != nil && f.storyOf(id) == f.storyOf(p.id) {
		v, v.id = p, id
	}
	f.screen, f.prev = v, v
	if f.stories == nil {
		f.announce = true
	}
	return tea.Batch(f.d.Host.Push(v), f.refreshStory())
}

// closeStory takes the story screen off the stack.
func (f *Feature) closeStory() {
	if v := f.screen; v != nil {
		f.screen = nil
		f.d.Host.Pop(v)
	}
}

// refreshStory points the story screen at its story as now grouped,
// analysing it unless that was done before.
func (f *Feature) refreshStory() tea.Cmd {
	v := f.screen
	if v == nil {
		return nil
	}
	c := f.storyOf(v.id)
	if c == nil {
		return nil
	}
	k := storyKey(c)
	v.key = k
	if a, ok := f.analyses[k]; ok {
		v.show(a)
		return nil
	}
	return f.analyze(c)
}

// analyze analyses story c in a command, unless it is analysed or being
// analysed.
func (f *Feature) analyze(c *group.Cluster) tea.Cmd {
	k := storyKey(c)
	if _, ok := f.analyses[k]; ok || f.analyzing[k] {
		return nil
	}
	f.analyzing[k] = true
	type member struct {
		id  string
		idx int
	}
	var ms []member
	for _, id := range c.Members {
		ms = append(ms, member{id, f.d.Articles.IndexOf(id)})
	}
	src, storyID := f.d.Source, c.ID
	return func() tea.Msg {
		a := &analysis{texts: map[string][]rune{}}
		var arts []*model.Article
		for _, m := range ms {
			if m.idx < 0 {
				a.failed++
				continue
			}
			art, err := src.Load(m.idx)
			if err != nil || art == nil {
				a.failed++
				continue
			}
			arts = append(arts, art)
			a.texts[art.ID] = []rune(art.Text)
		}
		tagger, err := ner.Load()
		if err != nil {
			tagger = nil // entities without labels
		}
		a.s = mstory.Analyze(storyID, arts, mstory.AnalyzeOptions{NER: tagger})
		return analyzedMsg{key: k, a: a}
	}
}

// analyzed keeps an analysis and shows it if its story is on screen.
func (f *Feature) analyzed(msg analyzedMsg) tea.Cmd {
	delete(f.analyzing, msg.key)
	f.keep(msg.key, msg.a)
	if v := f.screen; v != nil && v.key == msg.key {
		v.show(msg.a)
		if msg.a.failed > 0 {
			f.d.Host.Report(ui.Info(fmt.Sprintf("%d article%s of the story could not be read", msg.a.failed, ui.Plural(msg.a.failed))))
		}
	}
	return nil
}

// maxAnalyses is how many analyses are kept (each holds its articles'
// texts): the stories looked at lately.
const maxAnalyses = 64

// keep caches an analysis, dropping the oldest beyond maxAnalyses (not
// the one on the story screen).
func (f *Feature) keep(k string, a *analysis) {
	if _, ok := f.analyses[k]; !ok {
		f.order = append(f.order, k)
	}
	f.analyses[k] = a
	for len(f.order) > maxAnalyses {
		old := f.order[0]
		f.order = f.order[1:]
		if v := f.screen; v != nil && v.key == old {
			f.order = append(f.order, old)
			continue
		}
		delete(f.analyses, old)
	}
}

// exportReport writes the story on screen as a Markdown report.
func (f *Feature) exportReport(s *mstory.Story) tea.Cmd {
	if f.d.ReportDir == nil {
		f.d.Host.Report(ui.Info("Nowhere to write reports"))
		return nil
	}
	dir := f.d.ReportDir()
	return func() tea.Msg {
		path, err := export.StoryReport(dir, s)
		return reportMsg{path: path, err: err}
	}
}

func (f *Feature) reported(msg reportMsg) tea.Cmd {
	if msg.err != nil {
		f.d.Host.Report(ui.Fail("Story report not written: "+msg.err.Error(), msg.err))
		return nil
	}
	f.d.Host.Report(ui.Status{Text: "Story report written to " + ui.CleanLine(msg.path), Keep: true})
	return nil
}

// jump is a passage to select once its article is open in annotate mode.
type jump struct {
	id         string
	start, end int
	text       string
}

// openAt opens article id at [start, end): in annotate mode with the
// passage selected when there is a store, else in the article pane. The
// story screens close; S opens the story again.
func (f *Feature) openAt(id string, start, end int) tea.Cmd {
	idx := f.d.Articles.IndexOf(id)
	if idx < 0 {
		f.d.Host.Report(ui.Info("That article is no longer in the corpus"))
		return nil
	}
	var text string
	frac := 0.0
	if a := f.current(); a != nil {
		if rs, ok := a.texts[id]; ok && start >= 0 && end <= len(rs) && start < end {
			text = string(rs[start:end])
			frac = float64(start) / float64(len(rs))
		}
	}
	f.last = id
	f.closeStory()
	f.closeList()
	if text != "" {
		if cmd, ok := f.d.Reader.Annotate(idx); ok {
			f.jump = &jump{id: id, start: start, end: end, text: text}
			return cmd
		}
	}
	cmd, ok := f.d.Reader.Open(idx, frac)
	if !ok {
		f.d.Host.Report(ui.Info("That article is not in the list"))
		return nil
	}
	if text != "" {
		f.d.Host.Report(ui.Info(fmt.Sprintf("Near here, at character %d: “%s” (%s goes back to the story)", start, ui.Clip(text, 60), ui.KeyName(f.c.Keys.Story))))
	} else {
		f.d.Host.Report(ui.Info(fmt.Sprintf("%s goes back to the story", ui.KeyName(f.c.Keys.Story))))
	}
	return cmd
}

// applyJump selects the passage once its article is open in annotate
// mode, if the text is still the one analysed.
func (f *Feature) applyJump() {
	j := f.jump
	if j == nil {
		return
	}
	p := f.d.Reader.Pane()
	if p == nil || p.ID() != j.id || !p.HasWords() {
		return
	}
	f.jump = nil
	if rs := p.Runes(); j.end > len(rs) || string(rs[j.start:j.end]) != j.text {
		f.d.Host.Report(ui.Info("The article's annotated text differs from the one analysed: the passage is not selected"))
		return
	}
	p.SelectRange(j.start, j.end)
	f.d.Host.Report(ui.Info(fmt.Sprintf("The passage is selected (%s leaves, %s goes back to the story)", ui.KeyName(f.c.Keys.Back), ui.KeyName(f.c.Keys.Story))))
}

// current is the analysis on the story screen, nil while there is none.
func (f *Feature) current() *analysis {
	if v := f.screen; v != nil {
		return v.a
	}
	return nil
}
