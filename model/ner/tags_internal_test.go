package ner

import (
	"math/rand/v2"
	"testing"
)

// TestViterbiValid decodes random scores, with transitions that reward the
// invalid moves most, and checks every sequence is valid BILOU: no I or L
// without its B of the same label, no B or U inside a name, no name left
// open at the end. (White-box: the tag sequence is not part of the API.)
func TestViterbiValid(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for labels := 1; labels <= 6; labels++ {
		ts := newTagset(labels)
		nt := ts.nt
		trans := make([]float32, (nt+1)*(nt+1))
		for p := 0; p <= nt; p++ {
			for c := 0; c <= nt; c++ {
				v := float32(rng.NormFloat64())
				valid := true
				switch {
				case p == nt && c == nt:
				case p == nt:
					valid = opens(c)
				case c == nt:
					valid = closes(p)
				default:
					valid = canFollow(p, c)
				}
				if !valid {
					v += 100 // tempt the decoder
				}
				trans[p*(nt+1)+c] = v
			}
		}
		for trial := range 200 {
			n := 1 + rng.IntN(12)
			em := make([]float32, n*nt)
			for i := range em {
				em[i] = float32(rng.NormFloat64() * 10)
			}
			out := make([]uint8, n)
			if _, ok := ts.viterbi(em, trans, n, nil, out, make([]float32, n*nt), make([]uint8, n*nt)); !ok {
				t.Fatalf("labels %d trial %d: no path", labels, trial)
			}
			if !opens(int(out[0])) || !closes(int(out[n-1])) {
				t.Fatalf("labels %d: sequence %v starts or ends inside a name", labels, out)
			}
			for i := 1; i < n; i++ {
				if !canFollow(int(out[i-1]), int(out[i])) {
					t.Fatalf("labels %d: %d after %d in %v", labels, out[i], out[i-1], out)
				}
			}
		}
	}
}

// TestViterbiAllowed checks the decoder keeps to the tags each token may
// take, and reports when no valid sequence does.
func TestViterbiAllowed(t *testing.T) {
	ts := newTagset(2)
	nt := ts.nt
	trans := make([]float32, (nt+1)*(nt+1))
	em := make([]float32, 3*nt)
	em[0*nt+0] = 50 // O everywhere is best…
	em[1*nt+0] = 50
	em[2*nt+0] = 50
	allow := []uint64{^uint64(0), 1 << uint(tagOf(1, posB)), ^uint64(0)} // …but token 1 must begin label 1
	out := make([]uint8, 3)
	if _, ok := ts.viterbi(em, trans, 3, allow, out, make([]float32, 3*nt), make([]uint8, 3*nt)); !ok {
		t.Fatal("no path")
	}
	if out[1] != uint8(tagOf(1, posB)) || out[2] != uint8(tagOf(1, posL)) {
		t.Errorf("got %v, want B then L of label 1 at tokens 1 and 2", out)
	}
	allow = []uint64{1 << uint(tagOf(0, posI)), ^uint64(0), ^uint64(0)} // I cannot start
	if _, ok := ts.viterbi(em, trans, 3, allow, out, make([]float32, 3*nt), make([]uint8, 3*nt)); ok {
		t.Errorf("an impossible constraint decoded to %v", out)
	}
}
