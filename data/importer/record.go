package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"storydesk/data/store"
	"storydesk/model"
)

// One record, checked against its own text and written through the
// store's bulk writer.

// importRecord is the union of the record shapes JSONL reads.
type importRecord struct {
	ID         json.RawMessage `json:"id"`
	Text       *string         `json:"text"`
	Meta       map[string]any  `json:"meta"`
	Spans      []importSpan    `json:"spans"`
	Quotes     []importQuote   `json:"quotes"`
	Duplicates []importDup     `json:"duplicates"`
	Canonical  bool            `json:"canonical"`
	Status     string          `json:"status"`
	Annotator  string          `json:"annotator"`
	Answer     string          `json:"answer"`
	InputHash  json.RawMessage `json:"_input_hash"`
	Title      string          `json:"title"`
	Source     string          `json:"source"`
	URL        string          `json:"url"`
	Date       string          `json:"date"`
}

type importSpan struct {
	Start     *int    `json:"start"`
	End       *int    `json:"end"`
	Label     string  `json:"label"`
	Text      *string `json:"text"`
	Canonical string  `json:"canonical"`
	Answer    string  `json:"answer"` // Prodigy's, on a merged example's span
}

type importQuote struct {
	Start       *int    `json:"start"`
	End         *int    `json:"end"`
	Text        *string `json:"text"`
	Speaker     string  `json:"speaker"`
	SpeakerSpan *int    `json:"speaker_span"`
	// The speaker's mention, code points (storydesk's export and quotes
	// --json); -1 or absent when none.
	SpeakerStart *int   `json:"speaker_start"`
	SpeakerEnd   *int   `json:"speaker_end"`
	Kind         string `json:"kind"`
}

type importDup struct {
	Other string `json:"other"`
	Label string `json:"label"`
}

// applyRecord validates rec and applies it; the caller rolls back on error.
// A rejected record (reject) only adds its article and its spans as
// rejected suggestions.
func applyRecord(ctx context.Context, tx store.ImportTx, rec *importRecord, reject bool, no int, source, name string) (Stats, error) {
	var added Stats
	if rec.Text == nil {
		return added, errors.New(`no "text" field`)
	}
	orig := *rec.Text
	text := model.Sanitize(orig)
	if text == "" {
		return added, errors.New(`"text" is empty`)
	}
	id := importID(rec, name, no)
	if id == "" {
		return added, errors.New("the record's id is empty")
	}
	origLen := model.RuneLen(orig)
	// at checks one range of the record against its own text and moves it
	// onto the sanitised text.
	at := func(what string, start, end *int, want *string) (int, int, string, error) {
		if start == nil || end == nil {
			return 0, 0, "", fmt.Errorf("%s: needs start and end", what)
		}
		a, b := *start, *end
		if a < 0 || b <= a || b > origLen {
			return 0, 0, "", fmt.Errorf("%s: %d–%d is outside the text (%d characters)", what, a, b, origLen)
		}
		got := model.RuneSlice(orig, a, b)
		if want != nil && *want != got {
			return 0, 0, "", fmt.Errorf("%s: text %q does not match the text at %d–%d, %q (offsets are code points, as in Python)", what, importClip(*want), a, b, importClip(got))
		}
		if text == orig {
			return a, b, got, nil
		}
		na := model.RuneLen(model.Sanitize(model.RuneSlice(orig, 0, a)))
		clean := model.Sanitize(got)
		nb := na + model.RuneLen(clean)
		if clean == "" || model.RuneSlice(text, na, nb) != clean {
			return 0, 0, "", fmt.Errorf("%s: %d–%d covers control characters that were removed from the text", what, a, b)
		}
		return na, nb, clean, nil
	}

	// The article: new, or the same text already stored.
	var have, rejected []model.Span
	var quotes []model.QuoteAnn
	stored, ok, err := tx.Doc(ctx, id)
	switch {
	case err != nil:
		return added, err
	case !ok:
		if err := tx.AddArticle(ctx, importArticle(rec, id, text), model.SanitizeLine(rec.Annotator)); err != nil {
			return added, err
		}
	case stored.Text != text:
		return added, fmt.Errorf("article %q is already in the store with a different text; import into a fresh store (--db)", id)
	default:
		have, quotes, rejected = stored.Spans, stored.Quotes, stored.Rejected
	}

	// Spans are checked here as Do checks them (inside the text, text as
	// covered, no overlap), against the article's spans held in memory.
	spanIDs := make([]int64, len(rec.Spans)) // record index → stored span id
	order := make([]int, len(rec.Spans))
	for i := range order {
		order[i] = i
	}
	// In text order, so an overlap names the earlier span.
	sort.SliceStable(order, func(i, j int) bool {
		return importIntOr(rec.Spans[order[i]].Start) < importIntOr(rec.Spans[order[j]].Start)
	})
	type rejection struct {
		what string
		sp   model.Span
	}
	var rejects []rejection // checked, stored after the record's annotations
	for _, i := range order {
		rs := rec.Spans[i]
		what := fmt.Sprintf("spans[%d]", i)
		answer := answerOf(rs.Answer)
		if rs.Answer == "" && reject {
			answer = answerReject
		}
		if answer == answerIgnore {
			added.SkippedSpans++
			continue
		}
		a, b, got, err := at(what, rs.Start, rs.End, rs.Text)
		if err != nil {
			return added, err
		}
		label := strings.ToUpper(model.SanitizeLine(rs.Label))
		if label == "" {
			return added, fmt.Errorf("%s: no label", what)
		}
		if answer == answerReject {
			rejects = append(rejects, rejection{what, model.Span{Start: a, End: b, Label: label, Text: got}})
			continue
		}
		// Accepted now, rejected before (records come in the order they
		// were answered): the later answer stands.
		if k := importSameSpan(rejected, a, b, label); k >= 0 {
			op := store.Op{Kind: store.OpSetReject, Article: id, Span: rejected[k]}
			if err := tx.Apply(ctx, &op); err != nil {
				return added, fmt.Errorf("%s: %w", what, err)
			}
			rejected = append(rejected[:k:k], rejected[k+1:]...)
		}
		if k := importSameSpan(have, a, b, label); k >= 0 {
			spanIDs[i] = have[k].ID
			continue
		}
		if o, ok := model.FindOverlap(have, a, b, 0); ok {
			return added, fmt.Errorf("%s %s %q at %d–%d %v (storydesk keeps entity spans apart, as NER data does)", what, label, importClip(got), a, b, &store.OverlapError{With: o})
		}
		sp := model.Span{Start: a, End: b, Label: label, Text: got, Canonical: model.SanitizeLine(rs.Canonical), Source: source}
		if sp.ID, err = tx.AddSpan(ctx, id, sp); err != nil {
			return added, fmt.Errorf("%s: %w", what, err)
		}
		have = append(have, sp)
		spanIDs[i] = sp.ID
		added.Spans++
	}
	for _, r := range rejects {
		if importSameSpan(have, r.sp.Start, r.sp.End, r.sp.Label) >= 0 {
			added.Contradicted++ // the annotation stands
			continue
		}
		op := store.Op{Kind: store.OpSetReject, Article: id, Span: r.sp, Flag: true}
		if err := tx.Apply(ctx, &op); err != nil {
			return added, fmt.Errorf("%s: %w", r.what, err)
		}
		if !op.PrevFlag {
			added.Rejections++
		}
	}
	if reject {
		return added, nil // nothing else of a rejected record is an annotation
	}

	for i, rq := range rec.Quotes {
		what := fmt.Sprintf("quotes[%d]", i)
		a, b, got, err := at(what, rq.Start, rq.End, rq.Text)
		if err != nil {
			return added, err
		}
		kind := model.QuoteKind(rq.Kind)
		switch kind {
		case "":
			kind = model.QuoteDirect
		case model.QuoteDirect, model.QuotePartial, model.QuoteScare, model.QuoteParaphrase:
		default:
			return added, fmt.Errorf("%s: unknown kind %q (direct, partial, paraphrase or scare)", what, rq.Kind)
		}
		var speakerSpan int64 // 0 when the speaker is not a tagged span
		if rq.SpeakerSpan != nil {
			k := *rq.SpeakerSpan
			if k < 0 || k >= len(spanIDs) {
				return added, fmt.Errorf("%s: speaker_span %d is not an index into spans (%d spans)", what, k, len(spanIDs))
			}
			speakerSpan = spanIDs[k]
		}
		dup := false
		for _, h := range quotes {
			if h.Start == a && h.End == b {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		q := model.QuoteAnn{Start: a, End: b, Text: got, Speaker: model.SanitizeLine(rq.Speaker), SpeakerSpan: speakerSpan, Kind: kind, Status: model.QuoteAccepted, Source: source}
		if rq.SpeakerStart != nil && rq.SpeakerEnd != nil && *rq.SpeakerStart >= 0 {
			ms, me, _, err := at(what+": speaker_start/speaker_end", rq.SpeakerStart, rq.SpeakerEnd, nil)
			if err != nil {
				return added, err
			}
			q.MentionStart, q.MentionEnd = ms, me
		}
		if _, err := tx.AddQuote(ctx, id, q); err != nil {
			return added, fmt.Errorf("%s: %w", what, err)
		}
		quotes = append(quotes, model.QuoteAnn{Start: a, End: b})
		added.Quotes++
	}

	for i, d := range rec.Duplicates {
		what := fmt.Sprintf("duplicates[%d]", i)
		other := model.SanitizeLine(d.Other)
		label := model.DupLabel(d.Label)
		switch {
		case other == "" || other == id:
			return added, fmt.Errorf("%s: \"other\" must name another article", what)
		case label != model.LabelDuplicate && label != model.LabelNearDup && label != model.LabelSameStory && label != model.LabelNotDup:
			return added, fmt.Errorf("%s: unknown label %q (duplicate, near-duplicate, same-story or not-duplicate)", what, d.Label)
		}
		op := store.Op{Kind: store.OpSetDupLabel, A: id, B: other, DupLabel: label}
		if err := tx.Apply(ctx, &op); err != nil {
			return added, fmt.Errorf("%s: %w", what, err)
		}
		if op.PrevLabel != label {
			added.Pairs++
		}
	}
	if rec.Canonical {
		if err := tx.Apply(ctx, &store.Op{Kind: store.OpSetCanonical, Article: id, Flag: true}); err != nil {
			return added, err
		}
	}
	if rec.Status != "" {
		st := model.Status(rec.Status)
		if st != model.StatusNew && st != model.StatusInProgress && st != model.StatusDone {
			return added, fmt.Errorf("unknown status %q (new, in-progress or done)", rec.Status)
		}
		if err := tx.Apply(ctx, &store.Op{Kind: store.OpSetStatus, Article: id, Status: st}); err != nil {
			return added, err
		}
	}
	return added, nil
}

// importID picks the record's article id (see JSONL).
func importID(rec *importRecord, name string, no int) string {
	if id := importRawString(rec.ID); id != "" {
		return model.SanitizeLine(id)
	}
	if id, ok := rec.Meta["id"]; ok {
		if s := importScalar(id); s != "" {
			return model.SanitizeLine(s)
		}
	}
	if h := importRawString(rec.InputHash); h != "" {
		return "prodigy:" + model.SanitizeLine(h)
	}
	return filepath.Base(name) + ":" + strconv.Itoa(no)
}

// importArticle builds the article to snapshot from the record's metadata:
// meta first (storydesk's export, Prodigy), then top-level fields.
func importArticle(rec *importRecord, id, text string) *model.Article {
	a := &model.Article{ID: id, Text: text, Meta: map[string]string{}}
	for k, v := range rec.Meta {
		s := model.SanitizeLine(importScalar(v))
		switch k {
		case "id":
		case "title":
			a.Title = s
		case "source":
			a.Source = s
		case "url":
			a.URL = s
		case "date":
			a.Date = s
		case "path":
			a.Path = s
		default:
			if s != "" {
				a.Meta[model.SanitizeLine(k)] = s
			}
		}
	}
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = model.SanitizeLine(v)
		}
	}
	fill(&a.Title, rec.Title)
	fill(&a.Source, rec.Source)
	fill(&a.URL, rec.URL)
	fill(&a.Date, rec.Date)
	if a.Path == "" {
		a.Path = id
	}
	a.Words = model.WordCount(text)
	return a
}

// importRawString reads a JSON string or number as text ("" for null or absent).
func importRawString(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	if _, ok := v.(float64); ok {
		return strings.TrimSpace(string(raw)) // as written: a 64-bit hash stays exact
	}
	return importScalar(v)
}

func importScalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// importJSONProblem says what is wrong with a line in words (JSON's, never
// a Go type's).
func importJSONProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Sprintf("expected %s; got a JSON %s", expectedShapes, te.Value)
		}
		return fmt.Sprintf("%q: expected %s, got a JSON %s", te.Field, jsonTypeWords(te.Type), te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("not valid JSON at byte %d: %v", se.Offset, err)
	}
	return err.Error()
}

func importSameSpan(spans []model.Span, start, end int, label string) int {
	for k, sp := range spans {
		if sp.Start == start && sp.End == end && sp.Label == label {
			return k
		}
	}
	return -1
}

func importIntOr(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

// importClip shortens a string for a message.
func importClip(s string) string {
	if model.RuneLen(s) > 40 {
		return model.RuneSlice(s, 0, 40) + "…"
	}
	return s
}
