package speaker

import (
	"storydesk/model"
	"fmt"
	"os"
	"testing"
)

func TestDbgMentions(t *testing.T) {
	text := os.Getenv("QTEXT")
	if text == "" {
		t.Skip()
	}
	for _, l := range dbgMentions(text) {
		fmt.Println(l)
	}
}

func TestDbgLeft(t *testing.T) {
	text := os.Getenv("QTEXT")
	if text == "" {
		t.Skip()
	}
	x := &qDoc{rs: []rune(text), src: text, off: model.NewOffsets(text)}
	x.paras = []qSpan{{0, len(x.rs)}}
	x.tokenize()
	x.splitSentences()
	x.scanNames()
	for c := range x.toks {
		if n := x.cueAt(c); n > 0 {
			np, ok := x.cueSubject(c, n, 0, len(x.toks), x.toks[c].sent)
			fmt.Println("cue", x.word(c), ok, x.text(np.a, np.b), np.pron)
		}
	}
}
