package adjudicate_test

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/model"
	"storydesk/tui/adjudicate"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

type fakeHost struct {
	stack   []ui.Screen
	reports []string
}

func (h *fakeHost) Push(s ui.Screen) tea.Cmd { h.stack = append(h.stack, s); return s.SetSize(110, 24) }
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

func (h *fakeHost) last() string {
	if len(h.reports) == 0 {
		return ""
	}
	return h.reports[len(h.reports)-1]
}

// rig runs the feature as the root would: the session's bookkeeping first,
// then the feature, then the next queued write.
type rig struct {
	t    *testing.T
	f    *adjudicate.Feature
	sess *session.Session
	h    *fakeHost
}

func (r *rig) run(cmd tea.Cmd) {
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
		case session.DocMsg:
			r.sess.DocLoaded(msg)
			queue = append(queue, r.f.Update(msg))
		case session.WrittenMsg:
			r.sess.Written(msg)
			if msg.Err != nil {
				r.h.reports = append(r.h.reports, "error: "+msg.Err.Error())
			} else if msg.Job.Done != "" {
				r.h.reports = append(r.h.reports, msg.Job.Done)
			}
			queue = append(queue, r.f.Update(msg), r.sess.Next())
		default:
			queue = append(queue, r.f.Update(msg))
		}
	}
}

func (r *rig) press(k string) {
	r.t.Helper()
	top := r.h.Top()
	if top == nil {
		r.t.Fatalf("no screen for %q", k)
	}
	cmd, _ := top.HandleKey(keytest.Key(k))
	r.run(cmd)
}

func (r *rig) view() string { return r.h.Top().View() }

func goldSpans(t *testing.T, gold store.Store, id string) []string {
	t.Helper()
	d, ok, err := gold.Doc(context.Background(), id)
	if err != nil || !ok {
		t.Fatalf("gold doc: %v %v", ok, err)
	}
	var out []string
	for _, sp := range d.Spans {
		out = append(out, sp.Label+" "+sp.Text)
	}
	return out
}

// Two annotators on one article: what they agree on is in gold as soon
// as the curator opens it (one action); each disagreement is decided with
// one key, moving on to the next; every decision is a gold action undone
// with the session's undo; the decisions outlive the screen.
func TestAdjudicate(t *testing.T) {
	for name, open := range storetest.Backends(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			alice, bob, gold := open("alice"), open("bob"), open("gold")
			a := storetest.StoryArticle("x.txt")
			tag := func(s *store.SQLite, word, label string) {
				if _, err := s.Do(ctx, storetest.Tag(a, storetest.SpanOf(t, storetest.Story, word, label))); err != nil {
					t.Fatal(err)
				}
			}
			tag(alice, "Ilse Varga", "PERSON")
			tag(bob, "Ilse Varga", "PERSON")
			tag(alice, "Port Ellis", "GPE") // alice only
			tag(bob, "Zoë Ng", "PERSON")    // bob only
			tag(alice, "Kyōto", "GPE")      // relabelled
			tag(bob, "Kyōto", "ORG")

			c := &ui.Context{Width: 110, Height: 26, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
			c.Restyle(true)
			h := &fakeHost{}
			sess := session.New(gold, "gold")
			f := adjudicate.New(adjudicate.Deps{Ctx: c, Host: h, Layers: gold, Sess: sess, Gold: "gold"})
			r := &rig{t: t, f: f, sess: sess, h: h}
			r.run(f.Open(a, 0))

			if got := goldSpans(t, gold, a.ID); strings.Join(got, "|") != "PERSON Ilse Varga" {
				t.Fatalf("gold after opening: %q (want the agreed span only)", got)
			}
			v := r.view()
			for _, want := range []string{"alice, bob", "3 of 3 places undecided", "disagreement at 20–30", "GPE “Port Ellis”", "— (nothing)"} {
				if !strings.Contains(v, want) {
					t.Errorf("view lacks %q:\n%s", want, v)
				}
			}

			r.press("a") // Port Ellis: alice's
			if !strings.Contains(r.view(), "“Zoë Ng”") {
				t.Fatalf("did not move on to Zoë Ng:\n%s", r.view())
			}
			r.press("x") // Zoë Ng: neither
			r.press("+") // Kyōto: both overlap
			if !strings.Contains(h.last(), "overlap") {
				t.Errorf("take both over overlapping spans: %q", h.last())
			}
			r.press("b") // Kyōto: bob's ORG
			if got := strings.Join(goldSpans(t, gold, a.ID), "|"); got != "PERSON Ilse Varga|GPE Port Ellis|ORG Kyōto" {
				t.Fatalf("gold after the decisions: %q", got)
			}
			if !strings.Contains(r.view(), "all 3 places decided") {
				t.Errorf("not all decided:\n%s", r.view())
			}
			d, _, _ := gold.Doc(ctx, a.ID)
			// The versions not taken are recorded as rejected in gold (Port
			// Ellis's other version is nothing): Zoë Ng, and Kyōto as GPE.
			if len(d.Rejected) != 2 || d.Rejected[0].Text != "Zoë Ng" || d.Rejected[1].Label != "GPE" || d.Status != model.StatusInProgress {
				t.Errorf("gold's rejected and status: %+v %s", d.Rejected, d.Status)
			}

			// Undo takes back the last decision only.
			r.run(sess.Enqueue(&session.Job{Kind: session.Undo, Focus: -1}))
			if got := strings.Join(goldSpans(t, gold, a.ID), "|"); got != "PERSON Ilse Varga|GPE Port Ellis" {
				t.Fatalf("gold after undo: %q", got)
			}
			if !strings.Contains(r.view(), "1 of 3 places undecided") {
				t.Errorf("the undone place is not undecided again:\n%s", r.view())
			}
			// A decision can be changed: Port Ellis becomes bob's (nothing).
			r.press("N")
			r.press("N")
			if !strings.Contains(r.view(), "decided: A's") {
				t.Fatalf("not on Port Ellis:\n%s", r.view())
			}
			r.press("b")
			if got := strings.Join(goldSpans(t, gold, a.ID), "|"); got != "PERSON Ilse Varga" {
				t.Fatalf("gold after changing Port Ellis to nothing: %q", got)
			}

			// Reopened, nothing is accepted again and the decisions hold.
			r.press("esc")
			if len(h.stack) != 0 {
				t.Fatal("esc did not close the screen")
			}
			r.run(f.Open(a, 0))
			if !strings.Contains(r.view(), "1 of 3 places undecided") {
				t.Errorf("reopened:\n%s", r.view())
			}
			// Gold exports like any layer.
			var exported []string
			gold.EachDoc(ctx, store.DocFilter{}, func(d *store.ExportDoc) error {
				for _, sp := range d.Spans {
					exported = append(exported, sp.Label+" "+sp.Text)
				}
				return nil
			})
			if strings.Join(exported, "|") != "PERSON Ilse Varga" {
				t.Errorf("gold's export: %q", exported)
			}
			// The layers themselves are untouched.
			if got := goldSpans(t, alice.Layer("alice"), a.ID); len(got) != 3 {
				t.Errorf("alice's layer changed: %q", got)
			}
		})
	}
}

// An article nobody annotated says so; one annotator alone agrees with
// nobody, so nothing goes into gold by itself.
func TestNothingOrOneLayer(t *testing.T) {
	open := storetest.Backends(t)["sqlite"]
	ctx := context.Background()
	alice, gold := open("alice"), open("gold")
	a := storetest.StoryArticle("x.txt")
	if _, err := alice.Do(ctx, storetest.Tag(a, storetest.SpanOf(t, storetest.Story, "Ilse Varga", "PERSON"))); err != nil {
		t.Fatal(err)
	}
	c := &ui.Context{Width: 100, Height: 20, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
	h := &fakeHost{}
	sess := session.New(gold, "gold")
	f := adjudicate.New(adjudicate.Deps{Ctx: c, Host: h, Layers: gold, Sess: sess, Gold: "gold"})
	r := &rig{t: t, f: f, sess: sess, h: h}
	r.run(f.Open(a, 0))
	if d, _, _ := gold.Doc(ctx, a.ID); len(d.Spans) != 0 {
		t.Fatalf("one layer's span went into gold by itself: %+v", d.Spans)
	}
	if !strings.Contains(r.view(), "1 of 1 place undecided") {
		t.Errorf("lone layer:\n%s", r.view())
	}
	r.press("a")
	if got := goldSpans(t, gold, a.ID); len(got) != 1 {
		t.Errorf("taking alice's: %q", got)
	}
	// bob tags the article while the curator is on it: live, his layer
	// joins the screen.
	bob := open("bob")
	if _, err := bob.Do(ctx, storetest.Tag(a, storetest.SpanOf(t, a.Text, "Kyōto", "GPE"))); err != nil {
		t.Fatal(err)
	}
	r.run(func() tea.Msg { return session.RemoteMsg{Articles: []string{a.ID}, Who: "bob"} })
	if v := r.view(); !strings.Contains(v, "layers: alice, bob") || !strings.Contains(v, "undecided") {
		t.Errorf("after bob's tag arrived:\n%s", v)
	}
	other := storetest.StoryArticle("y.txt")
	other.Text = "Nothing here."
	r.run(f.Open(other, 1))
	if !strings.Contains(r.view(), "no annotator has annotated") {
		t.Errorf("unannotated article:\n%s", r.view())
	}
}

// Quotations: one both layers attribute alike goes into gold with the
// agreed spans; one they attribute to different speakers is a place of its
// own, decided with a/b (both is refused: one speaker), and x makes it
// "not a quotation" in gold; gold links its speaker to its own span.
func TestAdjudicateQuotations(t *testing.T) {
	for name, open := range storetest.Backends(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			alice, bob, gold := open("alice"), open("bob"), open("gold")
			a := &model.Article{ID: "q.txt", Path: "q.txt", Title: "Q", Text: "“We stay,” said Ilse Varga. “We go,” said Tomas Berg."}
			quote := func(words, speaker string) model.QuoteAnn {
				sp := storetest.SpanOf(t, a.Text, words, "X")
				return model.QuoteAnn{Start: sp.Start, End: sp.End, Text: words, Speaker: speaker, Kind: model.QuoteDirect}
			}
			var ilse int64 // bob's span
			for _, st := range []*store.SQLite{alice, bob} {
				act, err := st.Do(ctx, storetest.Tag(a, storetest.SpanOf(t, a.Text, "Ilse Varga", "PERSON")))
				if err != nil {
					t.Fatal(err)
				}
				ilse = act.Ops[0].Span.ID
				if _, err := st.Do(ctx, store.Action{Name: "quote", Ops: []store.Op{{Kind: store.OpAddQuote, Article: a.ID, Quote: quote("“We stay,”", "Ilse Varga")}}}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := alice.Do(ctx, store.Action{Name: "quote", Ops: []store.Op{{Kind: store.OpAddQuote, Article: a.ID, Quote: quote("“We go,”", "Tomas Berg")}}}); err != nil {
				t.Fatal(err)
			}
			byIlse := quote("“We go,”", "Ilse Varga")
			byIlse.SpeakerSpan = ilse
			if _, err := bob.Do(ctx, store.Action{Name: "quote", Ops: []store.Op{{Kind: store.OpAddQuote, Article: a.ID, Quote: byIlse}}}); err != nil {
				t.Fatal(err)
			}
			// Pairs: both call q.txt and r.txt duplicates; alice calls
			// q.txt and z.txt duplicates, bob near-duplicates.
			label := func(st *store.SQLite, other string, l model.DupLabel) {
				if _, err := st.Do(ctx, store.Action{Name: "label", Ops: []store.Op{{Kind: store.OpSetDupLabel, A: a.ID, B: other, DupLabel: l}}}); err != nil {
					t.Fatal(err)
				}
			}
			label(alice, "r.txt", model.LabelDuplicate)
			label(bob, "r.txt", model.LabelDuplicate)
			label(alice, "z.txt", model.LabelDuplicate)
			label(bob, "z.txt", model.LabelNearDup)
			c := &ui.Context{Width: 110, Height: 26, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
			h := &fakeHost{}
			sess := session.New(gold, "gold")
			f := adjudicate.New(adjudicate.Deps{Ctx: c, Host: h, Layers: gold, Sess: sess, Gold: "gold"})
			r := &rig{t: t, f: f, sess: sess, h: h}
			r.run(f.Open(a, 0))
			goldPairs := func() map[string]model.DupLabel {
				ls, err := gold.DupLabels(ctx)
				if err != nil {
					t.Fatal(err)
				}
				out := map[string]model.DupLabel{}
				for _, l := range ls {
					out[l.A+" "+l.B] = l.Label
				}
				return out
			}
			if got := goldPairs(); len(got) != 1 || got["q.txt r.txt"] != model.LabelDuplicate {
				t.Fatalf("gold's pairs after opening: %v", got)
			}
			d, _, _ := gold.Doc(ctx, a.ID)
			if len(d.Spans) != 1 || len(d.Quotes) != 1 || d.Quotes[0].Speaker != "Ilse Varga" {
				t.Fatalf("gold after opening: %+v %+v", d.Spans, d.Quotes)
			}
			if !strings.Contains(h.last(), "1 span, 1 quotation, 1 pair label") {
				t.Errorf("message: %q", h.last())
			}
			v := r.view()
			for _, want := range []string{"quotation ““We go,”", "said by Tomas Berg (direct)", "said by Ilse Varga (direct)"} {
				if !strings.Contains(v, want) {
					t.Errorf("view lacks %q:\n%s", want, v)
				}
			}
			r.press("+")
			if !strings.Contains(h.last(), "one speaker") {
				t.Errorf("both on a quotation: %q", h.last())
			}
			r.press("b")
			d, _, _ = gold.Doc(ctx, a.ID)
			if len(d.Quotes) != 2 || d.Quotes[1].Speaker != "Ilse Varga" || d.Quotes[1].SpeakerSpan != d.Spans[0].ID {
				t.Fatalf("gold after taking bob's speaker: %+v", d.Quotes)
			}
			r.press("N") // back from the pair it moved on to
			r.press("x")
			d, _, _ = gold.Doc(ctx, a.ID)
			if len(d.Quotes) != 2 || d.Quotes[1].Status != model.QuoteRejected {
				t.Fatalf("gold after neither: %+v", d.Quotes)
			}
			r.press("N") // it moved on to the pair
			if !strings.Contains(r.view(), "decided: not a quotation") {
				t.Errorf("view after neither:\n%s", r.view())
			}
			r.run(sess.Enqueue(&session.Job{Kind: session.Undo, Focus: -1}))
			if d, _, _ = gold.Doc(ctx, a.ID); d.Quotes[1].Status != model.QuoteAccepted {
				t.Errorf("undo of neither: %+v", d.Quotes[1])
			}
			// The pair they label differently: n reaches it after the text.
			r.press("n")
			if v := r.view(); !strings.Contains(v, "duplicate pair q.txt ↔ z.txt") || !strings.Contains(v, "near-duplicate") {
				t.Fatalf("the pair place:\n%s", v)
			}
			r.press("x")
			if !strings.Contains(h.last(), "decided by a label") {
				t.Errorf("neither on a pair: %q", h.last())
			}
			r.press("b")
			if got := goldPairs(); got["q.txt z.txt"] != model.LabelNearDup {
				t.Fatalf("gold's pairs after taking bob's: %v", got)
			}
			if !strings.Contains(r.view(), "decided: B's") {
				t.Errorf("after taking bob's label:\n%s", r.view())
			}
			r.run(sess.Enqueue(&session.Job{Kind: session.Undo, Focus: -1}))
			if got := goldPairs(); got["q.txt z.txt"] != "" || !strings.Contains(r.view(), "undecided") {
				t.Errorf("after undoing the pair: %v\n%s", got, r.view())
			}
		})
	}
}
