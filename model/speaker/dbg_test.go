package speaker

import (
	"fmt"
	"os"
	"testing"
)

func TestDbgMentions(t *testing.T) {
	text := os.Getenv("QTEXT")
	if text == "" {
		t.Skip()
	}
	for _, l := range dbgMentions(text) {
		fmt.Println(l)
	}
}
