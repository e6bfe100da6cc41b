package dups

// ClusterItems lists the items in a duplicate cluster now (a copy, for the
// list's dup: filter, which reads it off the update loop).
func (f *Feature) ClusterItems() map[int32]bool {
	out := make(map[int32]bool, len(f.badges))
	for i := range f.badges {
		out[i] = true
	}
	return out
}
