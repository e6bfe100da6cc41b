package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
)

// Backend opens sessions on one new, empty store: each call is another
// reader (another process, as far as the store can tell) opening the same
// store as annotator. The stores are closed when the test ends.
type Backend func(t *testing.T) func(annotator string) store.Store

// Suite is the behaviour every Store implementation shares, run by each
// backend's tests (SQLite in data/store, PostgreSQL in data/store/pgstore
// when a server is given). Each case gets a new store.
var Suite = []struct {
	Name string
	Run  func(t *testing.T, open func(annotator string) store.Store)
}{
	{"TagUndoRedo", testTagUndoRedo},
	{"OverlapWithinALayerOnly", testOverlapWithinLayer},
	{"LayersAreSeparate", testLayersAreSeparate},
	{"UndoIsTheSessions", testUndoIsTheSessions},
	{"UndoReachesBackAcrossRestarts", testUndoAcrossRestarts},
	{"UndoRefusesAConflict", testUndoRefusesConflict},
	{"OtherSessions", testOtherSessions},
	{"LayerViewIsReadOnly", testLayerView},
	{"DupLabelsAndCanonicalsPerLayer", testDupLabelsPerLayer},
	{"QuotesAndEachDoc", testQuotesAndEachDoc},
	{"ImportTx", testImportTx},
	{"Snapshots", testSnapshots},
	{"State", testState},
	{"Watch", testWatch},
	{"RedoKeepsItsID", testRedoKeepsItsID},
	{"Assign", testAssign},
	{"RejectionsPerLayer", testRejectionsPerLayer},
	{"ModelsShared", testModelsShared},
	{"StoryLinksPerLayer", testStoryLinksPerLayer},
	{"StoryFeaturesCache", testStoryFeaturesCache},
	{"QuoteMention", testQuoteMention},
}

// Run runs the suite on a backend.
func Run(t *testing.T, b Backend) {
	for _, c := range Suite {
		t.Run(c.Name, func(t *testing.T) {
			c.Run(t, b(t))
		})
	}
}

var bg = context.Background()

// Story is the text the suite annotates: accents, an emoji and a curly
// quotation, so offsets are code points, not bytes.
const Story = "Mayor Ilse Varga of Port Ellis met the Harbour Board on Monday. “We are done,” said Zoë Ng 😀 in Kyōto."

// StoryArticle is an article with Story's text.
func StoryArticle(id string) *model.Article {
	return &model.Article{ID: id, Path: id, Title: "T " + id, Text: Story, Source: "Wire", Date: "2026-01-02", Meta: map[string]string{"k": "v"}}
}

// SpanOf is a span over occurrence 0 of word in text.
func SpanOf(t testing.TB, text, word, label string) model.Span {
	t.Helper()
	b := strings.Index(text, word)
	if b < 0 {
		t.Fatalf("%q not in text", word)
	}
	start := model.RuneLen(text[:b])
	return model.Span{Start: start, End: start + model.RuneLen(word), Label: label, Text: word}
}

// Tag is the action of tagging sp in a.
func Tag(a *model.Article, sp model.Span) store.Action {
	return store.Action{Name: "tag " + sp.Label, Article: a, Ops: []store.Op{{Kind: store.OpAddSpan, Article: a.ID, Span: sp}}}
}

func act(t *testing.T, s store.Store, act store.Action) store.Action {
	t.Helper()
	got, err := s.Do(bg, act)
	if err != nil {
		t.Fatalf("%s: %v", act.Name, err)
	}
	return got
}

func doc(t *testing.T, s store.Store, id string) *store.Doc {
	t.Helper()
	d, ok, err := s.Doc(bg, id)
	if err != nil || !ok {
		t.Fatalf("Doc(%s): ok %v, %v", id, ok, err)
	}
	return d
}

// labels lists a doc's spans as "Text/LABEL".
func labels(d *store.Doc) string {
	var out []string
	for _, sp := range d.Spans {
		out = append(out, sp.Text+"/"+sp.Label)
	}
	return strings.Join(out, " ")
}

func undo(t *testing.T, s store.Store) store.Action {
	t.Helper()
	act, ok, err := s.Undo(bg)
	if err != nil || !ok {
		t.Fatalf("undo: ok %v, %v", ok, err)
	}
	return act
}

func testTagUndoRedo(t *testing.T, open func(string) store.Store) {
	s := open("alice")
	a := StoryArticle("x.txt")
	added := act(t, s, Tag(a, SpanOf(t, Story, "Ilse Varga", "PERSON")))
	if added.ID == 0 || added.Ops[0].Span.ID == 0 {
		t.Fatalf("the action or its span got no id: %+v", added)
	}
	act(t, s, Tag(a, SpanOf(t, Story, "Kyōto", "GPE")))
	relabel := added.Ops[0].Span
	relabel.Label = "ORG"
	act(t, s, store.Action{Name: "label ORG", Ops: []store.Op{{Kind: store.OpSetSpan, Article: a.ID, Span: relabel}}})
	act(t, s, store.Action{Name: "mark done", Ops: []store.Op{{Kind: store.OpSetStatus, Article: a.ID, Status: model.StatusDone}}})
	d := doc(t, s, a.ID)
	if got := labels(d); got != "Ilse Varga/ORG Kyōto/GPE" || d.Status != model.StatusDone || d.Text != Story {
		t.Fatalf("after four actions: %q %s", got, d.Status)
	}
	if k := d.Spans[1]; k.Start != 96 || k.End != 101 {
		t.Fatalf("Kyōto at %d–%d, want code points 96–101", k.Start, k.End)
	}
	undo(t, s)
	undo(t, s)
	if d := doc(t, s, a.ID); labels(d) != "Ilse Varga/PERSON Kyōto/GPE" || d.Status != model.StatusNew {
		t.Fatalf("after two undos: %q %s", labels(d), d.Status)
	}
	if _, ok, err := s.Redo(bg); err != nil || !ok {
		t.Fatalf("redo: %v %v", ok, err)
	}
	if d := doc(t, s, a.ID); labels(d) != "Ilse Varga/ORG Kyōto/GPE" {
		t.Fatalf("after redo: %q", labels(d))
	}
	// A new action ends the redo history.
	act(t, s, Tag(a, SpanOf(t, Story, "Monday", "DATE")))
	if _, ok, _ := s.Redo(bg); ok {
		t.Fatal("redo after a new action")
	}
	st, err := s.Statuses(bg)
	if err != nil || st[a.ID] != model.StatusNew {
		t.Fatalf("statuses %v %v", st, err)
	}
	h, err := s.Hashes(bg)
	if err != nil || h[a.ID] != model.HashText(Story) {
		t.Fatalf("hashes %v %v", h, err)
	}
	// A span that does not match the text is refused, and changes nothing.
	bad := SpanOf(t, Story, "Harbour Board", "ORG")
	bad.End++
	if _, err := s.Do(bg, Tag(a, bad)); err == nil {
		t.Fatal("a span whose text does not match was stored")
	}
	if got := labels(doc(t, s, a.ID)); got != "Ilse Varga/ORG Monday/DATE Kyōto/GPE" {
		t.Fatalf("after a refused action: %q", got)
	}
}

func testOverlapWithinLayer(t *testing.T, open func(string) store.Store) {
	alice, bob := open("alice"), open("bob")
	a := StoryArticle("x.txt")
	act(t, alice, Tag(a, SpanOf(t, Story, "Ilse Varga", "PERSON")))
	_, err := alice.Do(bg, Tag(a, SpanOf(t, Story, "Mayor Ilse", "PERSON")))
	var oe *store.OverlapError
	if !errors.As(err, &oe) || !errors.Is(err, store.ErrOverlap) || oe.With.Text != "Ilse Varga" {
		t.Fatalf("an overlapping span in one layer: %v", err)
	}
	// Another annotator's layer is theirs: the same words may be tagged
	// differently there.
	act(t, bob, Tag(a, SpanOf(t, Story, "Mayor Ilse Varga", "PERSON")))
	if got := labels(doc(t, bob, a.ID)); got != "Mayor Ilse Varga/PERSON" {
		t.Fatalf("bob's layer: %q", got)
	}
}

func testLayersAreSeparate(t *testing.T, open func(string) store.Store) {
	alice, bob := open("alice"), open("bob")
	a := StoryArticle("x.txt")
	act(t, alice, Tag(a, SpanOf(t, Story, "Ilse Varga", "PERSON")))
	act(t, alice, store.Action{Name: "mark done", Ops: []store.Op{{Kind: store.OpSetStatus, Article: a.ID, Status: model.StatusDone}}})
	// Bob sees the shared snapshot, none of alice's work.
	d := doc(t, bob, a.ID)
	if len(d.Spans) != 0 || d.Status != model.StatusNew || d.Text != Story {
		t.Fatalf("bob sees %q status %s", labels(d), d.Status)
	}
	if st, _ := bob.Statuses(bg); len(st) != 0 {
		t.Fatalf("bob's statuses hold alice's: %v", st)
	}
	act(t, bob, Tag(a, SpanOf(t, Story, "Port Ellis", "GPE")))
	if got := labels(doc(t, alice, a.ID)); got != "Ilse Varga/PERSON" {
		t.Fatalf("alice sees %q", got)
	}
	// Bob's undo takes back bob's action, not alice's later one.
	act(t, alice, Tag(a, SpanOf(t, Story, "Kyōto", "GPE")))
	undo(t, bob)
	if got := labels(doc(t, alice, a.ID)); got != "Ilse Varga/PERSON Kyōto/GPE" {
		t.Fatalf("bob's undo touched alice's layer: %q", got)
	}
	if got := labels(doc(t, bob, a.ID)); got != "" {
		t.Fatalf("bob's undo: %q", got)
	}
	if l, ok := alice.(store.LayeredStore); ok {
		names, err := l.Annotators(bg)
		if err != nil || strings.Join(names, ",") != "alice,bob" {
			t.Fatalf("annotators %v %v", names, err)
		}
	} else {
		t.Fatal("the store does not offer LayeredStore")
	}
	// Export walks one layer.
	var seen []string
	if err := bob.EachDoc(bg, store.DocFilter{}, func(d *store.ExportDoc) error {
		seen = append(seen, d.ArticleID+":"+labels(&d.Doc)+":"+d.Annotator)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(seen, ";") != "x.txt::bob" {
		t.Fatalf("bob's layer exports %q", seen)
	}
	c := open("carol")
	if err := c.EachDoc(bg, store.DocFilter{}, func(d *store.ExportDoc) error {
		t.Fatalf("carol's empty layer exports %s", d.ArticleID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

func testUndoIsTheSessions(t *testing.T, open func(string) store.Store) {
	one, two := open("alice"), open("alice")
	a := StoryArticle("x.txt")
	act(t, one, Tag(a, SpanOf(t, Story, "Ilse Varga", "PERSON")))
	act(t, two, Tag(a, SpanOf(t, Story, "Kyōto", "GPE")))
	// One's undo takes back one's action, though two's is later.
	if act := undo(t, one); act.Name != "tag PERSON" {
		t.Fatalf("session one undid %q", act.Name)
	}
	if got := labels(doc(t, two, a.ID)); got != "Kyōto/GPE" {
		t.Fatalf("after one's undo: %q", got)
	}
	if _, ok, err := one.Undo(bg); ok || err != nil {
		t.Fatalf("session one undid another session's action: %v %v", ok, err)
	}
	if act := undo(t, two); act.Name != "tag GPE" {
		t.Fatalf("session two undid %q", act.Name)
	}
	// Redo too is the session's own.
	if _, ok, _ := two.Redo(bg); !ok {
		t.Fatal("two cannot redo its own undo")
	}
	if _, ok, _ := two.Redo(bg); ok {
		t.Fatal("two redid one's undone action")
	}
	if got := labels(doc(t, one, a.ID)); got != "Kyōto/GPE" {
		t.Fatalf("after two's redo: %q", got)
	}
}

func testUndoAcrossRestarts(t *testing.T, open func(string) store.Store) {
	first := open("alice")
	a := StoryArticle("x.txt")
	act(t, first, Tag(a, SpanOf(t, Story, "Ilse Varga", "PERSON")))
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	// A closed session's actions pass to the annotator's next session.
	next := open("alice")
	if act := undo(t, next); act.Name != "tag PERSON" {
		t.Fatalf("undid %q", act.Name)
	}
	if got := labels(doc(t, next, a.ID)); got != "" {
		t.Fatalf("after undo across a restart: %q", got)
	}
}

func testUndoRefusesConflict(t *testing.T, open func(string) store.Store) {
	one, two := open("alice"), open("alice")
	a := StoryArticle("x.txt")
	added := act(t, one, Tag(a, SpanOf(t, Story, "Ilse Varga", "PERSON")))
	sp := added.Ops[0].Span
	sp.Label = "ORG"
	act(t, two, store.Action{Name: "label ORG", Ops: []store.Op{{Kind: store.OpSetSpan, Article: a.ID, Span: sp}}})
	// One's undo would delete the span two has relabelled since: refused.
	_, ok, err := one.Undo(bg)
	if ok || !errors.Is(err, store.ErrConflict) || !strings.Contains(err.Error(), "another session") {
		t.Fatalf("undo over another session's change: ok %v, %v", ok, err)
	}
	if got := labels(doc(t, one, a.ID)); got != "Ilse Varga/ORG" {
		t.Fatalf("a refused undo changed the layer: %q", got)
	}
	act(t, two, store.Action{Name: "delete", Ops: []store.Op{{Kind: store.OpDelSpan, Article: a.ID, Span: model.Span{ID: sp.ID}}}})
	if _, _, err := one.Undo(bg); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("undo of a span deleted in another session: %v", err)
	}
}

func testOtherSessions(t *testing.T, open func(string) store.Store) {
	one, two, bob := open("alice"), open("alice"), open("bob")
	ss, ok := one.(store.SessionStore)
	if !ok {
		t.Fatal("the store does not offer SessionStore")
	}
	for _, s := range []store.Store{one, two, bob} {
		if err := s.(store.SessionStore).Announce(bg); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := ss.OtherSessions(bg); n != 1 || err != nil {
		t.Fatalf("other sessions of alice: %d %v", n, err)
	}
	if ss.SessionID() == two.(store.SessionStore).SessionID() || ss.SessionID() == "" {
		t.Fatal("two sessions share an id")
	}
	two.Close()
	if n, err := ss.OtherSessions(bg); n != 0 || err != nil {
		t.Fatalf("after the other closed: %d %v", n, err)
	}
}

func testLayerView(t *testing.T, open func(string) store.Store) {
	alice, bob := open("alice"), open("bob")
	a := StoryArticle("x.txt")
	act(t, alice, Tag(a, SpanOf(t, Story, "Ilse Varga", "PERSON")))
	view := bob.(store.LayeredStore).Layer("alice")
	if got := labels(doc(t, view, a.ID)); got != "Ilse Varga/PERSON" {
		t.Fatalf("alice's layer seen from bob: %q", got)
	}
	if _, err := view.Do(bg, Tag(a, SpanOf(t, Story, "Kyōto", "GPE"))); err == nil {
		t.Fatal("a write through another annotator's layer")
	}
	if _, _, err := view.Undo(bg); err == nil {
		t.Fatal("an undo through another annotator's layer")
	}
	view.Close()
	if _, _, err := bob.Doc(bg, a.ID); err != nil {
		t.Fatalf("closing a layer view closed the store: %v", err)
	}
}

func testDupLabelsPerLayer(t *testing.T, open func(string) store.Store) {
	alice, bob := open("alice"), open("bob")
	label := func(s store.Store, a, b string, l model.DupLabel) {
		act(t, s, store.Action{Name: "label pair", Ops: []store.Op{{Kind: store.OpSetDupLabel, A: a, B: b, DupLabel: l}}})
	}
	label(alice, "b.txt", "a.txt", model.LabelDuplicate)
	label(bob, "a.txt", "b.txt", model.LabelNotDup)
	act(t, alice, store.Action{Name: "canonical", Ops: []store.Op{{Kind: store.OpSetCanonical, Article: "a.txt", Flag: true}}})
	pa, _ := alice.DupLabels(bg)
	pb, _ := bob.DupLabels(bg)
	if len(pa) != 1 || pa[0].A != "a.txt" || pa[0].Label != model.LabelDuplicate || len(pb) != 1 || pb[0].Label != model.LabelNotDup {
		t.Fatalf("pair labels: alice %+v bob %+v", pa, pb)
	}
	ca, _ := alice.Canonicals(bg)
	cb, _ := bob.Canonicals(bg)
	if !ca["a.txt"] || len(cb) != 0 {
		t.Fatalf("canonicals: alice %v bob %v", ca, cb)
	}
	undo(t, alice)
	undo(t, alice)
	if pa, _ := alice.DupLabels(bg); len(pa) != 0 {
		t.Fatalf("after undo: %+v", pa)
	}
	if pb, _ := bob.DupLabels(bg); len(pb) != 1 {
		t.Fatalf("alice's undo took bob's label: %+v", pb)
	}
}

func testQuotesAndEachDoc(t *testing.T, open func(string) store.Store) {
	s := open("alice")
	a, b := StoryArticle("b.txt"), StoryArticle("a.txt")
	person := act(t, s, Tag(a, SpanOf(t, Story, "Zoë Ng", "PERSON"))).Ops[0].Span
	q := SpanOf(t, Story, "We are done,", "")
	qa := model.QuoteAnn{Start: q.Start, End: q.End, Text: q.Text, Speaker: "Zoë Ng", SpeakerSpan: person.ID, Kind: model.QuoteDirect}
	got := act(t, s, store.Action{Name: "quote", Article: a, Ops: []store.Op{{Kind: store.OpAddQuote, Article: a.ID, Quote: qa}}})
	if got.Ops[0].Quote.ID == 0 {
		t.Fatal("the quotation got no id")
	}
	act(t, s, Tag(b, SpanOf(t, Story, "Kyōto", "GPE")))
	act(t, s, store.Action{Name: "done", Ops: []store.Op{{Kind: store.OpSetStatus, Article: b.ID, Status: model.StatusDone}}})
	var all, done []string
	s.EachDoc(bg, store.DocFilter{}, func(d *store.ExportDoc) error {
		all = append(all, d.ArticleID+":"+labels(&d.Doc))
		if d.ArticleID == "b.txt" && (len(d.Quotes) != 1 || d.Quotes[0].Speaker != "Zoë Ng" || d.Quotes[0].SpeakerSpan != person.ID) {
			t.Errorf("b.txt's quotations: %+v", d.Quotes)
		}
		return nil
	})
	s.EachDoc(bg, store.DocFilter{OnlyDone: true}, func(d *store.ExportDoc) error {
		done = append(done, d.ArticleID)
		return nil
	})
	if strings.Join(all, ";") != "a.txt:Kyōto/GPE;b.txt:Zoë Ng/PERSON" || strings.Join(done, ";") != "a.txt" {
		t.Fatalf("EachDoc: %q, only done: %q", all, done)
	}
	d, ok, err := s.ExportDocByID(bg, "b.txt")
	if err != nil || !ok || len(d.Quotes) != 1 || len(d.Spans) != 1 {
		t.Fatalf("ExportDocByID: %v %v %+v", ok, err, d)
	}
	br, ok, err := s.Brief(bg, "b.txt")
	if err != nil || !ok || br.Length != model.RuneLen(Story) || br.Source != "Wire" {
		t.Fatalf("Brief: %+v %v %v", br, ok, err)
	}
}

func testImportTx(t *testing.T, open func(string) store.Store) {
	s := open("alice")
	tx, err := s.BeginImport(bg)
	if err != nil {
		t.Fatal(err)
	}
	a := StoryArticle("x.txt")
	if err := tx.AddArticle(bg, a, "alice"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Savepoint(bg); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.AddSpan(bg, a.ID, SpanOf(t, Story, "Ilse Varga", "PERSON")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Release(bg); err != nil {
		t.Fatal(err)
	}
	if err := tx.Savepoint(bg); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.AddSpan(bg, a.ID, SpanOf(t, Story, "Kyōto", "GPE")); err != nil {
		t.Fatal(err)
	}
	if err := tx.RollbackTo(bg); err != nil {
		t.Fatal(err)
	}
	if d, ok, err := tx.Doc(bg, a.ID); err != nil || !ok || labels(d) != "Ilse Varga/PERSON" {
		t.Fatalf("inside the import: %v %v", ok, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := labels(doc(t, s, a.ID)); got != "Ilse Varga/PERSON" {
		t.Fatalf("after the import: %q", got)
	}
	if _, ok, _ := s.Undo(bg); ok {
		t.Fatal("an import is in the undo log")
	}
	if rc, ok := s.(store.ReviewCounter); ok {
		if n, err := rc.Unreviewed(bg); err != nil || len(n) != 0 {
			t.Fatalf("unreviewed %v %v", n, err)
		}
	}
}

func testSnapshots(t *testing.T, open func(string) store.Store) {
	s := open("alice")
	for _, id := range []string{"é.txt", "b.txt", "Z.txt"} {
		act(t, s, Tag(StoryArticle(id), SpanOf(t, Story, "Monday", "DATE")))
	}
	ids, err := s.ArticleIDs(bg)
	// Byte order, as Go compares strings: upper case before lower, é last.
	if err != nil || strings.Join(ids, ",") != "Z.txt,b.txt,é.txt" {
		t.Fatalf("ids %q %v", ids, err)
	}
	a, ok, err := s.Snapshot(bg, "b.txt")
	if err != nil || !ok || a.Text != Story || a.Meta["k"] != "v" || a.Source != "Wire" {
		t.Fatalf("snapshot %+v %v %v", a, ok, err)
	}
	var n int
	if err := s.EachSnapshot(bg, func(*model.Article) error { n++; return nil }); err != nil || n != 3 {
		t.Fatalf("EachSnapshot %d %v", n, err)
	}
}

func testState(t *testing.T, open func(string) store.Store) {
	s := open("alice")
	if v, err := s.State(bg, "k"); v != "" || err != nil {
		t.Fatalf("unset state %q %v", v, err)
	}
	if err := s.SetState(bg, "k", "1"); err != nil {
		t.Fatal(err)
	}
	s.SetState(bg, "k", "2")
	if v, _ := s.State(bg, "k"); v != "2" {
		t.Fatalf("state %q", v)
	}
}
