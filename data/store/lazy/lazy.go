// Package lazy is the reader's default store for a corpus that has none
// yet: nothing is written until the first annotation, which creates the
// store (store.OpenSQLite) where store.DefaultPath says.
package lazy

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
)

// Store is the reader's store for a corpus that has none yet: opening a
// corpus only to read it writes nothing (no .storydesk folder, no file).
// Until the first annotation it answers every read as an empty store
// would; the first write (Do, BeginImport) creates the store where
// store.DefaultPath says — in the corpus when it can be written, else under the
// XDG data directory — and from then on everything goes to it. Writes that
// only remember things (the reading position, duplicate signatures) are
// dropped until then rather than create a store nobody asked for.
//
// A corpus that already has a store gets it opened at once (Open).
type Store struct {
	mu      sync.Mutex
	s       *store.SQLite
	path    string // where the store is, or will most likely be
	create  func() string
	who     string
	created bool // the store was created by this session's first write
	told    bool // TakeCreated has reported it
}

// Open opens c's store when it exists, and otherwise returns a Store
// that creates it at the first write.
func Open(c *corpus.Corpus, annotator string) (*Store, error) {
	path, ok := existing(c)
	l := &Store{path: path, who: annotator, create: func() string { return store.DefaultPath(c) }}
	if ok {
		s, err := store.OpenSQLite(path, annotator)
		if err != nil {
			return nil, err
		}
		l.s = s
	}
	return l, nil
}

// existing is store.ExistingPath without its probe of the corpus folder
// (a file created and removed there) when the corpus has no .storydesk
// folder: then the store can only be this user's under the XDG data
// directory, and the path to name until the first write is the corpus's.
func existing(c *corpus.Corpus) (string, bool) {
	if c.Root != "" && !c.Sample {
		dir := filepath.Join(c.Root, ".storydesk")
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			fb := store.FallbackPath(c)
			if _, err := os.Stat(fb); err == nil {
				return fb, true
			}
			return filepath.Join(dir, "annotations.db"), false
		}
	}
	return store.ExistingPath(c)
}

// get is the open store, or nil before the first write.
func (l *Store) get() *store.SQLite {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.s
}

// ensure opens (creating) the store for a write.
func (l *Store) ensure() (*store.SQLite, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.s != nil {
		return l.s, nil
	}
	path := l.create()
	s, err := store.OpenSQLite(path, l.who)
	if err != nil {
		return nil, err
	}
	l.s, l.path, l.created = s, path, true
	return s, nil
}

// Exists reports whether the store has been opened (it existed, or a write
// created it).
func (l *Store) Exists() bool { return l.get() != nil }

// TakeCreated reports, once, that this session's first write created the
// store, and where.
func (l *Store) TakeCreated() (path string, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.created || l.told {
		return "", false
	}
	l.told = true
	return l.path, true
}

func (l *Store) Doc(ctx context.Context, id string) (*store.Doc, bool, error) {
	if s := l.get(); s != nil {
		return s.Doc(ctx, id)
	}
	return nil, false, nil
}

func (l *Store) Do(ctx context.Context, act store.Action) (store.Action, error) {
	s, err := l.ensure()
	if err != nil {
		return act, err
	}
	return s.Do(ctx, act)
}

func (l *Store) Undo(ctx context.Context) (store.Action, bool, error) {
	if s := l.get(); s != nil {
		return s.Undo(ctx)
	}
	return store.Action{}, false, nil
}

func (l *Store) Redo(ctx context.Context) (store.Action, bool, error) {
	if s := l.get(); s != nil {
		return s.Redo(ctx)
	}
	return store.Action{}, false, nil
}

func (l *Store) Statuses(ctx context.Context) (map[string]model.Status, error) {
	if s := l.get(); s != nil {
		return s.Statuses(ctx)
	}
	return map[string]model.Status{}, nil
}

func (l *Store) Hashes(ctx context.Context) (map[string]string, error) {
	if s := l.get(); s != nil {
		return s.Hashes(ctx)
	}
	return map[string]string{}, nil
}

func (l *Store) State(ctx context.Context, key string) (string, error) {
	if s := l.get(); s != nil {
		return s.State(ctx, key)
	}
	return "", nil
}

// SetState is dropped before the store exists: the reading position alone
// does not make a store.
func (l *Store) SetState(ctx context.Context, key, value string) error {
	if s := l.get(); s != nil {
		return s.SetState(ctx, key, value)
	}
	return nil
}

func (l *Store) DupLabels(ctx context.Context) ([]store.PairLabel, error) {
	if s := l.get(); s != nil {
		return s.DupLabels(ctx)
	}
	return nil, nil
}

func (l *Store) Canonicals(ctx context.Context) (map[string]bool, error) {
	if s := l.get(); s != nil {
		return s.Canonicals(ctx)
	}
	return map[string]bool{}, nil
}

func (l *Store) EachDoc(ctx context.Context, f store.DocFilter, fn func(*store.ExportDoc) error) error {
	if s := l.get(); s != nil {
		return s.EachDoc(ctx, f, fn)
	}
	return nil
}

func (l *Store) ExportDocByID(ctx context.Context, id string) (*store.ExportDoc, bool, error) {
	if s := l.get(); s != nil {
		return s.ExportDocByID(ctx, id)
	}
	return nil, false, nil
}

func (l *Store) Brief(ctx context.Context, id string) (store.ArticleBrief, bool, error) {
	if s := l.get(); s != nil {
		return s.Brief(ctx, id)
	}
	return store.ArticleBrief{}, false, nil
}

func (l *Store) ArticleIDs(ctx context.Context) ([]string, error) {
	if s := l.get(); s != nil {
		return s.ArticleIDs(ctx)
	}
	return nil, nil
}

func (l *Store) Snapshot(ctx context.Context, id string) (*model.Article, bool, error) {
	if s := l.get(); s != nil {
		return s.Snapshot(ctx, id)
	}
	return nil, false, nil
}

func (l *Store) EachSnapshot(ctx context.Context, fn func(*model.Article) error) error {
	if s := l.get(); s != nil {
		return s.EachSnapshot(ctx, fn)
	}
	return nil
}

func (l *Store) BeginImport(ctx context.Context) (store.ImportTx, error) {
	s, err := l.ensure()
	if err != nil {
		return nil, err
	}
	return s.BeginImport(ctx)
}

// Path is where the store is, or where the first write will most likely
// create it.
func (l *Store) Path() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.path
}

func (l *Store) Close() error {
	if s := l.get(); s != nil {
		return s.Close()
	}
	return nil
}

// The optional capabilities *store.SQLite has, answered as an empty, writable,
// undamaged store until there is one.

func (l *Store) ReadOnly() error {
	if s := l.get(); s != nil {
		return s.ReadOnly()
	}
	return nil
}

func (l *Store) WaitChecked(ctx context.Context) error {
	if s := l.get(); s != nil {
		return s.WaitChecked(ctx)
	}
	return nil
}

func (l *Store) Damaged() error {
	if s := l.get(); s != nil {
		return s.Damaged()
	}
	return nil
}

func (l *Store) Unreviewed(ctx context.Context) (map[string]int, error) {
	if s := l.get(); s != nil {
		return s.Unreviewed(ctx)
	}
	return map[string]int{}, nil
}

func (l *Store) AllCorrections(ctx context.Context) (map[string][]model.Correction, error) {
	if s := l.get(); s != nil {
		return s.AllCorrections(ctx)
	}
	return map[string][]model.Correction{}, nil
}

func (l *Store) Signatures(ctx context.Context, version int, hashes []string) (map[string][]byte, error) {
	if s := l.get(); s != nil {
		return s.Signatures(ctx, version, hashes)
	}
	return map[string][]byte{}, nil
}

// PutSignatures is dropped before the store exists (a cache alone does not
// make a store).
func (l *Store) PutSignatures(ctx context.Context, version int, sigs map[string][]byte) error {
	if s := l.get(); s != nil {
		return s.PutSignatures(ctx, version, sigs)
	}
	return nil
}

// SaveModel creates the store if need be: a trained model is the
// annotator's work (learned from decisions, which have made the store by
// then anyway).
func (l *Store) SaveModel(ctx context.Context, name string, blob []byte) error {
	s, err := l.ensure()
	if err != nil {
		return err
	}
	return s.SaveModel(ctx, name, blob)
}

func (l *Store) LoadModel(ctx context.Context, name string) ([]byte, bool, error) {
	if s := l.get(); s != nil {
		return s.LoadModel(ctx, name)
	}
	return nil, false, nil
}

func (l *Store) StoryLinks(ctx context.Context) ([]store.StoryLink, error) {
	if s := l.get(); s != nil {
		return s.StoryLinks(ctx)
	}
	return nil, nil
}

func (l *Store) StoryFeatures(ctx context.Context, version int, ids []string) (map[string]store.StoryFeature, error) {
	if s := l.get(); s != nil {
		return s.StoryFeatures(ctx, version, ids)
	}
	return map[string]store.StoryFeature{}, nil
}

// PutStoryFeatures is dropped before the store exists (a cache alone does
// not make a store).
func (l *Store) PutStoryFeatures(ctx context.Context, version int, fs []store.StoryFeature) error {
	if s := l.get(); s != nil {
		return s.PutStoryFeatures(ctx, version, fs)
	}
	return nil
}

var (
	_ store.Store             = (*Store)(nil)
	_ store.ReadOnlyStore     = (*Store)(nil)
	_ store.CheckedStore      = (*Store)(nil)
	_ store.ReviewCounter     = (*Store)(nil)
	_ store.CorrectionSource  = (*Store)(nil)
	_ store.ModelStore        = (*Store)(nil)
	_ store.StoryLinker       = (*Store)(nil)
	_ store.StoryFeatureCache = (*Store)(nil)
	_ corpus.SignatureCache   = (*Store)(nil)
)
