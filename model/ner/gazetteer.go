package ner

import (
	_ "embed"
	"strings"
	"sync"
)

// The gazetteer: names of places, peoples and person titles, written by
// hand (see gazetteer.txt for its source and licence). It gives the tagger
// features and decides GPE against LOC for the places it knows.

//go:embed gazetteer.txt
var gazetteerText string

// Gazetteer classes, as bits: one name can be two (Caribbean: LOC, NORP).
const (
	gGPE uint8 = 1 << iota
	gLOC
	gNORP
	gTitle
	gLocHead
	gOrg
	nGazClasses = 6
)

// gazCaseless are the classes that match a word in lower case too; a place
// people or institution matches only capitalised ("turkey", "chile" are
// not places).
const gazCaseless = gTitle | gLocHead

var gazClassNames = map[string]uint8{"GPE": gGPE, "LOC": gLOC, "NORP": gNORP, "TITLE": gTitle, "LOCHEAD": gLocHead, "ORG": gOrg}

type gazEntry struct {
	toks    []uint64 // lower-case token hashes after the first
	class   uint8
	acronym bool // written in capitals (WHO, AP): matches only so
}

type gazetteer struct {
	// byFirst maps the first token's hash to the names starting with it,
	// longest first.
	byFirst map[uint64][]gazEntry
	the     uint64
}

var (
	gazOnce sync.Once
	gaz     *gazetteer
)

func theGazetteer() *gazetteer {
	gazOnce.Do(func() { gaz = parseGazetteer(gazetteerText) })
	return gaz
}

func parseGazetteer(src string) *gazetteer {
	g := &gazetteer{byFirst: map[uint64][]gazEntry{}, the: hashLower("the")}
	var class uint8
	for line := range strings.Lines(src) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			class = gazClassNames[strings.Trim(line, "[]")]
			continue
		}
		if class == 0 {
			continue
		}
		g.add(line, class)
		if class == gNORP && !strings.HasSuffix(line, "s") {
			g.add(line+"s", class) // Americans, Democrats
		}
	}
	for k, es := range g.byFirst {
		// Longest first; equal lengths keep file order (stable).
		for i := 1; i < len(es); i++ {
			for j := i; j > 0 && len(es[j].toks) > len(es[j-1].toks); j-- {
				es[j], es[j-1] = es[j-1], es[j]
			}
		}
		g.byFirst[k] = es
	}
	return g
}

func (g *gazetteer) add(name string, class uint8) {
	ts := tokenize(name, nil)
	hs := make([]uint64, len(ts))
	for i, t := range ts {
		hs[i] = hashLower(name[t.bs:t.be])
	}
	if len(hs) > 1 && hs[0] == g.the {
		hs = hs[1:] // "the Caribbean": spans and matches leave out "the"
	}
	if len(hs) == 0 {
		return
	}
	acronym := len(ts) == 1 && info(name, kWord).upper
	es := g.byFirst[hs[0]]
	for i := range es {
		if equalHashes(es[i].toks, hs[1:]) && es[i].acronym == acronym {
			es[i].class |= class
			return
		}
	}
	g.byFirst[hs[0]] = append(es, gazEntry{toks: hs[1:], class: class, acronym: acronym})
}

func equalHashes(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// match marks the tokens of one sentence with the gazetteer names they are
// in: the longest name from each position, left to right. A token's gclass
// gets the name's classes, gpos its place in the name (posB … posU).
func (g *gazetteer) match(ts []tinfo) {
	for i := range ts {
		ts[i].gclass, ts[i].gpos = 0, 0
	}
	for i := 0; i < len(ts); {
		n, c := g.longest(ts[i:])
		if n == 0 {
			i++
			continue
		}
		for k := range n {
			ts[i+k].gclass = c
			switch {
			case n == 1:
				ts[i+k].gpos = posU
			case k == 0:
				ts[i+k].gpos = posB
			case k == n-1:
				ts[i+k].gpos = posL
			default:
				ts[i+k].gpos = posI
			}
		}
		i += n
	}
}

// longest returns the length and classes of the longest name at the start
// of ts, or 0.
func (g *gazetteer) longest(ts []tinfo) (int, uint8) {
	for _, e := range g.byFirst[ts[0].lower] {
		if len(e.toks)+1 > len(ts) || !sameWords(e.toks, ts[1:len(e.toks)+1]) || (e.acronym && !ts[0].upper) {
			continue
		}
		c := e.class
		if !ts[0].capital {
			c &= gazCaseless
		}
		if c != 0 {
			return len(e.toks) + 1, c
		}
	}
	return 0, 0
}

func sameWords(hs []uint64, ts []tinfo) bool {
	for i, h := range hs {
		if ts[i].lower != h {
			return false
		}
	}
	return true
}

// exact returns the classes of the name that is exactly hs (a leading "the"
// ignored), or 0.
func (g *gazetteer) exact(hs []uint64) uint8 {
	if len(hs) > 1 && hs[0] == g.the {
		hs = hs[1:]
	}
	if len(hs) == 0 {
		return 0
	}
	c := uint8(0)
	for _, e := range g.byFirst[hs[0]] {
		if equalHashes(e.toks, hs[1:]) {
			c |= e.class
		}
	}
	return c
}
