package tui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

var ctrlE = tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl}

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
		t.Fatalf("fixture: want 1 span, got %v (%q)", spans, m.message)
	}
	return m, path
}

func TestExportFromTheReader(t *testing.T) {
	m, path := exportReader(t)
	send(t, m, tea.WindowSizeMsg{Width: 240, Height: 40}) // room for the temporary path
	send(t, m, ctrlE)
	if m.exp.prompt == nil {
		t.Fatalf("ctrl+e opened no menu: %q", m.message)
	}
	want := filepath.Join(filepath.Dir(path), "annotations.jsonl")
	if p := m.exp.prompt; p.format != "jsonl" || p.input.Value() != want || p.onlyDone || p.all {
		t.Fatalf("menu starts at %q %q done=%v all=%v, want jsonl %q", p.format, p.input.Value(), p.onlyDone, p.all, want)
	}
	scr := plain(m)
	for _, s := range []string{"Export  f  jsonl  brat  conll  w3c  csv   o " + want, "d [ ] only done", "enter export what is saved", "f/F format", "o edit path", "d only done", "esc/q cancel"} {
		if !strings.Contains(scr, s) {
			t.Fatalf("menu lacks %q:\n%s", s, scr)
		}
	}
	// The reader shows a test source, not a corpus: no all-articles option.
	if strings.Contains(scr, "all articles") {
		t.Fatalf("all articles offered without a corpus:\n%s", scr)
	}
	if m.View().Cursor != nil {
		t.Error("the menu shows a text cursor while no field is edited")
	}
	send(t, m, keyMsg("enter"))
	if m.exp.prompt != nil || m.exp.running {
		t.Fatalf("export still open or running: %q", m.message)
	}
	recs := exportedJSONL(t, want)
	if r, ok := recs["a.txt"]; !ok || len(r.Spans) != 1 || r.Spans[0].Text != "Gustavo Petro" || r.Spans[0].Start != runeIndex(t, storyA, "Gustavo Petro", 0) {
		t.Fatalf("the span is not in the export: %+v", recs)
	}
	if !strings.Contains(m.message, "Exported 1 article (1 span, 0 quotes) to "+want) {
		t.Fatalf("message %q", m.message)
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

func TestExportMenuCyclesFormatsAndCancels(t *testing.T) {
	m, path := exportReader(t)
	send(t, m, tea.WindowSizeMsg{Width: 240, Height: 40})
	dir := filepath.Dir(path)
	send(t, m, ctrlE)
	var got []string
	for i := range data.ExportFormats {
		got = append(got, m.exp.prompt.format+" "+m.exp.prompt.input.Value())
		if i%2 == 0 {
			press(t, m, "tab")
		} else {
			press(t, m, "f")
		}
	}
	sep := string(filepath.Separator)
	want := []string{
		"jsonl " + filepath.Join(dir, "annotations.jsonl"),
		"brat " + filepath.Join(dir, "brat") + sep,
		"conll " + filepath.Join(dir, "annotations.conll"),
		"w3c " + filepath.Join(dir, "annotations.w3c.json"),
		"csv " + filepath.Join(dir, "csv") + sep,
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("f/tab cycle\n%q\nwant\n%q", got, want)
	}
	if p := m.exp.prompt; p.format+" "+p.input.Value() != want[0] {
		t.Fatalf("after a full cycle: %q", p.input.Value())
	}
	press(t, m, "F")
	if p := m.exp.prompt; p.format+" "+p.input.Value() != want[4] {
		t.Fatalf("F goes back: %s %q", p.format, p.input.Value())
	}
	if !strings.Contains(plain(m), "o "+filepath.Join(dir, "csv")+sep) {
		t.Fatalf("directory formats show a directory:\n%s", plain(m))
	}
	press(t, m, "shift+tab", "shift+tab")
	// A name the user typed stays when the format changes.
	press(t, m, "o", "ctrl+u")
	typeText(t, m, filepath.Join(dir, "mine.txt"))
	press(t, m, "enter", "tab")
	if p := m.exp.prompt; p.format != "w3c" || p.input.Value() != filepath.Join(dir, "mine.txt") {
		t.Fatalf("typed name replaced: %s %q", p.format, p.input.Value())
	}
	// q and esc close the menu, not the reader.
	press(t, m, "q")
	if m.exp.prompt != nil || !m.annotating() || m.quitting {
		t.Fatalf("q: menu %v annotating %v quitting %v", m.exp.prompt != nil, m.annotating(), m.quitting)
	}
	send(t, m, ctrlE)
	press(t, m, "esc")
	if m.exp.prompt != nil || !m.annotating() {
		t.Fatalf("esc: menu %v annotating %v", m.exp.prompt != nil, m.annotating())
	}
	if entries, _ := os.ReadDir(dir); !onlyDB(entries) {
		t.Fatalf("cancelling wrote something: %v", entries)
	}
}

// The destination is edited after o, with a cursor; enter keeps the edit,
// esc puts the path back; every other key is text while editing.
func TestExportMenuEditsThePath(t *testing.T) {
	m, path := exportReader(t)
	dir := filepath.Dir(path)
	send(t, m, ctrlE)
	orig := m.exp.prompt.input.Value()
	press(t, m, "o")
	if !m.exp.prompt.editing || m.View().Cursor == nil || !strings.Contains(plain(m), "Export to: "+orig) {
		t.Fatalf("o: editing %v cursor %v\n%s", m.exp.prompt.editing, m.View().Cursor, plain(m))
	}
	if h := plain(m); !strings.Contains(h, "enter keep path") || !strings.Contains(h, "esc back") {
		t.Fatalf("editing help:\n%s", h)
	}
	press(t, m, "ctrl+u")
	typeText(t, m, "fdq")
	if p := m.exp.prompt; p.input.Value() != "fdq" || p.format != "jsonl" || p.onlyDone {
		t.Fatalf("letters while editing are text: %+v", p)
	}
	press(t, m, "esc")
	if p := m.exp.prompt; p == nil || p.editing || p.input.Value() != orig {
		t.Fatalf("esc while editing: %+v", p)
	}
	// An empty destination is refused before anything runs.
	press(t, m, "o", "ctrl+u", "enter", "enter")
	if m.exp.prompt == nil || !strings.Contains(m.message, "Give a path") {
		t.Fatalf("empty path: menu %v message %q", m.exp.prompt != nil, m.message)
	}
	out := filepath.Join(dir, "sub", "x.jsonl")
	press(t, m, "o")
	typeText(t, m, out)
	press(t, m, "enter")
	if m.exp.prompt.editing || m.exp.prompt.input.Value() != out {
		t.Fatalf("enter while editing: %+v", m.exp.prompt)
	}
	press(t, m, "enter")
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("not exported to the edited path: %v (%q)", err, m.message)
	}
	// The next ctrl+e starts from these choices.
	send(t, m, ctrlE)
	if m.exp.prompt.input.Value() != out {
		t.Fatalf("choices not kept: %q", m.exp.prompt.input.Value())
	}
}

// d exports only the articles marked done; the choice is shown and kept.
func TestExportMenuOnlyDone(t *testing.T) {
	m, path := exportReader(t)
	st := m.exportStore()
	b := &model.Article{ID: "b.txt", Path: "b.txt", Title: "Story B", Text: storyB}
	if _, err := st.Do(ctx(), data.Action{Name: "done", Article: b, Ops: []data.Op{{Kind: data.OpSetStatus, Article: "b.txt", Status: model.StatusDone}}}); err != nil {
		t.Fatal(err)
	}
	send(t, m, ctrlE)
	press(t, m, "d")
	if !m.exp.prompt.onlyDone || !strings.Contains(plain(m), "d [x] only done") {
		t.Fatalf("d: %v\n%s", m.exp.prompt.onlyDone, plain(m))
	}
	press(t, m, "d", "d", "enter")
	recs := exportedJSONL(t, filepath.Join(filepath.Dir(path), "annotations.jsonl"))
	if len(recs) != 1 || recs["b.txt"].Status != "done" {
		t.Fatalf("only done exported %+v", recs)
	}
	if m.exp.total != 1 {
		t.Errorf("progress total %d, want the 1 done article", m.exp.total)
	}
	send(t, m, ctrlE)
	if !m.exp.prompt.onlyDone {
		t.Error("only done not kept for the next export")
	}
	press(t, m, "d", "enter")
	if recs := exportedJSONL(t, filepath.Join(filepath.Dir(path), "annotations.jsonl")); len(recs) != 2 {
		t.Fatalf("without only done: %d records", len(recs))
	}
}

// Over a corpus, a exports its articles not annotated yet too, with no
// annotations, as --all-articles does.
func TestExportMenuAllArticles(t *testing.T) {
	root := t.TempDir()
	for i, text := range []string{storyA, storyB, storyC} {
		name := string(rune('a'+i)) + ".txt"
		if err := os.WriteFile(filepath.Join(root, name), []byte("Story "+name+"\n\n"+text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := data.Open([]string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, tempDB(t))
	m := New(c, Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond})
	send(t, m, tea.WindowSizeMsg{Width: 140, Height: 30})
	drive(t, m, m.Init())
	enterAnnotate(t, m)
	moveTo(t, m, "Gustavo", 0)
	apress(t, m, "shift+right", "1")

	send(t, m, ctrlE)
	want := filepath.Join(root, ".storydesk", "exports", "annotations.jsonl")
	if m.exp.prompt.input.Value() != want || !strings.Contains(plain(m), "a [ ] all articles") {
		t.Fatalf("menu over a corpus: %q\n%s", m.exp.prompt.input.Value(), plain(m))
	}
	press(t, m, "a")
	if !strings.Contains(plain(m), "a [x] all articles") {
		t.Fatalf("a not shown on:\n%s", plain(m))
	}
	press(t, m, "enter")
	recs := exportedJSONL(t, want)
	if len(recs) != 3 || len(recs["a.txt"].Spans) != 1 || len(recs["b.txt"].Spans) != 0 || recs["c.txt"].Status != "new" {
		t.Fatalf("all articles: %+v (%q)", recs, m.message)
	}
	if !strings.Contains(m.message, "Exported 3 articles (1 span, 0 quotes)") || m.exp.total != 3 {
		t.Fatalf("message %q total %d", m.message, m.exp.total)
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
	m, path := exportReader(t)
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
	_ = path
	if got := truncLeft("/a/very/long/path/annotations.jsonl", 20); got != "…h/annotations.jsonl" || ui.TextWidth(got) != 20 {
		t.Errorf("truncLeft: %q", got)
	}
	if got := truncLeft("/tmp/東京/注釈.jsonl", 10); ui.TextWidth(got) > 10 || !strings.HasSuffix(got, ".jsonl") {
		t.Errorf("truncLeft wide: %q", got)
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
	m.exp.prompt.input.SetValue(filepath.Join(file, "out.jsonl"))
	press(t, m, "enter")
	if !strings.HasPrefix(m.message, "Export failed: ") || m.exp.running {
		t.Fatalf("message %q running %v", m.message, m.exp.running)
	}
	if !strings.Contains(plain(m), "Export failed") {
		t.Fatalf("error not on screen:\n%s", plain(m))
	}
	// Kept whole for the problems screen (!), however much the bar cut.
	if n := len(m.log.entries); n == 0 || !strings.HasPrefix(m.log.entries[n-1].text, "Export failed: ") || !m.log.entries[n-1].err {
		t.Fatalf("the failure is not in the session's messages: %+v", m.log.entries)
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

// TestExportProgressInStatusBar: while an export runs the bar shows its
// count, from the progress messages.
func TestExportProgressInStatusBar(t *testing.T) {
	m, _ := exportReader(t)
	m.exp.running = true
	m.Update(exportProgressMsg{done: 256, total: 1000, ch: make(chan tea.Msg)})
	if !strings.Contains(plain(m), "exporting 256/1,000") {
		t.Fatalf("no progress in the status bar:\n%s", plain(m))
	}
}

// TestExportWaitsForQueuedWrites: an export accepted while writes are
// queued starts only once they are saved, so it holds what was typed.
func TestExportWaitsForQueuedWrites(t *testing.T) {
	m, path := exportReader(t)
	out := filepath.Join(filepath.Dir(path), "sub", "dir", "x.jsonl")
	send(t, m, ctrlE)
	m.exp.prompt.input.SetValue(out)
	inFlight := m.sess.Enqueue(&session.Job{Kind: session.Undo, Focus: -1}) // a write in flight, its answer not yet back
	press(t, m, "enter")
	if m.exp.waiting == nil || m.exp.running {
		t.Fatalf("export did not wait: waiting %v running %v", m.exp.waiting != nil, m.exp.running)
	}
	if !strings.Contains(plain(m), "saving, then exporting") {
		t.Fatalf("waiting not shown:\n%s", plain(m))
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("exported before the queue drained")
	}
	drive(t, m, inFlight)
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("no export after the queue drained (parent dirs made): %v; %q", err, m.message)
	}
}

// TestExportDirForACorpus: a corpus on disk exports under its own
// .storydesk/exports.
func TestExportDirForACorpus(t *testing.T) {
	root := t.TempDir()
	m := &Model{src: FromCorpus(&data.Corpus{Root: root})}
	st := openStore(t, tempDB(t))
	if got, want := m.exportDir(st), filepath.Join(root, ".storydesk", "exports"); got != want {
		t.Fatalf("dir %q, want %q", got, want)
	}
	m.src = FromCorpus(&data.Corpus{Root: root, Sample: true})
	if got := m.exportDir(st); got != filepath.Dir(st.Path()) {
		t.Fatalf("sample corpus dir %q", got)
	}
}

// A paste while the export menu is open but its path is not being edited
// changes nothing: the menu's keys are not a path.
func TestExportMenuIgnoresPasteOutsidePath(t *testing.T) {
	m, _ := exportReader(t)
	send(t, m, ctrlE)
	before := m.exp.prompt.input.Value()
	send(t, m, tea.PasteMsg{Content: "/somewhere/else.jsonl"})
	if got := m.exp.prompt.input.Value(); got != before {
		t.Fatalf("paste outside editing changed the path: %q → %q", before, got)
	}
	press(t, m, "o")
	send(t, m, tea.PasteMsg{Content: "x"})
	if got := m.exp.prompt.input.Value(); got != before+"x" {
		t.Fatalf("paste while editing: %q, want %q", got, before+"x")
	}
}
