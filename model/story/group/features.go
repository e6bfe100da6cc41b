package group

import (
	"math/bits"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"storydesk/model/wordtok"
)

// Grouping features: what one article's text says about which event it
// reports, in a form cheap enough to compute for 100,000 articles and to
// compare through an inverted index. Entity recognition would be better
// and costs ~1.7 ms an article; these proxies cost a few microseconds:
//
//   - names: capitalised words that are not just opening a sentence, and
//     pairs of adjacent ones ("Maren Sund", "Ilse Varga"). A pair names
//     one person or place far more surely than either word;
//   - quoted words: four-word runs inside quotation marks. Outlets
//     covering one event carry the same quotations;
//   - figures with the word after them ("42 people", "20 million");
//   - a sample (one in sixteen) of the text's five-word phrases, for
//     similarity below the copy threshold duplicate detection uses.
//
// Words are compared in wordtok's normal form, as duplicates and quotes
// are, so "U.S." and "US" or curly and straight quotes make no difference.

// Feature kinds, in a key's top bits.
const (
	kindWord   = 1 // a capitalised word
	kindName   = 2 // two adjacent capitalised words
	kindQuote  = 3 // four words inside quotation marks
	kindFigure = 4 // a figure and the word after it
	kindPhrase = 5 // a sampled five-word phrase
	kindShift  = 29
	hashMask   = 1<<kindShift - 1
)

// kindWeight is how much sharing one feature of a kind says about two
// articles reporting the same event, before rarity is counted.
// A quotation of n words makes n-3 overlapping quote keys, so each weighs
// little; a pair of names says more than either name.
var kindWeight = [8]float64{kindWord: 1, kindName: 1.5, kindQuote: 1, kindFigure: 1, kindPhrase: 1}

// FeaturesVersion changes whenever Extract would give other features for
// the same text: cache features with it, as dup signatures are cached.
const FeaturesVersion = 1

// Features is what grouping needs to know about one article's text. It
// depends only on the text, so it can be computed once and cached by
// content hash (with FeaturesVersion); it is plain data.
type Features struct {
	Version int
	Keys    []uint32 // sorted, unique: kind in the top 3 bits, a hash below
}

// Bytes is the memory f holds, for sizing caches.
func (f Features) Bytes() int { return 32 + 4*cap(f.Keys) }

// phraseSample keeps one five-word phrase in this many.
const phraseSample = 16

// extractor keeps scratch space between texts.
type extractor struct {
	sc    wordtok.Scanner
	toks  []ftok
	keys  []uint32
	caps  map[uint64]bool
	quote [4]uint64
}

// ftok is a token with what grouping needs to know about its place.
type ftok struct {
	hash     uint64
	capital  bool // starts with an upper-case letter
	digit    bool // starts with a digit
	starts   bool // opens a sentence (or a paragraph)
	quoted   bool // inside quotation marks that close in its paragraph
	joined   bool // only spaces between it and the token before
	para     bool // a line break came before it
	stopCaps bool // a capitalised word too common to name anything
}

// extractors reuse scratch space: Extract runs on every article of a
// corpus, from many goroutines.
var extractors = sync.Pool{New: func() any { return new(extractor) }}

// Extract computes the grouping features of a cleaned text. It is safe for
// concurrent use.
func Extract(text string) Features {
	x := extractors.Get().(*extractor)
	defer extractors.Put(x)
	return x.extract(text)
}

func (x *extractor) extract(text string) Features {
	x.scan(text)
	keys := x.keys[:0]
	toks := x.toks
	if x.caps == nil {
		x.caps = map[uint64]bool{}
	}
	clear(x.caps)
	for _, t := range toks {
		if t.capital && !t.starts && !t.stopCaps {
			x.caps[t.hash] = true
		}
	}
	// A capitalised word opening a sentence is a name only when the text
	// also capitalises it elsewhere ("Petro said" and "… said Petro").
	isName := func(i int) bool {
		t := toks[i]
		return t.capital && !t.stopCaps && (!t.starts || x.caps[t.hash])
	}
	add := func(kind int, h uint64) {
		keys = append(keys, uint32(kind)<<kindShift|uint32(h)&hashMask)
	}
	var win [5]uint64
	run, qrun := 0, 0
	for i, t := range toks {
		if isName(i) {
			add(kindWord, t.hash)
			if i > 0 && t.joined && !t.starts && isName(i-1) {
				add(kindName, mix2(toks[i-1].hash, t.hash))
			}
		}
		if t.digit && i+1 < len(toks) && toks[i+1].joined && !toks[i+1].digit {
			add(kindFigure, mix2(t.hash, toks[i+1].hash))
		}
		if t.para {
			qrun = 0
		}
		if t.quoted {
			copy(x.quote[:], x.quote[1:])
			x.quote[3] = t.hash
			if qrun++; qrun >= 4 {
				add(kindQuote, mixN(x.quote[:]))
			}
		} else {
			qrun = 0
		}
		if t.para {
			run = 0
		}
		copy(win[:], win[1:])
		win[4] = t.hash
		if run++; run >= 5 {
			if h := mixN(win[:]); h%phraseSample == 0 {
				add(kindPhrase, h/phraseSample)
			}
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	x.keys = keys
	f := Features{Version: FeaturesVersion}
	if len(keys) > 0 {
		f.Keys = slices.Clone(keys)
	}
	return f
}

// scan tokenises text into x.toks, reading the gaps between words for
// sentence ends, quotation marks and line breaks.
func (x *extractor) scan(text string) {
	x.sc.Reset(text, false)
	toks := x.toks[:0]
	inQuote := false
	open := -1 // the first token of the open quotation
	// A quotation counts once its closing mark is seen in its paragraph:
	// a mark dropped in editing or scraping would otherwise turn the rest
	// of the paragraph, stock phrases and all, into quoted words.
	closeQuote := func(end int) {
		for k := open; open >= 0 && k < end; k++ {
			toks[k].quoted = true
		}
		open = -1
	}
	prevEnd := 0
	var t wordtok.Token
	for x.sc.Next(&t) {
		gap := text[prevEnd:t.Start]
		ft := ftok{hash: t.Hash, para: t.Para, joined: true}
		if len(toks) == 0 || t.Para {
			ft.starts = true
		}
		for _, r := range gap {
			switch r {
			case '\n':
				// A quotation still open at its paragraph's end is dropped.
				inQuote, open = false, -1
			case '.', '!', '?':
				ft.starts = true
			case '“', '«', '„':
				inQuote = true
			case '”', '»':
				inQuote = false
			case '"':
				inQuote = !inQuote
			}
			if r != ' ' {
				ft.joined = false
			}
			if !inQuote && open >= 0 {
				closeQuote(len(toks))
			}
		}
		// A quotation mark right before the word opens it; one right after
		// the previous word closed that one: either way the word is inside
		// when the state says so now.
		if inQuote && open < 0 {
			open = len(toks)
		}
		r, _ := utf8.DecodeRuneInString(text[t.Start:])
		ft.capital = unicode.IsUpper(r)
		ft.digit = unicode.IsDigit(r)
		if ft.capital {
			ft.stopCaps = stopCapital[t.Hash]
		}
		toks = append(toks, ft)
		prevEnd = t.End
	}
	// A text that ends inside a quotation was cut there (a copy cut
	// short mid-quote): the words are quoted.
	if open >= 0 {
		closeQuote(len(toks))
	}
	x.toks = toks
}

// stopCapital holds capitalised words that name no one: titles, days,
// months, and words that open sentences.
var stopCapital = func() map[uint64]bool {
	m := map[uint64]bool{}
	for _, w := range []string{"the", "a", "an", "in", "on", "at", "he", "she", "it", "they", "we", "i", "but", "and",
		"this", "that", "mr", "mrs", "ms", "dr", "president", "minister", "prime", "secretary", "mayor", "governor",
		"commander", "chief", "director", "senator", "general", "chairman", "chairwoman", "spokesperson", "spokesman",
		"former", "deputy", "vice", "acting", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
		"sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
		"november", "december"} {
		toks, _ := wordtok.Tokens(w)
		m[toks[0].Hash] = true
	}
	return m
}()

// mix2 combines two token hashes in order.
func mix2(a, b uint64) uint64 {
	return wordtok.Mix(a ^ bits.RotateLeft64(b, 17) ^ 0x9e3779b97f4a7c15)
}

// mixN combines token hashes in order.
func mixN(hs []uint64) uint64 {
	h := uint64(len(hs)) * 0x9e3779b97f4a7c15
	for i, t := range hs {
		h ^= bits.RotateLeft64(t, 13*i+7)
	}
	return wordtok.Mix(h)
}
