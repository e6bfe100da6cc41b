package browse

import "charm.land/bubbles/v2/key"

// syntax is one line of the filter's help: what to type and what it does.
// Its key is the text itself, so it is shown like a key (bindings without
// keys are left out of help views).
func syntax(typed, does string) key.Binding {
	return key.NewBinding(key.WithKeys(typed), key.WithHelp(typed, does))
}

// HelpFilter is the filter's section of the help screen: its keys and its
// query syntax (model/fuzzy parses it).
func (b *Browser) HelpFilter() [][]key.Binding {
	k := b.ctx.Keys
	return [][]key.Binding{
		{k.Filter, k.FilterAccept, k.FilterClear, k.FilterNext, k.FilterPrev},
		{
			syntax("word", "fuzzy in title and outlet, best first"),
			syntax("'word", "exact substring"),
			syntax("outlet:bbc", "outlet contains bbc"),
			syntax("date:2025-09", "dated in that month"),
			syntax("date:2025-09..2025-10", "a range (open: 2025-09..)"),
			syntax("label:PERSON", "has a PERSON span"),
			syntax("status:done", "done, active, new"),
			syntax("has:quotes", "has quotations (has:labels)"),
			syntax("dup:", "has a likely copy"),
			syntax("-outlet:bbc", "any filter negated"),
		},
	}
}
