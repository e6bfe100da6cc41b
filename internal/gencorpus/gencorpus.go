// Package gencorpus writes synthetic news corpora for tests and benchmarks:
// invented but realistic-looking articles (headline, dateline, quotes,
// paragraphs, and the occasional byline, caption, call to action or
// copyright footer a scraper picks up), fully determined by a seed.
package gencorpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

var (
	places    = []string{"Port Ellis", "Karvik", "Halvard", "Sorn Island", "Mirelle", "Ostavia", "Brennmoor", "Lake Tamsin", "New Corran", "Vell"}
	countries = []string{"Veridia", "Ostland", "the Tamsin Republic", "Corrania", "the Northern Isles"}
	agencies  = []string{"AP", "Reuters", "AFP", "DPA", "Kyodo"}
	outlets   = []struct{ name, domain string }{
		{"Harbor Tribune", "harbortribune.example"}, {"Daily Ledger", "dailyledger.example"},
		{"Northern Courier", "northerncourier.example"}, {"Veridia Today", "veridiatoday.example"},
		{"The Morning Wire", "morningwire.example"}, {"Coastline Post", "coastlinepost.example"},
	}
	firstNames = []string{"Ilse", "Tomas", "Lina", "Marek", "Rosa", "Anders", "Priya", "Jonah", "Selin", "Oskar", "Dana", "Felix", "Mira", "Kofi", "Yuki"}
	lastNames  = []string{"Varga", "Rehn", "Berg", "Novak", "Iturbe", "Holm", "Sandoval", "Okafor", "Lindqvist", "Marsh", "Castell", "Duarte", "Arkin", "Bauer", "Tanaka"}
	roles      = []string{"the mayor", "a spokesperson for the ministry", "the harbour master", "an economist at the central bank", "the union leader", "a local resident", "the opposition leader", "the coast guard commander", "a senior official", "the company's chief executive"}
	sections   = []string{"World", "Business", "Politics", "Science", "Culture", "Sport", "Environment"}
	subjects   = []string{"The government", "City officials", "Rescue crews", "The central bank", "Lawmakers", "The company", "Investigators", "Residents", "The ministry", "Union members", "Analysts", "The regional council", "Shipping firms", "Health authorities"}
	verbs      = []string{"announced", "rejected", "approved", "delayed", "warned about", "criticised", "defended", "expanded", "suspended", "reviewed", "unveiled", "questioned", "postponed", "welcomed"}
	objects    = []string{"a new budget plan", "the proposed wind farm", "emergency funding", "the ferry schedule", "a tax on shipping", "plans for a new port", "the coral protection pact", "an inquiry into the accident", "the wage agreement", "fresh safety rules", "the housing programme", "a ban on night fishing", "the election timetable"}
	modifiers  = []string{"on Tuesday", "late on Monday", "earlier this week", "after weeks of talks", "despite strong opposition", "in a surprise move", "following the storm", "amid rising costs", "for the second time this year", "before the summer season", "under pressure from voters", "in a statement"}
	clauses    = []string{"which critics say will raise prices", "a decision that surprised many observers", "as tensions grew in the capital", "while talks continue behind closed doors", "according to people familiar with the matter", "though details remain unclear", "in what officials called a first step", "after a heated debate in parliament", "as the deadline approaches"}
	numbers    = []string{"42", "118", "3,500", "1,200", "about 600", "nearly 2,000", "at least 12", "more than 300"}
	amounts    = []string{"€2.4 billion", "$75 million", "3.5 million euros", "£120 million", "nearly 40 percent of the budget"}
	units      = []string{"people", "jobs", "homes", "vessels", "workers", "households", "tonnes of cargo", "visitors", "companies"}
	quotes     = []string{
		"We cannot afford to wait any longer", "This is a race against the sea",
		"It's a difficult day for everyone in the region", "The numbers speak for themselves",
		"We will not accept a deal that leaves workers behind", "Nobody expected it to happen this fast",
		"There is still a lot of work to do", "Our priority is the safety of every passenger",
		"This decision was long overdue", "We need answers, not promises",
	}
	cues   = []string{"said", "told reporters", "said in a statement", "added", "wrote in a post on X", "told local radio"}
	noises = []string{"Sign up for our morning newsletter", "Read more: Storm season starts early", "Leave a comment", "Share this article", "SCROLL FOR NEXT", "Advertisement"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func person(r *rand.Rand) string { return pick(r, firstNames) + " " + pick(r, lastNames) }

// sentence writes one sentence of plain reporting or a quote.
func sentence(r *rand.Rand, b *strings.Builder) {
	switch r.IntN(7) {
	case 6:
		fmt.Fprintf(b, "The package is worth %s, %s.", pick(r, amounts), pick(r, clauses))
	case 0: // a quote with its speaker
		fmt.Fprintf(b, "“%s,” %s, %s, %s.", pick(r, quotes), person(r), pick(r, roles), pick(r, cues))
	case 1:
		fmt.Fprintf(b, "%s %s %s %s, %s.", pick(r, subjects), pick(r, verbs), pick(r, objects), pick(r, modifiers), pick(r, clauses))
	case 2:
		fmt.Fprintf(b, "The plan would affect %s %s in %s, %s.", pick(r, numbers), pick(r, units), pick(r, places), pick(r, clauses))
	case 3:
		fmt.Fprintf(b, "%s said %s had %s %s %s.", person(r), strings.ToLower(pick(r, subjects)), pick(r, verbs), pick(r, objects), pick(r, modifiers))
	case 4:
		fmt.Fprintf(b, "In %s, %s %s %s.", pick(r, places), strings.ToLower(pick(r, subjects)), pick(r, verbs), pick(r, objects))
	default:
		fmt.Fprintf(b, "%s %s %s, and %s %s %s %s.", pick(r, subjects), pick(r, verbs), pick(r, objects), strings.ToLower(pick(r, subjects)), pick(r, verbs), pick(r, objects), pick(r, modifiers))
	}
}

// Article returns one invented news article of about the given number of
// words: a headline and a body of blank-line-separated paragraphs, with the
// scrape noise real pages carry now and then (section label, byline, photo
// caption, calls to action, copyright footer).
func Article(r *rand.Rand, words int) (title, body string) {
	title = fmt.Sprintf("%s %s %s in %s", pick(r, subjects), pick(r, verbs), pick(r, objects), pick(r, places))
	var b strings.Builder
	b.Grow(words * 7)
	agency := pick(r, agencies)
	if r.IntN(4) == 0 {
		b.WriteString(pick(r, sections) + "\n\n")
	}
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, "By %s\n\n", person(r))
	}
	if r.IntN(6) == 0 {
		fmt.Fprintf(&b, "A view of the harbour in %s. Photo: %s/%s\n\n", pick(r, places), person(r), agency)
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "%s, %s (%s) — ", strings.ToUpper(pick(r, places)), pick(r, countries), agency)
	}
	start := b.Len()
	for n := 0; n < words; {
		for s := 1 + r.IntN(3); s > 0; s-- {
			if b.Len() > start && !strings.HasSuffix(b.String(), " — ") {
				b.WriteByte(' ')
			}
			before := b.Len()
			sentence(r, &b)
			n += strings.Count(b.String()[before:], " ") + 1
		}
		b.WriteString("\n\n")
		start = b.Len()
		if r.IntN(12) == 0 {
			b.WriteString(pick(r, noises) + "\n\n")
		}
	}
	if r.IntN(5) == 0 {
		fmt.Fprintf(&b, "© 2026 %s. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.\n", agency)
	}
	return title, strings.TrimRight(b.String(), "\n")
}

// rngFor gives article i its own generator, so files can be written in any
// order and still come out the same.
func rngFor(seed int64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(i)))
}

// parallel runs fn(i) for i in [0, n) on all CPUs, stopping at the first error.
func parallel(n int, fn func(i int) error) error {
	var (
		mu    sync.Mutex
		next  int
		first error
		wg    sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				stop := first != nil
				mu.Unlock()
				if stop || i >= n {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// WriteDir writes n articles as .txt files (headline, blank line, body)
// under dir, 1000 to a subfolder: dir/000/000000.txt, dir/000/000001.txt, ...
func WriteDir(dir string, n, words int, seed int64) error {
	for d := 0; d*1000 < n; d++ {
		if err := os.MkdirAll(filepath.Join(dir, fmt.Sprintf("%03d", d)), 0o755); err != nil {
			return err
		}
	}
	return parallel(n, func(i int) error {
		title, body := Article(rngFor(seed, i), words)
		name := filepath.Join(dir, fmt.Sprintf("%03d", i/1000), fmt.Sprintf("%06d.txt", i))
		return os.WriteFile(name, []byte(title+"\n\n"+body+"\n"), 0o644)
	})
}

// Record is one line of WriteJSONL's output.
type Record struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Source  string `json:"source"`
	URL     string `json:"url"`
	Date    string `json:"date"`
	Author  string `json:"author,omitempty"`
	Section string `json:"section"`
	Text    string `json:"text"`
}

// NewRecord builds article i of a corpus with the given seed.
func NewRecord(i, words int, seed int64) Record {
	r := rngFor(seed, i)
	title, body := Article(r, words)
	o := pick(r, outlets)
	rec := Record{
		ID:      fmt.Sprintf("gen-%06d", i),
		Title:   title,
		Source:  o.name,
		URL:     fmt.Sprintf("https://www.%s/2026/%02d/%s-%d", o.domain, 1+r.IntN(12), slug(title), i),
		Date:    fmt.Sprintf("2026-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)),
		Section: pick(r, sections),
		Text:    body,
	}
	if r.IntN(2) == 0 {
		rec.Author = person(r)
	}
	return rec
}

func slug(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(c rune) bool { return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') })
	return strings.Join(f[:min(len(f), 8)], "-")
}

// WriteJSONL writes n articles as JSON lines (id, title, source, url, date,
// author, section, text) to path.
func WriteJSONL(path string, n, words int, seed int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	// Generate in parallel chunks, write in order.
	const chunk = 1024
	lines := make([][]byte, chunk)
	for base := 0; base < n && err == nil; base += chunk {
		m := min(chunk, n-base)
		err = parallel(m, func(j int) error {
			b, err := json.Marshal(NewRecord(base+j, words, seed))
			lines[j] = append(b, '\n')
			return err
		})
		for j := 0; j < m && err == nil; j++ {
			_, err = w.Write(lines[j])
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
