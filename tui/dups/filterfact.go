package dups

// ClusterItems lists the items the list's dup: filter keeps: those in a
// cluster of labelled copies and those in a pair detection proposed (a
// copy, for the filter, which reads it off the update loop).
func (f *Feature) ClusterItems() map[int32]bool {
	out := make(map[int32]bool, len(f.badges))
	for i := range f.badges {
		out[i] = true
	}
	if f.rep != nil {
		for _, p := range f.rep.Pairs {
			for _, id := range []string{p.A, p.B} {
				if i := f.deps.Articles.IndexOf(id); i >= 0 {
					out[int32(i)] = true
				}
			}
		}
	}
	return out
}
