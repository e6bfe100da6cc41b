package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"storydesk/data/export"
	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/model"
)

var ctx = context.Background()

func tag(a *model.Article, sp model.Span) store.Action {
	return store.Action{Name: "tag " + sp.Label, Article: a, Ops: []store.Op{{Kind: store.OpAddSpan, Article: a.ID, Span: sp}}}
}

func openTestStore(t *testing.T, path string) *store.SQLite {
	t.Helper()
	s, err := store.OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The export and import tests' fixture (storetest.Fixture), under the
// names the tests use.
const (
	exTextB = storetest.TextB
	exTextC = storetest.TextC
)

var (
	exIDs     = storetest.IDs
	exSpan    = storetest.Span
	exFixture = storetest.Fixture
)

func exDo(t testing.TB, s *store.SQLite, act store.Action) store.Action {
	t.Helper()
	done, err := s.Do(ctx, act)
	if err != nil {
		t.Fatalf("%s: %v", act.Name, err)
	}
	return done
}

// The jsonl export's record, as the round-trip tests read it back (a copy
// of the export's own).
type jsonlRecord struct {
	Text       string       `json:"text"`
	Meta       jsonlMeta    `json:"meta"`
	Spans      []jsonlSpan  `json:"spans"`
	Quotes     []jsonlQuote `json:"quotes"`
	Duplicates []jsonlDup   `json:"duplicates"`
	Canonical  bool         `json:"canonical,omitempty"` // the canonical copy of its duplicate cluster
	Status     string       `json:"status"`
	Annotator  string       `json:"annotator"`
}

type jsonlMeta struct {
	ID     string `json:"id"`
	Path   string `json:"path"`
	Title  string `json:"title"`
	Source string `json:"source"`
	URL    string `json:"url"`
	Date   string `json:"date"`
}

type jsonlSpan struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Label     string `json:"label"`
	Text      string `json:"text"`
	Canonical string `json:"canonical,omitempty"`
}

type jsonlQuote struct {
	Start        int    `json:"start"`
	End          int    `json:"end"`
	Text         string `json:"text"`
	Speaker      string `json:"speaker"`
	SpeakerSpan  *int   `json:"speaker_span"` // index into spans; null when the speaker is not a tagged span
	SpeakerStart *int   `json:"speaker_start"`
	SpeakerEnd   *int   `json:"speaker_end"`
	Kind         string `json:"kind"`
}

type jsonlDup struct {
	Other string `json:"other"`
	Label string `json:"label"`
}

// spanIndex is the position of the span with id in spans, or -1.
func spanIndex(spans []model.Span, id int64) int {
	if id == 0 {
		return -1
	}
	for i, sp := range spans {
		if sp.ID == id {
			return i
		}
	}
	return -1
}

func exExport(t testing.TB, s *store.SQLite, opts export.Options) (export.Stats, []byte) {
	t.Helper()
	var out bytes.Buffer
	if opts.Stdout == nil {
		opts.Stdout = &out
	}
	st, err := export.Write(ctx, s, opts)
	if err != nil {
		t.Fatalf("export %s: %v", opts.Format, err)
	}
	return st, out.Bytes()
}

func exJSONL(t testing.TB, b []byte) []jsonlRecord {
	t.Helper()
	var recs []jsonlRecord
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r jsonlRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("bad line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	return recs
}

// pySlice is Python's text[start:end]: code points.
func pySlice(t testing.TB, text string, start, end int) string {
	t.Helper()
	rs := []rune(text)
	if start < 0 || end > len(rs) || start > end {
		t.Fatalf("offsets %d–%d outside a text of %d code points", start, end, len(rs))
	}
	return string(rs[start:end])
}
