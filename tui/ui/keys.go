package ui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the reader. It is a plain value so a config
// file can rebind keys later: start from DefaultKeyMap and call SetKeys.
type KeyMap struct {
	// Movement, in whichever pane or overlay has focus.
	Up           key.Binding
	Down         key.Binding
	PageUp       key.Binding
	PageDown     key.Binding
	HalfPageUp   key.Binding
	HalfPageDown key.Binding
	Top          key.Binding
	Bottom       key.Binding

	// Panes.
	Open        key.Binding // list → detail
	Back        key.Binding // detail → list; clears an applied filter in the list
	NextPane    key.Binding
	PrevPane    key.Binding
	FocusList   key.Binding
	FocusDetail key.Binding

	// Filter (while typing in it, only these and the text input's own keys apply).
	Filter       key.Binding
	FilterAccept key.Binding
	FilterClear  key.Binding
	FilterPrev   key.Binding
	FilterNext   key.Binding

	// Input is the line editing inside the filter.
	Input InputKeyMap

	// Views and app.
	Raw       key.Binding
	Problems  key.Binding
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding

	// Annotations, wherever an article is selected.
	Done     key.Binding // toggle done ↔ in progress
	Undo     key.Binding
	Redo     key.Binding
	Reanchor key.Binding // move the spans onto the changed text on disk
	Export   key.Binding // write the store out in an export format (tui/export)
	Correct  key.Binding // raw view: keep the paragraph under the cursor as body, or remove it

	// Annotate mode (entered from the article pane; Back leaves it).
	Annotate     key.Binding
	WordNext     key.Binding
	WordPrev     key.Binding
	LineDown     key.Binding
	LineUp       key.Binding
	SentenceNext key.Binding
	SentencePrev key.Binding
	ParaNext     key.Binding
	ParaPrev     key.Binding
	DocStart     key.Binding
	DocEnd       key.Binding
	ScreenDown   key.Binding
	ScreenUp     key.Binding
	Select       key.Binding // start or drop a selection; motions then extend it
	ExtendNext   key.Binding
	ExtendPrev   key.Binding
	ExtendDown   key.Binding
	ExtendUp     key.Binding
	Labels       [9]key.Binding // tag with label 1–9 of the label set
	LabelPick    key.Binding    // pick any label from a list (more than nine)
	Delete       key.Binding
	EntityNext   key.Binding
	EntityPrev   key.Binding
	TagAll       key.Binding // every other occurrence in this article
	TagCorpus    key.Binding // every occurrence in the corpus
	Entities     key.Binding // side panel
	Canonical    key.Binding
	EntityMerge  key.Binding // merge the entity under the cursor into another (a picker)
	NextArticle  key.Binding
	PrevArticle  key.Binding
	Confirm      key.Binding // answer yes to a question in the status bar

	// Reviewing imported annotations (tui/annotate/review.go): spans and quotations
	// that came with an import carry their source until a person accepts,
	// relabels or deletes them.
	ReviewAccept    key.Binding // accept the imported span (or quotation) under the cursor, or those in the selection
	ReviewAcceptAll key.Binding // accept every imported annotation of the article
	ReviewNext      key.Binding // next imported annotation not reviewed yet
	ReviewPrev      key.Binding

	// Entity suggestions (tui/suggest): the recogniser's
	// suggestions are reviewed with the review keys (y accepts the one
	// under the cursor and moves on, Y accepts all, x rejects, a label key
	// accepts it with that label); these add the rest.
	SuggestToggle      key.Binding // suggestions on/off
	SuggestAcceptLabel key.Binding // accept every suggestion of the label under the cursor

	// Quotes (tui/quotes*.go). Quotes opens quotes mode (the panel, and
	// suggestions in the text) from annotate mode or an article; QuoteTag
	// works anywhere in annotate mode; the rest apply in quotes mode, where
	// they win over the annotate keys they share (n, N, x).
	Quotes        key.Binding
	QuoteTag      key.Binding // the selection is a quotation: tag it, then name its speaker
	QuoteNext     key.Binding
	QuotePrev     key.Binding
	QuoteAccept   key.Binding // accept with the suggested speaker
	QuoteReject   key.Binding // a false detection: stored as rejected, not suggested again
	QuoteSpeaker  key.Binding // pick an entity or type a name
	QuoteKind     key.Binding // direct → partial → paraphrase → scare
	QuoteCarriers key.Binding // the other articles that carry this quotation

	// Duplicates (tui/dups*.go). Dups opens the duplicates screen from
	// anywhere; DupsOf shows the selected article's candidate copies;
	// DupCompare marks an article, then compares it with another;
	// HideCopies hides copies that are not their cluster's canonical from
	// the list. The rest apply on the duplicates screen.
	Dups          key.Binding
	DupsOf        key.Binding
	DupCompare    key.Binding
	HideCopies    key.Binding
	DupLabels     [4]key.Binding // duplicate, near-duplicate, same story, not a duplicate
	DupSkip       key.Binding    // on to the next unlabelled pair
	DupCanonical  key.Binding    // the focused side is its cluster's canonical copy
	DupSide       key.Binding    // focus the other side
	DupNextChange key.Binding
	DupPrevChange key.Binding
	DupScrollDown key.Binding // both sides, one line
	DupScrollUp   key.Binding

	// Reaching a word in annotate mode (tui/annotate/jump.go, search.go):
	// Jump, the word's first letter, then the hint drawn over it; Search
	// types a query, SearchNext/SearchPrev step through its matches while
	// they are shown (they win over EntityNext/EntityPrev, the same keys).
	Jump       key.Binding
	Search     key.Binding
	SearchNext key.Binding
	SearchPrev key.Binding
	// Stories (tui/story). Story opens the selected article's story from
	// the reader; StoryGroup shows the list grouped by story (and back).
	// On the stories list and the story screen: StoryMerge marks a story,
	// then merges another into it; StorySplit takes an article out of its
	// story; StoryExport writes the story's Markdown report.
	Story       key.Binding
	StoryGroup  key.Binding
	StoryMerge  key.Binding
	StorySplit  key.Binding
	StoryExport key.Binding
	// Team opens the team screen (tui/team): each annotator's progress and
	// each pair's agreement.
	Team key.Binding
	// Adjudication (tui/adjudicate), for a curator (--curate): Adjudicate
	// opens the article's layers together from the article pane; on that
	// screen AdjNext/AdjPrev step through the places they disagree,
	// AdjTakes take the first, second or third version, AdjBoth the first
	// two together, AdjNeither none, AdjEdit edits gold in annotate mode.
	Adjudicate key.Binding
	AdjNext    key.Binding
	AdjPrev    key.Binding
	AdjTakes   [3]key.Binding
	AdjBoth    key.Binding
	AdjNeither key.Binding
	AdjEdit    key.Binding
	AdjReload  key.Binding
	// Layers shows the other annotators' layers of the article on screen,
	// read-only, one after another (tui/layers); blind until asked.
	Layers key.Binding
}

// DefaultKeyMap returns the standard bindings (vi-style plus arrows).
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:           key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down:         key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn/space", "page down")),
		HalfPageUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "½ page up")),
		HalfPageDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "½ page down")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),

		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		NextPane:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		FocusList:   key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("h/←", "list")),
		FocusDetail: key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("l/→", "article")),

		Filter:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		FilterAccept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		FilterClear:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		FilterPrev:   key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		FilterNext:   key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),

		Input: DefaultInputKeyMap(),

		Raw:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "raw/clean")),
		Problems:  key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "problems")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),

		Done:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "done/in progress")),
		Undo:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Redo:     key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "redo")),
		Reanchor: key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "re-anchor on new text")),
		Export:   key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "export")),
		Correct:  key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "keep/remove paragraph")),

		Annotate:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "annotate")),
		WordNext:     key.NewBinding(key.WithKeys("w", "l", "right"), key.WithHelp("w/l/→", "next word")),
		WordPrev:     key.NewBinding(key.WithKeys("b", "h", "left"), key.WithHelp("b/h/←", "previous word")),
		LineDown:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "line down")),
		LineUp:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "line up")),
		SentenceNext: key.NewBinding(key.WithKeys(")"), key.WithHelp(")", "next sentence")),
		SentencePrev: key.NewBinding(key.WithKeys("("), key.WithHelp("(", "sentence start")),
		ParaNext:     key.NewBinding(key.WithKeys("}"), key.WithHelp("}", "next paragraph")),
		ParaPrev:     key.NewBinding(key.WithKeys("{"), key.WithHelp("{", "paragraph start")),
		DocStart:     key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "first word")),
		DocEnd:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "last word")),
		ScreenDown:   key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "screen down")),
		ScreenUp:     key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "screen up")),
		Select:       key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "select")),
		ExtendNext:   key.NewBinding(key.WithKeys("shift+right"), key.WithHelp("shift+→", "extend")),
		ExtendPrev:   key.NewBinding(key.WithKeys("shift+left"), key.WithHelp("shift+←", "extend back")),
		ExtendDown:   key.NewBinding(key.WithKeys("shift+down"), key.WithHelp("shift+↓", "extend a line")),
		ExtendUp:     key.NewBinding(key.WithKeys("shift+up"), key.WithHelp("shift+↑", "extend a line up")),
		Delete:       key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete span")),
		EntityNext:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next entity")),
		EntityPrev:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous entity")),
		TagAll:       key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "tag all here")),
		TagCorpus:    key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "tag all in corpus")),
		Entities:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "entities")),
		Canonical:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "canonical name")),
		EntityMerge:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "merge entity into…")),
		NextArticle:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next article")),
		PrevArticle:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous article")),
		Confirm:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		Labels:       defaultLabelKeys(),
		LabelPick:    key.NewBinding(key.WithKeys("0", "p"), key.WithHelp("0/p", "pick a label")),

		ReviewAccept:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "accept imported")),
		ReviewAcceptAll: key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "accept all imported")),
		ReviewNext:      key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "next imported")),
		ReviewPrev:      key.NewBinding(key.WithKeys("I"), key.WithHelp("I", "previous imported")),

		SuggestToggle:      key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "suggestions on/off")),
		SuggestAcceptLabel: key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "accept all of this label")),

		Quotes:        key.NewBinding(key.WithKeys("Q"), key.WithHelp("Q", "quotes")),
		QuoteTag:      key.NewBinding(key.WithKeys("\""), key.WithHelp("\"", "tag quotation")),
		QuoteNext:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next quotation")),
		QuotePrev:     key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous quotation")),
		QuoteAccept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "accept")),
		QuoteReject:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "reject")),
		QuoteSpeaker:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "speaker")),
		QuoteKind:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "kind")),
		QuoteCarriers: key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "who carried it")),

		Dups:       key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "duplicates")),
		DupsOf:     key.NewBinding(key.WithKeys("="), key.WithHelp("=", "this article's copies")),
		DupCompare: key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "mark, then compare")),
		HideCopies: key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "hide/show copies")),
		DupLabels: [4]key.Binding{
			key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "duplicate")),
			key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "near-duplicate")),
			key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "same story")),
			key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "not a duplicate")),
		},
		DupSkip:       key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip")),
		DupCanonical:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "canonical copy")),
		DupSide:       key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "other side")),
		DupNextChange: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next change")),
		DupPrevChange: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous change")),
		DupScrollDown: key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", "scroll down")),
		DupScrollUp:   key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", "scroll up")),

		Jump:        key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "jump to a word")),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search the article")),
		SearchNext:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		SearchPrev:  key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Story:       key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "story")),
		StoryGroup:  key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "group by story")),
		StoryMerge:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark, then merge")),
		StorySplit:  key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "take out of story")),
		StoryExport: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export report")),
		Team:        key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "team")),

		Adjudicate: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "adjudicate")),
		AdjNext:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next disagreement")),
		AdjPrev:    key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous")),
		AdjTakes: [3]key.Binding{
			key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "take A's")),
			key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "take B's")),
			key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "take C's")),
		},
		AdjBoth:    key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "take both")),
		AdjNeither: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "neither")),
		AdjEdit:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit gold")),
		AdjReload:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "read layers again")),
		Layers:     key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "view others' layers")),
	}
}

func defaultLabelKeys() [9]key.Binding {
	var b [9]key.Binding
	for i := range b {
		k := string(rune('1' + i))
		b[i] = key.NewBinding(key.WithKeys(k), key.WithHelp(k, "label "+k))
	}
	return b
}

// InputKeyMap is the line editing inside the filter.
type InputKeyMap struct {
	Left       key.Binding
	Right      key.Binding
	Home       key.Binding
	End        key.Binding
	DeleteBack key.Binding
	DeleteFwd  key.Binding
	DeleteWord key.Binding
	DeleteLine key.Binding
	DeleteEnd  key.Binding
	WordLeft   key.Binding
	WordRight  key.Binding
}

// DefaultInputKeyMap is readline-like editing.
func DefaultInputKeyMap() InputKeyMap {
	return InputKeyMap{
		Left:       key.NewBinding(key.WithKeys("left", "ctrl+b")),
		Right:      key.NewBinding(key.WithKeys("right", "ctrl+f")),
		Home:       key.NewBinding(key.WithKeys("home", "ctrl+a")),
		End:        key.NewBinding(key.WithKeys("end", "ctrl+e")),
		DeleteBack: key.NewBinding(key.WithKeys("backspace", "ctrl+h")),
		DeleteFwd:  key.NewBinding(key.WithKeys("delete", "ctrl+d")),
		DeleteWord: key.NewBinding(key.WithKeys("ctrl+w", "alt+backspace")),
		DeleteLine: key.NewBinding(key.WithKeys("ctrl+u")),
		DeleteEnd:  key.NewBinding(key.WithKeys("ctrl+k")),
		WordLeft:   key.NewBinding(key.WithKeys("alt+left", "ctrl+left", "alt+b")),
		WordRight:  key.NewBinding(key.WithKeys("alt+right", "ctrl+right", "alt+f")),
	}
}
