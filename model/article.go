package model

// Article is one news article. The metadata fields are always set once the
// article has been read; Raw, Text and Removed may be empty when the body has
// been dropped to save memory (see data.Corpus.Load to read it again).
type Article struct {
	ID     string // stable across runs: path relative to the corpus root, or the JSONL id
	Path   string // where it came from, as shown to the user (sanitised)
	Format string // txt, md, html, jsonl

	Source  string // outlet
	Title   string
	Byline  string
	Date    string
	URL     string
	Summary string            // standfirst, when the cleaner or the file gives one
	Meta    map[string]string // everything else the file said about it (JSONL fields, front matter, dateline)

	Words int // words in the cleaned text

	Raw     string    // sanitised raw text, as read
	Text    string    // cleaned text: what annotations point into
	Removed []Removed // what the cleaner took out of Raw, and why
}

// HasBody reports whether the article's text is in memory.
func (a *Article) HasBody() bool { return a.Raw != "" || a.Text != "" }

// DropBody forgets the article's text, keeping its metadata.
func (a *Article) DropBody() {
	a.Raw, a.Text, a.Removed = "", "", nil
}
