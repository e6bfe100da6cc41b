package corpus_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/model/dup"
)

// plantedQuote is shared by the original and the rewrite, and nothing else is.
const plantedQuote = "“We will not leave anyone in the water while there is still light to search by,” said Ilsa Marren, the harbour master, standing on the quay at dawn."

// plantedCorpus writes a folder with an original wire story, a copy cut to
// its first third, a copy with changed figures, a rewrite sharing only one
// quote, and an unrelated article. It returns the folder.
func plantedCorpus(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(42, 7))
	_, body := gencorpus.Article(r, 600)
	lead := "At least 42 people were missing after the ferry Northern Star capsized in a storm off Sorn Island late on Sunday, officials said.\n\n" +
		"Rescue crews pulled 118 survivors from the water overnight, and the search resumed at first light with four boats and a helicopter.\n\n"
	original := "Ferry capsizes off Sorn Island\n\n" + lead + plantedQuote + "\n\n" + body
	paras := strings.Split(strings.TrimSpace(original), "\n\n")
	truncated := strings.Join(paras[:len(paras)/3], "\n\n") + "\n"
	changed := strings.NewReplacer("At least 42", "At least 47", "118 survivors", "121 survivors").Replace(original)
	_, other := gencorpus.Article(r, 600)
	_, rewriteBody := gencorpus.Article(r, 600)
	rp := strings.Split(strings.TrimSpace(rewriteBody), "\n\n")
	rewrite := "Storm sinks island ferry\n\n" + strings.Join(rp[:2], "\n\n") + "\n\n" + plantedQuote + "\n\n" + strings.Join(rp[2:], "\n\n") + "\n"
	for name, text := range map[string]string{
		"original.txt": original, "truncated.txt": truncated, "changed.txt": changed,
		"rewrite.txt": rewrite, "unrelated.txt": other,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func findDups(t testing.TB, paths []string, opts corpus.DupJobOptions) *corpus.DupReport {
	t.Helper()
	c, err := corpus.Open(paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := corpus.FindDuplicates(context.Background(), c, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func pairMap(pairs []dup.Pair) map[[2]string]dup.Pair {
	m := map[[2]string]dup.Pair{}
	for _, p := range pairs {
		m[[2]string{p.A, p.B}] = p
	}
	return m
}

func TestFindCorpusDuplicatesPlanted(t *testing.T) {
	dir := plantedCorpus(t)
	rep := findDups(t, []string{dir}, corpus.DupJobOptions{})
	if rep.Articles != 5 || rep.Computed != 5 || rep.Cached != 0 || len(rep.Problems) != 0 {
		t.Errorf("report: %d articles, %d computed, %d cached, problems %v", rep.Articles, rep.Computed, rep.Cached, rep.Problems)
	}
	got := pairMap(rep.Pairs)
	// Ids sort: changed < original < rewrite < truncated < unrelated.
	cut, ok := got[[2]string{"original.txt", "truncated.txt"}]
	if !ok {
		t.Fatalf("the cut copy was not found: %+v", rep.Pairs)
	}
	if cut.BinA < 0.95 || cut.AinB > 0.5 {
		t.Errorf("cut copy: want truncated wholly inside original (b_in_a≈1) and original mostly not in it, got a_in_b %.3f b_in_a %.3f", cut.AinB, cut.BinA)
	}
	ch, ok := got[[2]string{"changed.txt", "original.txt"}]
	if !ok {
		t.Fatalf("the changed-figure copy was not found: %+v", rep.Pairs)
	}
	if ch.AinB < 0.9 || ch.BinA < 0.9 || ch.AinB == 1 || ch.Kind != dup.Near {
		t.Errorf("changed copy: want both directions high but below 1, near; got %+v", ch)
	}
	if _, ok := got[[2]string{"changed.txt", "truncated.txt"}]; !ok {
		t.Errorf("the cut and changed copies of one story should pair too: %+v", rep.Pairs)
	}
	for _, p := range rep.Pairs {
		if p.A == "rewrite.txt" || p.B == "rewrite.txt" || p.A == "unrelated.txt" || p.B == "unrelated.txt" {
			t.Errorf("false pair %+v", p)
		}
	}
	if len(rep.Pairs) != 3 {
		t.Errorf("want exactly the three copy pairs, got %+v", rep.Pairs)
	}

	// The rewrite does share its quote: at a threshold low enough it shows,
	// which is what keeps the default from finding it.
	low := findDups(t, []string{dir}, corpus.DupJobOptions{Threshold: 0.01})
	rw, ok := pairMap(low.Pairs)[[2]string{"original.txt", "rewrite.txt"}]
	if !ok || rw.Containment() >= dup.DefaultThreshold/2 {
		t.Errorf("rewrite vs original at a low threshold: found %v, %+v", ok, rw)
	}
}

func TestFindCorpusDuplicatesExactCopies(t *testing.T) {
	dir := t.TempDir()
	_, body := gencorpus.Article(rand.New(rand.NewPCG(3, 3)), 300)
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "short.txt"), []byte("Too short to compare."), 0o644)
	os.WriteFile(filepath.Join(dir, "short-copy.txt"), []byte("Too short to compare."), 0o644)
	rep := findDups(t, []string{dir}, corpus.DupJobOptions{})
	// Three identical texts are one text to sign; the two stubs another.
	if rep.Articles != 5 || rep.Computed != 2 {
		t.Errorf("%d articles, %d signed; want 5 and 2", rep.Articles, rep.Computed)
	}
	want := [][2]string{{"a.txt", "b.txt"}, {"a.txt", "c.txt"}, {"b.txt", "c.txt"}, {"short-copy.txt", "short.txt"}}
	got := pairMap(rep.Pairs)
	for _, w := range want {
		if p, ok := got[w]; !ok || p.Kind != dup.Exact || p.Jaccard != 1 {
			t.Errorf("%v: got %+v (found %v)", w, p, ok)
		}
	}
	if len(rep.Pairs) != len(want) {
		t.Errorf("got %+v", rep.Pairs)
	}
}

// countingCache wraps a cache and counts what goes through it.
type countingCache struct {
	corpus.SignatureCache
	mu          sync.Mutex
	gets, puts  int
	put         int // signatures written
	failGet     error
	failPut     error
	corruptHash map[string]bool // entries to return damaged
}

func (c *countingCache) Signatures(ctx context.Context, version int, hashes []string) (map[string][]byte, error) {
	c.mu.Lock()
	c.gets++
	c.mu.Unlock()
	if c.failGet != nil {
		return nil, c.failGet
	}
	m, err := c.SignatureCache.Signatures(ctx, version, hashes)
	for h := range m {
		if c.corruptHash[h] {
			m[h] = []byte("garbage")
		}
	}
	return m, err
}

func (c *countingCache) PutSignatures(ctx context.Context, version int, sigs map[string][]byte) error {
	c.mu.Lock()
	c.puts++
	c.put += len(sigs)
	c.mu.Unlock()
	if c.failPut != nil {
		return c.failPut
	}
	return c.SignatureCache.PutSignatures(ctx, version, sigs)
}

func TestFindCorpusDuplicatesCacheSignsOnlyNewOrChanged(t *testing.T) {
	dir := plantedCorpus(t)
	dbPath := filepath.Join(t.TempDir(), "store.db")
	run := func() (*corpus.DupReport, *countingCache) {
		t.Helper()
		s, err := store.OpenSQLite(dbPath, "tester")
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		cc := &countingCache{SignatureCache: s}
		return findDups(t, []string{dir}, corpus.DupJobOptions{Cache: cc}), cc
	}

	cold, cc := run()
	if cold.Computed != 5 || cold.Cached != 0 || cc.put != 5 || cold.CacheErr != nil {
		t.Fatalf("cold: %d computed, %d cached, %d written, err %v", cold.Computed, cold.Cached, cc.put, cold.CacheErr)
	}
	warm, cc := run()
	if warm.Computed != 0 || warm.Cached != 5 || cc.puts != 0 {
		t.Errorf("warm: %d computed, %d cached, %d writes; want 0, 5, 0", warm.Computed, warm.Cached, cc.puts)
	}
	if !reflect.DeepEqual(warm.Pairs, cold.Pairs) {
		t.Errorf("cached signatures give other pairs:\n cold %+v\n warm %+v", cold.Pairs, warm.Pairs)
	}

	// One article edited, one added: exactly those two are signed.
	f := filepath.Join(dir, "unrelated.txt")
	b, _ := os.ReadFile(f)
	os.WriteFile(f, append(b, []byte("\n\nA paragraph added by a later edit of the page, long enough to count.\n")...), 0o644)
	os.WriteFile(filepath.Join(dir, "new.txt"), []byte("A brand new article about the regional budget, with enough words in it to be worth comparing against the rest of the corpus at all.\n"), 0o644)
	again, _ := run()
	if again.Computed != 2 || again.Cached != 4 || again.Articles != 6 {
		t.Errorf("after an edit and an addition: %d computed, %d cached, %d articles; want 2, 4, 6", again.Computed, again.Cached, again.Articles)
	}
}

func TestFindCorpusDuplicatesCacheFailures(t *testing.T) {
	dir := plantedCorpus(t)
	s, err := store.OpenSQLite(filepath.Join(t.TempDir(), "store.db"), "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := findDups(t, []string{dir}, corpus.DupJobOptions{}).Pairs

	boom := errors.New("disk on fire")
	for _, tc := range []struct {
		name         string
		failGet, put error
		writes       int // signatures the job tries to write
	}{
		{"read fails", boom, nil, 0}, // then it goes on without the cache
		{"write fails", nil, boom, 5},
	} {
		empty, err := store.OpenSQLite(filepath.Join(t.TempDir(), "empty.db"), "tester")
		if err != nil {
			t.Fatal(err)
		}
		cc := &countingCache{SignatureCache: empty, failGet: tc.failGet, failPut: tc.put}
		rep := findDups(t, []string{dir}, corpus.DupJobOptions{Cache: cc})
		empty.Close()
		if !errors.Is(rep.CacheErr, boom) {
			t.Errorf("%s: CacheErr = %v", tc.name, rep.CacheErr)
		}
		if !reflect.DeepEqual(rep.Pairs, want) || rep.Computed != 5 {
			t.Errorf("%s: a failing cache changed the pairs or the count (%d signed)", tc.name, rep.Computed)
		}
		if cc.put != tc.writes {
			t.Errorf("%s: %d signatures written, want %d", tc.name, cc.put, tc.writes)
		}
	}

	// Fill the cache, then damage two entries: they are signed again and
	// overwritten, the rest come from the cache.
	findDups(t, []string{dir}, corpus.DupJobOptions{Cache: s})
	c, _ := corpus.Open([]string{dir}, nil)
	bad := map[string]bool{}
	for i := range 2 {
		a, err := c.Load(i)
		if err != nil {
			t.Fatal(err)
		}
		bad[model.HashText(a.Text)] = true
	}
	cc := &countingCache{SignatureCache: s, corruptHash: bad}
	rep := findDups(t, []string{dir}, corpus.DupJobOptions{Cache: cc})
	if rep.Computed != 2 || rep.Cached != 3 || cc.put != 2 || rep.CacheErr != nil {
		t.Errorf("damaged entries: %d computed, %d cached, %d rewritten, err %v", rep.Computed, rep.Cached, cc.put, rep.CacheErr)
	}
	if !reflect.DeepEqual(rep.Pairs, want) {
		t.Errorf("damaged entries changed the pairs")
	}
}

func TestFindCorpusDuplicatesProblemsAndProgress(t *testing.T) {
	dir := plantedCorpus(t)
	os.WriteFile(filepath.Join(dir, "binary.txt"), []byte("\x00\x01\x02\x03 not text \x00"), 0o644)
	os.WriteFile(filepath.Join(dir, "aaa-empty.txt"), nil, 0o644)
	var stages []string
	last := map[string][2]int{}
	rep := findDups(t, []string{dir}, corpus.DupJobOptions{Progress: func(stage string, done, total int) {
		if len(stages) == 0 || stages[len(stages)-1] != stage {
			stages = append(stages, stage)
		}
		if prev := last[stage]; done < prev[0] {
			t.Errorf("%s progress went back from %d to %d", stage, prev[0], done)
		}
		last[stage] = [2]int{done, total}
	}})
	var paths []string
	for _, p := range rep.Problems {
		paths = append(paths, filepath.Base(p.Path))
	}
	if !reflect.DeepEqual(paths, []string{"aaa-empty.txt", "binary.txt"}) {
		t.Errorf("problems = %v, want both bad files in corpus order", rep.Problems)
	}
	if rep.Articles != 5 || len(rep.Pairs) != 3 {
		t.Errorf("the good articles must still be compared: %d articles, %d pairs", rep.Articles, len(rep.Pairs))
	}
	if !reflect.DeepEqual(stages, []string{corpus.DupStageRead, corpus.DupStageCompare}) {
		t.Errorf("stages = %v", stages)
	}
	if r := last[corpus.DupStageRead]; r != [2]int{7, 7} {
		t.Errorf("reading ended at %v, want 7 of 7", r)
	}
	if r := last[corpus.DupStageCompare]; r[0] != r[1] || r[1] == 0 {
		t.Errorf("comparing ended at %v", r)
	}
}

func TestFindCorpusDuplicatesCancel(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(9, 9))
	for i := range 300 {
		_, body := gencorpus.Article(r, 200)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%03d.txt", i)), []byte(body), 0o644)
	}
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if rep, err := corpus.FindDuplicates(ctx, c, corpus.DupJobOptions{}); !errors.Is(err, context.Canceled) || rep != nil {
		t.Errorf("cancelled before start: %v, %v", rep, err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	_, err = corpus.FindDuplicates(ctx, c, corpus.DupJobOptions{Workers: 1, Progress: func(stage string, done, total int) {
		if done > 0 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled while reading: err = %v", err)
	}
	// Cancelled while comparing: the search stops, with no report.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	var compared, total int
	rep, err := corpus.FindDuplicates(ctx, c, corpus.DupJobOptions{Workers: 1, Progress: func(stage string, done, n int) {
		if stage == corpus.DupStageCompare {
			compared, total = done, n
			if done > 0 {
				cancel()
			}
		}
	}})
	if !errors.Is(err, context.Canceled) || rep != nil || compared == 0 || compared >= total {
		t.Errorf("cancelled while comparing: %v, %v; compared %d of %d", rep, err, compared, total)
	}
}

// TestFindCorpusDuplicatesSample: the embedded sample's wire story is carried
// three times (the agency original, a copy cut after four paragraphs, a
// copy with changed figures); its rewrite by another outlet shares a quote
// and facts, not text.
func TestFindCorpusDuplicatesSample(t *testing.T) {
	c, err := corpus.OpenSample()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{})
	if err != nil {
		t.Fatal(err)
	}
	const ap, cut, changed = "wire-ferry-ap.txt", "wire-ferry-truncated.txt", "wire-ferry-changed.txt"
	got := pairMap(rep.Pairs)
	if len(got) != 3 {
		t.Fatalf("want the three pairs among the wire copies, got %+v", rep.Pairs)
	}
	if p := got[[2]string{ap, cut}]; p.BinA < 0.95 || p.AinB > 0.6 {
		t.Errorf("the cut copy should sit inside the original: %+v", p)
	}
	if p := got[[2]string{ap, changed}]; p.AinB < 0.9 || p.BinA < 0.9 || p.Jaccard == 1 {
		t.Errorf("the changed copy should nearly match the original both ways: %+v", p)
	}
	if p, ok := got[[2]string{changed, cut}]; !ok || p.BinA < 0.8 {
		t.Errorf("the cut copy should sit mostly inside the changed copy: %+v", p)
	}
	for _, p := range rep.Pairs {
		if strings.HasPrefix(p.A, "wire-ferry-rewrite") || strings.HasPrefix(p.B, "wire-ferry-rewrite") {
			t.Errorf("the rewrite is not a copy: %+v", p)
		}
	}
}

func TestStreamTextGivesEveryBodyOnce(t *testing.T) {
	dir := plantedCorpus(t)
	os.WriteFile(filepath.Join(dir, "binary.txt"), []byte("\x00\x01\x02"), 0o644)
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	seen := map[int]int{}
	var problems []string
	c.StreamText(context.Background(), 3, func(i int, a *model.Article, err error) {
		mu.Lock()
		defer mu.Unlock()
		seen[i]++
		if err != nil {
			var pe *corpus.ProblemError
			if !errors.As(err, &pe) || a != nil {
				t.Errorf("item %d: err %T %v, article %v", i, err, err, a)
			}
			problems = append(problems, c.Items[i].ID)
			return
		}
		want, _ := c.Load(i)
		if a.Text == "" || a.Text != want.Text {
			t.Errorf("item %d: body missing or different from Load's", i)
		}
	})
	if len(seen) != len(c.Items) {
		t.Errorf("saw %d of %d items", len(seen), len(c.Items))
	}
	for i, n := range seen {
		if n != 1 {
			t.Errorf("item %d seen %d times", i, n)
		}
	}
	if !slices.Equal(problems, []string{"binary.txt"}) {
		t.Errorf("problems = %v", problems)
	}
}

// Items a reader has already read and hashed (Stream's Result.Hash) are not
// read again when the cache holds their signatures: the files can even be
// gone. Items without a known hash are read as before.
func TestFindCorpusDuplicatesKnownTextsNotReadAgain(t *testing.T) {
	dir := plantedCorpus(t)
	s, err := store.OpenSQLite(filepath.Join(t.TempDir(), "store.db"), "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cold, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{Cache: s})
	if err != nil || cold.Computed != 5 {
		t.Fatalf("cold run: %v, %d signed", err, cold.Computed)
	}

	var known []corpus.KnownText
	c.Stream(context.Background(), 1, func(rs []corpus.Result) {
		for _, r := range rs {
			if r.Article == nil || r.Hash != model.HashText(loadItem(t, c, r.Index).Text) {
				t.Fatalf("item %d: streamed hash %q does not match its text", r.Index, r.Hash)
			}
			if filepath.Base(r.Article.Path) != "changed.txt" {
				known = append(known, corpus.KnownText{Index: r.Index, ID: r.Article.ID, Hash: r.Hash})
			}
		}
	})
	if len(known) != 4 {
		t.Fatalf("%d known texts, want 4", len(known))
	}
	// Reading a known item now would fail: its file is gone.
	for _, name := range []string{"original.txt", "truncated.txt", "rewrite.txt", "unrelated.txt"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	warm, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{Cache: s, Known: known})
	if err != nil {
		t.Fatal(err)
	}
	if len(warm.Problems) != 0 || warm.Articles != 5 || warm.Read != 1 || warm.Computed != 0 || warm.Cached != 5 {
		t.Fatalf("warm: %d articles, %d read, %d signed, %d cached, problems %v; want 5, 1, 0, 5, none", warm.Articles, warm.Read, warm.Computed, warm.Cached, warm.Problems)
	}
	if !reflect.DeepEqual(pairMap(warm.Pairs), pairMap(cold.Pairs)) {
		t.Errorf("known texts give other pairs:\n cold %+v\n warm %+v", cold.Pairs, warm.Pairs)
	}

	// Without a cache Known cannot help: every item is read, and the
	// vanished ones are problems.
	none, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{Known: known})
	if err != nil || len(none.Problems) != 4 {
		t.Fatalf("no cache: %v, problems %v", err, none.Problems)
	}
}

func loadItem(t *testing.T, c *corpus.Corpus, i int) *model.Article {
	t.Helper()
	a, err := c.Load(i)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// Sketches Stream took spare the job its read: with them nothing is read
// for the index (only candidates' texts, to score them, and those come from
// the cache when it holds them), and the pairs are those of a full run.
func TestFindCorpusDuplicatesKnownSketches(t *testing.T) {
	dir := plantedCorpus(t)
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cold, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{})
	if err != nil || len(cold.Pairs) == 0 {
		t.Fatalf("cold run: %v, %d pairs", err, len(cold.Pairs))
	}
	var known []corpus.KnownText
	c.Stream(context.Background(), 1, func(rs []corpus.Result) {
		for _, r := range rs {
			if r.Article == nil || !r.Sketch.Current() {
				t.Fatalf("item %d: no sketch from Stream", r.Index)
			}
			known = append(known, corpus.KnownText{Index: r.Index, ID: r.Article.ID, Hash: r.Hash, Sketch: r.Sketch})
		}
	})
	warm, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{Known: known})
	if err != nil {
		t.Fatal(err)
	}
	if warm.Articles != len(known) || warm.Read != 0 || warm.Computed != 0 || len(warm.Problems) != 0 {
		t.Fatalf("with sketches: %d articles, %d read, %d signed, problems %v", warm.Articles, warm.Read, warm.Computed, warm.Problems)
	}
	if !reflect.DeepEqual(warm.Pairs, cold.Pairs) {
		t.Errorf("sketches give other pairs:\n cold %+v\n warm %+v", cold.Pairs, warm.Pairs)
	}

	// With a cache that holds the whole signatures, the files are not
	// needed at all.
	s, err := store.OpenSQLite(filepath.Join(t.TempDir(), "store.db"), "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{Cache: s}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for _, f := range files {
		os.Remove(f)
	}
	gone, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{Cache: s, Known: known})
	if err != nil || len(gone.Problems) != 0 {
		t.Fatalf("files gone, cache full: %v, problems %v", err, gone.Problems)
	}
	if !reflect.DeepEqual(gone.Pairs, cold.Pairs) {
		t.Errorf("files gone, cache full: other pairs:\n cold %+v\n got %+v", cold.Pairs, gone.Pairs)
	}
	// Without the cache the candidates cannot be scored: no pairs, and
	// the report names the files.
	lost, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{Known: known})
	if err != nil || len(lost.Pairs) != 0 || len(lost.Problems) == 0 {
		t.Fatalf("files gone, no cache: %v, %d pairs, problems %v", err, len(lost.Pairs), lost.Problems)
	}
}
