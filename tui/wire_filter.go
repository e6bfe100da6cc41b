package tui

import (
	"context"
	"sync"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model/fuzzy"
	"storydesk/tui/browse"
	"storydesk/tui/dups"
	"storydesk/tui/session"
)

// The filter's fact fields (label:, status:, has:, dup:) answered for the
// list (browse.FilterFacts). Annotations are read from the store, off the
// update loop, by the filter's scan: every article's status, labels and
// whether it has quotations, kept until the next write (filterFacts is a
// feature only to see session.WrittenMsg). Duplicate clusters are the
// duplicates feature's, copied when the scan starts.

// filterFacts caches what the store says about every annotated article.
type filterFacts struct {
	st   store.Store
	dups *dups.Feature

	// writes counts writes seen; the update loop bumps it without waiting
	// for a scan that is reading the store under mu.
	writes atomic.Uint64
	mu     sync.Mutex
	loaded uint64 // writes when facts were read (0: never; writes start at 1)
	facts  map[string]browse.DocFacts
}

// wireFilter answers the list's fact fields; without a store only dup:.
func (m *Model) wireFilter(st store.Store) {
	ff := &filterFacts{st: st}
	ff.writes.Store(1)
	for _, f := range m.features {
		if d, ok := f.(*dups.Feature); ok {
			ff.dups = d
		}
	}
	m.br.SetFilterFacts(ff.test)
	if st != nil {
		m.features = append(m.features, ff)
	}
}

// Update marks the cache stale after every write.
func (ff *filterFacts) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(session.WrittenMsg); ok {
		ff.writes.Add(1)
	}
	return nil
}

// load is the cache, read again from the store when stale (off the loop).
func (ff *filterFacts) load() map[string]browse.DocFacts {
	ff.mu.Lock()
	defer ff.mu.Unlock()
	w := ff.writes.Load()
	if ff.loaded == w {
		return ff.facts
	}
	facts := map[string]browse.DocFacts{}
	err := ff.st.EachDoc(context.Background(), store.DocFilter{}, func(d *store.ExportDoc) error {
		a := browse.DocFacts{Status: d.Status, Quotes: len(d.Quotes) > 0}
		for _, sp := range d.Spans {
			a.Labels = append(a.Labels, sp.Label)
		}
		facts[d.ArticleID] = a
		return nil
	})
	ff.facts = facts
	if err == nil {
		ff.loaded = w // a failed read is tried again by the next scan
	}
	return facts
}

// test is browse.FilterFacts: dup: from the duplicates feature, the
// other fact fields (browse.FactTest) from the store's cache.
func (ff *filterFacts) test(f fuzzy.Field) (func(id string, item int) bool, bool) {
	if f.Key == "dup" {
		if ff.dups == nil {
			return nil, false
		}
		in := ff.dups.ClusterItems()
		return func(_ string, item int) bool { return in[int32(item)] }, true
	}
	if ff.st == nil {
		return nil, false
	}
	var once sync.Once
	var facts map[string]browse.DocFacts
	return browse.FactTest(f, func(id string) (browse.DocFacts, bool) {
		once.Do(func() { facts = ff.load() })
		a, ok := facts[id]
		return a, ok
	})
}
