package tui

import "testing"

func TestLRU(t *testing.T) {
	c := newLRU[int, string](2)
	c.put(1, "a")
	c.put(2, "b")
	c.get(1) // 1 is now the most recent
	c.put(3, "c")
	if _, ok := c.get(2); ok {
		t.Fatal("least recently used entry not evicted")
	}
	if v, ok := c.get(1); !ok || v != "a" {
		t.Fatal("recent entry evicted")
	}
	c.put(1, "A")
	if v, _ := c.get(1); v != "A" || c.len() != 2 {
		t.Fatal("update failed")
	}
}
