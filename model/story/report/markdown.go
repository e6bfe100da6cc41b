package report

import (
	"fmt"
	"strings"

	"storydesk/model"
	"storydesk/model/story"
	"storydesk/model/textdiff"
)

// Markdown writes a story as a Markdown report: a heading, then sections
// for the timeline, the quotations matrix, the discrepancies, what only
// one article has and what cut copies dropped, and the entities. Articles
// are numbered in timeline order ([1], [2] …), and the other sections
// refer to them by number. Every piece of article text is sanitised and
// escaped, so a report is safe to render in a terminal (glow) or a
// browser.
func Markdown(s *story.Story) string {
	var b strings.Builder
	num := map[string]int{}
	for i, a := range s.Articles {
		num[a.ID] = i + 1
	}
	ref := func(id string) string {
		if n, ok := num[id]; ok {
			return fmt.Sprintf("[%d]", n)
		}
		return esc(id)
	}
	fmt.Fprintf(&b, "# %s\n\n", esc(headline(s)))
	outlets := map[string]bool{}
	for _, a := range s.Articles {
		outlets[outletName(a)] = true
	}
	fmt.Fprintf(&b, "Story `%s`: %d %s from %d %s.\n\n", code(s.ID), len(s.Articles), plural(len(s.Articles), "article", "articles"),
		len(outlets), plural(len(outlets), "outlet", "outlets"))

	b.WriteString("## Timeline\n\n| # | Outlet | Date | Byline | Words | Relation | Article |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	for i, a := range s.Articles {
		date := FormatDate(a)
		if date == "" {
			date = "unknown"
		} else if a.Guessed() {
			date += " (guessed: " + a.DateNote + ")"
		}
		rel := string(a.Relation)
		switch {
		case a.Of != "" && a.Relation == story.RelRewrite:
			rel = "rewrite, closest to " + ref(a.Of)
		case a.Of != "":
			rel += " of " + ref(a.Of)
			if a.Relation == story.RelCopy && a.Edits > 0 {
				rel += fmt.Sprintf(", %d %s", a.Edits, plural(a.Edits, "change", "changes"))
			}
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %d | %s | `%s` |\n", i+1, esc(outletName(a)), esc(date), esc(a.Byline), a.Words, rel, code(a.ID))
	}

	b.WriteString("\n## Quotations\n\n")
	if len(s.Quotes) == 0 {
		b.WriteString("No quotations.\n")
	} else {
		b.WriteString("✓ carried word for word, ≈ reworded, · missing; *italic*: carried without quotation marks.\n\n| Quotation | Speaker |")
		for i := range s.Articles {
			fmt.Fprintf(&b, " %d |", i+1)
		}
		b.WriteString("\n| --- | --- |" + strings.Repeat(" :-: |", len(s.Articles)) + "\n")
		for _, q := range s.Quotes {
			fmt.Fprintf(&b, "| “%s” | %s |", esc(clip(q.Text, 160)), esc(q.Speaker))
			for _, c := range q.Cells {
				mark := map[story.Carry]string{story.CarryExact: "✓", story.CarryReworded: "≈", story.CarryMissing: "·"}[c.Carry]
				if c.Carry != story.CarryMissing && !c.Quoted {
					mark = "*" + mark + "*"
				}
				fmt.Fprintf(&b, " %s |", mark)
			}
			b.WriteString("\n")
		}
		var reworded []string
		for _, q := range s.Quotes {
			for _, c := range q.Cells {
				if c.Carry == story.CarryReworded {
					reworded = append(reworded, fmt.Sprintf("- %s %s: “%s”", ref(c.Article), esc(outletOf(s, c.Article)), diffMarkdown(q.Text, c.Text, c.Diff)))
				}
			}
		}
		if len(reworded) > 0 {
			b.WriteString("\n### Reworded\n\n~~struck~~: the common wording's, **bold**: the article's own.\n\n" + strings.Join(reworded, "\n") + "\n")
		}
	}

	b.WriteString("\n## Discrepancies\n\n")
	if len(s.Discrepancies) == 0 {
		b.WriteString("None found.\n")
	}
	for _, d := range s.Discrepancies {
		fmt.Fprintf(&b, "### %s: %s\n\n", d.Kind, esc(d.Context))
		for _, v := range d.Values {
			var who []string
			for _, id := range v.Articles {
				who = append(who, ref(id)+" "+esc(outletOf(s, id)))
			}
			fmt.Fprintf(&b, "- **%s**: %s\n", esc(v.Value), strings.Join(who, ", "))
			if len(v.Mentions) > 0 {
				m := v.Mentions[0]
				fmt.Fprintf(&b, "  > %s %s\n", ref(m.Article), esc(clip(m.Sentence, 300)))
			}
		}
		b.WriteString("\n")
	}

	b.WriteString("\n## Only in one article\n\n")
	writePassages(&b, s, s.Unique, ref, "Nothing: every passage is told by more than one article.")
	if len(s.Dropped) > 0 {
		b.WriteString("\n## Dropped by cut copies\n\n")
		writePassages(&b, s, s.Dropped, ref, "")
	}

	b.WriteString("\n## Entities\n\n")
	if len(s.Entities) == 0 {
		b.WriteString("None found.\n")
	} else {
		b.WriteString("| Entity | Label | Articles | Mentions |\n| --- | --- | --- | --- |\n")
		for _, e := range s.Entities {
			var in []string
			for _, id := range e.Articles {
				in = append(in, ref(id))
			}
			fmt.Fprintf(&b, "| %s | %s | %d: %s | %d |\n", esc(e.Text), esc(e.Label), len(e.Articles), strings.Join(in, " "), e.Mentions)
		}
	}
	return b.String()
}

func writePassages(b *strings.Builder, s *story.Story, ps []story.Passage, ref func(string) string, none string) {
	if len(ps) == 0 {
		b.WriteString(none + "\n")
		return
	}
	for _, p := range ps {
		if p.By != "" {
			fmt.Fprintf(b, "- %s %s, left out by %s %s: %s\n", ref(p.Article), esc(outletOf(s, p.Article)), ref(p.By), esc(outletOf(s, p.By)), esc(p.Text))
		} else {
			fmt.Fprintf(b, "- %s %s: %s\n", ref(p.Article), esc(outletOf(s, p.Article)), esc(p.Text))
		}
	}
}

// headline names the story: the title of its first original, else of its
// first article.
func headline(s *story.Story) string {
	for _, a := range s.Articles {
		if a.Relation == story.RelOriginal && a.Title != "" {
			return a.Title
		}
	}
	for _, a := range s.Articles {
		if a.Title != "" {
			return a.Title
		}
	}
	return "Story " + s.ID
}

// outletName is an article's outlet, or its ID when the outlet is unknown.
func outletName(a story.Article) string {
	if a.Outlet != "" {
		return a.Outlet
	}
	return a.ID
}

func outletOf(s *story.Story, id string) string {
	for _, a := range s.Articles {
		if a.ID == id {
			return outletName(a)
		}
	}
	return ""
}

// diffMarkdown writes a reworded quotation with what it dropped struck
// through and what it added in bold.
func diffMarkdown(a, b string, ops []textdiff.Op) string {
	var out strings.Builder
	for _, op := range ops {
		switch op.Kind {
		case textdiff.Equal:
			out.WriteString(escSpan(model.RuneSlice(b, op.B0, op.B1)))
		case textdiff.Delete:
			// The spaces around a deleted run are the common text's, not
			// the article's: keep the words apart.
			if o := out.String(); o != "" && !strings.HasSuffix(o, " ") && !strings.HasSuffix(o, "**") {
				out.WriteString(" ")
			}
			out.WriteString("~~" + escSpan(model.RuneSlice(a, op.A0, op.A1)) + "~~")
		case textdiff.Insert:
			out.WriteString("**" + escSpan(model.RuneSlice(b, op.B0, op.B1)) + "**")
		}
	}
	return out.String()
}

// mdEscaper escapes the characters that mean something to Markdown (or
// HTML) where article text can land: inline, in table cells, in lists.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"|", `\|`, "#", `\#`, "~", `\~`, "&", "&amp;", "!", `\!`,
)

// esc makes untrusted text one safe line of Markdown: terminal controls
// removed, line breaks folded, Markdown and HTML characters escaped.
func esc(s string) string { return mdEscaper.Replace(model.SanitizeLine(s)) }

// escSpan is esc for a piece of a line: its spaces at either end stay.
func escSpan(s string) string {
	return mdEscaper.Replace(strings.NewReplacer("\n", " ", "\t", " ").Replace(model.Sanitize(s)))
}

// code prepares text for a code span in a table cell: one clean line
// without backticks, its pipes escaped (GFM reads \| as a pipe there too).
func code(s string) string {
	return strings.NewReplacer("`", "'", "|", `\|`).Replace(model.SanitizeLine(s))
}

// clip shortens s to n code points, at a word when it can.
func clip(s string, n int) string {
	r := []rune(model.SanitizeLine(s))
	if len(r) <= n {
		return string(r)
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
