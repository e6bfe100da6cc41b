package export

import (
	"bytes"
	"path/filepath"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
)

// The first record written has [] for empty annotations too (the records
// share their slices, and a nil one would be written as null, which Prodigy
// and spaCy cannot iterate).
func TestExportJSONLFirstRecordEmptyIsNotNull(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "s.db"))
	a := &model.Article{ID: "a.txt", Text: "Nothing tagged here."}
	exDo(t, s, store.Action{Name: "snapshot", Article: a, Ops: []store.Op{{Kind: store.OpSetStatus, Article: a.ID, Status: model.StatusDone}}})
	_, out := exExport(t, s, Options{Format: FormatJSONL})
	if !bytes.Contains(out, []byte(`"spans":[],"quotes":[],"duplicates":[]`)) || bytes.Contains(out, []byte("null")) {
		t.Fatalf("empty annotations: %s", out)
	}
}
