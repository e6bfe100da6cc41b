package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/internal/gencorpus"
	"storydesk/model"
)

// BenchmarkStoreQuickCheck times the open-time check (PRAGMA quick_check)
// on stores of 10,000 and 100,000 annotated articles (the export
// benchmark's store: ≈1.6 KB of text, 6 entities and 2 quotations each),
// against integrity_check, to choose quickCheckSyncMax.
//
//	go test ./data/store -run '^$' -bench StoreQuickCheck -benchtime 3x
func BenchmarkStoreQuickCheck(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			path := storetest.BulkStore(b, b.TempDir(), n)
			mb := storetest.FileMB(path)
			s, err := store.OpenSQLite(path, "bench")
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			for _, check := range []string{"quick_check", "integrity_check"} {
				b.Run(check, func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						var res string
						if err := store.DB(s).QueryRowContext(context.Background(), "PRAGMA "+check+"(1)").Scan(&res); err != nil || res != "ok" {
							b.Fatal(res, err)
						}
					}
					per := b.Elapsed().Seconds() / float64(b.N)
					b.ReportMetric(mb, "store-MB")
					b.ReportMetric(per/mb*100*1000, "ms/100MB")
				})
			}
		})
	}
}

// BenchmarkStoreMoveSpans is the store's half of a cleaner correction on a
// long article, as the reader builds it: one action that deletes every tag
// after the corrected paragraph, changes the text (a caption kept, then
// removed again) and adds the tags back at their new places under their
// old ids, each checked against the new text and for overlaps. 20,000 words
// and 300 tags is the worst case BenchmarkCorrectToggle (tui) measures end
// to end.
//
//	go test ./data/store -run '^$' -bench StoreMoveSpans -benchtime 20x
func BenchmarkStoreMoveSpans(b *testing.B) {
	b.Run("600-words-20-tags", func(b *testing.B) { benchMoveSpans(b, 600, 20) })
	b.Run("20k-words-300-tags", func(b *testing.B) { benchMoveSpans(b, 20_000, 300) })
}

func benchMoveSpans(b *testing.B, words, tags int) {
	_, body := gencorpus.Article(rand.New(rand.NewPCG(7, 8)), words)
	body = strings.ReplaceAll(body, "e", "é") // not ASCII: offsets in code points cost
	const caption = "Photo: Harbour workers at dawn. (Harbour Gazette)\n\n"
	s, err := store.OpenSQLite(filepath.Join(b.TempDir(), "a.db"), "bench")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	a := &model.Article{ID: "a.txt", Text: body}
	var spans []model.Span
	every := max(1, len(strings.Fields(body))/tags)
	off := 0
	for i, w := range strings.Fields(body) {
		start := strings.Index(body[off:], w) + off
		off = start + len(w)
		if i%every == 0 && len(spans) < tags {
			rs := model.RuneLen(body[:start])
			spans = append(spans, model.Span{Start: rs, End: rs + model.RuneLen(w), Label: "MISC", Text: w})
		}
	}
	seed := store.Action{Name: "seed", Article: a}
	for _, sp := range spans {
		seed.Ops = append(seed.Ops, store.Op{Kind: store.OpAddSpan, Article: a.ID, Span: sp})
	}
	done, err := s.Do(context.Background(), seed)
	if err != nil {
		b.Fatal(err)
	}
	for i, op := range done.Ops {
		spans[i].ID = op.Span.ID
	}
	shift := model.RuneLen(caption)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Even iterations keep the caption (every tag moves right), odd
		// ones take it out again.
		text, from, to := caption+body, 0, shift
		if i%2 == 1 {
			text, from, to = body, shift, 0
		}
		act := store.Action{Name: "correct"}
		for _, sp := range spans {
			sp.Start, sp.End = sp.Start+from, sp.End+from
			act.Ops = append(act.Ops, store.Op{Kind: store.OpDelSpan, Article: a.ID, Span: sp})
		}
		act.Ops = append(act.Ops, store.Op{Kind: store.OpSetText, Article: a.ID, Text: text})
		for _, sp := range spans {
			sp.Start, sp.End = sp.Start+to, sp.End+to
			act.Ops = append(act.Ops, store.Op{Kind: store.OpAddSpan, Article: a.ID, Span: sp})
		}
		if _, err := s.Do(context.Background(), act); err != nil {
			b.Fatal(err)
		}
	}
}
