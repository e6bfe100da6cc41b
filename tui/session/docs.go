package session

import (
	"context"

	"storydesk/data/store"
	"storydesk/data/store/docops"
	"storydesk/model"
)

// What a write changed, as the store now holds it. The documents the
// session has cached are brought up to date from the action as the store
// applied it, not read back: re-reading an article's spans after every tag
// was most of a tag's time, and grew with the article's tags. A small
// action (a tag, a relabel, an undo of one) is applied to the cached
// document itself, on the update loop, in Written; a large one (tag all, a
// re-anchoring) to a copy, in the write's command; an article not cached
// (a corpus-wide action, the first annotation of an article) is read once.

// cachedDocs is the documents known now, by article, for the write about
// to run. Its command only reads them: no cached document changes while a
// write is in flight (they change in Written, after it).
func (s *Session) cachedDocs() map[string]*store.Doc {
	out := make(map[string]*store.Doc, len(s.docs))
	for id, e := range s.docs {
		if e.loaded && e.Doc != nil {
			out[id] = e.Doc
		}
	}
	return out
}

// docsAfter fills msg with every article act touched as the store holds it
// after act: msg.Docs for those read back or applied to a copy, msg.apply
// for the cached documents Written brings up to date in place. A read that
// fails after the commit is a SavedButError.
func docsAfter(ctx context.Context, st store.Store, base map[string]*store.Doc, msg *WrittenMsg, undo bool) {
	ops := msg.Act.Applied(undo)
	msg.Docs = map[string]*store.Doc{}
	for _, op := range ops {
		id := op.Article
		_, seen := msg.Docs[id]
		if id == "" || seen || msg.apply[id] != nil {
			continue
		}
		if b := base[id]; b != nil {
			if docops.CanApplyInPlace(b, ops) {
				if msg.apply == nil {
					msg.apply = map[string]*store.Doc{}
				}
				msg.apply[id] = b
				continue
			}
			if d, ok := docops.Apply(b, ops); ok {
				msg.Docs[id] = d
				continue
			}
		}
		doc, found, err := st.Doc(ctx, id)
		if err != nil {
			// The write is committed; say so, and that the view may lag.
			msg.Err = &SavedButError{ID: id, Err: err}
			return
		}
		if !found {
			doc = nil
		}
		msg.Docs[id] = doc
	}
}

// applyInPlace brings the cached documents msg names up to date (Written,
// on the update loop, before anyone sees the message): the same document,
// changed, in msg.Docs for the features.
func (s *Session) applyInPlace(msg WrittenMsg) {
	if len(msg.apply) == 0 {
		return
	}
	ops := msg.Act.Applied(msg.Job.Kind == Undo)
	for id, doc := range msg.apply {
		docops.ApplyInPlace(doc, ops)
		msg.Docs[id] = doc
		if e := s.docs[id]; e != nil && e.loaded && e.Doc != doc {
			e.Doc = doc // a read that raced the write: the write is newer
		}
	}
}

// hashOf is model.HashText(text), kept for the last text: CheckChanged
// runs after every write, on the same article's text.
func (s *Session) hashOf(text string) string {
	if s.hash == "" || s.hashText != text {
		s.hashText, s.hash = text, model.HashText(text)
	}
	return s.hash
}
