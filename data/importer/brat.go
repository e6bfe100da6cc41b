package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"storydesk/data/corpus"
	"storydesk/data/export"
	"storydesk/data/store"
	"storydesk/model"
)

// Brat reads brat standoff annotations into the store: a directory of
// NAME.txt + NAME.ann pairs (searched recursively; hidden files and a .txt
// without its .ann are passed over) or one NAME.ann with its NAME.txt beside
// it. It reads what storydesk's brat export writes and what brat itself
// saves:
//
//   - T lines are entities (their type is the label, upper-cased) or, typed
//     Quote, quotations. Offsets are code points of the .txt, as brat's
//     Python counts them. A discontinuous span ("0 5;6 10") is kept when only
//     white space separates its fragments (the export splits spans at line
//     breaks); it becomes one span from the first start to the last end.
//   - A (or M) lines "Kind Tn VALUE" give a quotation's kind.
//   - R lines "Speaker Arg1:Tq Arg2:Te" link a quotation to its speaker's
//     entity; the speaker's name is the entity's text unless an
//     AnnotatorNotes line on the quotation says "speaker: NAME".
//   - "#" AnnotatorNotes lines "canonical: NAME" give an entity's canonical
//     name.
//   - Other annotation kinds (events, normalisations, other relations and
//     attributes, other notes) are not storydesk's and are passed over.
//
// A document is the article the store already holds when it is a brat
// export of it — the stored text is the .txt and the file is named as the
// export names that article — so an export annotated further in brat comes
// back onto its own article. Otherwise its id is the .txt's path under the
// directory, the id `storydesk DIR` gives that file (export names are safe,
// not reversible: an id such as "news/A.txt" was written as
// news_A.txt~HASH.txt).
//
// A bad line (wrong shape, offsets outside the text, a text field that is
// not what the offsets cover, an entity overlapping another, a reference to
// a T that was not imported) is reported with file and line through
// opts.Problem and left out; the other lines of the file still import. A
// document is all or nothing otherwise (its text already stored as a
// different one, say), and documents are committed in transactions of
// opts.Batch (default 500), as JSONL commits lines. Stats counts
// documents in Articles and Committed, and annotation lines in Lines.
func Brat(ctx context.Context, s store.Store, path string, opts Options) (Stats, error) {
	var st Stats
	if opts.Batch <= 0 {
		opts.Batch = 500
	}
	info, err := os.Stat(path)
	if err != nil {
		return st, fmt.Errorf("%s: %s", model.SanitizeLine(path), corpus.Describe(err))
	}
	root, anns := path, []string(nil)
	var passed []corpus.Problem // files in the folder that are not read
	if info.IsDir() {
		if anns, passed, err = bratFiles(path); err != nil {
			return st, err
		}
		if len(anns) == 0 && len(passed) == 0 {
			return st, fmt.Errorf("%s: a folder with no brat .ann files in it (give JSON lines files by name)", model.SanitizeLine(path))
		}
	} else {
		if !strings.EqualFold(filepath.Ext(path), ".ann") {
			return st, fmt.Errorf("%s: not a brat .ann file or directory", model.SanitizeLine(path))
		}
		root, anns = filepath.Dir(path), []string{filepath.Base(path)}
	}
	if opts.Name == "" {
		opts.Name = path
	}
	source := "import:" + filepath.Base(filepath.Clean(model.SanitizeLine(opts.Name)))
	problem := func(file string, line int, format string, args ...any) {
		st.Failed++
		if opts.Problem != nil {
			opts.Problem(corpus.Problem{Path: model.SanitizeLine(file), Line: line, Reason: fmt.Sprintf(format, args...)})
		}
	}
	for _, p := range passed {
		problem(p.Path, 0, "%s", p.Reason)
	}
	var known map[string][]string // text hash → stored ids, read on first use

	batch := importBatch{s: s, size: opts.Batch, committed: &st.Committed, what: func(_, n int) string {
		return fmt.Sprintf("%s: %d documents", model.SanitizeLine(opts.Name), n)
	}}
	defer batch.rollback()
	for _, rel := range anns {
		if err := ctx.Err(); err != nil {
			return st, err // the open batch is rolled back
		}
		annPath := filepath.Join(root, rel)
		// A file's bad lines are found in two passes (shape, then
		// references): reported in line order.
		var bad []corpus.Problem
		doc, err := readBratAnn(annPath, func(line int, format string, args ...any) {
			bad = append(bad, corpus.Problem{Line: line, Reason: fmt.Sprintf(format, args...)})
		})
		sort.SliceStable(bad, func(i, j int) bool { return bad[i].Line < bad[j].Line })
		for _, p := range bad {
			problem(annPath, p.Line, "%s", p.Reason)
		}
		if err != nil {
			problem(annPath, 0, "%s", err.Error())
			continue
		}
		st.Lines += doc.lines
		base := filepath.ToSlash(strings.TrimSuffix(rel, filepath.Ext(rel)))
		if known == nil {
			if known, err = idsByHash(ctx, s); err != nil {
				return st, err
			}
		}
		id := base + ".txt"
		for _, k := range known[model.HashText(doc.text)] {
			if export.SafeFileBase(k) == filepath.Base(base) {
				id = k
			}
		}
		rec := doc.record(id, base)
		tx, err := batch.next(ctx)
		if err != nil {
			return st, err
		}
		if err := importBratDoc(ctx, tx, doc, rec, source, annPath, &st, problem); err != nil {
			return st, err
		}
		if err := batch.flushFull(); err != nil {
			return st, err
		}
	}
	return st, batch.commit()
}

// bratFiles lists the .ann files under dir, relative to it, in a stable
// order, and the .ann files it passes over: only regular files inside the
// folder are read (a link could lead anywhere, a pipe would hang).
func bratFiles(dir string) ([]string, []corpus.Problem, error) {
	var out []string
	var passed []corpus.Problem
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // temporary files of an export in progress, editor files
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".ann") {
			if why := notRegular(d.Type()); why != "" {
				passed = append(passed, corpus.Problem{Path: p, Reason: why})
				return nil
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %s", model.SanitizeLine(dir), corpus.Describe(err))
	}
	sort.Strings(out)
	return out, passed, nil
}

// idsByHash maps the stored texts' hashes to their articles (several when
// copies share a text). The articles table has no index on hash, so one
// pass serves the whole import.
func idsByHash(ctx context.Context, s store.Store) (map[string][]string, error) {
	hashes, err := s.Hashes(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]string, len(hashes))
	for id, h := range hashes {
		out[h] = append(out[h], id)
	}
	return out, nil
}

// bratAnnDoc is one .ann file read and checked against its .txt: only the
// annotations that can be imported are kept.
type bratAnnDoc struct {
	text   string // the .txt, as it is (offsets point into it)
	runes  int
	lines  int          // annotation lines read
	ents   []bratEntity // in text order, none overlapping
	quotes []bratQuote  // in file order
}

type bratEntity struct {
	id         string
	start, end int
	label      string
	text       string
	canonical  string
	line       int
}

type bratQuote struct {
	id         string
	start, end int
	text       string
	kind       string
	speaker    string  // from a note
	speakerEnt string  // T id of the speaker's entity, from a relation
	mention    *[2]int // where the text names the speaker, from a Mention relation
	line       int
}

// readBratAnn reads an .ann and its .txt. The error is for the document as
// a whole (no .txt, unreadable); bad lines go to bad.
func readBratAnn(annPath string, bad func(line int, format string, args ...any)) (*bratAnnDoc, error) {
	txtPath := strings.TrimSuffix(annPath, filepath.Ext(annPath)) + ".txt"
	raw, err := readRegular(txtPath)
	if err != nil {
		return nil, fmt.Errorf("its text %s: %v", model.SanitizeLine(filepath.Base(txtPath)), err)
	}
	text, why := corpus.DecodeText(raw)
	if why != "" {
		return nil, fmt.Errorf("its text: %s", why)
	}
	ann, err := readRegular(annPath)
	if err != nil {
		return nil, err
	}
	d := &bratAnnDoc{text: text, runes: model.RuneLen(text)}
	clean := model.Sanitize(text) // the article's text once stored
	off := model.NewOffsets(text)

	type attr struct {
		target, value string
		line          int
	}
	type rel struct {
		arg1, arg2 string
		line       int
	}
	type note struct {
		target, text string
		line         int
	}
	var ents []bratEntity
	mentions := map[string][2]int{} // Speaker_mention T id → range
	var mentionRels []rel
	var kinds []attr
	var rels []rel
	var notes []note
	seen := map[string]int{}     // annotation id → line, to refuse duplicates
	dropped := map[string]bool{} // T ids left out
	for no, line := range strings.Split(string(ann), "\n") {
		no++
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		d.lines++
		fields := strings.SplitN(line, "\t", 3)
		id := fields[0]
		if len(fields) < 2 || id == "" {
			bad(no, "not a brat annotation line (want ID, a tab, then the annotation)")
			continue
		}
		if prev, dup := seen[id]; dup && id[0] != '#' {
			bad(no, "%s is already defined on line %d", model.SanitizeLine(id), prev)
			continue
		}
		seen[id] = no
		body := strings.Fields(fields[1])
		switch id[0] {
		case 'T':
			e, err := bratTextBound(text, off, d.runes, fields)
			if err != nil {
				bad(no, "%s: %v", model.SanitizeLine(id), err)
				dropped[id] = true
				continue
			}
			if why := importable(text, clean, e); why != "" {
				bad(no, "%s: %s", model.SanitizeLine(id), why)
				dropped[id] = true
				continue
			}
			e.id, e.line = id, no
			switch e.label {
			case "Quote":
				d.quotes = append(d.quotes, bratQuote{id: id, start: e.start, end: e.end, text: e.text, line: no})
			case "Speaker_mention": // storydesk's export: a mention that is no entity
				mentions[id] = [2]int{e.start, e.end}
			default:
				ents = append(ents, e)
			}
		case 'A', 'M':
			if len(body) < 2 || len(body) > 3 {
				bad(no, "%s: want an attribute: NAME TARGET [VALUE]", model.SanitizeLine(id))
				continue
			}
			if body[0] == "Kind" {
				v := ""
				if len(body) == 3 {
					v = body[2]
				}
				kinds = append(kinds, attr{target: body[1], value: v, line: no})
			}
		case 'R':
			if len(body) != 3 || !strings.HasPrefix(body[1], "Arg1:") || !strings.HasPrefix(body[2], "Arg2:") {
				bad(no, "%s: want a relation: TYPE Arg1:ID Arg2:ID", model.SanitizeLine(id))
				continue
			}
			switch body[0] {
			case "Speaker":
				rels = append(rels, rel{arg1: body[1][5:], arg2: body[2][5:], line: no})
			case "Mention":
				mentionRels = append(mentionRels, rel{arg1: body[1][5:], arg2: body[2][5:], line: no})
			}
		case '#':
			if len(body) != 2 || len(fields) != 3 {
				bad(no, "%s: want a note: TYPE TARGET, a tab, then the note", model.SanitizeLine(id))
				continue
			}
			if body[0] == "AnnotatorNotes" {
				notes = append(notes, note{target: body[1], text: fields[2], line: no})
			}
		case 'E', 'N', '*':
			// Events, normalisations, equivalences: not storydesk's.
		default:
			bad(no, "%s: unknown annotation kind %q (brat has T, A, M, R, E, N, * and #)", model.SanitizeLine(id), model.SanitizeLine(id[:1]))
		}
	}

	// Entities in text order; one overlapping an earlier one is left out
	// (storydesk keeps entity spans apart, as NER data does). The same
	// span twice is one span.
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].start < ents[j].start })
	entAt := map[string]int{} // T id → index into d.ents
	for _, e := range ents {
		if k := len(d.ents) - 1; k >= 0 && d.ents[k].end > e.start {
			p := d.ents[k]
			if p.start == e.start && p.end == e.end && strings.EqualFold(p.label, e.label) {
				entAt[e.id] = k
				continue
			}
			bad(e.line, "%s %s %q at %d–%d overlaps %s %s %q at %d–%d (line %d); storydesk keeps entity spans apart",
				model.SanitizeLine(e.id), model.SanitizeLine(e.label), importClip(e.text), e.start, e.end,
				model.SanitizeLine(p.id), model.SanitizeLine(p.label), importClip(p.text), p.start, p.end, p.line)
			dropped[e.id] = true
			continue
		}
		entAt[e.id] = len(d.ents)
		d.ents = append(d.ents, e)
	}
	quoteAt := map[string]int{}
	for i, q := range d.quotes {
		quoteAt[q.id] = i
	}
	for _, a := range kinds {
		k, ok := quoteAt[a.target]
		switch {
		case dropped[a.target]:
			bad(a.line, "Kind: %s was left out (see its line)", model.SanitizeLine(a.target))
		case !ok:
			bad(a.line, "Kind: %s is not a Quote of this file", model.SanitizeLine(a.target))
		default:
			switch model.QuoteKind(a.value) {
			case model.QuoteDirect, model.QuotePartial, model.QuoteParaphrase, model.QuoteScare:
				d.quotes[k].kind = a.value
			default:
				bad(a.line, "Kind: unknown value %q (direct, partial, paraphrase or scare)", model.SanitizeLine(a.value))
			}
		}
	}
	for _, r := range rels {
		k, okQ := quoteAt[r.arg1]
		_, okE := entAt[r.arg2]
		switch {
		case !okQ && dropped[r.arg1]:
			bad(r.line, "Speaker: %s was left out (see its line)", model.SanitizeLine(r.arg1))
		case !okE && dropped[r.arg2]:
			bad(r.line, "Speaker: %s was left out (see its line)", model.SanitizeLine(r.arg2))
		case !okQ:
			bad(r.line, "Speaker: Arg1 %s is not a Quote of this file", model.SanitizeLine(r.arg1))
		case !okE:
			bad(r.line, "Speaker: Arg2 %s is not an entity of this file", model.SanitizeLine(r.arg2))
		default:
			d.quotes[k].speakerEnt = r.arg2
		}
	}
	for _, r := range mentionRels {
		k, okQ := quoteAt[r.arg1]
		m, okM := mentions[r.arg2]
		if e, ok := entAt[r.arg2]; ok && !okM {
			m, okM = [2]int{d.ents[e].start, d.ents[e].end}, true
		}
		switch {
		case !okQ:
			bad(r.line, "Mention: Arg1 %s is not a Quote of this file", model.SanitizeLine(r.arg1))
		case !okM:
			bad(r.line, "Mention: Arg2 %s is not a Speaker_mention or entity of this file", model.SanitizeLine(r.arg2))
		default:
			d.quotes[k].mention = &m
		}
	}
	for _, n := range notes {
		key, val, ok := strings.Cut(n.text, ":")
		val = strings.TrimSpace(val)
		if !ok {
			continue // a free note: not storydesk's
		}
		switch strings.TrimSpace(key) {
		case "speaker":
			if k, ok := quoteAt[n.target]; ok {
				d.quotes[k].speaker = val
			} else if !dropped[n.target] {
				bad(n.line, "speaker note: %s is not a Quote of this file", model.SanitizeLine(n.target))
			}
		case "canonical":
			if k, ok := entAt[n.target]; ok {
				d.ents[k].canonical = val
			} else if !dropped[n.target] {
				bad(n.line, "canonical note: %s is not an entity of this file", model.SanitizeLine(n.target))
			}
		}
	}
	// A speaker's entity, by T id, for the record.
	for i := range d.quotes {
		if t := d.quotes[i].speakerEnt; t != "" {
			d.quotes[i].speakerEnt = strconv.Itoa(entAt[t])
		}
	}
	return d, nil
}

// bratTextBound reads the "TYPE START END[;START END]..." and text fields of
// a T line and checks them against the text.
func bratTextBound(text string, off *model.Offsets, n int, fields []string) (bratEntity, error) {
	var e bratEntity
	typ, spec, ok := strings.Cut(fields[1], " ")
	if !ok || typ == "" {
		return e, errors.New("want TYPE START END")
	}
	e.label = typ
	type frag struct{ s, e int }
	var frags []frag
	for _, f := range strings.Split(spec, ";") {
		parts := strings.Fields(f)
		if len(parts) != 2 {
			return e, fmt.Errorf("offsets %q: want START END", model.SanitizeLine(f))
		}
		a, err1 := strconv.Atoi(parts[0])
		b, err2 := strconv.Atoi(parts[1])
		if err1 != nil || err2 != nil {
			return e, fmt.Errorf("offsets %q are not numbers", model.SanitizeLine(f))
		}
		if a < 0 || b <= a || b > n {
			return e, fmt.Errorf("%d–%d is outside the text (%d characters; offsets are code points, as in Python)", a, b, n)
		}
		frags = append(frags, frag{a, b})
	}
	sort.Slice(frags, func(i, j int) bool { return frags[i].s < frags[j].s })
	var joined []string
	for i, f := range frags {
		if i > 0 {
			prev := frags[i-1]
			if f.s < prev.e {
				return e, fmt.Errorf("fragments %d–%d and %d–%d overlap", prev.s, prev.e, f.s, f.e)
			}
			if gap := text[off.ByteAt(prev.e):off.ByteAt(f.s)]; strings.TrimSpace(gap) != "" {
				return e, fmt.Errorf("a discontinuous span (%s) with text between its fragments; storydesk spans are contiguous", model.SanitizeLine(spec))
			}
		}
		joined = append(joined, text[off.ByteAt(f.s):off.ByteAt(f.e)])
	}
	e.start, e.end = frags[0].s, frags[len(frags)-1].e
	e.text = text[off.ByteAt(e.start):off.ByteAt(e.end)]
	// brat writes the fragments' texts joined by spaces.
	if len(fields) == 3 && fields[2] != strings.Join(joined, " ") {
		return e, fmt.Errorf("text %q is not what %s covers, %q (offsets are code points, as in Python)",
			importClip(model.SanitizeLine(fields[2])), model.SanitizeLine(spec), importClip(model.SanitizeLine(strings.Join(joined, " "))))
	}
	return e, nil
}

// record builds the import record of a document: article id, and base,
// its .txt's path under the directory without the extension.
func (d *bratAnnDoc) record(id, base string) *importRecord {
	idJSON, _ := json.Marshal(id)
	text := d.text
	rec := &importRecord{ID: idJSON, Text: &text, Meta: map[string]any{"path": base + ".txt"}}
	for _, e := range d.ents {
		rec.Spans = append(rec.Spans, importSpan{Start: &e.start, End: &e.end, Label: e.label, Canonical: e.canonical})
	}
	for _, q := range d.quotes {
		iq := importQuote{Start: &q.start, End: &q.end, Speaker: q.speaker, Kind: q.kind}
		if q.mention != nil {
			iq.SpeakerStart, iq.SpeakerEnd = &q.mention[0], &q.mention[1]
		}
		if q.speakerEnt != "" {
			k, _ := strconv.Atoi(q.speakerEnt)
			iq.SpeakerSpan = &k
			if iq.Speaker == "" {
				iq.Speaker = d.ents[k].text
			}
		}
		rec.Quotes = append(rec.Quotes, iq)
	}
	return rec
}

// importBratDoc imports one document inside a savepoint. Entities that
// overlap different spans the store already holds for the article are left
// out with a message naming their line, so the rest of the file imports;
// anything else that fails takes the document with it, reported as a whole.
func importBratDoc(ctx context.Context, tx store.ImportTx, d *bratAnnDoc, rec *importRecord, source, annPath string, st *Stats, problem func(string, int, string, ...any)) error {
	id := importID(rec, "", 0)
	stored, ok, err := tx.Doc(ctx, id)
	switch {
	case err != nil:
		return err
	case !ok:
	case stored.Text == model.Sanitize(d.text) && stored.Text == d.text:
		have := stored.Spans
		keep := rec.Spans[:0]
		remap := make([]int, len(rec.Spans))
		for i, sp := range rec.Spans {
			e := d.ents[i]
			if importSameSpan(have, *sp.Start, *sp.End, strings.ToUpper(model.SanitizeLine(sp.Label))) < 0 {
				if o, ok := model.FindOverlap(have, *sp.Start, *sp.End, 0); ok {
					problem(annPath, e.line, "%s %s %q at %d–%d overlaps %s %q at %d–%d, already in the store", model.SanitizeLine(e.id),
						model.SanitizeLine(e.label), importClip(e.text), e.start, e.end, o.Label, importClip(o.Text), o.Start, o.End)
					remap[i] = -1
					continue
				}
			}
			remap[i] = len(keep)
			keep = append(keep, sp)
		}
		rec.Spans = keep
		for i := range rec.Quotes {
			if p := rec.Quotes[i].SpeakerSpan; p != nil {
				if k := remap[*p]; k < 0 {
					rec.Quotes[i].SpeakerSpan = nil
				} else {
					rec.Quotes[i].SpeakerSpan = &k
				}
			}
		}
	}
	bad, err := importOne(ctx, tx, rec, false, 0, source, filepath.Base(annPath), st)
	if err != nil {
		return err
	}
	if bad != nil {
		problem(annPath, 0, "%v; nothing of this document was imported", bad)
	}
	return nil
}
