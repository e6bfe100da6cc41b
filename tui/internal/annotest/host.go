package annotest

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Host is the root's screen stack and status line.
type Host struct {
	Stack []ui.Screen
	Msg   string  // the status line ("" after each key, as the root clears it)
	Fails []error // every error reported
	W, H  int     // the body's size, which a pushed screen is given
}

func (h *Host) Push(s ui.Screen) tea.Cmd {
	h.Stack = append(h.Stack, s)
	return s.SetSize(h.W, h.H)
}

func (h *Host) Pop(s ui.Screen) {
	for i := len(h.Stack) - 1; i >= 0; i-- {
		if h.Stack[i] == s {
			h.Stack = h.Stack[:i]
			return
		}
	}
}

func (h *Host) Top() ui.Screen {
	if n := len(h.Stack); n > 0 {
		return h.Stack[n-1]
	}
	return nil
}

func (h *Host) Report(s ui.Status) {
	h.Msg = s.Text
	if s.Err != nil {
		h.Fails = append(h.Fails, s.Err)
	}
}

func (h *Host) Unreport(texts ...string) {
	for _, t := range texts {
		if h.Msg == t {
			h.Msg = ""
		}
	}
}

// Reader is the reader as annotate mode sees it (annotate.Reader): a list
// of articles, one selected.
type Reader struct {
	h     *Harness
	Arts  []*model.Article
	Sel   int
	Focus bool  // FocusArticle was called
	Saved []int // positions SaveState was given
}

func (r *Reader) Article() (*model.Article, int, error) {
	if r.Sel < 0 || r.Sel >= len(r.Arts) {
		return nil, -1, nil
	}
	return r.Arts[r.Sel], r.Sel, nil
}

func (r *Reader) Title() string { return r.Arts[r.Sel].Title }
func (r *Reader) Selected() int { return r.Sel }

func (r *Reader) Step(dir int) bool {
	n := r.Sel + dir
	if n < 0 || n >= len(r.Arts) {
		return false
	}
	r.Sel = n
	return true
}

// Show is the root's articleShown: ask the store, enter if wanted.
func (r *Reader) Show() tea.Cmd {
	a := r.Arts[r.Sel]
	s := r.h.Sess
	s.SetCurrent(a.ID)
	cmd := s.RequestDoc(a.ID)
	s.CheckChanged(a)
	return tea.Batch(cmd, r.h.Ann.MaybeEnter())
}

func (r *Reader) FocusArticle() { r.Focus = true }

func (r *Reader) SaveState(pos int) tea.Cmd {
	r.Saved = append(r.Saved, pos)
	a := r.Arts[r.Sel]
	return r.h.Sess.SaveState(session.UIState{Article: a.ID, Mode: "read"}, a.ID, pos)
}

func (r *Reader) Live() int { return len(r.Arts) }

func (r *Reader) LiveItems() []int32 {
	out := make([]int32, len(r.Arts))
	for i := range out {
		out[i] = int32(i)
	}
	return out
}

func (r *Reader) Load(i int) (*model.Article, error) {
	a := *r.Arts[i]
	return &a, nil
}
