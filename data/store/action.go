package store

import "storydesk/model"

// OpKind names one elementary change inside an action.
type OpKind string

const (
	OpAddSpan   OpKind = "add-span"   // insert Span (its ID is assigned on first apply)
	OpDelSpan   OpKind = "del-span"   // delete the span with Span.ID (Span holds its last state)
	OpSetSpan   OpKind = "set-span"   // replace the span with Span.ID by Span (label, canonical, offsets)
	OpSetStatus OpKind = "set-status" // article status becomes Status
	OpSetText   OpKind = "set-text"   // the article's snapshot becomes Text (re-anchoring)

	OpAddQuote     OpKind = "add-quote"     // insert Quote (ID assigned on first apply)
	OpDelQuote     OpKind = "del-quote"     // delete the quote with Quote.ID
	OpSetQuote     OpKind = "set-quote"     // replace the quote with Quote.ID by Quote
	OpSetDupLabel  OpKind = "set-dup-label" // the pair (A, B) gets DupLabel ("" removes the label)
	OpSetCanonical OpKind = "set-canonical" // Article is (Flag) or is not the canonical copy of its cluster
	OpSetCorrect   OpKind = "set-correct"   // raw range [RawStart, RawEnd) of Article is forced kept (Keep 1), removed (0), or left to the cleaner (-1)
	OpSetReject    OpKind = "set-reject"    // the entity suggestion Span (offsets, label, text) of Article is (Flag) or is not rejected
)

// OpSetStoryLink: this annotator's pair (A, B) gets Link (StoryPin,
// StoryApart, or "" to remove it); see storylinks.go.
const OpSetStoryLink OpKind = "set-story-link"

// Op is one elementary change. Prev holds what an undo restores.
type Op struct {
	Kind       OpKind       `json:"kind"`
	Article    string       `json:"article"`
	Span       model.Span   `json:"span,omitempty"`
	Prev       model.Span   `json:"prev,omitempty"`
	Status     model.Status `json:"status,omitempty"`
	PrevStatus model.Status `json:"prev_status,omitempty"`
	Text       string       `json:"text,omitempty"`
	PrevText   string       `json:"prev_text,omitempty"`

	Quote     model.QuoteAnn `json:"quote,omitempty"`
	PrevQuote model.QuoteAnn `json:"prev_quote,omitempty"`

	A         string         `json:"a,omitempty"`
	B         string         `json:"b,omitempty"`
	DupLabel  model.DupLabel `json:"dup_label,omitempty"`
	PrevLabel model.DupLabel `json:"prev_label,omitempty"`

	Flag     bool `json:"flag,omitempty"`
	PrevFlag bool `json:"prev_flag,omitempty"`

	RawStart int `json:"raw_start,omitempty"`
	RawEnd   int `json:"raw_end,omitempty"`
	Keep     int `json:"keep,omitempty"`
	PrevKeep int `json:"prev_keep,omitempty"`

	Link     string `json:"link,omitempty"`
	PrevLink string `json:"prev_link,omitempty"`
}

// Action is one user action: what the user sees as one step and undoes with
// one key. Article and Articles, when set, are snapshotted (if the store has
// not seen them) in the same transaction as the ops, so a refused action
// leaves no snapshot behind.
type Action struct {
	ID       int64            `json:"id,omitempty"`
	Name     string           `json:"name"` // "tag PERSON", "delete span", "mark done"
	Ops      []Op             `json:"ops"`
	Article  *model.Article   `json:"-"`
	Articles []*model.Article `json:"-"` // for actions across articles (tag everywhere)
}

// Applied is the ops as the store performed them for this action: its ops
// for Do and Redo, their inverse, last first, for Undo.
func (a Action) Applied(undo bool) []Op {
	if undo {
		return inverse(a.Ops)
	}
	return a.Ops
}

// inverse returns the ops that undo ops (applied in reverse order).
func inverse(ops []Op) []Op {
	out := make([]Op, 0, len(ops))
	for i := len(ops) - 1; i >= 0; i-- {
		op := ops[i]
		switch op.Kind {
		case OpAddSpan:
			out = append(out, Op{Kind: OpDelSpan, Article: op.Article, Span: op.Span})
		case OpDelSpan:
			out = append(out, Op{Kind: OpAddSpan, Article: op.Article, Span: op.Span})
		case OpSetSpan:
			out = append(out, Op{Kind: OpSetSpan, Article: op.Article, Span: op.Prev, Prev: op.Span})
		case OpSetStatus:
			out = append(out, Op{Kind: OpSetStatus, Article: op.Article, Status: op.PrevStatus, PrevStatus: op.Status})
		case OpSetText:
			out = append(out, Op{Kind: OpSetText, Article: op.Article, Text: op.PrevText, PrevText: op.Text})
		case OpAddQuote:
			out = append(out, Op{Kind: OpDelQuote, Article: op.Article, Quote: op.Quote})
		case OpDelQuote:
			out = append(out, Op{Kind: OpAddQuote, Article: op.Article, Quote: op.Quote})
		case OpSetQuote:
			out = append(out, Op{Kind: OpSetQuote, Article: op.Article, Quote: op.PrevQuote, PrevQuote: op.Quote})
		case OpSetDupLabel:
			out = append(out, Op{Kind: OpSetDupLabel, A: op.A, B: op.B, DupLabel: op.PrevLabel, PrevLabel: op.DupLabel})
		case OpSetCanonical:
			out = append(out, Op{Kind: OpSetCanonical, Article: op.Article, Flag: op.PrevFlag, PrevFlag: op.Flag})
		case OpSetReject:
			out = append(out, Op{Kind: OpSetReject, Article: op.Article, Span: op.Span, Flag: op.PrevFlag, PrevFlag: op.Flag})
		case OpSetCorrect:
			out = append(out, Op{Kind: OpSetCorrect, Article: op.Article, RawStart: op.RawStart, RawEnd: op.RawEnd, Keep: op.PrevKeep, PrevKeep: op.Keep})
		case OpSetStoryLink:
			out = append(out, Op{Kind: OpSetStoryLink, A: op.A, B: op.B, Link: op.PrevLink, PrevLink: op.Link})
		}
	}
	return out
}
