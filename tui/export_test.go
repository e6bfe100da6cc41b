package tui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/session"
)

// The export (tui/export) end to end: ctrl+e in the reader, keys in, the
// frame and the files out. The menu's own behaviour is tested in its
// package.

var ctrlE = keytest.Key("ctrl+e")

// exportReader is a reader with a store holding one tagged span
// ("Gustavo Petro" in a.txt), in annotate mode.
func exportReader(t *testing.T) (*Model, string) {
	t.Helper()
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	enterAnnotate(t, m)
	moveTo(t, m, "Gustavo", 0)
	apress(t, m, "shift+right", "1")
	if _, spans := spansOf(t, path, "a.txt"); len(spans) != 1 {
		t.Fatalf("fixture: want 1 span, got %v (%q)", spans, m.bar.message)
	}
	return m, path
}

// editPath types a new destination into the open menu.
func editPath(t *testing.T, m *Model, path string) {
	t.Helper()
	press(t, m, "o", "ctrl+u")
	typeText(t, m, path)
	press(t, m, "enter")
}

func TestExportFromTheReader(t *testing.T) {
	m, path := exportReader(t)
	send(t, m, tea.WindowSizeMsg{Width: 240, Height: 40}) // room for the temporary path
	send(t, m, ctrlE)
	if screenName(m) != "export" {
		t.Fatalf("ctrl+e opened no menu: %q", m.bar.message)
	}
	want := filepath.Join(filepath.Dir(path), "annotations.jsonl")
	scr := plain(m)
	for _, s := range []string{"Export  f  jsonl  brat  conll  w3c  csv   o " + want + "  d [ ] only done", "enter export what is saved", "f/F format", "o edit path", "d only done", "esc/q cancel"} {
		if !strings.Contains(scr, s) {
			t.Fatalf("menu lacks %q:\n%s", s, scr)
		}
	}
	// The menu is the status bar; the annotate screen stays above it.
	if strings.Contains(scr, "ANNOTATE") || !strings.Contains(scr, "Gustavo Petro") {
		t.Fatalf("the menu is not in place of the bar:\n%s", scr)
	}
	// The reader shows a test source, not a corpus: no all-articles option.
	if strings.Contains(scr, "all articles") {
		t.Fatalf("all articles offered without a corpus:\n%s", scr)
	}
	if m.View().Cursor != nil {
		t.Error("the menu shows a text cursor while no field is edited")
	}
	send(t, m, keytest.Key("enter"))
	if screenName(m) != "" || strings.Contains(plain(m), "exporting") {
		t.Fatalf("export still open or running: %q", m.bar.message)
	}
	recs := exportedJSONL(t, want)
	if r, ok := recs["a.txt"]; !ok || len(r.Spans) != 1 || r.Spans[0].Text != "Gustavo Petro" || r.Spans[0].Start != runeIndex(t, storyA, "Gustavo Petro", 0) {
		t.Fatalf("the span is not in the export: %+v", recs)
	}
	if !strings.Contains(plain(m), "Exported 1 article (1 span, 0 quotes) to "+want) {
		t.Fatalf("message %q", m.bar.message)
	}
}

type exportedRec struct {
	Meta struct {
		ID string `json:"id"`
	} `json:"meta"`
	Spans []struct {
		Start, End int
		Text       string `json:"text"`
	} `json:"spans"`
	Status string `json:"status"`
}

// exportedJSONL reads a jsonl export by article id.
func exportedJSONL(t *testing.T, path string) map[string]exportedRec {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no export file: %v", err)
	}
	out := map[string]exportedRec{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var rec exportedRec
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("bad line %q: %v", line, err)
		}
		out[rec.Meta.ID] = rec
	}
	return out
}

// The menu has every key while it is open: q and esc close it, not the
// reader, and the status message stays; the letters are its options.
func TestExportMenuKeepsItsKeys(t *testing.T) {
	m, path := exportReader(t)
	dir := filepath.Dir(path)
	send(t, m, ctrlE)
	press(t, m, "q")
	if screenName(m) != "" || !m.annotating() || m.life.quitting || !strings.Contains(plain(m), "Export cancelled") {
		t.Fatalf("q: menu %q annotating %v quitting %v\n%s", screenName(m), m.annotating(), m.life.quitting, plain(m))
	}
	send(t, m, ctrlE)
	press(t, m, "?", "!", "d")
	if screenName(m) != "export" || !strings.Contains(plain(m), "d [x] only done") {
		t.Fatalf("the shared keys reached past the menu (%q):\n%s", screenName(m), plain(m))
	}
	press(t, m, "esc")
	if screenName(m) != "" || !m.annotating() || m.mode() != "ANNOTATE" {
		t.Fatalf("esc: menu %q annotating %v", screenName(m), m.annotating())
	}
	if entries, _ := os.ReadDir(dir); !onlyDB(entries) {
		t.Fatalf("cancelling wrote something: %v", entries)
	}
}

// The destination is edited after o, with the terminal's cursor on the
// status bar row; the help line says the field's keys.
func TestExportMenuEditsThePath(t *testing.T) {
	m, path := exportReader(t)
	dir := filepath.Dir(path)
	send(t, m, ctrlE)
	orig := filepath.Join(dir, "annotations.jsonl")
	press(t, m, "o")
	c := m.View().Cursor
	if c == nil || c.Y != 38 || !strings.Contains(plain(m), "Export to: "+orig) {
		t.Fatalf("o: cursor %v\n%s", c, plain(m))
	}
	if h := plain(m); !strings.Contains(h, "enter keep path") || !strings.Contains(h, "esc back") {
		t.Fatalf("editing help:\n%s", h)
	}
	out := filepath.Join(dir, "sub", "x.jsonl")
	press(t, m, "ctrl+u")
	typeText(t, m, out)
	press(t, m, "enter", "enter")
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("not exported to the edited path: %v (%q)", err, m.bar.message)
	}
	// The next ctrl+e starts from these choices.
	send(t, m, ctrlE)
	if !strings.Contains(plain(m), "o "+out) {
		t.Fatalf("choices not kept:\n%s", plain(m))
	}
}

// A paste reaches the path only while it is edited.
func TestExportMenuIgnoresPasteOutsidePath(t *testing.T) {
	m, path := exportReader(t)
	before := filepath.Join(filepath.Dir(path), "annotations.jsonl")
	send(t, m, tea.WindowSizeMsg{Width: 240, Height: 40}) // room for the temporary path
	send(t, m, ctrlE)
	send(t, m, tea.PasteMsg{Content: "/somewhere/else.jsonl"})
	if scr := plain(m); !strings.Contains(scr, "o "+before) || strings.Contains(scr, "somewhere") {
		t.Fatalf("paste outside editing changed the path:\n%s", scr)
	}
	press(t, m, "o")
	send(t, m, tea.PasteMsg{Content: "x"})
	if scr := plain(m); !strings.Contains(scr, "Export to: "+before+"x") {
		t.Fatalf("paste while editing:\n%s", scr)
	}
}

// d exports only the articles marked done; the choice is shown and kept.
func TestExportMenuOnlyDone(t *testing.T) {
	m, path := exportReader(t)
	st := openStore(t, path)
	b := &model.Article{ID: "b.txt", Path: "b.txt", Title: "Story B", Text: storyB}
	if _, err := st.Do(ctx(), store.Action{Name: "done", Article: b, Ops: []store.Op{{Kind: store.OpSetStatus, Article: "b.txt", Status: model.StatusDone}}}); err != nil {
		t.Fatal(err)
	}
	send(t, m, ctrlE)
	press(t, m, "d")
	if !strings.Contains(plain(m), "d [x] only done") {
		t.Fatalf("d:\n%s", plain(m))
	}
	press(t, m, "enter")
	out := filepath.Join(filepath.Dir(path), "annotations.jsonl")
	recs := exportedJSONL(t, out)
	if len(recs) != 1 || recs["b.txt"].Status != "done" {
		t.Fatalf("only done exported %+v", recs)
	}
	if !strings.Contains(m.bar.message, " — done only") {
		t.Fatalf("message %q", m.bar.message)
	}
	send(t, m, ctrlE)
	if !strings.Contains(plain(m), "d [x] only done") {
		t.Fatal("only done not kept for the next export")
	}
	press(t, m, "d", "enter")
	if recs := exportedJSONL(t, out); len(recs) != 2 {
		t.Fatalf("without only done: %d records", len(recs))
	}
}

// Over a corpus, default names go under its .storydesk/exports, and a
// exports its articles not annotated yet too, as --all-articles does.
func TestExportMenuAllArticles(t *testing.T) {
	root := t.TempDir()
	for i, text := range []string{storyA, storyB, storyC} {
		name := string(rune('a'+i)) + ".txt"
		if err := os.WriteFile(filepath.Join(root, name), []byte("Story "+name+"\n\n"+text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := corpus.Open([]string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, tempDB(t))
	m := New(c, Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond})
	send(t, m, tea.WindowSizeMsg{Width: 240, Height: 30}) // room for the temporary path
	drive(t, m, m.Init())
	enterAnnotate(t, m)
	moveTo(t, m, "Gustavo", 0)
	apress(t, m, "shift+right", "1")

	send(t, m, ctrlE)
	want := filepath.Join(root, ".storydesk", "exports", "annotations.jsonl")
	if scr := plain(m); !strings.Contains(scr, "o "+want) || !strings.Contains(scr, "a [ ] all articles") || !strings.Contains(scr, "a all articles") {
		t.Fatalf("menu over a corpus:\n%s", scr)
	}
	press(t, m, "a")
	if !strings.Contains(plain(m), "a [x] all articles") {
		t.Fatalf("a not shown on:\n%s", plain(m))
	}
	press(t, m, "enter")
	recs := exportedJSONL(t, want)
	if len(recs) != 3 || len(recs["a.txt"].Spans) != 1 || len(recs["b.txt"].Spans) != 0 || recs["c.txt"].Status != "new" {
		t.Fatalf("all articles: %+v (%q)", recs, m.bar.message)
	}
	if !strings.Contains(m.bar.message, "Exported 3 articles (1 span, 0 quotes)") || !strings.HasSuffix(m.bar.message, " — unannotated too") {
		t.Fatalf("message %q", m.bar.message)
	}
	// Without a: the stored article only.
	send(t, m, ctrlE)
	press(t, m, "a", "enter")
	if recs := exportedJSONL(t, want); len(recs) != 1 {
		t.Fatalf("without all articles: %d records", len(recs))
	}
}

// The menu fits any width: the formats collapse to the current one and the
// destination keeps its end.
func TestExportMenuNarrow(t *testing.T) {
	m, _ := exportReader(t)
	send(t, m, ctrlE)
	for _, w := range []int{120, 80, 60, 40} {
		send(t, m, tea.WindowSizeMsg{Width: w, Height: 40})
		checkFrame(t, m, w, 40)
		scr := plain(m)
		if !strings.Contains(scr, "Export  f  jsonl ") {
			t.Fatalf("%d columns: no menu\n%s", w, scr)
		}
		if w <= 80 && strings.Contains(scr, " brat ") {
			t.Errorf("%d columns: every format shown instead of the path", w)
		}
		if w >= 80 && !strings.Contains(scr, "annotations.jsonl") {
			t.Errorf("%d columns: the file name is cut:\n%s", w, scr)
		}
	}
}

func onlyDB(es []os.DirEntry) bool {
	for _, e := range es {
		if !strings.HasPrefix(e.Name(), "annotations.db") {
			return false
		}
	}
	return true
}

func TestExportErrorShownNothingWritten(t *testing.T) {
	m, path := exportReader(t)
	dir := filepath.Dir(path)
	file := filepath.Join(dir, "plain")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	send(t, m, ctrlE)
	editPath(t, m, filepath.Join(file, "out.jsonl"))
	press(t, m, "enter")
	if !strings.HasPrefix(m.bar.message, "Export failed: ") || strings.Contains(plain(m), "exporting") {
		t.Fatalf("message %q\n%s", m.bar.message, plain(m))
	}
	if !strings.Contains(plain(m), "Export failed") {
		t.Fatalf("error not on screen:\n%s", plain(m))
	}
	// Kept whole for the problems screen (!), however much the bar cut.
	if n := m.bar.log.Len(); n == 0 || !strings.HasPrefix(m.bar.log.Entries()[n-1].Text, "Export failed: ") || !m.bar.log.Entries()[n-1].Err {
		t.Fatalf("the failure is not in the session's messages: %+v", m.bar.log.Entries())
	}
	if b, _ := os.ReadFile(file); string(b) != "x" {
		t.Fatalf("the file in the way changed: %q", b)
	}
	if es, _ := os.ReadDir(dir); !onlyDBOr(es, "plain") {
		t.Fatalf("something written: %v", es)
	}
}

func onlyDBOr(es []os.DirEntry, other string) bool {
	for _, e := range es {
		if e.Name() != other && !strings.HasPrefix(e.Name(), "annotations.db") {
			return false
		}
	}
	return true
}

// TestExportWaitsForQueuedWrites: an export accepted while writes are
// queued starts only once they are saved, so it holds what was typed.
func TestExportWaitsForQueuedWrites(t *testing.T) {
	m, path := exportReader(t)
	out := filepath.Join(filepath.Dir(path), "sub", "dir", "x.jsonl")
	send(t, m, ctrlE)
	editPath(t, m, out)
	inFlight := m.sess.Enqueue(&session.Job{Kind: session.Undo, Focus: -1}) // a write in flight, its answer not yet back
	press(t, m, "enter")
	if !strings.Contains(plain(m), "saving, then exporting") {
		t.Fatalf("waiting not shown:\n%s", plain(m))
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("exported before the queue drained")
	}
	send(t, m, ctrlE)
	if screenName(m) != "" || m.bar.message != "An export is already running" {
		t.Fatalf("ctrl+e while waiting: menu %q, message %q", screenName(m), m.bar.message)
	}
	drive(t, m, inFlight)
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("no export after the queue drained (parent dirs made): %v; %q", err, m.bar.message)
	}
}

// Without a store, ctrl+e says so as every key that needs one does.
func TestExportWithoutStore(t *testing.T) {
	m := start(t, entitySource(), 120, 40)
	send(t, m, ctrlE)
	if screenName(m) != "" || !strings.Contains(plain(m), "Annotating needs an annotation store (this reader was started without one)") {
		t.Fatalf("ctrl+e without a store: %q\n%s", screenName(m), plain(m))
	}
}

// The duplicates screen keeps ctrl+e, as it keeps every key it does not
// name.
func TestExportNotFromDupsScreen(t *testing.T) {
	m := screenModel(t, 120, 40, true)
	openDupsScreen(t, m)
	send(t, m, ctrlE)
	if screenName(m) != "" || m.mode() != "DUPS" {
		t.Fatalf("ctrl+e on the duplicates screen: menu %q, mode %s", screenName(m), m.mode())
	}
}

// A question that arrives while the menu is open (a corpus-wide tag-all
// finishing its scan) goes on top of it: it has the keys and the bar until
// it is answered, then the menu is back.
func TestQuestionOverExportMenu(t *testing.T) {
	m := screenModel(t, 120, 40, true)
	annotateOn(t, m, "wire-ferry-ap.txt")
	_, scan := m.Update(keytest.Key("A"))
	send(t, m, ctrlE)
	drive(t, m, scan)
	if screenName(m) != "ask" || !strings.Contains(plain(m), "Tag 3 × “Ilse") {
		t.Fatalf("the question is not on top (%q):\n%s", screenName(m), plain(m))
	}
	press(t, m, "esc")
	if screenName(m) != "export" || !strings.Contains(plain(m), "Export  f  jsonl ") {
		t.Fatalf("the menu is not back (%q):\n%s", screenName(m), plain(m))
	}
}
