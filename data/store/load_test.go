package store_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/model"
)

// The team under load: annotators tagging the same articles at once, each
// through a session of their own, with undo and redo among the tags. No
// action may be lost or applied twice, and each undo must take back the
// undoing session's own last action. TestTeamLoad runs a short round on
// both backends; BenchmarkTeamLoad runs long ones for per-action latency
// (BENCHMARKS.md).

// runLoad has n annotators do perAnnotator actions each, through per
// sessions each (two sessions of one annotator share a layer and race for
// its spans), and checks the layers; it returns every Do's latency.
func runLoad(tb testing.TB, open func(string) store.Store, annotators, per, perAnnotator int) []time.Duration {
	n := annotators * per
	loadArticles := 12 + perAnnotator/4 // six entities each: room for every tag
	if loadArticles%7 == 0 {
		loadArticles++ // the walk below steps by 7: it must reach every article
	}
	tb.Helper()
	type key struct {
		art        string
		start, end int
	}
	arts := make([]*model.Article, loadArticles)
	ents := make([][]model.Span, loadArticles)
	for i := range arts {
		text, sp, _ := storetest.Article(i)
		arts[i] = &model.Article{ID: fmt.Sprintf("wire/%03d.txt", i), Path: "p", Text: text}
		ents[i] = sp
	}
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	errs := make(chan error, n)
	want := make([]map[key]string, n)
	sessions := make([]store.Store, n)
	for w := 0; w < n; w++ {
		sessions[w] = open(fmt.Sprintf("annotator%d", w%annotators))
	}
	for w := 0; w < n; w++ {
		want[w] = map[key]string{}
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			s := sessions[w]
			mine := want[w]
			var last []key // this session's actions not undone, in order
			step := 0
			for done := 0; done < perAnnotator; step++ {
				// Articles and entities in an order of this annotator's own,
				// so the sessions collide on articles all the time.
				i := (step*7 + w*5) % loadArticles
				sp := ents[i][(step/loadArticles+w)%len(ents[i])]
				k := key{arts[i].ID, sp.Start, sp.End}
				if _, have := mine[k]; have {
					if step > 50*perAnnotator {
						errs <- fmt.Errorf("annotator %d: ran out of spans to tag", w)
						return
					}
					continue
				}
				t0 := time.Now()
				act, err := s.Do(ctx, storetest.Tag(arts[i], sp))
				d := time.Since(t0)
				if errors.Is(err, store.ErrOverlap) {
					mine[k] = "" // the annotator's other session has it
					continue
				}
				if err != nil {
					errs <- fmt.Errorf("annotator %d: %v", w, err)
					return
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
				done++
				mine[k] = sp.Label
				last = append(last, k)
				if act.Ops[0].Span.ID == 0 {
					errs <- fmt.Errorf("annotator %d: no span id", w)
					return
				}
				if done%5 == 0 { // undo: it must be this session's own last tag
					u, ok, err := s.Undo(ctx)
					if err != nil || !ok {
						errs <- fmt.Errorf("annotator %d: undo: %v %v", w, ok, err)
						return
					}
					sp := u.Ops[0].Span
					got := key{u.Ops[0].Article, sp.Start, sp.End}
					if got != last[len(last)-1] {
						errs <- fmt.Errorf("annotator %d: undo took back %v, not its own last %v", w, got, last[len(last)-1])
						return
					}
					delete(mine, got)
					last = last[:len(last)-1]
					if done%10 == 0 { // and redo it
						_, ok, err := s.Redo(ctx)
						switch {
						case errors.Is(err, store.ErrOverlap):
							// The other session tagged it meanwhile: refused, stays undone.
							mine[got] = ""
						case err != nil || !ok:
							errs <- fmt.Errorf("annotator %d: redo: %v %v", w, ok, err)
							return
						default:
							mine[got] = sp.Label
							last = append(last, got)
						}
					}
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		tb.Fatal(err)
	}
	// Every layer holds exactly what its sessions saw confirmed.
	for w := 0; w < annotators; w++ {
		confirmed := map[key]string{}
		for v := w; v < n; v += annotators {
			for k, l := range want[v] {
				if l != "" {
					if _, twice := confirmed[k]; twice {
						tb.Fatalf("annotator %d: %v confirmed to two sessions", w, k)
					}
					confirmed[k] = l
				}
			}
		}
		got := map[key]string{}
		err := sessions[w].EachDoc(ctx, store.DocFilter{}, func(d *store.ExportDoc) error {
			for _, sp := range d.Spans {
				k := key{d.ArticleID, sp.Start, sp.End}
				if _, twice := got[k]; twice {
					return fmt.Errorf("%v stored twice", k)
				}
				got[k] = sp.Label
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
		if len(got) != len(confirmed) {
			tb.Fatalf("annotator %d: %d spans stored, %d confirmed", w, len(got), len(confirmed))
		}
		for k, l := range confirmed {
			if got[k] != l {
				tb.Fatalf("annotator %d: confirmed %v %s lost", w, k, l)
			}
		}
	}
	return lat
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func sqliteOpener(tb testing.TB) func(string) store.Store {
	path := filepath.Join(tb.TempDir(), "load.db")
	return func(who string) store.Store {
		s, err := store.OpenSQLite(path, who)
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { s.Close() })
		return s
	}
}

func pgOpener(tb testing.TB) func(string) store.Store {
	dsn := pgSchemaDSN(tb)
	return func(who string) store.Store {
		s, err := store.OpenPostgres(dsn, who)
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { s.Close() })
		return s
	}
}

func TestTeamLoad(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { runLoad(t, sqliteOpener(t), 8, 2, 15) })
	t.Run("postgres", func(t *testing.T) { runLoad(t, pgOpener(t), 8, 2, 15) })
}

// BenchmarkTeamLoad: 8 annotators tagging at once; STORYDESK_LOAD_ACTIONS
// actions each (default 200). Reports per-action latency.
//
//	STORYDESK_TEST_PG=... STORYDESK_LOAD_ACTIONS=1000 go test -run '^$' -bench TeamLoad -benchtime 1x ./data/store/
func BenchmarkTeamLoad(b *testing.B) {
	per := 200
	fmt.Sscan(os.Getenv("STORYDESK_LOAD_ACTIONS"), &per)
	for _, c := range []struct {
		name string
		open func(testing.TB) func(string) store.Store
	}{{"sqlite", sqliteOpener}, {"postgres", pgOpener}} {
		b.Run(c.name, func(b *testing.B) {
			var lat []time.Duration
			t0 := time.Now()
			for i := 0; i < b.N; i++ {
				lat = append(lat, runLoad(b, c.open(b), 8, 1, per)...)
			}
			el := time.Since(t0)
			b.ReportMetric(float64(percentile(lat, 0.5).Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(percentile(lat, 0.99).Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(len(lat))/el.Seconds(), "actions/s")
		})
	}
}
