package corpus

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkAgainstJSON holds the object scanner to encoding/json on valid input:
// it must accept every valid object and decode its strings the same way.
func checkAgainstJSON(t *testing.T, line string) {
	var want map[string]json.RawMessage
	if !utf8.ValidString(line) || json.Unmarshal([]byte(line), &want) != nil || want == nil {
		return
	}
	got := map[string]jsonValue{}
	if _, err := parseObject([]byte(line), func(k string, v jsonValue) bool {
		got[k] = v
		return true
	}); err != nil {
		t.Fatalf("parseObject(%q): %v", line, err)
	}
	if len(got) != len(want) {
		t.Fatalf("parseObject(%q): %d members, encoding/json %d", line, len(got), len(want))
	}
	for k, raw := range want {
		var s string
		if string(raw) == "null" || json.Unmarshal(raw, &s) != nil {
			continue
		}
		v := got[k]
		if !v.isStr {
			t.Fatalf("%q: member %q not seen as a string", line, k)
		}
		if d, err := unquote(v.raw); err != nil || d != s {
			t.Fatalf("%q: member %q decoded %q (%v), encoding/json %q", line, k, d, err, s)
		}
	}
}

var jsonSeeds = []string{
	`{}`,
	` { "a" : "b" , "c" : [1, {"d": "e\"}"}], "f": null, "g": true, "h": -1.5e3 } `,
	`{"text":"tab\tnew\nline \\ back \/ slash \u00e9 \ud83d\ude00 \ud800 lone \udc00 low"}`,
	`{"a":"\"","b":"\\","c":"\\\"","d":"x\\\\"}`,
	`{"nested":{"id":"inner"},"id":"outer"}`,
	`{"a":[],"b":{},"c":[[[]]],"d":"]}"}`,
	`{"a":1}x`,
	`{"a" 1}`,
	`{"a":tru}`,
	`{"a":"\q"}`,
	`{"a":"\u12"}`,
	`{"a":01}`,
	`{,}`,
	`{"a":1,}`,
}

func TestObjectScannerMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonSeeds {
		checkAgainstJSON(t, s)
	}
	// Invalid lines are refused (not only skipped by the helper above).
	for _, s := range []string{`{"a":1}x`, `{"a" 1}`, `{"a":tru}`, `{"a":"\q"}`, `{"a":01}`, `{,}`, `{"a":1,}`, `{"a":"x`, `{"a":[1,2}`} {
		_, err := parseObject([]byte(s), func(string, jsonValue) bool { return true })
		if err == nil {
			// An escape error only shows when the string is decoded.
			if rec, why := parseRecord([]byte(strings.Replace(s, `"a"`, `"text"`, 1))); why == "" {
				t.Errorf("%q accepted: %+v", s, rec)
			}
		}
	}
}

func TestPeekID(t *testing.T) {
	cases := map[string]string{
		`{"id":"a"}`:                           "a",
		`{"text":"has \"id\": inside","id":7}`: "7",
		`{"nested":{"id":"no"},"id":"yes"}`:    "yes",
		`{"nested":{"id":"no"}}`:               "",
		`{"id":null,"text":"x"}`:               "",
		`{"id":["x","y"]}`:                     "x, y",
		`not json`:                             "",
		`{"id":"esc\u0041ped"}`:                "escAped",
	}
	for line, want := range cases {
		if got := peekID([]byte(line)); got != want {
			t.Errorf("peekID(%s) = %q, want %q", line, got, want)
		}
	}
}

func FuzzObjectScanner(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		checkAgainstJSON(t, line)
		parseRecord([]byte(line)) // must not panic
		peekID([]byte(line))
	})
}
