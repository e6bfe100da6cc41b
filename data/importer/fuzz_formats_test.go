package importer

import (
	"bytes"
	"strings"
	"testing"
)

// goNames are what a message must never show (Go's type names, as
// json.Unmarshal's errors give them).
var goNames = []string{"importRecord", "data.", "json.RawMessage", "[]importer", "*int", "map[string]"}

// FuzzDecodeRecord: any line either decodes into a record whose spans and
// quotations all have offsets, or is refused in words with no Go type name;
// it never panics. Seeds: testdata/fuzz/FuzzDecodeRecord (one per shape).
func FuzzDecodeRecord(f *testing.F) {
	for _, s := range []string{
		`{"text":"Zoë","label":[[0,3,"PERSON"]]}`,
		`{"text":"Zoë","entities":[{"id":1,"label":"QUOTE","start_offset":0,"end_offset":3}],"relations":[{"from_id":1,"to_id":2}]}`,
		`["Zoë",{"entities":[[0,3,"PERSON"]]}]`,
		`{"data":{"text":"🚢 Zoë"},"annotations":[{"result":[{"id":"a","type":"labels","value":{"start":3,"end":6,"text":"Zoë","labels":["P"]}}]}]}`,
		`{"text":"Zoë","label":[{"start":0,"end":3,"labels":["P"]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		rec, ignored, err := decodeRecord(line)
		if err != nil {
			for _, g := range goNames {
				if strings.Contains(err.Error(), g) {
					t.Fatalf("Go name %q in %q", g, err)
				}
			}
			return
		}
		if rec == nil || ignored < 0 {
			t.Fatalf("no record and no error: %v %d", rec, ignored)
		}
		for _, q := range rec.Quotes {
			if q.SpeakerSpan != nil && (*q.SpeakerSpan < 0 || *q.SpeakerSpan >= len(rec.Spans)) {
				t.Fatalf("speaker span %d of %d", *q.SpeakerSpan, len(rec.Spans))
			}
		}
	})
}

// FuzzArrayRecords: walking a JSON array file gives each record a line
// inside the file, in order, and never panics.
func FuzzArrayRecords(f *testing.F) {
	f.Add([]byte("[\n [\"a\", {\"entities\": []}],\n {\"text\": \"b\"}\n]"))
	f.Add([]byte("[{\"data\": {\"text\": \"x\"}}, 3, ]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		last := 0
		_ = firstLineIsRecord(data)
		err := eachArrayRecord(data, func(no int, raw []byte, _ bool) error {
			if no < last || no < 1 || no > lines {
				t.Fatalf("record at line %d (after %d, of %d)", no, last, lines)
			}
			last = no
			return nil
		}, func(no int, msg string) {
			if no < 1 || no > lines {
				t.Fatalf("problem at line %d of %d: %s", no, lines, msg)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
