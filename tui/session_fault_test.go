package tui

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/tui/session"
)

// A store that cannot take writes: the action stays unsaved on screen and
// the status bar says why, naming the store's file.

// TestReadOnlyStoreKeepsTheActionUnsaved: the store's journal cannot be
// written (a folder where annotations.db-shm goes: SQLite then finds the
// database read-only). Tagging fails visibly: the bar says read-only and
// names the file, no span appears, the selection stays for another try,
// and the queue moves on.
func TestReadOnlyStoreKeepsTheActionUnsaved(t *testing.T) {
	path := tempDB(t)
	st, err := store.OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := os.Mkdir(path+"-shm", 0o755); err != nil {
		t.Fatal(err)
	}
	m, _ := startStore(t, entitySource(), path, 200, 40)
	enterAnnotate(t, m)
	apress(t, m, "w", "shift+right", "1")
	if !strings.HasPrefix(m.bar.message, "Not saved: read-only: annotation store "+path) {
		t.Errorf("message %q should say not saved, read-only, and name %s", m.bar.message, path)
	}
	if len(m.pane().Spans()) != 0 || !m.pane().Selecting() {
		t.Errorf("after a refused save: spans %+v, selection %v", m.pane().Spans(), m.pane().Selecting())
	}
	if m.sess.Pending() {
		t.Fatal("the queue is stuck after an error")
	}
	// The bar shows the reason even when it must cut the message.
	m.bar.message = session.DescribeErr("Not saved", &store.Error{Path: path, Fault: store.FaultReadOnly, Err: errors.New("attempt to write a readonly database (8)")})
	send(t, m, teaSize(80, 24))
	if !strings.Contains(plain(m), "Not saved: read-only") {
		t.Errorf("the status bar at 80 columns lost the reason:\n%s", plain(m))
	}
}

// failingStore is a real store whose writes fail with err, as a full disk
// or a damaged file makes them.
type failingStore struct {
	*store.SQLite
	err error
}

func (f *failingStore) Do(ctx context.Context, act store.Action) (store.Action, error) {
	return act, f.err
}

func (f *failingStore) Undo(ctx context.Context) (store.Action, bool, error) {
	return store.Action{}, false, f.err
}

// TestFullOrDamagedStoreKeepsTheActionUnsaved: for each fault the store
// reports, the action is not shown as saved and the bar says why.
func TestFullOrDamagedStoreKeepsTheActionUnsaved(t *testing.T) {
	for _, c := range []struct {
		fault store.Fault
		want  string
	}{
		{store.FaultFull, "Not saved: disk full: annotation store "},
		{store.FaultDamaged, "Not saved: damaged: annotation store "},
		{store.FaultBusy, "Not saved: locked: annotation store "},
	} {
		path := tempDB(t)
		real := openStore(t, path)
		fs := &failingStore{SQLite: real, err: &store.Error{Path: path, Fault: c.fault, Err: errors.New("driver words")}}
		m := NewFromSource(entitySource(), Options{NoColor: true, Workers: 1, Store: fs, Annotator: "tester"})
		send(t, m, teaSize(200, 40))
		drive(t, m, m.Init())
		enterAnnotate(t, m)
		apress(t, m, "w", "shift+right", "1")
		if !strings.HasPrefix(m.bar.message, c.want+path) {
			t.Errorf("fault %d: message %q, want it to start %q", c.fault, m.bar.message, c.want+path)
		}
		if len(m.pane().Spans()) != 0 || !m.pane().Selecting() {
			t.Errorf("fault %d: spans %+v, selection %v", c.fault, m.pane().Spans(), m.pane().Selecting())
		}
		if doc, _ := spansOf(t, path, "a.txt"); doc != nil {
			t.Errorf("fault %d: something reached the store", c.fault)
		}
	}
}
