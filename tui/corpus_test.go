package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
)

// walkAll visits every article in the list in the read and raw views,
// checking each frame fits and carries no control from the text.
func walkAll(t *testing.T, m *Model, w, h int) {
	t.Helper()
	_, n := m.br.Position()
	for i := 0; i < n; i++ {
		for _, kind := range []string{"read", "raw"} {
			if !m.br.Showing() && loadErr(m) == nil {
				t.Fatalf("article %d (%s) not shown", i, kind)
			}
			checkFrame(t, m, w, h)
			if bad := contentControls(content(m)); len(bad) > 0 {
				t.Fatalf("article %d (%s): controls in the frame: %q", i, kind, bad)
			}
			press(t, m, "r")
		}
		press(t, m, "j")
	}
}

func TestRealCorpusFromFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"harbour.txt": "Harbour council approves dredging budget\n\nThe harbour council voted on Tuesday to fund dredging of the northern channel.\n\n“We cannot wait for another storm,” the harbour master said.\n",
		"ferry.md":    "# Ferry timetable changes for the winter\n\nThe island ferry will run twice a day from November, the operator said.\n",
		"broken.txt":  "\x00\x01\x02\x03\x04\x05 binary \xff\xfe",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := New(c, Options{NoColor: true})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(t, m, m.Init())
	p := plain(m)
	var titles []string
	for _, i := range m.br.Visible() {
		titles = append(titles, m.br.Row(int(i)).Title)
	}
	for _, s := range []string{"Harbour council approves dredging budget", "Ferry timetable changes for the winter"} {
		if !strings.Contains(strings.Join(titles, "|"), s) || !strings.Contains(p, s[:20]) {
			t.Fatalf("title %q not listed (%q):\n%s", s, titles, p)
		}
	}
	if _, n := m.br.Position(); n != 2 || !strings.Contains(p, "1 skipped") {
		t.Fatalf("want 2 articles and 1 skipped:\n%s", p)
	}
	press(t, m, "!")
	if !strings.Contains(plain(m), "broken.txt") {
		t.Fatalf("problems overlay does not name broken.txt:\n%s", plain(m))
	}
	press(t, m, "esc", "g")
	walkAll(t, m, 120, 30)
}

func TestSampleCorpus(t *testing.T) {
	c, err := corpus.OpenSample()
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []struct{ w, h int }{{120, 40}, {60, 20}} {
		m := New(c, Options{NoColor: true})
		send(t, m, tea.WindowSizeMsg{Width: size.w, Height: size.h})
		drive(t, m, m.Init())
		if m.br.Loading() || len(m.br.Visible()) == 0 {
			t.Fatal("sample corpus not read")
		}
		if m.br.Narrow() {
			press(t, m, "enter")
		}
		walkAll(t, m, size.w, size.h)
	}
}

func TestSharedSeeds(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared seeds not available (%v)", err)
	}
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := New(c, Options{NoColor: false})
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	drive(t, m, m.Init())
	walkAll(t, m, 100, 30)
}
