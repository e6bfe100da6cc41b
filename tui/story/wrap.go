package story

import (
	"strings"

	"storydesk/model"
	"storydesk/tui/ui"
)

// wrapPieces wraps painted text to w cells a line, breaking at spaces (a
// word longer than a line is cut), each word painted as its piece says.
func wrapPieces(ps []piece, w int) []string {
	if w <= 0 {
		return nil
	}
	var lines []string
	var cur strings.Builder
	curW := 0
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curW = 0
	}
	for _, p := range ps {
		text := lineText(p.text)
		for len(text) > 0 {
			// The next word with the spaces before it.
			i := 0
			for i < len(text) && text[i] == ' ' {
				i++
			}
			j := i
			for j < len(text) && text[j] != ' ' {
				j++
			}
			sp, word := text[:i], text[i:j]
			text = text[j:]
			if curW > 0 && curW+len(sp)+ui.TextWidth(word) > w {
				flush()
				sp = ""
			}
			if curW == 0 {
				sp = ""
			}
			for ui.TextWidth(word) > w-curW-len(sp) && word != "" {
				room := w - curW - len(sp)
				if room <= 0 {
					flush()
					sp = ""
					continue
				}
				head := ui.Truncate(word, room)
				head = strings.TrimSuffix(head, "…")
				if head == "" {
					head = string([]rune(word)[:1])
				}
				cur.WriteString(sp + paintOf(p)(head))
				curW += len(sp) + ui.TextWidth(head)
				word = word[len(head):]
				flush()
				sp = ""
			}
			if word == "" && sp == "" {
				continue
			}
			cur.WriteString(sp + paintOf(p)(word))
			curW += len(sp) + ui.TextWidth(word)
		}
	}
	if curW > 0 {
		flush()
	}
	return lines
}

// lineText is untrusted text made safe for one line, its spaces kept
// (ui.CleanLine trims them, and pieces meet at spaces).
func lineText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		return r
	}, model.Sanitize(s))
}

func paintOf(p piece) func(string) string {
	if p.paint == nil {
		return func(s string) string { return s }
	}
	return p.paint
}
