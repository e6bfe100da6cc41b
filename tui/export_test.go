package tui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/data"
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
	send(t, m, ctrlE)
	if m.exp.prompt == nil {
		t.Fatalf("ctrl+e opened no prompt: %q", m.message)
	}
	want := filepath.Join(filepath.Dir(path), "annotations.jsonl")
	if got := m.exp.prompt.input.Value(); got != "jsonl "+want {
		t.Fatalf("prefilled %q, want %q", got, "jsonl "+want)
	}
	if !strings.Contains(plain(m), "Export: jsonl") {
		t.Fatalf("prompt not shown:\n%s", plain(m))
	}
	send(t, m, keyMsg("enter"))
	if m.exp.prompt != nil || m.exp.running {
		t.Fatalf("export still open or running: %q", m.message)
	}
	b, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("no export file: %v (%q)", err, m.message)
	}
	var found bool
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var rec struct {
			Meta struct {
				ID string `json:"id"`
			} `json:"meta"`
			Spans []struct {
				Start, End int
				Text       string `json:"text"`
			} `json:"spans"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("bad line %q: %v", line, err)
		}
		if rec.Meta.ID == "a.txt" && len(rec.Spans) == 1 && rec.Spans[0].Text == "Gustavo Petro" &&
			rec.Spans[0].Start == runeIndex(t, storyA, "Gustavo Petro", 0) {
			found = true
		}
	}
	if !found {
		t.Fatalf("the span is not in the export:\n%s", b)
	}
	if !strings.Contains(m.message, "Exported 1 article (1 span, 0 quotes) to "+want) {
		t.Fatalf("message %q", m.message)
	}
}

func TestExportPromptCyclesFormatsAndCancels(t *testing.T) {
	m, path := exportReader(t)
	dir := filepath.Dir(path)
	send(t, m, ctrlE)
	var got []string
	for range data.ExportFormats {
		got = append(got, m.exp.prompt.input.Value())
		press(t, m, "tab")
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
		t.Fatalf("tab cycles\n%q\nwant\n%q", got, want)
	}
	if v := m.exp.prompt.input.Value(); v != want[0] {
		t.Fatalf("after a full cycle: %q", v)
	}
	// A name the user typed stays when the format changes.
	m.exp.prompt.input.SetValue("jsonl " + filepath.Join(dir, "mine.txt"))
	press(t, m, "tab")
	if v := m.exp.prompt.input.Value(); v != "brat "+filepath.Join(dir, "mine.txt") {
		t.Fatalf("typed name replaced: %q", v)
	}
	press(t, m, "esc")
	if m.exp.prompt != nil || !m.annotating {
		t.Fatalf("esc: prompt %v annotating %v", m.exp.prompt != nil, m.annotating)
	}
	if entries, _ := os.ReadDir(dir); !onlyDB(entries) {
		t.Fatalf("esc wrote something: %v", entries)
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
	m.exp.prompt.input.SetValue("jsonl " + filepath.Join(file, "out.jsonl"))
	press(t, m, "enter")
	if !strings.HasPrefix(m.message, "Export failed: ") || m.exp.running {
		t.Fatalf("message %q running %v", m.message, m.exp.running)
	}
	if !strings.Contains(plain(m), "Export failed") {
		t.Fatalf("error not on screen:\n%s", plain(m))
	}
	if b, _ := os.ReadFile(file); string(b) != "x" {
		t.Fatalf("the file in the way changed: %q", b)
	}
	if es, _ := os.ReadDir(dir); !onlyDBOr(es, "plain") {
		t.Fatalf("something written: %v", es)
	}
	// An unknown format is refused before anything runs.
	send(t, m, ctrlE)
	m.exp.prompt.input.SetValue("xml " + filepath.Join(dir, "a.xml"))
	press(t, m, "enter")
	if m.exp.prompt == nil || !strings.Contains(m.message, "Unknown format") {
		t.Fatalf("unknown format: prompt %v message %q", m.exp.prompt != nil, m.message)
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
	m.exp.prompt.input.SetValue("jsonl " + out)
	m.sess.busy = true // a write in flight
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
	m.sess.busy = false
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}) // any message
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
