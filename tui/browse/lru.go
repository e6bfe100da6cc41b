package browse

// lru is a tiny least-recently-used cache. Capacities here are a handful of
// entries (loaded articles, rendered documents), so a slice scan is simpler
// and as fast as a map plus list.
type lru[K comparable, V any] struct {
	cap     int
	entries []lruEntry[K, V] // most recent last
}

type lruEntry[K comparable, V any] struct {
	k K
	v V
}

func newLRU[K comparable, V any](capacity int) *lru[K, V] {
	return &lru[K, V]{cap: max(1, capacity)}
}

func (c *lru[K, V]) get(k K) (V, bool) {
	for i := len(c.entries) - 1; i >= 0; i-- {
		if c.entries[i].k == k {
			e := c.entries[i]
			copy(c.entries[i:], c.entries[i+1:])
			c.entries[len(c.entries)-1] = e
			return e.v, true
		}
	}
	var zero V
	return zero, false
}

func (c *lru[K, V]) put(k K, v V) {
	for i := range c.entries {
		if c.entries[i].k == k {
			copy(c.entries[i:], c.entries[i+1:])
			c.entries = c.entries[:len(c.entries)-1]
			break
		}
	}
	if len(c.entries) >= c.cap {
		copy(c.entries, c.entries[1:])
		c.entries = c.entries[:len(c.entries)-1]
	}
	c.entries = append(c.entries, lruEntry[K, V]{k, v})
}

func (c *lru[K, V]) len() int { return len(c.entries) }
