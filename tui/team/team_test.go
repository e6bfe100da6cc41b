package team_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/tui/team"
	"storydesk/tui/ui"
)

type fakeHost struct {
	stack   []ui.Screen
	reports []ui.Status
}

func (h *fakeHost) Push(s ui.Screen) tea.Cmd { h.stack = append(h.stack, s); return s.SetSize(100, 30) }
func (h *fakeHost) Pop(s ui.Screen) {
	for i := len(h.stack) - 1; i >= 0; i-- {
		if h.stack[i] == s {
			h.stack = h.stack[:i]
			return
		}
	}
}
func (h *fakeHost) Top() ui.Screen {
	if len(h.stack) == 0 {
		return nil
	}
	return h.stack[len(h.stack)-1]
}
func (h *fakeHost) Report(s ui.Status) { h.reports = append(h.reports, s) }

// drive runs cmd and what follows, handing messages to f.
func drive(f *team.Feature, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case nil:
		default:
			queue = append(queue, f.Update(msg))
		}
	}
}

// Two annotators on one article: T shows their progress and agreement,
// the label they disagree on first; the gold layer is left out; esc closes.
func TestTeamScreen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	open := func(who string) *store.SQLite {
		s, err := store.OpenSQLite(path, who)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	alice, bob, gold := open("alice"), open("bob"), open("gold")
	a := storetest.StoryArticle("x.txt")
	ctx := context.Background()
	for _, step := range []struct {
		s    *store.SQLite
		word string
		l    string
	}{{alice, "Ilse Varga", "PERSON"}, {alice, "Kyōto", "GPE"}, {bob, "Ilse Varga", "PERSON"}, {bob, "Kyōto", "ORG"}, {gold, "Zoë Ng", "PERSON"}} {
		if _, err := step.s.Do(ctx, storetest.Tag(a, storetest.SpanOf(t, storetest.Story, step.word, step.l))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := alice.Assign(ctx, nil, []string{"alice"}, 1, false); err != nil {
		t.Fatal(err)
	}
	c := &ui.Context{Width: 100, Height: 32, Keys: ui.DefaultKeyMap()}
	h := &fakeHost{}
	f := team.New(team.Deps{Ctx: c, Host: h, Store: alice, Gold: "gold"})
	cmd, ok := f.GlobalKey(tea.KeyPressMsg{Code: 'T', Text: "T"})
	if !ok || len(h.stack) != 1 {
		t.Fatal("T did not open the team screen")
	}
	drive(f, cmd)
	view := h.Top().View()
	for _, want := range []string{"alice", "bob", "1 articles", "F1 0.50/0.50", "GPE", "ORG", "PERSON"} {
		if !strings.Contains(view, want) {
			t.Errorf("the screen lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "gold ·") || strings.Contains(view, "· gold") {
		t.Errorf("the gold layer is compared:\n%s", view)
	}
	// Worst labels first: GPE and ORG (0) before PERSON (1).
	if strings.Index(view, "      GPE") > strings.Index(view, "      PERSON") {
		t.Errorf("labels not worst first:\n%s", view)
	}
	h.Top().(ui.Screen).HandleKey(tea.KeyPressMsg{Code: tea.KeyEscape})
	if len(h.stack) != 0 {
		t.Fatal("esc did not close the screen")
	}
	// Without a store that can tell, T says so.
	f2 := team.New(team.Deps{Ctx: c, Host: h})
	f2.GlobalKey(tea.KeyPressMsg{Code: 'T', Text: "T"})
	if len(h.reports) == 0 || !strings.Contains(h.reports[len(h.reports)-1].Text, "needs") {
		t.Fatalf("without a store: %+v", h.reports)
	}
}
