package entities

import (
	"fmt"
	"sort"
	"strings"

	"storydesk/model"
	"storydesk/tui/ui"
)

// entityName is one entity: spans joined by canonical name (or, without
// one, by their text).
type entityName struct {
	name     string
	count    int
	imported int      // spans imported and not reviewed yet (review.go)
	variants []string // distinct span texts other than the name
}

// entityGroup is a label's entities, most mentioned first.
type entityGroup struct {
	label    string
	count    int
	imported int
	names    []entityName
}

// groupEntities groups spans by label (in label-set order, unknown labels
// after) and, within a label, by canonical name.
func groupEntities(spans []model.Span, labels []string) []entityGroup {
	byLabel := map[string]map[string]*entityName{}
	for _, sp := range spans {
		name := sp.Canonical
		if name == "" {
			name = sp.Text
		}
		name = strings.Join(strings.Fields(name), " ")
		g := byLabel[sp.Label]
		if g == nil {
			g = map[string]*entityName{}
			byLabel[sp.Label] = g
		}
		e := g[name]
		if e == nil {
			e = &entityName{name: name}
			g[name] = e
		}
		e.count++
		if sp.Source != "" {
			e.imported++
		}
		text := strings.Join(strings.Fields(sp.Text), " ")
		if text != name && !containsStr(e.variants, text) {
			e.variants = append(e.variants, text)
		}
	}
	order := append([]string(nil), labels...)
	var extra []string
	for l := range byLabel {
		if !containsStr(labels, l) {
			extra = append(extra, l)
		}
	}
	sort.Strings(extra)
	order = append(order, extra...)
	var out []entityGroup
	for _, l := range order {
		g := byLabel[l]
		if len(g) == 0 {
			continue
		}
		eg := entityGroup{label: l}
		for _, e := range g {
			sort.Strings(e.variants)
			eg.names = append(eg.names, *e)
			eg.count += e.count
			eg.imported += e.imported
		}
		sort.Slice(eg.names, func(i, j int) bool {
			if eg.names[i].count != eg.names[j].count {
				return eg.names[i].count > eg.names[j].count
			}
			return eg.names[i].name < eg.names[j].name
		})
		out = append(out, eg)
	}
	return out
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// panelView is the side panel: the article's entities by label with
// counts, the one under the cursor marked, and how many of each are
// imported and not reviewed yet (↓2), those names drawn as the text draws
// imported spans.
func (f *Feature) panelView(w, h int) string {
	a := f.ann.Pane()
	st := f.c.Styles
	labels := f.c.Labels
	groups := groupEntities(a.Spans(), labels)
	curName, curLabel := "", ""
	if sp, ok := a.CursorSpan(); ok {
		curLabel = sp.Label
		curName = sp.Canonical
		if curName == "" {
			curName = sp.Text
		}
		curName = strings.Join(strings.Fields(curName), " ")
	}
	var lines []string
	curLine := -1
	for _, g := range groups {
		li := labelIndex(labels, g.label)
		style := len(labels) + 1 // a label not in the set
		if li >= 0 {
			style = 1 + li
		}
		head := st.Ann[style].Render(ui.CleanLine(g.label)) + st.P.RowDim.Render(fmt.Sprintf(" %d", g.count))
		if g.imported > 0 {
			head += " " + st.Review.MarkPaint.Render(fmt.Sprintf("%s%d", st.Review.MarkCh, g.imported))
		}
		lines = append(lines, head)
		for _, e := range g.names {
			marker := "  "
			if g.label == curLabel && e.name == curName {
				marker = st.Marker + " "
				curLine = len(lines)
			}
			name := ui.CleanLine(e.name)
			if e.imported > 0 {
				name = st.Ann[ui.AnnImported(len(labels))].Render(name)
			}
			line := marker + name
			if e.count > 1 {
				line += st.P.RowDim.Render(fmt.Sprintf(" ×%d", e.count))
			}
			if e.imported > 0 {
				line += " " + st.Review.MarkPaint.Render(fmt.Sprintf("%s%d", st.Review.MarkCh, e.imported))
			}
			lines = append(lines, line)
			if len(e.variants) > 0 {
				lines = append(lines, "    "+st.P.RowDim.Render(ui.CleanLine(strings.Join(e.variants, ", "))))
			}
		}
	}
	if len(lines) == 0 {
		lines = []string{st.P.Placeholder.Render("No entities yet: select and press " + labelKeys(f.c.Keys, 0, 8) + ".")}
	}
	// Keep the entity under the cursor in view.
	off := 0
	rows := max(0, h-2)
	if curLine >= rows && rows > 0 {
		off = curLine - rows + 1
	}
	n, imp := 0, 0
	for _, g := range groups {
		n += g.count
		imp += g.imported
	}
	info := fmt.Sprint(n)
	if imp > 0 {
		info += fmt.Sprintf(" · %s%d", st.Review.MarkCh, imp)
	}
	return ui.Box(st, false, "Entities", info, lines[min(off, len(lines)):], w, h)
}

// labelIndex is a label's position in the label set, or -1.
func labelIndex(labels []string, label string) int {
	for i, l := range labels {
		if l == label {
			return i
		}
	}
	return -1
}

// labelKeys names the keys of labels first to last: "1–9".
func labelKeys(k ui.KeyMap, first, last int) string {
	name := func(i int) string {
		if i < len(k.Labels) {
			if ks := k.Labels[i].Keys(); len(ks) > 0 {
				return ks[0]
			}
		}
		return "·"
	}
	return name(first) + "–" + name(last)
}
