package dup

import (
	"context"
	"math/bits"
	"slices"

	"storydesk/model/wordtok"
)

// ShingleWords is how many words make one shingle. Five keeps unrelated
// articles from sharing shingles through common phrases while a changed word
// or figure costs only five shingles.
const ShingleWords = 5

// SignatureVersion changes whenever Sign would give a different result
// for the same text. Store it with cached signatures and recompute those with
// another version.
const SignatureVersion = 1

// Doc is a document to check for duplicates.
type Doc struct {
	ID   string
	Text string
}

// Signature is what duplicate detection needs to know about one text. It
// depends only on the text, so it can be cached by content hash; it is plain
// data (serialise it with encoding/json or gob).
type Signature struct {
	Version  int      // SignatureVersion when computed
	Exact    uint64   // hash of the normalised text; 0 when it has no words
	Words    int      // words (tokens) in the text
	Shingles []uint32 // hashes of the word shingles, sorted ascending, unique
}

// Current reports whether s was computed by this version of Sign.
func (s Signature) Current() bool { return s.Version == SignatureVersion }

// Bytes is the memory s holds, for sizing caches.
func (s Signature) Bytes() int { return 48 + 4*cap(s.Shingles) }

// Sign computes the duplicate-detection signature of a (cleaned) text.
func Sign(text string) Signature {
	var w dupSigner
	return w.sign(text)
}

// dupSigner keeps scratch buffers between documents.
type dupSigner struct {
	sc  wordtok.Scanner
	sh  []uint32
	tmp []uint32
}

// dupShingle combines token hashes, in order, into a 32-bit shingle hash. The
// token hashes are already well mixed, so rotating each by its position and
// XORing them keeps order and spread; one multiply folds the result.
func dupShingle(toks []uint64) uint32 {
	h := uint64(len(toks)) * 0x9e3779b97f4a7c15
	for i, t := range toks {
		h ^= bits.RotateLeft64(t, 13*i)
	}
	h ^= h >> 31
	h *= 0xff51afd7ed558ccd
	return uint32(h >> 32)
}

func (w *dupSigner) sign(text string) Signature {
	const k = ShingleWords
	sig := Signature{Version: SignatureVersion}
	w.sc.Reset(text, true)
	sh := w.sh[:0]
	var win [k]uint64 // the paragraph's last k token hashes, oldest first
	n := 0            // tokens in the current paragraph
	var t wordtok.Token
	for w.sc.Next(&t) {
		sig.Words++
		if t.Para {
			if n > 0 && n < k {
				sh = append(sh, dupShingle(win[k-n:]))
			}
			n = 0
		}
		copy(win[:], win[1:])
		win[k-1] = t.Hash
		if n++; n >= k {
			sh = append(sh, dupShingle(win[:]))
		}
	}
	if n > 0 && n < k {
		sh = append(sh, dupShingle(win[k-n:]))
	}
	if sig.Words > 0 {
		sig.Exact = wordtok.ExactHash(w.sc.Norm())
	}
	sh, w.tmp = dupSortUnique(sh, w.tmp)
	w.sh = sh
	if len(sh) > 0 {
		sig.Shingles = slices.Clone(sh)
	}
	return sig
}

// dupSortUnique sorts a (LSD radix, four byte-wide passes: several times
// faster than a comparison sort on a few hundred hashes) and drops repeats.
// tmp is scratch space; both are returned for reuse.
func dupSortUnique(a, tmp []uint32) ([]uint32, []uint32) {
	if len(a) < 64 {
		slices.Sort(a)
		return slices.Compact(a), tmp
	}
	tmp = slices.Grow(tmp[:0], len(a))[:len(a)]
	var cnt [4][256]int32
	for _, v := range a {
		cnt[0][v&0xff]++
		cnt[1][v>>8&0xff]++
		cnt[2][v>>16&0xff]++
		cnt[3][v>>24]++
	}
	src, dst := a, tmp
	for p := range 4 {
		c := &cnt[p]
		sum := int32(0)
		for i := range c {
			c[i], sum = sum, sum+c[i]
		}
		sh := 8 * p
		for _, v := range src {
			b := v >> sh & 0xff
			dst[c[b]] = v
			c[b]++
		}
		src, dst = dst, src
	}
	// After an even number of passes the result is back in a.
	return slices.Compact(a), tmp
}

// SignAll computes the signatures of docs on workers goroutines (0: one per
// CPU). progress, when not nil, is called now and then with the number done;
// calls never overlap.
func SignAll(docs []Doc, workers int, progress func(done, total int)) []Signature {
	out, _ := signAll(context.Background(), docs, workers, progress)
	return out
}

func signAll(ctx context.Context, docs []Doc, workers int, progress func(done, total int)) ([]Signature, error) {
	out := make([]Signature, len(docs))
	err := dupParallel(ctx, len(docs), workers, 64, progress, func() func(i int) {
		var w dupSigner
		return func(i int) { out[i] = w.sign(docs[i].Text) }
	})
	return out, err
}
