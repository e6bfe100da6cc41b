package tui

import (
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/internal/gencorpus"
)

// Quitting while detection compares stops it: the comparison is the long
// part on a big corpus, and a reader that has quit must not keep the CPU
// busy (nor, in tests, a goroutine).
func TestDupsQuitStopsComparing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.jsonl")
	if err := gencorpus.TemplateCopies(3000, 7).WriteJSONL(p); err != nil {
		t.Fatal(err)
	}
	c, err := corpus.Open([]string{p}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := start(t, FromCorpus(c), 120, 40) // no store: detection waits to be asked
	cmd := m.startDups()
	j := m.dups.job
	for {
		pm, ok := cmd().(dupProgressMsg)
		if !ok {
			t.Fatal("detection ended before comparing began")
		}
		_, cmd = m.Update(pm)
		if pm.stage == corpus.DupStageCompare {
			break
		}
	}
	m.Update(keyMsg("q"))
	ended := make(chan tea.Msg)
	compared := 0
	go func() {
		var last tea.Msg
		for msg := range j.ch {
			if pm, ok := msg.(dupProgressMsg); ok && pm.stage == corpus.DupStageCompare && pm.done == pm.total {
				compared = pm.total
			}
			last = msg
		}
		ended <- last
	}()
	select {
	case last := <-ended:
		if d, ok := last.(dupDoneMsg); ok && d.err == nil || compared > 0 {
			t.Fatalf("detection ran to the end (%d compared) after quitting: %+v", compared, last)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("detection still running 20 s after quitting")
	}
}
