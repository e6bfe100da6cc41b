package annotest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/importer"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/internal/keytest"
)

// Fixture texts with names to tag; offsets are computed with RuneIndex.
const (
	StoryA = "Mayor Ilse Varga of Port Ellis met the Harbour Board on Monday. Varga said the talks went well, and Mr. Berg agreed.\n\n" +
		"The board chair, Tomas Berg, disagreed. “Ça va,” said Zoë Ng in Kyōto 京都. Varga left at noon; the Vargas family stayed.\n\n" +
		"Gustavo Petro spoke last. Petro said the port would reopen."
	StoryB = "Ilse Varga visited Karvik on Tuesday. Tomas Berg did not.\n\nThe mayor, Ilse Varga, promised a new ferry."
	StoryC = "Nothing here names anyone at all; the weather was calm and the sea flat."
)

// Articles are a.txt, b.txt and c.txt: StoryA, StoryB and StoryC.
func Articles() []*model.Article {
	var out []*model.Article
	for i, text := range []string{StoryA, StoryB, StoryC} {
		id := string(rune('a'+i)) + ".txt"
		out = append(out, &model.Article{ID: id, Path: id, Title: "Story " + strings.ToUpper(id[:1]), Text: text, Raw: text, Words: len(strings.Fields(text))})
	}
	return out
}

// ImportedWords are the spans Import brings for StoryA, and the quotation
// “Ça va,” said by Zoë Ng (linked to her span).
var ImportedWords = []struct{ Word, Label string }{
	{"Ilse Varga", "PERSON"}, {"Port Ellis", "GPE"}, {"Tomas Berg", "PERSON"}, {"Zoë Ng", "PERSON"},
}

// ImportName is the file Import says the annotations came from.
const ImportName = "prodigy.jsonl"

// ImportStoryA imports a Prodigy-style jsonl line for a.txt (StoryA) with
// ImportedWords and the quotation into st with importer.JSONL, as
// `storydesk import` does.
func ImportStoryA(tb testing.TB, st *store.SQLite) {
	tb.Helper()
	var spans []string
	for _, iw := range ImportedWords {
		s := RuneIndex(tb, StoryA, iw.Word, 0)
		spans = append(spans, fmt.Sprintf(`{"start":%d,"end":%d,"label":%q,"text":%q}`, s, s+model.RuneLen(iw.Word), strings.ToLower(iw.Label), iw.Word))
	}
	q := RuneIndex(tb, StoryA, "Ça va,", 0)
	line := fmt.Sprintf(`{"id":"a.txt","text":%q,"meta":{"title":"Story A"},"spans":[%s],"quotes":[{"start":%d,"end":%d,"text":"Ça va,","speaker":"Zoë Ng","speaker_span":3}],"answer":"accept"}`,
		StoryA, strings.Join(spans, ","), q, q+model.RuneLen("Ça va,"))
	var probs []corpus.Problem
	stats, err := importer.JSONL(context.Background(), st, strings.NewReader(line+"\n"), importer.Options{Name: ImportName, Problem: func(p corpus.Problem) { probs = append(probs, p) }})
	if err != nil || len(probs) > 0 || stats.Spans != 4 || stats.Quotes != 1 {
		tb.Fatalf("import: %+v %v %v", stats, err, probs)
	}
}

// Import imports a.txt as ImportStoryA does into the harness's store and
// opens article 0 (a.txt, as Articles has it) in annotate mode.
func (h *Harness) Import() {
	h.TB.Helper()
	ImportStoryA(h.TB, h.Store)
	h.Enter(0)
	if h.Pane().Text() != StoryA || len(h.Pane().Spans()) != 4 {
		h.TB.Fatalf("annotate mode does not show the import: %d spans", len(h.Pane().Spans()))
	}
}

// RuneIndex is the code point offset of the n-th occurrence of sub in s.
func RuneIndex(tb testing.TB, s, sub string, n int) int {
	tb.Helper()
	off := 0
	for i := 0; ; i++ {
		b := strings.Index(s[off:], sub)
		if b < 0 {
			tb.Fatalf("%q occurrence %d not in text", sub, n)
		}
		if i == n {
			return model.RuneLen(s[:off+b])
		}
		off += b + len(sub)
	}
}

// Key builds a key press from its name; see keytest.Key.
func Key(k string) tea.KeyPressMsg { return keytest.Key(k) }
