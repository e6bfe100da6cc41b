package quotes_test

import (
	"sort"

	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/model/quote"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/internal/celltest"
	"storydesk/tui/quotes"
	"storydesk/tui/ui"
)

// Most tests run on the embedded sample corpus: its wire story
// (wire-ferry-ap.txt) has eight quotations of every cue style, and three
// other articles carry some of them.

const (
	ferry     = "wire-ferry-ap.txt"
	qCity     = "This city has lost its mothers"
	qLooking  = "We will not stop looking"
	qRace     = "a race against the sea"
	qFamilies = "The families deserve nothing less."
)

// ferryHarness is the sample in annotate mode on the wire story, quotes
// mode on.
func ferryHarness(t *testing.T) *harness {
	t.Helper()
	arts, i := sampleArticles(t, ferry)
	h := newHarness(t, arts, 120, 38)
	h.openQuotes(i)
	return h
}

func TestStepAcceptLinkUndo(t *testing.T) {
	h := ferryHarness(t)
	text := h.Pane().Text()
	// The attribution of the first quotation, tagged as a person first.
	varga := h.tag("Ilse Varga", 0, "1")
	if h.Mode() != "QUOTES" {
		t.Fatalf("mode %q", h.Mode())
	}

	// n/N step through the detections in text order, the cursor on each.
	h.Press("g")
	var starts []int
	for i := 0; i < 8; i++ {
		h.Press("n")
		q := h.cur()
		if cs, _ := h.Pane().CursorRange(); cs != q.Start {
			t.Fatalf("cursor at %d, quotation at %d", cs, q.Start)
		}
		starts = append(starts, q.Start)
	}
	for i := 1; i < len(starts); i++ {
		if starts[i] <= starts[i-1] {
			t.Fatalf("n does not go forward: %v", starts)
		}
	}
	if want := len(quote.Detect(text)); len(starts) != want || len(h.q.Quotations()) != want {
		t.Fatalf("stepped %d, listed %d, detector finds %d", len(starts), len(h.q.Quotations()), want)
	}
	h.Press("n")
	if h.Host.Msg != "Wrapped to the first quotation" || h.cur().Start != starts[0] {
		t.Fatalf("n past the last: %q", h.Host.Msg)
	}
	h.Press("N")
	if h.cur().Start != starts[7] {
		t.Fatal("N from the first does not wrap to the last")
	}

	// enter accepts with the suggested speaker, linked to the tagged mention.
	h.Press("g")
	city := h.stepTo(qCity)
	if city.Status != quotes.Suggested || city.Speaker != "Ilse Varga" {
		t.Fatalf("suggestion %+v", city)
	}
	h.Press("enter")
	qs := h.quotes(ferry)
	if len(qs) != 1 {
		t.Fatalf("stored %+v", qs)
	}
	q := qs[0]
	if q.Status != model.QuoteAccepted || q.Speaker != "Ilse Varga" || q.SpeakerSpan != varga.ID || q.Kind != model.QuoteDirect ||
		q.Text != model.RuneSlice(text, q.Start, q.End) || !strings.HasPrefix(q.Text, qCity) {
		t.Fatalf("stored quotation %+v (Varga span %d)", q, varga.ID)
	}
	if !strings.Contains(h.Host.Msg, "linked to PERSON") {
		t.Fatalf("message after accept: %q", h.Host.Msg)
	}
	// The mention the attribution rests on is stored with it: the
	// detector's, which is the tagged name here.
	var det *quote.Quote
	for _, d := range quote.Detect(text) {
		if d.Start == q.Start {
			det = &d
		}
	}
	if det == nil || det.SpeakerEnd <= det.SpeakerStart || q.MentionStart != det.SpeakerStart || q.MentionEnd != det.SpeakerEnd ||
		!strings.Contains(model.RuneSlice(text, q.MentionStart, q.MentionEnd), "Ilse Varga") {
		t.Fatalf("mention %d–%d, detector %+v", q.MentionStart, q.MentionEnd, det)
	}
	// The cursor went on to the next quotation; N is back on the accepted one.
	if c := h.cur(); c.Status != quotes.Suggested || !strings.HasPrefix(c.Text, qLooking) {
		t.Fatalf("after accepting, the cursor is on %+v", c)
	}
	h.Press("N")
	if c := h.cur(); c.Status != model.QuoteAccepted || !strings.HasPrefix(c.Text, qCity) {
		t.Fatalf("accepted quotation shows as %+v", c)
	}
	h.Press("enter")
	if !strings.HasPrefix(h.Host.Msg, "Already accepted") || len(h.quotes(ferry)) != 1 || !strings.HasPrefix(h.cur().Text, qCity) {
		t.Fatalf("enter on an accepted one: %q (the cursor stays)", h.Host.Msg)
	}
	// The next one inherits its speaker from the same attribution.
	h.stepTo(qLooking)
	h.Press("enter")
	qs = h.quotes(ferry)
	if len(qs) != 2 || qs[1].Speaker != "Ilse Varga" || qs[1].SpeakerSpan != varga.ID {
		t.Fatalf("inherited speaker: %+v", qs)
	}

	// Undo and redo, through the same queue.
	h.Press("u")
	if qs = h.quotes(ferry); len(qs) != 1 || !strings.HasPrefix(h.Host.Msg, "Undid: accept quotation") {
		t.Fatalf("undo: %+v %q", qs, h.Host.Msg)
	}
	h.Press("g")
	if c := h.stepTo(qLooking); c.Status != quotes.Suggested {
		t.Fatalf("undone quotation shows as %s", c.Status)
	}
	h.Press("ctrl+r")
	if qs = h.quotes(ferry); len(qs) != 2 || qs[1].SpeakerSpan != varga.ID {
		t.Fatalf("redo: %+v", qs)
	}

	// Deleting the speaker's span unlinks the quotations; undo links them again.
	h.MoveTo("Ilse Varga", 0)
	h.Press("Q", "x") // x deletes spans outside quotes mode
	for _, q := range h.quotes(ferry) {
		if q.SpeakerSpan != 0 || q.Speaker != "Ilse Varga" {
			t.Fatalf("deleted speaker span still linked: %+v", q)
		}
	}
	h.Press("u")
	for _, q := range h.quotes(ferry) {
		if q.SpeakerSpan != varga.ID {
			t.Fatalf("undo did not restore the link: %+v", q)
		}
	}
}

func TestSpeakerKindRejectAndHandTag(t *testing.T) {
	h := ferryHarness(t)
	hook := h.q.Hook()
	h.Press("Q") // quotes mode off: tag entities with 1–9 and move freely
	h.tag("Jonas Ekholm", 0, "1")
	annika := h.tag("Annika Sjöberg", 0, "1")
	union := h.tag("Northern Seafarers' Union", 0, "2")
	h.Press("Q", "g")

	// Pick another speaker: the prompt lists the tagged people and
	// organisations, the suggestion first; tab cycles through them.
	h.stepTo(qRace)
	h.Press("s")
	v := celltest.Plain(h.View())
	for _, want := range []string{"Speaker of “a race against the sea”", "→ Jonas Ekholm ", "> Jonas Ekholm  PERSON ×1 · suggested", "Northern Seafarers' Union  ORG ×1"} {
		if !strings.Contains(v, want) {
			t.Fatalf("prompt lacks %q:\n%s", want, v)
		}
	}
	if _, ok := h.Host.Top().(ui.TextEntry); !ok || h.Mode() != "QUOTES" {
		t.Fatalf("the prompt is not a text entry over quotes mode (mode %s)", h.Mode())
	}
	// The suggestion is selected: the first letter typed replaces it.
	h.TypeText("ann")
	if !strings.Contains(celltest.Plain(h.View()), "→ ann ") {
		t.Fatalf("typing over the suggestion:\n%s", celltest.Plain(h.View()))
	}
	if v := celltest.Plain(h.View()); !strings.Contains(v, "Annika Sjöberg  PERSON") || strings.Contains(v, "Jonas Ekholm  PERSON") {
		t.Fatalf("completion for “ann”:\n%s", v)
	}
	h.Press("tab", "enter")
	q := h.mustStored(ferry, qRace)
	if q.Speaker != "Annika Sjöberg" || q.SpeakerSpan != annika.ID || q.Status != model.QuoteAccepted || q.Kind != model.QuotePartial {
		t.Fatalf("picked speaker: %+v", q)
	}
	// An organisation picked with the arrows.
	h.Press("s", "ctrl+u")
	h.TypeText("union")
	h.Press("down", "enter")
	if q = h.mustStored(ferry, qRace); q.Speaker != "Northern Seafarers' Union" || q.SpeakerSpan != union.ID {
		t.Fatalf("organisation: %+v", q)
	}
	// A name typed that is no tagged entity: stored, not linked.
	h.Press("s", "ctrl+u")
	h.TypeText("a coast guard spokesman")
	h.Press("enter")
	if q = h.mustStored(ferry, qRace); q.Speaker != "a coast guard spokesman" || q.SpeakerSpan != 0 {
		t.Fatalf("typed speaker: %+v", q)
	}
	h.Press("u")
	if q = h.mustStored(ferry, qRace); q.Speaker != "Northern Seafarers' Union" || q.SpeakerSpan != union.ID {
		t.Fatalf("undo speaker: %+v", q)
	}
	h.Press("ctrl+r", "s", "esc")
	if q = h.mustStored(ferry, qRace); q.Speaker != "a coast guard spokesman" || h.Host.Msg != "Speaker unchanged" {
		t.Fatalf("redo speaker / cancel: %+v %q", q, h.Host.Msg)
	}

	// Kind: t cycles direct → partial → paraphrase → scare.
	h.Press("t")
	if q = h.mustStored(ferry, qRace); q.Kind != model.QuoteParaphrase {
		t.Fatalf("t from partial: %s", q.Kind)
	}
	h.Press("t")
	if q = h.mustStored(ferry, qRace); q.Kind != model.QuoteScare {
		t.Fatalf("t again: %s", q.Kind)
	}
	h.Press("u")
	if q = h.mustStored(ferry, qRace); q.Kind != model.QuoteParaphrase {
		t.Fatalf("undo kind: %s", q.Kind)
	}
	h.Press("ctrl+r", "u")
	if q = h.mustStored(ferry, qRace); q.Kind != model.QuoteParaphrase {
		t.Fatalf("redo and undo kind: %s", q.Kind)
	}
	// t on a suggestion accepts it with the next kind.
	h.stepTo("The lights went out")
	h.Press("t")
	if q = h.mustStored(ferry, "The lights went out"); q.Kind != model.QuotePartial || q.Speaker != "Annika Sjöberg" || q.SpeakerSpan != annika.ID {
		t.Fatalf("t on a suggestion: %+v", q)
	}

	// Reject a detection: stored as rejected, skipped by n, not highlighted.
	fam := h.stepTo(qFamilies)
	h.Press("x")
	if q = h.mustStored(ferry, qFamilies); q.Status != model.QuoteRejected {
		t.Fatalf("reject: %+v", q)
	}
	if hook.LayerAt(fam.Start) != ui.QLayerNone {
		t.Fatal("a rejected quotation is still highlighted")
	}
	h.Press("u")
	if _, ok := h.stored(ferry, qFamilies); ok || h.cur().Status != quotes.Suggested || hook.LayerAt(fam.Start) != ui.QLayerSuggested {
		t.Fatal("undoing the rejection should make it a suggestion again")
	}
	h.Press("ctrl+r")
	if q = h.mustStored(ferry, qFamilies); q.Status != model.QuoteRejected || h.cur().Status != model.QuoteRejected {
		t.Fatalf("redo reject: %+v", q)
	}
	h.Press("x")
	if !strings.HasPrefix(h.Host.Msg, "Already rejected") {
		t.Fatalf("x twice: %q", h.Host.Msg)
	}
	for i := 0; i < 10; i++ {
		h.Press("n")
		if h.cur().Start == fam.Start {
			t.Fatal("n stops on a rejected quotation")
		}
	}

	// Tag a quotation by hand from a selection, then its speaker; " works
	// outside quotes mode too, opening it.
	h.Press("Q")
	h.MoveTo("Survivors described", 0)
	for i := 0; i < 6; i++ {
		h.Press("shift+right") // “Survivors described a sudden lurch to one”
	}
	s, e, _ := h.Pane().Selection()
	sel := string(h.Pane().Runes()[s:e])
	h.Press(`"`)
	if !h.q.On() || !strings.Contains(celltest.Plain(h.View()), "New paraphrase quotation “Survivors") {
		t.Fatalf("\" opens no prompt: %q\n%s", h.Host.Msg, celltest.Plain(h.View()))
	}
	h.TypeText("Annika")
	h.Press("tab", "enter")
	q = h.mustStored(ferry, "Survivors described")
	if q.Text != sel || q.Kind != model.QuoteParaphrase || q.Speaker != "Annika Sjöberg" || q.SpeakerSpan != annika.ID || q.Status != model.QuoteAccepted {
		t.Fatalf("hand-tagged: %+v (selection %q)", q, sel)
	}
	if h.Pane().Selecting() || hook.LayerAt(q.Start) != ui.QLayerAccepted {
		t.Fatal("the selection should be consumed and the new quotation highlighted")
	}
	h.Press("u")
	if _, ok := h.stored(ferry, "Survivors described"); ok || hook.LayerAt(q.Start) != ui.QLayerNone {
		t.Fatal("undo did not remove the hand-tagged quotation")
	}
	h.Press("ctrl+r")
	if got := h.mustStored(ferry, "Survivors described"); got != q {
		t.Fatalf("redo hand tag: %+v, want %+v", got, q)
	}
	// x on a quotation tagged by hand deletes it; u brings it back.
	h.Press("x")
	if _, ok := h.stored(ferry, "Survivors described"); ok {
		t.Fatal("x did not delete the hand-tagged quotation")
	}
	h.Press("u")
	h.mustStored(ferry, "Survivors described")
	// A selection over an accepted quotation cannot be tagged again.
	h.MoveTo("Survivors described", 0)
	h.Press("shift+right", `"`)
	if !strings.Contains(h.Host.Msg, "The selection overlaps the quotation") {
		t.Fatalf("overlapping hand tag: %q", h.Host.Msg)
	}
}

func TestWithoutQuotations(t *testing.T) {
	text := "Nothing here names anyone at all; the weather was calm and the sea flat."
	h := newHarness(t, []*model.Article{{ID: "c.txt", Path: "c.txt", Title: "Calm", Text: text, Raw: text}}, 120, 38)
	h.openQuotes(0)
	if len(h.q.Quotations()) != 0 || !strings.Contains(celltest.Plain(h.View()), "No quotations found") {
		t.Fatalf("empty panel:\n%s", celltest.Plain(h.View()))
	}
	h.Press("n")
	if !strings.Contains(h.Host.Msg, "No quotations in this article") {
		t.Fatalf("n with none: %q", h.Host.Msg)
	}
	h.Press("enter")
	if !strings.Contains(h.Host.Msg, "Put the cursor in a quotation") {
		t.Fatalf("enter outside a quotation: %q", h.Host.Msg)
	}
	h.Press(`"`)
	if !strings.Contains(h.Host.Msg, "Select the quoted words first") {
		t.Fatalf("\" without a selection: %q", h.Host.Msg)
	}
	h.Press("C")
	if !strings.Contains(h.Host.Msg, "to find who else carried it") {
		t.Fatalf("C outside a quotation: %q", h.Host.Msg)
	}
	h.Press("esc")
	if h.q.On() || !h.Ann.Active() || h.Mode() != "ANNOTATE" {
		t.Fatal("esc should leave quotes mode, not annotate mode")
	}
	if _, ext := h.Pane().Panel(); ext {
		t.Fatal("the quotes panel stays after quotes mode")
	}
}

// Copies that change the wording: a word replaced, words dropped, U.S./US.
func carrierArticles() []*model.Article {
	texts := []struct{ name, outlet, text string }{
		{"orig.txt", "Civic Wire", "PORT ELLIS — “This city has lost its mothers, its fathers and its children in a single night,” Mayor Ilse Varga said. “The U.S. Navy has been with us since midnight.”"},
		{"one.txt", "Harbour Gazette", "Mayor Ilse Varga said: \"This city has lost its mothers, its fathers and its children in one single night.\" Then she left."},
		{"dropped.txt", "Valley Courier", "“This city has lost its mothers, fathers and children in a single night,” Varga said. “The US navy has been with us since midnight,” she added."},
		{"other.txt", "Meridian Post", "The city has lost its ferry, and its fathers mourned in the night."},
	}
	var arts []*model.Article
	for _, x := range texts {
		arts = append(arts, &model.Article{ID: x.name, Path: x.name, Title: "Ferry story in " + x.outlet, Source: x.outlet, Text: x.text, Raw: x.text, Words: len(strings.Fields(x.text))})
	}
	return arts
}

// The carriers screen: over annotate mode, its own mode and keys, esc
// back to quotes mode; enter opens the carrier with the passage selected.
func TestCarriersScreen(t *testing.T) {
	h := newHarness(t, carrierArticles(), 120, 38)
	h.openQuotes(0)
	h.stepTo(qCity)
	h.Press("C")
	list, sel, open := h.q.Carriers()
	if !open || h.Mode() != "CARRIERS" || len(list) != 2 || sel != 0 {
		t.Fatalf("carriers screen: open %v, mode %s, %+v", open, h.Mode(), list)
	}
	if !strings.Contains(celltest.Plain(h.View()), "Who carried it") || h.Host.Msg != "2 other articles carry it" {
		t.Fatalf("view / message %q:\n%s", h.Host.Msg, celltest.Plain(h.View()))
	}
	top := h.Host.Top()
	for _, k := range []string{"q", "?", "D"} {
		if _, ok := top.HandleKey(annotest.Key(k)); ok {
			t.Fatalf("the carriers screen takes %s (quit, help and the duplicates are everyone's)", k)
		}
	}
	if _, ok := top.HandleKey(annotest.Key("u")); !ok {
		t.Fatal("the carriers screen lets u through")
	}
	h.Press("esc")
	if _, _, open := h.q.Carriers(); open || h.Mode() != "QUOTES" {
		t.Fatalf("esc: mode %s", h.Mode())
	}
	h.Press("C", "j")
	list, sel, _ = h.q.Carriers()
	want := list[sel]
	h.Press("enter")
	s, e, ok := h.Pane().Selection()
	if h.Pane().ID() != want.ID || !ok || s != want.Match.Start || e != want.Match.End || h.Mode() != "SELECT" {
		t.Fatalf("enter: on %s, selection %d–%d %v, want %+v", h.Pane().ID(), s, e, ok, want)
	}
	if !strings.Contains(h.Host.Msg, "carried is selected") {
		t.Fatalf("message %q", h.Host.Msg)
	}
}

func TestCarriersReportDifferences(t *testing.T) {
	h := newHarness(t, carrierArticles(), 120, 38)
	h.openQuotes(0)
	h.stepTo(qCity)
	h.Press("C")
	ids := func() string {
		list, _, _ := h.q.Carriers()
		var out []string
		for _, c := range list {
			out = append(out, c.ID)
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	if got := ids(); got != "dropped.txt one.txt" {
		t.Fatalf("carriers %s", got)
	}
	list, _, _ := h.q.Carriers()
	edits := map[string]int{}
	for _, c := range list {
		edits[c.ID] = c.Match.Edits
	}
	if edits["one.txt"] != 1 || edits["dropped.txt"] != 2 {
		t.Fatalf("edits %v", edits)
	}
	p := celltest.Plain(h.View())
	for _, want := range []string{"2 other articles carry it: 0 with the same wording, 2 changed", "Harbour Gazette · Ferry story in Harbour Gazette", "1 word changed", "2 words changed"} {
		if !strings.Contains(p, want) {
			t.Fatalf("view lacks %q:\n%s", want, p)
		}
	}
	// The changes are marked: the other article's word, and this
	// quotation's words it dropped, each in its diff style.
	st := h.Ctx.Styles
	c := h.Host.Top().View()
	for _, want := range []string{st.QP.DiffDel.Render("a"), st.QP.DiffIns.Render("one"), st.QP.DiffDel.Render("its")} {
		if !strings.Contains(c, want) {
			t.Fatalf("diff mark %q missing:\n%s", want, c)
		}
	}
	// U.S. and US are the same words.
	h.Press("esc")
	h.stepTo("The U.S. Navy")
	h.Press("C")
	if list, _, _ = h.q.Carriers(); ids() != "dropped.txt" || !list[0].Match.Exact() {
		t.Fatalf("U.S./US carriers %+v", list)
	}
	h.Press("esc")
	// Too short to search.
	h.MoveTo("Mayor", 0)
	h.Press("shift+right", "C")
	if _, _, open := h.q.Carriers(); open || !strings.Contains(h.Host.Msg, "Too short to search") {
		t.Fatalf("two words searched: %q", h.Host.Msg)
	}
}

// Accepting moves on to the next quotation to decide, at once: enter typed
// as fast as one likes accepts one quotation per key, in text order,
// skipping decided ones, wrapping round, and staying on the last.
func TestAcceptMovesToTheNextQuotation(t *testing.T) {
	h := ferryHarness(t)
	all := h.q.Quotations()
	h.Press("g")
	h.stepTo(qLooking) // the second: accept it, then the rest from the fourth
	h.Press("x", "n", "n")
	third := h.cur()
	h.Press("N")
	// enter, enter, … with the saves still queued: each press is its own
	// quotation.
	var keys []string
	for range all {
		keys = append(keys, "enter")
	}
	for _, k := range keys[:len(all)-1] {
		h.Press(k)
	}
	got := map[string]string{}
	for _, q := range h.quotes(ferry) {
		got[q.Text] = q.Status
	}
	if len(got) != len(all) {
		t.Fatalf("%d enters after one rejection stored %d quotations: %v", len(all)-1, len(got), got)
	}
	for _, q := range all {
		want := model.QuoteAccepted
		if strings.HasPrefix(q.Text, qLooking) {
			want = model.QuoteRejected
		}
		if got[q.Text] != want {
			t.Fatalf("%q is %q, want %s (third %q)", q.Text, got[q.Text], want, third.Text)
		}
	}
	// Nothing left to decide: enter stays on the last one, saying so.
	before := h.cur()
	h.Press("enter")
	if c := h.cur(); c.Start != before.Start || !strings.HasPrefix(h.Host.Msg, "Already accepted") {
		t.Fatalf("enter with every quotation decided: on %q, %q", c.Text, h.Host.Msg)
	}
}

// The speaker prompt shows the suggested (or current) speaker selected:
// a name typed or pasted replaces it, the editing keys keep it, and enter
// alone keeps it.
func TestSpeakerPromptReplacesTheSuggestion(t *testing.T) {
	h := ferryHarness(t)
	h.stepTo(qRace)
	open := func() {
		t.Helper()
		h.Press("s")
		if !strings.Contains(celltest.Plain(h.View()), "→ Jonas Ekholm ") {
			t.Fatalf("prompt not prefilled:\n%s", celltest.Plain(h.View()))
		}
		// Drawn selected: the prompt's input line holds it in the
		// selection's style.
		st := h.Ctx.Styles
		if !strings.Contains(h.Host.Stack[0].View(), st.P.RowSelected.Render("Jonas Ekholm")) {
			t.Fatal("the suggestion is not drawn selected")
		}
	}
	open()
	h.TypeText("Anders")
	h.Press("enter")
	if q := h.mustStored(ferry, qRace); q.Speaker != "Anders" {
		t.Fatalf("typed over the suggestion: %q", q.Speaker)
	}
	h.Press("u")
	open()
	h.Press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	h.TypeText("Berg")
	h.Press("enter")
	if q := h.mustStored(ferry, qRace); q.Speaker != "Jonas Berg" {
		t.Fatalf("backspace then typing: %q", q.Speaker)
	}
	h.Press("u")
	open()
	h.Press("left")
	h.TypeText("s")
	h.Press("enter")
	if q := h.mustStored(ferry, qRace); q.Speaker != "Jonas Ekholsm" {
		t.Fatalf("an arrow then typing: %q", q.Speaker)
	}
	h.Press("u")
	open()
	h.Press("enter")
	if q := h.mustStored(ferry, qRace); q.Speaker != "Jonas Ekholm" {
		t.Fatalf("enter keeps the suggestion: %q", q.Speaker)
	}
	// Paste replaces it too.
	h.Press("u")
	open()
	h.Host.Top().Update(tea.PasteMsg{Content: "Ilse Varga"})
	h.Press("enter")
	if q := h.mustStored(ferry, qRace); q.Speaker != "Ilse Varga" {
		t.Fatalf("paste over the suggestion: %q", q.Speaker)
	}
}

// Two outlets' versions of one statement: the first prints it whole, the
// second quotes part of it with a word added; the first quotes a pledge in
// 9 words, the second in 10, two edits away (a budget of 2 edits for 10
// words, 1 for 9). Written for these tests.
func carryArticles() []*model.Article {
	texts := []struct{ id, text string }{
		{"whole.txt", "Ministry spokeswoman Lena Hald read the order on Monday: “Every unit of the coast guard is ordered to suspend its exchanges with the foreign agencies. The measure holds while the strikes on fishing boats go on. The fight against smuggling must give way to the rights of the island people.”\n\n" +
			"“We will rebuild the harbour before the winter comes,” Mayor Ilse Varga said."},
		{"part.txt", "The coast guard will stop “its exchanges with the foreign security agencies,” Hald said, without saying for how long.\n\n" +
			"“We will rebuild this harbour well before the winter comes,” the mayor told the council."},
	}
	var arts []*model.Article
	for _, x := range texts {
		arts = append(arts, &model.Article{ID: x.id, Path: x.id, Title: x.id, Source: "Outlet " + x.id, Text: x.text, Raw: x.text})
	}
	return arts
}

// carriersFrom searches from article i's quotation starting with prefix
// and lists what it finds: article and passage.
func carriersFrom(t *testing.T, i int, prefix string) ([]string, *harness) {
	t.Helper()
	h := newHarness(t, carryArticles(), 120, 38)
	h.openQuotes(i)
	h.stepTo(prefix)
	h.Press("C")
	list, _, _ := h.q.Carriers()
	var out []string
	for _, c := range list {
		out = append(out, c.ID+": "+c.Match.Text)
	}
	return out, h
}

// Who carried it is symmetric: a reworded quotation found from one article
// is found from the other too, whichever is longer and whatever edit
// budget each one's length allows.
func TestCarriersSymmetric(t *testing.T) {
	for _, c := range []struct {
		from     int
		prefix   string
		want     string
		part     bool
		wantDiff string
	}{
		// The part, from the whole statement (found only the other way
		// before): its own quotation, marked as carrying part of it.
		{0, "Every unit", "part.txt: its exchanges with the foreign security agencies", true, "part, 1 word changed"},
		{1, "its exchanges", "whole.txt: its exchanges with the foreign agencies", false, "1 word changed"},
		// 9 words (one edit allowed) and 10 (two): two edits apart.
		{0, "We will rebuild the", "part.txt: We will rebuild this harbour well before the winter comes", false, "2 words changed"},
		{1, "We will rebuild this", "whole.txt: We will rebuild the harbour before the winter comes", false, "2 words changed"},
	} {
		got, h := carriersFrom(t, c.from, c.prefix)
		if len(got) != 1 || got[0] != c.want {
			t.Fatalf("from %d %q: carriers %q, want %q", c.from, c.prefix, got, c.want)
		}
		if v := celltest.Plain(h.View()); !strings.Contains(v, c.wantDiff) || c.part != strings.Contains(v, "part,") {
			t.Fatalf("from %d %q: the carrier is not described as %q:\n%s", c.from, c.prefix, c.wantDiff, v)
		}
		// enter selects the other article's passage.
		h.Press("enter")
		list := strings.SplitN(c.want, ": ", 2)
		s, e, ok := h.Pane().Selection()
		if h.Pane().ID() != list[0] || !ok || string(h.Pane().Runes()[s:e]) != list[1] {
			t.Fatalf("from %d %q: enter selects %q in %s", c.from, c.prefix, string(h.Pane().Runes()[s:e]), h.Pane().ID())
		}
	}
}

const petroStory = "Colombian President Gustavo Petro spoke to reporters on Tuesday.\n\n" +
	"“We will not share intelligence while the strikes go on,” he said.\n\n" +
	"Later Petro added: “The fight against smuggling must give way to human rights.”\n\n" +
	"The Northern Seafarers' Union was not consulted. “Nobody asked the crews what they think,” a union spokesman said."

// A quotation's speaker links to the tagged PERSON or ORG it names, in
// full or in part, through the entity's canonical name, and is shown and
// stored by that name.
func TestSpeakerLinksThroughTheEntitysName(t *testing.T) {
	h := newHarness(t, []*model.Article{{ID: "p.txt", Path: "p.txt", Title: "Petro", Text: petroStory, Raw: petroStory}}, 120, 38)
	h.openQuotes(0)
	h.Press("Q")
	full := h.tag("Gustavo Petro", 0, "1")
	union := h.tag("Northern Seafarers' Union", 0, "2")
	h.Press("Q", "g")
	speaker := func(prefix, typed string) model.QuoteAnn {
		t.Helper()
		h.Press("g")
		h.stepTo(prefix)
		h.Press("s")
		h.TypeText(typed)
		h.Press("enter")
		return h.mustStored("p.txt", prefix)
	}
	for _, c := range []struct {
		typed, stored string
		span          int64
	}{
		{"Petro", "Gustavo Petro", full.ID},           // a surname
		{"President Petro", "Gustavo Petro", full.ID}, // with a title
		{"president gustavo petro", "Gustavo Petro", full.ID},
		{"Maria Petro", "Maria Petro", 0}, // someone else
	} {
		q := speaker("We will not share", c.typed)
		if q.Speaker != c.stored || q.SpeakerSpan != c.span {
			t.Fatalf("speaker %q: stored %q linked to %d, want %q linked to %d", c.typed, q.Speaker, q.SpeakerSpan, c.stored, c.span)
		}
		if c.span != 0 && !strings.Contains(h.Host.Msg, "linked to PERSON “Gustavo Petro”") && h.Host.Msg != "Speaker unchanged" {
			t.Fatalf("speaker %q: message %q", c.typed, h.Host.Msg)
		}
	}
	if q := speaker("Nobody asked", "Seafarers' Union"); q.Speaker != "Northern Seafarers' Union" || q.SpeakerSpan != union.ID {
		t.Fatalf("part of an organisation's name: %+v", q)
	}
	if q := speaker("Nobody asked", "a union spokesman"); q.Speaker != "a union spokesman" || q.SpeakerSpan != 0 {
		t.Fatalf("someone speaking for the organisation is not the organisation: %+v", q)
	}

	// Through the canonical name: "Petro" tagged on its own and named
	// Gustavo Petro; the quotation it says is shown, and stored, by that
	// name, and follows it when it changes.
	h.Press("Q")
	short := h.tag("Petro", 1, "1")
	h.Press("c", "ctrl+u")
	h.TypeText("Gustavo F. Petro")
	h.Press("enter", "Q")
	q := speaker("The fight against", "Petro")
	if q.Speaker != "Gustavo F. Petro" || q.SpeakerSpan != short.ID {
		t.Fatalf("through the canonical name: %+v (span %d)", q, short.ID)
	}
	h.Press("Q")
	h.MoveTo("Petro", 1)
	h.Press("c", "ctrl+u")
	h.TypeText("Gustavo Francisco Petro")
	h.Press("enter", "Q", "g")
	if c := h.stepTo("The fight against"); c.Speaker != "Gustavo Francisco Petro" {
		t.Fatalf("the panel shows %q after the canonical name changed", c.Speaker)
	}
	if v := celltest.Plain(h.View()); !strings.Contains(v, "    Gustavo Francisco Petro ") {
		t.Fatalf("panel:\n%s", v)
	}
}
