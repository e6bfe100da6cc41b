package browse_test

import (
	"testing"

	"storydesk/tui/browse"
)

func TestLRU(t *testing.T) {
	c := browse.NewLRU[int, string](2)
	c.Put(1, "a")
	c.Put(2, "b")
	c.Get(1) // 1 is now the most recent
	c.Put(3, "c")
	if _, ok := c.Get(2); ok {
		t.Fatal("least recently used entry not evicted")
	}
	if v, ok := c.Get(1); !ok || v != "a" {
		t.Fatal("recent entry evicted")
	}
	c.Put(1, "A")
	if v, _ := c.Get(1); v != "A" || c.Len() != 2 {
		t.Fatal("update failed")
	}
}
