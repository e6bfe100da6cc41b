package tui

import (
	"strconv"
	"strings"

	"storydesk/tui/ui"
)

// The list's side of duplicates: a cluster badge per article (★ and the
// cluster number on the canonical copy, ⧉ and the number on the others),
// and the copies filter, which hides every copy but its cluster's
// canonical. Both read what deriveClusters built when the verdicts last
// changed; nothing here looks at more than the rows on screen, except
// applying the filter to a new row set, which is one merge of two sorted
// lists (and cached for the unfiltered list).

// hideCache remembers the last filtered row set, so re-applying the filter
// to the same rows (every list rebuild without a text filter) is free.
type hideCache struct {
	base []int32
	out  []int32
}

// clusterBadgeOf is item i's badge for the list, and the width every badge
// has (0 when there are no clusters).
func (m *Model) clusterBadgeOf(i int) (string, int) {
	d := &m.dups
	if d.badgeW == 0 {
		return "", 0
	}
	st := m.c.Styles
	b, ok := d.badges[int32(i)]
	if !ok {
		return ui.Fit("", d.badgeW), d.badgeW
	}
	num := ""
	if b.n <= 999 {
		num = strconv.Itoa(int(b.n))
	}
	if b.canonical {
		return st.DP.Canonical.Render(st.Dups.CanonicalCh+num) + strings.Repeat(" ", d.badgeW-1-len(num)), d.badgeW
	}
	return st.DP.Copy.Render(st.Dups.CopyCh+num) + strings.Repeat(" ", d.badgeW-1-len(num)), d.badgeW
}

// excludeHidden drops the hidden copies from vis (both ascending).
func (m *Model) excludeHidden(vis []int32) []int32 {
	d := &m.dups
	if !d.hide || len(d.hidden) == 0 {
		return vis
	}
	c := &d.hideCache
	if len(c.base) == len(vis) && len(vis) > 0 && &c.base[0] == &vis[0] {
		return c.out
	}
	out := make([]int32, 0, len(vis))
	h := d.hidden
	k := 0
	for _, i := range vis {
		for k < len(h) && h[k] < i {
			k++
		}
		if k < len(h) && h[k] == i {
			continue
		}
		out = append(out, i)
	}
	c.base, c.out = vis, out
	return out
}
