package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"storydesk/model"
)

// CoNLLOptions say how to read one CoNLL source.
type CoNLLOptions struct {
	Source string  // stored in each Doc
	Weight float64 // stored in each Doc (0 means 1)
	// NoMisc says the source does not annotate MISC (BTC, WNUT-17): there a
	// capitalised nationality or group word of the gazetteer that is
	// tagged O becomes NORP, as it would have been had MISC been tagged.
	NoMisc bool
}

// ReadCoNLL reads documents written as TOKEN<TAB>TAG lines with BIO2 tags
// over PER, ORG, LOC and MISC, a blank line after each sentence and a
// "-DOCSTART-" line before each document. Each Doc's Text is its sentences'
// tokens joined by spaces, one sentence a line; Tokens are those tokens and
// Spans the names with their labels mapped to the app's (see mapCoNLL).
// Docs are Complete. An "@" or "#" token before a name is joined to it, as
// Tokenize keeps @handles and #hashtags whole.
func ReadCoNLL(r io.Reader, opts CoNLLOptions) ([]Doc, error) {
	var docs []Doc
	var toks, tags []string
	var sents [][2]int // token ranges
	flush := func() {
		if len(toks) > 0 {
			docs = append(docs, buildDoc(toks, tags, sents, opts))
		}
		toks, tags, sents = nil, nil, nil
	}
	start := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimRight(sc.Text(), "\r")
		if l == "" {
			if len(toks) > start {
				sents = append(sents, [2]int{start, len(toks)})
			}
			start = len(toks)
			continue
		}
		word, tag, ok := strings.Cut(l, "\t")
		if !ok {
			return nil, fmt.Errorf("ner: line %d: no tab in %q", line, l)
		}
		if word == "-DOCSTART-" {
			if len(toks) > start {
				sents = append(sents, [2]int{start, len(toks)})
			}
			flush()
			start = 0
			continue
		}
		toks = append(toks, word)
		tags = append(tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(toks) > start {
		sents = append(sents, [2]int{start, len(toks)})
	}
	flush()
	return docs, nil
}

// buildDoc makes one Doc of a document's tokens and BIO2 tags.
func buildDoc(words, tags []string, sents [][2]int, opts CoNLLOptions) Doc {
	var b strings.Builder
	doc := Doc{Complete: true, Weight: opts.Weight, Source: opts.Source}
	type name struct {
		a, b  int // tokens
		label string
	}
	var ns []name
	cp := 0
	var kept []string // tokens after joining handles
	for si, sr := range sents {
		if si > 0 {
			b.WriteByte('\n')
			cp++
		}
		prevType := ""
		first := true
		for i := sr[0]; i < sr[1]; i++ {
			w, tag := words[i], tags[i]
			if (w == "@" || w == "#") && i+1 < sr[1] && startsHandle(words[i+1]) {
				if tag == "O" {
					tag = tags[i+1]
				}
				w += words[i+1]
				i++
			}
			if !first {
				b.WriteByte(' ')
				cp++
			}
			first = false
			n := model.RuneLen(w)
			doc.Tokens = append(doc.Tokens, Token{Text: w, Start: cp, End: cp + n})
			b.WriteString(w)
			cp += n
			k := len(doc.Tokens) - 1
			kept = append(kept, w)
			prefix, typ, _ := strings.Cut(tag, "-")
			switch {
			case tag == "O" || typ == "":
				prevType = ""
			case prefix == "I" && typ == prevType && len(ns) > 0 && ns[len(ns)-1].b == k:
				ns[len(ns)-1].b = k + 1
			default: // B-, or an I- that does not continue: a new name
				ns = append(ns, name{k, k + 1, typ})
				prevType = typ
			}
		}
	}
	doc.Text = b.String()
	inName := make([]bool, len(doc.Tokens))
	for _, n := range ns {
		label, title := mapCoNLL(n.label, kept[n.a:n.b])
		n.a += title
		doc.Spans = append(doc.Spans, model.Span{Start: doc.Tokens[n.a].Start, End: doc.Tokens[n.b-1].End, Label: label, Text: model.RuneSlice(doc.Text, doc.Tokens[n.a].Start, doc.Tokens[n.b-1].End)})
		for i := n.a; i < n.b; i++ {
			inName[i] = true
		}
	}
	if opts.NoMisc {
		g := theGazetteer()
		for i, t := range doc.Tokens {
			if !inName[i] && isUpper(firstRune(t.Text)) && g.exact([]uint64{hashLower(t.Text)})&gNORP != 0 {
				doc.Spans = append(doc.Spans, model.Span{Start: t.Start, End: t.End, Label: LabelNORP, Text: t.Text})
			}
		}
	}
	return doc
}

func startsHandle(w string) bool {
	r := firstRune(w)
	return isAlnum(r) || r == '_'
}

// SplitDev separates docs into those whose text is not among held's and
// those whose text is (the shared data's per-source files hold the train
// and dev documents together; dev.conll says which are dev).
func SplitDev(docs, held []Doc) (train, dev []Doc) {
	in := make(map[string]bool, len(held))
	for i := range held {
		in[held[i].Text] = true
	}
	for _, d := range docs {
		if in[d.Text] {
			dev = append(dev, d)
		} else {
			train = append(train, d)
		}
	}
	return train, dev
}
