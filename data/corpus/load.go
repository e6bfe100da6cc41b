package corpus

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"unicode/utf8"

	"storydesk/model"
	"storydesk/model/clean"
)

// fileCache keeps the JSONL file a Stream worker is reading open between
// lines (lines of one file come in order), saving an open/close per line.
type fileCache struct {
	src *source
	f   *os.File
}

func (fc *fileCache) file(src *source) (*os.File, error) {
	if fc.src == src {
		return fc.f, nil
	}
	fc.close()
	f, err := os.Open(src.name)
	if err != nil {
		return nil, err
	}
	fc.src, fc.f = src, f
	return f, nil
}

func (fc *fileCache) close() {
	if fc.f != nil {
		fc.f.Close()
	}
	fc.src, fc.f = nil, nil
}

func (c *Corpus) load(i int, fc *fileCache) (*model.Article, error) {
	if i < 0 || i >= len(c.Items) {
		return nil, &ProblemError{Problem{Path: c.Label, Reason: fmt.Sprintf("no item %d (the corpus has %d)", i, len(c.Items))}}
	}
	it := &c.Items[i]
	a, reason := readArticle(it, fc, c.corrections(it.ID))
	if reason != "" {
		return nil, &ProblemError{Problem{Path: it.ref.src.display, Line: int(it.ref.line), Reason: reason}}
	}
	return a, nil
}

// readBytes returns an item's bytes: a whole file (gunzipped) or one line.
func readBytes(it *Item, fc *fileCache) ([]byte, error) {
	r, src := it.ref, it.ref.src
	if r.line > 0 {
		if src.mem != nil {
			return src.mem[r.off : r.off+int64(r.n)], nil
		}
		f := src.spill
		if f == nil {
			if fc == nil {
				of, err := os.Open(src.name)
				if err != nil {
					return nil, err
				}
				defer of.Close()
				f = of
			} else {
				var err error
				if f, err = fc.file(src); err != nil {
					return nil, err
				}
			}
		}
		buf := make([]byte, r.n)
		if _, err := f.ReadAt(buf, r.off); err != nil {
			return nil, fmt.Errorf("the file changed since it was opened (%v)", err)
		}
		return buf, nil
	}
	data := src.mem
	if data == nil {
		var err error
		if src.fsys != nil {
			data, err = readFSFile(src.fsys, src.name)
		} else {
			data, err = readFile(src.name)
		}
		if err != nil {
			return nil, err
		}
	}
	if isGzip(data) {
		return gunzip(data)
	}
	return data, nil
}

// readFSFile reads a file of an fs.FS within the limit.
func readFSFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if info, err := f.Stat(); err == nil {
		if size = info.Size(); size > Limit() {
			return nil, tooLarge()
		}
	}
	return readLimited(f, size)
}

func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if info, err := f.Stat(); err == nil {
		if info.IsDir() {
			return nil, fmt.Errorf("is a directory")
		}
		size = info.Size()
		if size > Limit() {
			return nil, tooLarge() // refused before a byte is read
		}
	}
	return readLimited(f, size)
}

// readArticle runs the pipeline: bytes, text, format, sanitise, clean,
// metadata. The string is the reason when the item cannot be read.
func readArticle(it *Item, fc *fileCache, corr []model.Correction) (*model.Article, string) {
	data, err := readBytes(it, fc)
	if err != nil {
		return nil, Describe(err)
	}
	format := it.Format
	var body string
	var fm fileMeta
	if format == "jsonl" {
		rec, why := parseRecord(data)
		if why != "" {
			return nil, why
		}
		body = model.Sanitize(rec.text)
		if strings.TrimSpace(body) == "" {
			return nil, "the text field is empty"
		}
		fm = fileMeta{title: rec.title, source: rec.source, date: rec.date, url: rec.url,
			byline: rec.byline, summary: rec.summary, meta: rec.meta}
	} else {
		guessed := it.ref.src.guessed
		text, why := decodeText(data, format == "html" || guessed)
		if why != "" {
			return nil, why
		}
		if guessed && format == "txt" && looksHTML([]byte(text[:min(len(text), 1024)])) {
			format = "html"
		}
		switch format {
		case "html":
			text, fm, why = htmlArticle(text)
			if why != "" {
				return nil, why
			}
			body = model.Sanitize(text)
			if strings.TrimSpace(body) == "" {
				return nil, "no article text found in the HTML page"
			}
		case "md":
			text = model.Sanitize(text)
			fields, rest := splitFrontMatter(text)
			fm = frontMeta(fields)
			body = markdownText(rest)
			if len(fields) > 0 && strings.TrimSpace(body) == "" {
				return nil, "no text after the front matter"
			}
			if fm.title == "" {
				fm.title = markdownH1(rest)
			}
		default:
			body = model.Sanitize(text)
		}
		if strings.TrimSpace(body) == "" {
			return nil, blankReason(data)
		}
	}
	return assemble(it, format, body, fm, corr), ""
}

// assemble cleans the body (with the reviewer's corrections, if any) and
// fills in the article. What the file says wins over what the cleaner
// found; the title is never empty.
func assemble(it *Item, format, raw string, fm fileMeta, corr []model.Correction) *model.Article {
	cl := cleanerFor(format).CleanWith(raw, corr)
	if clean.RepeatsLede(fm.summary, cl.Text) {
		fm.summary = "" // a description that is the first paragraph again
	}
	a := &model.Article{
		ID: it.ID, Path: it.Path, Format: format,
		Raw: raw, Text: cl.Text, Removed: cl.Removed,
		Title:   firstOf(fm.title, cl.Title),
		Summary: firstOf(fm.summary, cl.Summary),
		Byline:  firstOf(fm.byline, cl.Byline),
		Date:    model.SanitizeLine(fm.date),
		URL:     model.SanitizeLine(fm.url),
		Source:  model.SanitizeLine(fm.source),
	}
	if a.Source == "" {
		a.Source = hostOf(a.URL)
	}
	if len(fm.meta) > 0 || cl.Dateline != "" {
		a.Meta = make(map[string]string, len(fm.meta)+1)
		for k, v := range fm.meta {
			if k = model.SanitizeLine(k); k != "" {
				a.Meta[k] = model.SanitizeLine(v)
			}
		}
		if d := firstOf(cl.Dateline); d != "" {
			a.Meta["dateline"] = d
		}
	}
	a.Words = model.WordCount(a.Text)
	if a.Title == "" {
		a.Title = firstOf(Headline(a.Text), Headline(raw))
	}
	if a.Title == "" {
		a.Title = a.ID
	}
	return a
}

// firstOf returns the first non-empty value, as one sanitised line. It is a
// copy: values the cleaner found are slices of the body, and an article kept
// for its metadata must not keep its whole body alive through them.
func firstOf(vals ...string) string {
	for _, v := range vals {
		if v = model.SanitizeLine(v); v != "" {
			return strings.Clone(v)
		}
	}
	return ""
}

// hostOf returns a URL's host without "www.", as a stand-in outlet name.
func hostOf(u string) string {
	if u == "" {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return ""
	}
	return model.SanitizeLine(strings.TrimPrefix(strings.ToLower(p.Hostname()), "www."))
}

// titleMax is how long a title made from the text may be, in code points.
const titleMax = 80

// Headline makes a title from text with none: its first sentence (or first
// line), cut at a word boundary near titleMax code points.
func Headline(text string) string {
	text = strings.TrimSpace(text)
	line, _, _ := strings.Cut(text, "\n")
	line = strings.TrimSpace(line)
	// The first sentence: up to ". ", "? " or "! " after a few words.
	for i := 0; i+1 < len(line); i++ {
		if (line[i] == '.' || line[i] == '?' || line[i] == '!') && line[i+1] == ' ' && i > 20 {
			line = line[:i+1]
			break
		}
	}
	line = model.SanitizeLine(line)
	if utf8.RuneCountInString(line) <= titleMax {
		return line
	}
	cut := 0
	for n, i := 0, 0; i < len(line) && n < titleMax-1; n++ {
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
		cut = i
	}
	s := line[:cut]
	if sp := strings.LastIndexByte(s, ' '); sp > len(s)/2 {
		s = s[:sp]
	}
	return strings.TrimRight(s, " ,;:-–—") + "…"
}

// markdownH1 returns the text of a Markdown body's leading "# " heading.
func markdownH1(body string) string {
	for _, line := range strings.Split(body, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "# ") {
			return markdownInline(strings.TrimSpace(mdHeadClose.ReplaceAllString(t[2:], "")))
		}
		return ""
	}
	return ""
}
