package importer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
)

// JSONL reads span JSON lines — spaCy/Prodigy records ({"text", "spans":
// [{"start", "end", "label"}]}) or storydesk's own jsonl export, which adds
// quotes, duplicates, canonical and status — into the store as articles
// with pre-existing annotations.
//
//   - The article's snapshot is the record's text (sanitised like any text
//     read from a file; offsets are moved with it). Its id is the record's
//     "id", else meta.id, else Prodigy's _input_hash ("prodigy:HASH"), else
//     NAME:LINE — the id `storydesk NAME` gives a line without an id.
//   - Offsets are code points (Python string indices). A span or quotation
//     whose "text" differs from the slice it points at is an error.
//   - Spans and quotations are marked with source "import:NAME" so they can
//     be told from hand-made ones. Labels are upper-cased, as label lists
//     are. Prodigy's tokens and token_start/token_end are ignored.
//   - Prodigy's answers (its "answer" key, on a record and, in merged
//     examples, on a span): an accepted or unanswered record's spans are
//     annotations. A rejected record (ner.teach's binary "no" to the one
//     span it shows) is not an annotation: its spans become rejected
//     suggestions (store.OpSetReject), so that name is not suggested again
//     for that text and training learns it is not one; its article is
//     added if new (a text's ner.teach records share its _input_hash, so
//     they land on one article), and nothing else of the record is
//     imported. A span answered "reject" in an accepted record is a
//     rejection too; a record or span answered "ignore" is skipped. A
//     rejection of a span stored as an annotation is not kept (the
//     annotation stands) and is counted. All of it is counted in Stats.
//   - Each line is all or nothing; lines are committed in transactions of
//     Batch lines, so an interruption leaves whole lines only. A bad line is
//     reported (file:line: reason) and the others still import.
//   - Re-importing is idempotent: a span or quotation already stored at the
//     same offsets (with the same label) is kept, not doubled. A record
//     whose id is stored with a different text is refused rather than
//     pointing offsets into the wrong text.
//   - Imports are not in the undo log: an import is not a keystroke, and
//     one undo that removed thousands of articles' annotations would surprise
//     more than it helps. Import into a fresh --db to keep a store apart.

// Options configures JSONL and Brat.
type Options struct {
	Name    string               // the file's name in messages and in span sources
	Batch   int                  // lines per transaction; 500 when <= 0
	Problem func(corpus.Problem) // told about each line that was not imported
}

// Stats counts what an import did.
type Stats struct {
	Lines                int // non-blank lines read
	Articles             int // records imported
	Spans, Quotes, Pairs int // annotations added (kept ones not counted)
	// Rejected counts records answered reject; Rejections the rejected
	// suggestions they (and spans answered reject) added to the store;
	// Contradicted the rejections of spans the store holds as annotations,
	// left out. Skipped counts records answered ignore, SkippedSpans spans
	// answered ignore; both are left out.
	Rejected, Rejections, Contradicted int
	Skipped, SkippedSpans              int
	// Ignored counts relations, choices and extra annotations of other
	// tools' records that have no storydesk equivalent (see formats.go).
	Ignored int
	// Bare counts records imported with text but no annotation at all
	// (often the sign of a format read wrongly, or a raw-text file).
	Bare      int
	Failed    int // bad lines, reported
	Committed int // lines whose transaction was committed
}

// JSONL reads JSON lines from r into s, through its bulk writer
// (Store.BeginImport). It returns an error only when it had to stop (a read
// or commit failure, ctx cancelled); bad lines are reported through
// opts.Problem and counted in Failed.
func JSONL(ctx context.Context, s store.Store, r io.Reader, opts Options) (Stats, error) {
	var st Stats
	if opts.Batch <= 0 {
		opts.Batch = 500
	}
	opts.Name = model.SanitizeLine(opts.Name)
	if opts.Name == "" {
		opts.Name = "stdin"
	}
	source := "import:" + filepath.Base(opts.Name)
	problem := func(line int, format string, args ...any) {
		st.Failed++
		if opts.Problem != nil {
			opts.Problem(corpus.Problem{Path: opts.Name, Line: line, Reason: fmt.Sprintf(format, args...)})
		}
	}
	batch := importBatch{s: s, size: opts.Batch, committed: &st.Committed, what: func(first, n int) string {
		return fmt.Sprintf("%s: lines %d–%d", opts.Name, first, first+n-1)
	}}
	defer batch.rollback()
	// An over-long line in a stream (stdin, a .gz) is where reading stops:
	// it may never end. In a file it is skipped.
	stream := !bounded(r)
	limit := int(corpus.Limit())
	stop := false // an over-long line ended a stream
	// record imports one record that starts on line no.
	record := func(no int, raw []byte, tooLong bool) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr // the open batch is rolled back
		}
		st.Lines++
		tx, err := batch.next(ctx)
		if err != nil {
			return err
		}
		switch {
		case tooLong && stream:
			problem(no, "line longer than %d MB (the limit for one article): the rest of the input was not read", corpus.LimitMB())
			stop = true
		case tooLong:
			problem(no, "line longer than %d MB (the limit for one article); skipped", corpus.LimitMB())
		default:
			if err := importLine(ctx, tx, raw, no, source, opts.Name, &st, problem); err != nil {
				return err
			}
		}
		return batch.flushFull()
	}
	br := bufio.NewReaderSize(r, 1<<20)
	if firstByte(br) == '[' {
		// One JSON array of records (spaCy's training file, Label Studio's
		// export), or JSON lines of spaCy pairs: read whole to tell.
		data, err := io.ReadAll(io.LimitReader(br, maxArrayBytes+1))
		if err != nil {
			return st, fmt.Errorf("%s: %w", opts.Name, err)
		}
		if len(data) > maxArrayBytes {
			return st, fmt.Errorf("%s: a JSON array file over %d MB; split it into JSON lines", opts.Name, maxArrayBytes>>20)
		}
		if !firstLineIsRecord(data) {
			if err := eachArrayRecord(data, record, func(no int, msg string) { problem(no, "%s", msg) }); err != nil {
				return st, err
			}
			return st, batch.commit()
		}
		br = bufio.NewReaderSize(bytes.NewReader(data), 1<<20)
	}
	for no := 1; ; no++ {
		line, tooLong, err := importReadLine(br, limit, stream)
		if err != nil && !errors.Is(err, io.EOF) {
			if cerr := batch.commit(); cerr != nil {
				return st, cerr
			}
			return st, fmt.Errorf("%s:%d: %w", opts.Name, no, err)
		}
		eof := errors.Is(err, io.EOF)
		if no == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			if err := record(no, line, tooLong); err != nil {
				return st, err
			}
		}
		if eof || stop {
			break
		}
	}
	return st, batch.commit()
}

// importReadLine reads one line without its line break. A line longer than max is
// consumed (unless stop: then reading ends there) and reported by tooLong,
// without its bytes.
func importReadLine(br *bufio.Reader, max int, stop bool) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > max {
				tooLong, buf = true, nil
				if stop {
					return nil, true, nil
				}
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		return buf, tooLong, err
	}
}

// importLine imports one record inside a savepoint, so its ops apply all
// together or not at all. It returns an error only for failures of the
// transaction itself; a bad record goes to problem.
func importLine(ctx context.Context, tx store.ImportTx, line []byte, no int, source, name string, st *Stats, problem func(int, string, ...any)) error {
	rec, ignored, err := decodeRecord(line)
	if err != nil {
		problem(no, "%v", err)
		return nil
	}
	reject := false
	switch answerOf(rec.Answer) {
	case answerIgnore:
		st.Skipped++
		return nil
	case answerReject:
		if len(rec.Spans) == 0 {
			st.Rejected++
			return nil // a "no" to a text, not to a name: nothing to remember
		}
		reject = true
	}
	bad, err := importOne(ctx, tx, rec, reject, no, source, name, st)
	if bad == nil && err == nil && reject {
		st.Rejected++
	}
	if bad == nil && err == nil && !reject {
		st.Ignored += ignored
		if len(rec.Spans)+len(rec.Quotes)+len(rec.Duplicates) == 0 && !rec.Canonical && rec.Status == "" {
			st.Bare++
		}
	}
	if err != nil {
		return err
	}
	if bad != nil {
		problem(no, "%v", bad)
	}
	return nil
}

// Prodigy's answers.
const (
	answerAccept = iota // also no answer
	answerReject
	answerIgnore
)

func answerOf(a string) int {
	switch strings.ToLower(strings.TrimSpace(a)) {
	case "reject":
		return answerReject
	case "ignore":
		return answerIgnore
	}
	return answerAccept
}

// bounded says whether r is a regular file or a reader of known size, whose
// over-long line can be skipped: reading past it ends at the file's end.
func bounded(r io.Reader) bool {
	switch v := r.(type) {
	case *os.File:
		fi, err := v.Stat()
		return err == nil && fi.Mode().IsRegular()
	case interface{ Size() int64 }:
		return true
	}
	return false
}
