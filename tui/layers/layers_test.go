package layers_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/model"
	"storydesk/tui/layers"
	"storydesk/tui/ui"
)

type fakeHost struct {
	stack   []ui.Screen
	reports []string
}

func (h *fakeHost) Push(s ui.Screen) tea.Cmd { h.stack = append(h.stack, s); return s.SetSize(100, 10) }
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
func (h *fakeHost) Report(s ui.Status) { h.reports = append(h.reports, s.Text) }

type reader struct{ a *model.Article }

func (r reader) Article() (*model.Article, int, error) { return r.a, 0, nil }

func run(f *layers.Feature, cmd tea.Cmd) {
	for cmd != nil {
		msg := cmd()
		if msg == nil {
			return
		}
		cmd = f.Update(msg)
	}
}

// V shows alice's layer, then bob's, then none (back to one's own); the
// user's own layer and gold's are the only ones not listed as others'.
func TestCycleLayers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	open := func(who string) *store.SQLite {
		s, err := store.OpenSQLite(path, who)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a := storetest.StoryArticle("x.txt")
	for _, who := range []string{"alice", "bob", "carol"} {
		word := map[string]string{"alice": "Ilse Varga", "bob": "Zoë Ng", "carol": "Kyōto"}[who]
		if _, err := open(who).Do(context.Background(), storetest.Tag(a, storetest.SpanOf(t, storetest.Story, word, "PERSON"))); err != nil {
			t.Fatal(err)
		}
	}
	me := open("carol")
	c := &ui.Context{Width: 100, Height: 12, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
	h := &fakeHost{}
	f := layers.New(layers.Deps{Ctx: c, Host: h, Store: me, Reader: reader{a}})
	v := tea.KeyPressMsg{Code: 'V', Text: "V"}
	cmd, ok := f.GlobalKey(v)
	if !ok {
		t.Fatal("V not taken")
	}
	run(f, cmd)
	s, _ := h.Top().(*layers.Screen)
	if s == nil || s.Layer() != "alice" || !strings.Contains(s.View(), "Viewing alice's layer (read-only)") {
		t.Fatalf("first V: %v", h.stack)
	}
	cmd, _ = s.HandleKey(v)
	run(f, cmd)
	if s.Layer() != "bob" || !strings.Contains(s.View(), "1 span") {
		t.Fatalf("second V: %q\n%s", s.Layer(), s.View())
	}
	cmd, _ = s.HandleKey(v)
	run(f, cmd)
	if len(h.stack) != 0 || h.reports[len(h.reports)-1] != "Back to your own layer" {
		t.Fatalf("third V: %v %q", h.stack, h.reports)
	}
}
