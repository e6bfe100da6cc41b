package tui

import (
	"context"

	"charm.land/bubbles/v2/key"

	"storydesk/data/corpus"
	dataexport "storydesk/data/export"
	"storydesk/data/store"
	"storydesk/data/store/postgres"
	"storydesk/model"
	"storydesk/tui/browse"
	"storydesk/tui/export"
)

// The export feature's wiring (tui/export): the store it reads, the corpus
// on screen (all articles reads its files) and where default names go.

// wireExport adds the export feature; without a store, ctrl+e says so as
// every key that needs one does.
func (m *Model) wireExport() {
	if m.sess == nil {
		m.features = append(m.features, needsStore{m: m, keys: []key.Binding{m.c.Keys.Export}})
		return
	}
	d := export.Deps{Ctx: m.c, Host: m, Queue: m.sess, Corpus: m.exportCorpus()}
	st := m.sess.Store()
	d.Store = storeExport{st}
	d.Dir = export.DefaultDir(d.Corpus, st.Path(), postgres.IsServerDSN(st.Path()))
	m.features = append(m.features, export.New(d))
}

// storeExport is the reader's store as export.Store: dataexport.Write
// reads any store.Store.
type storeExport struct{ st store.Store }

func (s storeExport) Statuses(ctx context.Context) (map[string]model.Status, error) {
	return s.st.Statuses(ctx)
}

func (s storeExport) Export(ctx context.Context, opts dataexport.Options) (dataexport.Stats, error) {
	return dataexport.Write(ctx, s.st, opts)
}

// exportCorpus is the corpus on screen, when it is one (not a store opened
// on its own, nor a test source): --all-articles reads its files.
func (m *Model) exportCorpus() *corpus.Corpus {
	return browse.CorpusOf(m.br.Source())
}
