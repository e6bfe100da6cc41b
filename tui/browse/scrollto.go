package browse

import tea "charm.land/bubbletea/v2"

// ScrollTo shows item i, selected already, scrolled to frac (0–1) of its
// length: at once when its read view is on screen, else once it is
// rendered (as RestoreView does). Another feature opens an article near a
// passage with it (the story screen).
func (b *Browser) ScrollTo(i int, frac float64) tea.Cmd {
	d := b.detail
	if d.idx == i && d.showing() && d.kind == kindRead {
		d.vp.SetYOffset(int(frac*float64(max(0, d.vp.TotalLineCount()-d.vp.Height())) + 0.5))
		return nil
	}
	return b.RestoreView(i, false, frac)
}
