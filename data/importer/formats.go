package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf16"

	"storydesk/model"
)

// The record shapes other annotation tools write, each turned into the
// importRecord storydesk's own jsonl uses (see JSONL for the rules):
//
//   - doccano JSONL: {"text", "label": [[start, end, "LABEL"], …]} (sequence
//     labelling, up to 1.5), {"text", "entities": [{"id", "label",
//     "start_offset", "end_offset"}], "relations": [{"from_id", "to_id",
//     "type"}]} (1.6 on), {"text", "label": ["CATEGORY"]} (classification).
//   - spaCy v2 training data: ["text", {"entities": [[start, end, "LABEL"]]}],
//     a line each or all in one JSON array.
//   - Label Studio's JSON export: [{"data": {"text"}, "annotations":
//     [{"result": [{"id", "type": "labels", "value": {"start", "end",
//     "text", "labels"}}, {"type": "relation", "from_id", "to_id"},
//     {"type": "choices", "value": {"choices"}}]}]}], and its JSON-MIN
//     export ({"text", "label": [{"start", "end", "text", "labels"}]}).
//
// What maps: a span labelled QUOTE or QUOTATION (brat's Quote) is a
// quotation; a relation between a quotation and another span names that
// span its speaker (storydesk's one relation). Relations between two other
// spans, and choices that are not an annotation status (new, in-progress,
// done), have no place in storydesk: they are counted (Stats.Ignored) and
// said, never dropped silently. Label Studio's predictions are a model's,
// not an annotator's: they are not imported; of several annotations of one
// task, the first not cancelled is.
//
// Offsets are code points everywhere, as storydesk's are. doccano computes
// them in Python (code points; its 2019 fix of JavaScript's UTF-16 counts).
// Label Studio's editor has counted UTF-16 units in some versions (issue
// #1347: every span after an emoji one off); its results carry the span's
// text, so a span whose text does not match at code points but does at
// UTF-16 units is moved onto code points.

// recordShape names the shapes for messages.
const expectedShapes = `an object with "text" (storydesk, spaCy, Prodigy, doccano, Label Studio JSON-MIN), a Label Studio task {"data", "annotations"}, or a spaCy ["text", {"entities"}] pair`

// quoteLabels are the span labels that mean a quotation.
var quoteLabels = map[string]bool{"QUOTE": true, "QUOTATION": true}

// decodeRecord reads one record of any known shape. ignored counts the
// relations and choices that have no storydesk equivalent.
func decodeRecord(raw []byte) (rec *importRecord, ignored int, err error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0:
		return nil, 0, errors.New("empty record")
	case raw[0] == '[':
		return decodeSpacyPair(raw)
	case raw[0] != '{':
		return nil, 0, fmt.Errorf("expected %s; got %s", expectedShapes, jsonKind(raw))
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		return nil, 0, errors.New(importJSONProblem(err))
	}
	_, hasSpans := keys["spans"]
	_, hasText := keys["text"]
	switch {
	case !hasText && (keys["data"] != nil || keys["annotations"] != nil || keys["completions"] != nil):
		return decodeLabelStudio(raw)
	case keys["entities"] != nil && !hasSpans:
		return decodeDoccano(raw)
	case keys["label"] != nil && !hasSpans && jsonKind(keys["label"]) != "a string":
		// doccano's spans or categories, Label Studio's JSON-MIN (a list;
		// anything else is refused there). Prodigy's text classification
		// has one label, a string: ours.
		return decodeDoccano(raw)
	}
	rec = &importRecord{}
	if err := json.Unmarshal(raw, rec); err != nil {
		return nil, 0, errors.New(importJSONProblem(err))
	}
	return rec, 0, nil
}

// foreignSpan is a span as another tool wrote it; text is what the record
// says it covers (Label Studio), nil when it does not say.
type foreignSpan struct {
	id         string
	start, end int
	label      string
	text       *string
}

type foreignRel struct{ from, to string }

// buildRecord fills rec's spans and quotations from another tool's spans,
// relations and choices; it returns how many of them did not map.
func buildRecord(rec *importRecord, ents []foreignSpan, rels []foreignRel, choices []string) (ignored int) {
	quoteAt := map[string]int{}
	spanAt := map[string]int{}
	for _, e := range ents {
		s, en := e.start, e.end
		label := strings.ToUpper(strings.TrimSpace(e.label))
		if quoteLabels[label] {
			if e.id != "" {
				quoteAt[e.id] = len(rec.Quotes)
			}
			rec.Quotes = append(rec.Quotes, importQuote{Start: &s, End: &en, Text: e.text})
			continue
		}
		if e.id != "" {
			spanAt[e.id] = len(rec.Spans)
		}
		rec.Spans = append(rec.Spans, importSpan{Start: &s, End: &en, Label: e.label, Text: e.text})
	}
	for _, r := range rels {
		q, okQ := quoteAt[r.from]
		sp, okS := spanAt[r.to]
		if !okQ || !okS {
			q, okQ = quoteAt[r.to]
			sp, okS = spanAt[r.from]
		}
		if !okQ || !okS || rec.Quotes[q].SpeakerSpan != nil {
			ignored++ // not quotation–speaker, or a second speaker
			continue
		}
		k := sp
		rec.Quotes[q].SpeakerSpan = &k
		s := rec.Spans[sp]
		if s.Text != nil {
			rec.Quotes[q].Speaker = *s.Text
		} else if rec.Text != nil {
			rec.Quotes[q].Speaker = model.RuneSlice(*rec.Text, *s.Start, *s.End)
		}
	}
	for _, c := range choices {
		switch st := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(c)), " ", "-"); model.Status(st) {
		case model.StatusNew, model.StatusInProgress, model.StatusDone:
			rec.Status = st
		default:
			ignored++
		}
	}
	return ignored
}

// decodeSpacyPair reads spaCy v2's ["text", {"entities": [[s, e, "L"]]}].
func decodeSpacyPair(raw []byte) (*importRecord, int, error) {
	var pair []json.RawMessage
	if err := json.Unmarshal(raw, &pair); err != nil {
		return nil, 0, errors.New(importJSONProblem(err))
	}
	var text string
	if len(pair) != 2 || json.Unmarshal(pair[0], &text) != nil || !isObject(pair[1]) {
		return nil, 0, fmt.Errorf(`a JSON array here must be a spaCy training pair ["text", {"entities": [[start, end, "LABEL"]]}]; got an array of %d: %s`, len(pair), kinds(pair))
	}
	var ann struct {
		Entities json.RawMessage `json:"entities"`
		Cats     map[string]any  `json:"cats"`
	}
	if err := json.Unmarshal(pair[1], &ann); err != nil {
		return nil, 0, errors.New(importJSONProblem(err))
	}
	rec := &importRecord{Text: &text}
	ents, err := tripleSpans(`"entities"`, ann.Entities)
	if err != nil {
		return nil, 0, err
	}
	return rec, buildRecord(rec, ents, nil, nil) + len(ann.Cats), nil
}

// tripleSpans reads [[start, end, "LABEL"], …] (spaCy, old doccano).
func tripleSpans(field string, raw json.RawMessage) ([]foreignSpan, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf(`%s: expected a list of [start, end, "LABEL"]; got %s`, field, jsonKind(raw))
	}
	out := make([]foreignSpan, 0, len(items))
	for i, it := range items {
		var tr []json.RawMessage
		var s, e int
		var label string
		if json.Unmarshal(it, &tr) != nil || len(tr) != 3 || json.Unmarshal(tr[0], &s) != nil ||
			json.Unmarshal(tr[1], &e) != nil || json.Unmarshal(tr[2], &label) != nil {
			return nil, fmt.Errorf(`%s[%d]: expected [start, end, "LABEL"] (code points); got %s`, field, i, clipJSON(it))
		}
		out = append(out, foreignSpan{start: s, end: e, label: label})
	}
	return out, nil
}

// decodeDoccano reads doccano's sequence-labelling, relation and
// classification exports, and Label Studio's JSON-MIN (whose "label" holds
// objects with "labels").
func decodeDoccano(raw []byte) (*importRecord, int, error) {
	var d struct {
		importRecord
		Label     json.RawMessage `json:"label"`
		Entities  json.RawMessage `json:"entities"`
		Relations json.RawMessage `json:"relations"`
		Cats      json.RawMessage `json:"cats"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, 0, errors.New(importJSONProblem(err))
	}
	rec := &d.importRecord
	var ents []foreignSpan
	var rels []foreignRel
	var choices []string
	if len(d.Label) > 0 && string(d.Label) != "null" {
		var items []json.RawMessage
		if err := json.Unmarshal(d.Label, &items); err != nil {
			return nil, 0, fmt.Errorf(`"label": expected a list of [start, end, "LABEL"] or of categories; got %s`, jsonKind(d.Label))
		}
		for i, it := range items {
			var cat string
			var min struct {
				Start  *int     `json:"start"`
				End    *int     `json:"end"`
				Text   *string  `json:"text"`
				Labels []string `json:"labels"`
			}
			switch {
			case json.Unmarshal(it, &cat) == nil:
				choices = append(choices, cat)
			case isObject(it):
				if json.Unmarshal(it, &min) != nil || min.Start == nil || min.End == nil || len(min.Labels) == 0 {
					return nil, 0, fmt.Errorf(`"label"[%d]: expected {"start", "end", "labels": ["LABEL"]} (Label Studio JSON-MIN); got %s`, i, clipJSON(it))
				}
				s, e := *min.Start, *min.End
				if rec.Text != nil {
					s, e = lsOffsets(*rec.Text, s, e, min.Text)
				}
				for _, l := range min.Labels {
					ents = append(ents, foreignSpan{start: s, end: e, label: l, text: min.Text})
				}
			default:
				tr, err := tripleSpans(`"label"`, json.RawMessage("["+string(it)+"]"))
				if err != nil {
					return nil, 0, fmt.Errorf(`"label"[%d]: expected [start, end, "LABEL"] (code points) or a category; got %s`, i, clipJSON(it))
				}
				ents = append(ents, tr...)
			}
		}
	}
	if len(d.Entities) > 0 && string(d.Entities) != "null" {
		var items []json.RawMessage
		if err := json.Unmarshal(d.Entities, &items); err != nil {
			return nil, 0, fmt.Errorf(`"entities": expected a list of {"id", "label", "start_offset", "end_offset"}; got %s`, jsonKind(d.Entities))
		}
		for i, it := range items {
			if !isObject(it) { // {"text", "entities": [[s, e, L]]}, as spaCy's dict
				tr, err := tripleSpans(`"entities"`, json.RawMessage("["+string(it)+"]"))
				if err != nil {
					return nil, 0, fmt.Errorf(`"entities"[%d]: expected {"label", "start_offset", "end_offset"} or [start, end, "LABEL"]; got %s`, i, clipJSON(it))
				}
				ents = append(ents, tr...)
				continue
			}
			var e struct {
				ID    json.RawMessage `json:"id"`
				Label *string         `json:"label"`
				Start *int            `json:"start_offset"`
				End   *int            `json:"end_offset"`
			}
			if json.Unmarshal(it, &e) != nil || e.Label == nil || e.Start == nil || e.End == nil {
				return nil, 0, fmt.Errorf(`"entities"[%d]: expected {"id", "label", "start_offset", "end_offset"} (code points); got %s`, i, clipJSON(it))
			}
			ents = append(ents, foreignSpan{id: importRawString(e.ID), start: *e.Start, end: *e.End, label: *e.Label})
		}
	}
	if len(d.Relations) > 0 && string(d.Relations) != "null" {
		var items []struct {
			From json.RawMessage `json:"from_id"`
			To   json.RawMessage `json:"to_id"`
		}
		if err := json.Unmarshal(d.Relations, &items); err != nil {
			return nil, 0, fmt.Errorf(`"relations": expected a list of {"from_id", "to_id", "type"}; got %s`, jsonKind(d.Relations))
		}
		for _, r := range items {
			rels = append(rels, foreignRel{from: importRawString(r.From), to: importRawString(r.To)})
		}
	}
	if len(d.Cats) > 0 {
		var cats []string
		if json.Unmarshal(d.Cats, &cats) == nil {
			choices = append(choices, cats...)
		}
	}
	return rec, buildRecord(rec, ents, rels, choices), nil
}

// decodeLabelStudio reads one task of Label Studio's JSON export.
func decodeLabelStudio(raw []byte) (*importRecord, int, error) {
	var t struct {
		ID          json.RawMessage            `json:"id"`
		Data        map[string]json.RawMessage `json:"data"`
		Annotations []lsAnnotation             `json:"annotations"`
		// Label Studio before 1.0 called them completions.
		Completions []lsAnnotation `json:"completions"`
	}
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, 0, errors.New(importJSONProblem(err))
	}
	if len(t.Annotations) == 0 {
		t.Annotations = t.Completions
	}
	text, ok := lsText(t.Data)
	if !ok {
		return nil, 0, errors.New(`Label Studio task: "data" has no "text" (nor any other string field)`)
	}
	rec := &importRecord{ID: t.ID, Text: &text}
	for k, v := range t.Data {
		if rec.Meta == nil {
			rec.Meta = map[string]any{}
		}
		var s string
		if k != "text" && json.Unmarshal(v, &s) == nil {
			rec.Meta[k] = s
		}
	}
	ignored := 0
	first := -1
	for i, a := range t.Annotations {
		if a.Cancelled {
			continue
		}
		if first >= 0 {
			ignored++ // another annotator's: one annotation per task
			continue
		}
		first = i
	}
	if first < 0 {
		return rec, ignored, nil
	}
	var ents []foreignSpan
	var rels []foreignRel
	var choices []string
	for i, r := range t.Annotations[first].Result {
		var res struct {
			ID    string `json:"id"`
			Type  string `json:"type"`
			From  string `json:"from_id"`
			To    string `json:"to_id"`
			Value struct {
				Start   json.RawMessage `json:"start"`
				End     json.RawMessage `json:"end"`
				Text    *string         `json:"text"`
				Labels  []string        `json:"labels"`
				Choices []string        `json:"choices"`
			} `json:"value"`
		}
		what := fmt.Sprintf(`"annotations"[%d]."result"[%d]`, first, i)
		if err := json.Unmarshal(r, &res); err != nil {
			return nil, 0, fmt.Errorf("%s: expected a result object; got %s", what, clipJSON(r))
		}
		switch res.Type {
		case "labels":
			var s, e int
			if json.Unmarshal(res.Value.Start, &s) != nil || json.Unmarshal(res.Value.End, &e) != nil || len(res.Value.Labels) == 0 {
				return nil, 0, fmt.Errorf(`%s: expected "value": {"start", "end", "text", "labels": ["LABEL"]} with numeric offsets; got %s`, what, clipJSON(r))
			}
			s, e = lsOffsets(text, s, e, res.Value.Text)
			for _, l := range res.Value.Labels {
				ents = append(ents, foreignSpan{id: res.ID, start: s, end: e, label: l, text: res.Value.Text})
			}
		case "relation":
			rels = append(rels, foreignRel{from: res.From, to: res.To})
		case "choices":
			choices = append(choices, res.Value.Choices...)
		default:
			ignored++ // text areas, ratings, HTML spans: nothing of storydesk's
		}
	}
	return rec, ignored + buildRecord(rec, ents, rels, choices), nil
}

type lsAnnotation struct {
	Cancelled bool              `json:"was_cancelled"`
	Result    []json.RawMessage `json:"result"`
}

// lsText is the task's text: data.text, else its only string field.
func lsText(data map[string]json.RawMessage) (string, bool) {
	var s string
	if v, ok := data["text"]; ok && json.Unmarshal(v, &s) == nil {
		return s, true
	}
	found := ""
	n := 0
	for _, v := range data {
		if json.Unmarshal(v, &s) == nil {
			found = s
			n++
		}
	}
	return found, n == 1
}

// lsOffsets moves UTF-16 offsets onto code points when the span's text
// says they were counted that way (see the comment at the top).
func lsOffsets(text string, s, e int, want *string) (int, int) {
	if want == nil || model.RuneSlice(text, s, e) == *want {
		return s, e
	}
	if cs, ok := utf16ToCodePoint(text, s); ok {
		if ce, ok := utf16ToCodePoint(text, e); ok && model.RuneSlice(text, cs, ce) == *want {
			return cs, ce
		}
	}
	return s, e // the mismatch is reported against the offsets as written
}

// utf16ToCodePoint turns a UTF-16 unit offset into text into code points;
// false when it is past the end or inside a surrogate pair.
func utf16ToCodePoint(text string, off int) (int, bool) {
	units, cp := 0, 0
	for _, r := range text {
		if units == off {
			return cp, true
		}
		if units > off {
			return 0, false
		}
		units += len(utf16.Encode([]rune{r}))
		cp++
	}
	return cp, units == off
}

func isObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}

// jsonKind names a JSON value's kind for a message ("a JSON array").
func jsonKind(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "a JSON object"
	case '[':
		return "a JSON array"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

func kinds(items []json.RawMessage) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = jsonKind(it)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// clipJSON shows a bit of a bad value, sanitised, for a message.
func clipJSON(raw []byte) string {
	return importClip(model.SanitizeLine(string(bytes.TrimSpace(raw))))
}

// jsonTypeWords names the JSON a Go type is read from, so no message
// shows a Go type name.
func jsonTypeWords(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a value"
}
