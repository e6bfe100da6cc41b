package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// The whole of a message the bar cut, on the problems screen (!).

// longStorePath is a store path as deep as real ones get.
func longStorePath(t *testing.T) string {
	return filepath.Join(t.TempDir(), "newsroom", "2024 elections", "coverage", ".storydesk", "annotations.db")
}

// overlayText is the problems screen's lines, unstyled and joined, with
// the wrapping undone (each line trimmed, joined by spaces).
func overlayText(m *Model) string {
	var parts []string
	box, _ := onStack[*widgets.InfoScreen](m)
	for _, l := range box.Lines() {
		parts = append(parts, strings.TrimSpace(sgrRE.ReplaceAllString(l, "")))
	}
	return strings.Join(parts, " ")
}

// TestCutStoreErrorReadInFull: at 80 columns a read-only refusal keeps its
// reason in the bar, ends by pointing at !, and ! shows it whole — path and
// advice — under "This session" with its time, wrapped inside the screen.
func TestCutStoreErrorReadInFull(t *testing.T) {
	path := longStorePath(t)
	real := openStore(t, path)
	serr := &store.Error{Path: path, Fault: store.FaultReadOnly, Err: errors.New("attempt to write a readonly database (8)")}
	fs := &failingStore{SQLite: real, err: serr}
	m := NewFromSource(entitySource(), Options{NoColor: true, Workers: 1, Store: fs, Annotator: "tester"})
	at := time.Date(2024, 5, 6, 14, 3, 9, 0, time.Local)
	m.bar.now = func() time.Time { return at }
	send(t, m, teaSize(80, 24))
	drive(t, m, m.Init())
	enterAnnotate(t, m)
	apress(t, m, "w", "shift+right", "1")
	want := "Not saved: " + serr.Error()
	if m.bar.message != want {
		t.Fatalf("message %q, want %q", m.bar.message, want)
	}
	bar := statusRow(m)
	if !strings.Contains(bar, "Not saved: read-only") || !strings.HasSuffix(strings.TrimRight(bar, " "), "(! for details)") && !strings.HasSuffix(strings.TrimRight(bar, " "), "(!)") {
		t.Fatalf("the bar should keep the reason and point at !:\n%q", bar)
	}
	if strings.Contains(bar, "choose another store") {
		t.Fatalf("the message fits at 80 columns after all (the test proves nothing): %q", bar)
	}
	press(t, m, "!")
	if screenName(m) != "problems" {
		t.Fatal("! did not open the problems screen")
	}
	checkFrame(t, m, 80, 24)
	got := overlayText(m)
	if !strings.Contains(got, "This session") || !strings.Contains(got, "14:03:09") {
		t.Errorf("no section with the time:\n%s", got)
	}
	// Wrapped lines rejoin to the message (a path may wrap at a slash).
	if joined := strings.ReplaceAll(got, " ", ""); !strings.Contains(joined, strings.ReplaceAll(want, " ", "")) {
		t.Errorf("the message is not there whole:\n%s\nwant %s", got, want)
	}
	for _, w := range []string{path, "fix the permissions or choose another store with --db"} {
		if !strings.Contains(strings.ReplaceAll(got, " ", ""), strings.ReplaceAll(w, " ", "")) {
			t.Errorf("%q missing from the problems screen:\n%s", w, got)
		}
	}
	if !strings.Contains(got, "Inputs") || !strings.Contains(got, "No problems: every input was read.") {
		t.Errorf("the inputs' section is gone:\n%s", got)
	}
	// The same refusal again is counted, not repeated.
	press(t, m, "esc")
	apress(t, m, "1")
	press(t, m, "!")
	if got := overlayText(m); strings.Count(got, "Not saved: read-only") != 1 || !strings.Contains(got, "(×2)") {
		t.Errorf("a repeated refusal should show once, counted:\n%s", got)
	}
	// Narrow: the screen still fits and rewraps.
	for _, sz := range [][2]int{{40, 12}, {20, 6}, {250, 70}} {
		send(t, m, teaSize(sz[0], sz[1]))
		checkFrame(t, m, sz[0], sz[1])
	}
}

// statusRow is the status bar's row of the frame, unstyled.
func statusRow(m *Model) string {
	lines := strings.Split(plain(m), "\n")
	if m.helpH() > 0 {
		return lines[len(lines)-2]
	}
	return lines[len(lines)-1]
}

// TestStatusLineCut: a message that fits is not marked cut and gets no
// pointer; one that does not is cut, keeps its start and, when the
// message keeps most of its room, ends with the pointer.
func TestStatusLineCut(t *testing.T) {
	st := ui.NewStyles(true, true)
	base := widgets.StatusInfo{Mode: "READ", Percent: -1, More: "!"}
	for _, c := range []struct {
		w        int
		msg      string
		cut      bool
		pointer  string // expected ending
		keepsMsg string
	}{
		{80, "Tagged PERSON", false, "", "Tagged PERSON"},
		{80, strings.Repeat("long words ", 12), true, "(! for details)", "long words long words"},
		{50, strings.Repeat("long words ", 12), true, "(!)", "long words long words"},
		{30, strings.Repeat("long words ", 12), true, "…", "long words"},
	} {
		info := base
		info.Message = c.msg
		line, cut := widgets.StatusLine(st, c.w, info)
		p := strings.TrimRight(sgrRE.ReplaceAllString(line, ""), " ")
		if cut != c.cut || ui.TextWidth(sgrRE.ReplaceAllString(line, "")) != c.w {
			t.Errorf("w %d: cut %v (want %v), width %d:\n%q", c.w, cut, c.cut, ui.TextWidth(p), p)
		}
		if c.pointer != "" && !strings.HasSuffix(p, c.pointer) {
			t.Errorf("w %d: %q does not end %q", c.w, p, c.pointer)
		}
		if c.pointer == "…" && strings.Contains(p, "(!") {
			t.Errorf("w %d: no room for a pointer, yet %q", c.w, p)
		}
		if !strings.Contains(p, c.keepsMsg) {
			t.Errorf("w %d: %q lost the message's start", c.w, p)
		}
	}
	// Without a key to point at, no pointer.
	info := base
	info.More, info.Message = "", strings.Repeat("long words ", 12)
	if line, cut := widgets.StatusLine(st, 80, info); !cut || strings.Contains(line, "(!") {
		t.Errorf("no key: %q", line)
	}
}

// TestMessageLogKeepsCutMessagesOnce: a message cut by the bar is kept
// once however often it is drawn; one that fits is not kept; the log is
// bounded; and nothing in it reaches the terminal as a control.
func TestMessageLogKeepsCutMessagesOnce(t *testing.T) {
	m := start(t, entitySource(), 60, 20)
	m.bar.message = "Short"
	plain(m)
	if m.bar.log.Len() != 0 {
		t.Fatalf("a message that fits was kept: %+v", m.bar.log.Entries())
	}
	long := "An export wrote to /very/long/destination/folder/for/the/corpus/exports/run-2024-05-06/annotations.jsonl"
	m.bar.message = long
	for range 5 {
		plain(m)
	}
	send(t, m, teaSize(50, 20))
	plain(m)
	if m.bar.log.Len() != 1 || m.bar.log.Entries()[0].Text != long || m.bar.log.Entries()[0].N != 1 {
		t.Fatalf("a cut message drawn again and again: %+v", m.bar.log.Entries())
	}
	for i := range widgets.MsgLogMax + 20 {
		m.fail(fmt.Sprintf("Not saved: failure %d", i), nil)
	}
	if n := m.bar.log.Len(); n != widgets.MsgLogMax || !strings.HasSuffix(m.bar.log.Entries()[n-1].Text, fmt.Sprint(widgets.MsgLogMax+19)) {
		t.Fatalf("log of %d, last %q", n, m.bar.log.Entries()[n-1].Text)
	}
	m.fail("Not saved: \x1b]52;c;aGk=\x07 hostile \x9b2J name", nil)
	press(t, m, "!")
	if bad := contentControls(content(m)); len(bad) > 0 {
		t.Fatalf("controls on the problems screen: %q", bad)
	}
}

// damagedStore writes a closed store of n annotated articles and flips the
// header of a page in the middle of the file: damage only reading that page
// finds. It returns the damaged bytes.
func damagedStore(t *testing.T, path string, n int) []byte {
	t.Helper()
	st, err := store.OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("Mayor Ilse Varga of Port Ellis met the Harbour Board on Monday. ", 20)
	for i := range n {
		id := fmt.Sprintf("d%04d.txt", i)
		a := &model.Article{ID: id, Text: text}
		act := store.Action{Name: "tag", Article: a, Ops: []store.Op{{Kind: store.OpAddSpan, Article: id, Span: model.Span{Start: 6, End: 16, Label: "PERSON", Text: "Ilse Varga"}}}}
		if _, err := st.Do(context.Background(), act); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := len(b) / 4096 / 2
	for i := page * 4096; i < page*4096+12; i++ {
		b[i] ^= 0xff
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBackgroundCheckDamageShownAtOnce: a store checked in the background
// (as stores over 32 MB are) opens; when the check finds damage the bar
// says so at once — damaged, the file, README Recovery — before any save
// was tried, the whole error is on the problems screen, the standing note
// stays, a save is refused, and the file is untouched.
func TestBackgroundCheckDamageShownAtOnce(t *testing.T) {
	path := longStorePath(t)
	os.MkdirAll(filepath.Dir(path), 0o755)
	bad := damagedStore(t, path, 200)
	st, err := store.OpenSQLiteWith(path, "tester", store.SQLiteOptions{CheckInBackgroundOver: -1})
	if err != nil {
		t.Fatalf("a store checked in the background is refused at open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	m := NewFromSource(entitySource(), Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond})
	send(t, m, teaSize(120, 30))
	if m.bar.storeNote != "" {
		t.Fatalf("damage announced before the check ran: %q", m.bar.storeNote)
	}
	drive(t, m, m.Init()) // runs the wait for the check, as the program does off the UI
	if m.bar.storeNote != "damaged store" {
		t.Fatalf("standing note %q after the check; message %q", m.bar.storeNote, m.bar.message)
	}
	for _, w := range []string{"Damaged store", path, "README, Recovery"} {
		if !strings.Contains(m.bar.message, w) {
			t.Errorf("message %q lacks %q", m.bar.message, w)
		}
	}
	if !strings.Contains(statusRow(m), "Damaged store") {
		t.Errorf("the bar does not say it:\n%s", statusRow(m))
	}
	press(t, m, "!")
	got := strings.ReplaceAll(overlayText(m), " ", "")
	if !strings.Contains(got, strings.ReplaceAll(st.Damaged().Error(), " ", "")) {
		t.Errorf("the whole error is not on the problems screen:\n%s\nwant %s", overlayText(m), st.Damaged())
	}
	press(t, m, "esc")
	// The note outlives the next message; a save is refused.
	enterAnnotate(t, m)
	apress(t, m, "w", "shift+right", "1")
	if !strings.HasPrefix(m.bar.message, "Not saved: damaged") {
		t.Errorf("save into a damaged store: %q", m.bar.message)
	}
	m.bar.message = "Something else"
	if !strings.Contains(statusRow(m), "damaged store") {
		t.Errorf("the standing note is gone:\n%s", statusRow(m))
	}
	if m.sess.SaveState(session.UIState{Article: "a.txt"}, "a.txt", 3) != nil {
		t.Error("the reader still saves its position into a damaged store")
	}
	st.Close()
	if got, _ := os.ReadFile(path); string(got) != string(bad) {
		t.Error("the damaged file was written to")
	}
}

// readOnlyStore is a real store reporting it was opened read-only (as
// OpenStore does for a file or folder that cannot be written: tested as an
// unprivileged user in data), its writes refused with that error.
type roStore struct {
	*store.SQLite
	err error
}

func (r *roStore) ReadOnly() error { return r.err }
func (r *roStore) Do(ctx context.Context, act store.Action) (store.Action, error) {
	return act, r.err
}
func (r *roStore) SetState(ctx context.Context, k, v string) error { return r.err }

// TestReadOnlyStoreSaidFromTheStart: the first frame says "read-only
// store: annotations cannot be saved", naming the file; reading goes on;
// a save is refused visibly; moving between articles does not pile up
// failed position saves over what the user is doing.
func TestReadOnlyStoreSaidFromTheStart(t *testing.T) {
	path := tempDB(t)
	ro := &roStore{SQLite: openStore(t, path)}
	ro.err = &store.Error{Path: path, Fault: store.FaultReadOnly, Err: errors.New("opened read-only: its folder cannot be written")}
	m := NewFromSource(entitySource(), Options{NoColor: true, Workers: 1, Store: ro, Annotator: "tester", saveDelay: time.Millisecond})
	send(t, m, teaSize(120, 30))
	drive(t, m, m.Init())
	if !strings.HasPrefix(m.bar.message, "Read-only store: annotations cannot be saved to "+path) {
		t.Fatalf("message %q", m.bar.message)
	}
	if !strings.Contains(statusRow(m), "Read-only store: annotations cannot be saved") {
		t.Errorf("bar:\n%s", statusRow(m))
	}
	press(t, m, "j", "j", "k")
	if strings.Contains(m.bar.message, "Could not save") {
		t.Errorf("a failed position save shown: %q", m.bar.message)
	}
	if !strings.Contains(statusRow(m), "read-only store") {
		t.Errorf("the standing note is gone:\n%s", statusRow(m))
	}
	press(t, m, "g")
	enterAnnotate(t, m)
	apress(t, m, "w", "shift+right", "1")
	if !strings.HasPrefix(m.bar.message, "Not saved: read-only: annotation store "+path) || len(m.pane().Spans()) != 0 {
		t.Errorf("a save into a read-only store: %q, spans %+v", m.bar.message, m.pane().Spans())
	}
	press(t, m, "esc")
	press(t, m, "!")
	if got := overlayText(m); !strings.Contains(got, "opened read-only: its folder cannot be written") {
		t.Errorf("the reason is not on the problems screen:\n%s", got)
	}
}

// TestReadCountKeepsAnError: the "Read N articles" that ends loading does
// not cover an error shown meanwhile (a store that could not be read).
func TestReadCountKeepsAnError(t *testing.T) {
	start := func() (*Model, tea.Cmd) {
		src := &gatedSource{fakeSource: entitySource(), n: 1, gate: make(chan struct{})}
		close(src.gate)
		m := NewFromSource(src, Options{NoColor: true, Workers: 1})
		send(t, m, teaSize(100, 20))
		_, next := m.Update(m.Init()()) // one batch: still reading
		return m, next
	}
	m, rest := start()
	m.fail("Cannot read annotation statuses: damaged: annotation store x", nil)
	drive(t, m, rest)
	if !strings.HasPrefix(m.bar.message, "Cannot read annotation statuses") {
		t.Errorf("the error was covered: %q", m.bar.message)
	}
	m, rest = start()
	m.bar.message = "Loading…"
	drive(t, m, rest)
	if m.bar.message != "Read 3 articles" {
		t.Errorf("message %q", m.bar.message)
	}
}
