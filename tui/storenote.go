package tui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
)

// A store that takes no writes this session says so at once and keeps
// saying it: a store opened read-only (its file, folder or disk cannot be
// written) from the first frame, a damaged one as soon as the check that
// found it has finished (in the background on large stores) or the first
// query has met the damage. The bar keeps a short standing note ("read-only
// store", "damaged store"), the problems screen (!) the whole error, and
// the reader stops saving its own state (position, last article) into it.

// Optional store methods (*store.SQLite has both).
type (
	readOnlyStore interface{ ReadOnly() error }
	checkedStore  interface {
		WaitChecked(ctx context.Context) error
	}
)

// storeCheckedMsg brings the open-time check's finding.
type storeCheckedMsg struct{ err error }

// storeOpened notes a store opened read-only (from NewFromSource).
func (m *Model) storeOpened(st store.Store) {
	if ro, ok := st.(readOnlyStore); ok {
		if err := ro.ReadOnly(); err != nil {
			m.storeTrouble(err, true)
		}
	}
}

// waitChecked waits, off the UI, for the store's open-time check.
func (m *Model) waitChecked() tea.Cmd {
	c, ok := m.sess.Store().(checkedStore)
	if !ok {
		return nil
	}
	return func() tea.Msg { return storeCheckedMsg{err: c.WaitChecked(context.Background())} }
}

// storeTrouble turns the standing note on for a store that will take no
// more writes. announce says why in the bar, naming the file, with the
// whole error in the problems screen (a refused action has said so
// already). Damage outranks read-only.
func (m *Model) storeTrouble(err error, announce bool) {
	if m.sess == nil || err == nil {
		return
	}
	var se *store.Error
	damaged := errors.As(err, &se) && se.Fault == store.FaultDamaged
	if m.bar.storeNote == "" || (damaged && m.bar.storeNote != "damaged store") {
		m.sess.StopWrites(err)
		m.bar.storeAnnounced = false
		path := m.sess.Store().Path()
		if damaged {
			m.bar.storeNote = "damaged store"
			m.bar.storeNotice = "Damaged store: nothing more will be saved to " + path + " — see README, Recovery"
		} else {
			m.bar.storeNote = "read-only store"
			m.bar.storeNotice = "Read-only store: annotations cannot be saved to " + path
		}
	}
	if announce && !m.bar.storeAnnounced {
		m.bar.storeAnnounced = true
		m.logMessage(m.sess.NoWrites().Error(), true)
		m.bar.message = m.bar.storeNotice
	}
}

// storeCreator is a store created at its first write (data/store/lazy).
type storeCreator interface {
	TakeCreated() (path string, ok bool)
}

// noteStoreCreated says, once, where the store the first annotation just
// created is (opening a corpus to read it creates none), after what the
// write itself reported (the place first: a long message is cut at its
// end).
func (m *Model) noteStoreCreated() {
	if m.sess == nil {
		return
	}
	c, ok := m.sess.Store().(storeCreator)
	if !ok {
		return
	}
	if path, ok := c.TakeCreated(); ok {
		note := "Annotations are saved in " + path
		m.logMessage(note, false)
		if m.bar.message != "" {
			note += " · " + m.bar.message
		}
		m.bar.message = note
	}
}
