package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCorpusStamp: a file's stamp stays while it is untouched, changes when
// its content does, and says "gone" when it is deleted; every line of a
// JSONL file has the file's stamp.
func TestCorpusStamp(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	os.WriteFile(a, []byte("First version of the story.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.jsonl"), []byte(`{"id":"x","text":"one"}`+"\n"+`{"id":"y","text":"two"}`+"\n"), 0o644)
	c, err := Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, it := range c.Items {
		idx[it.ID] = i
	}
	ia, ok := idx["a.txt"]
	if !ok || len(c.Items) != 3 {
		t.Fatalf("items %+v", c.Items)
	}
	s1, err := c.Stamp(ia)
	if err != nil || s1.Size == 0 {
		t.Fatalf("stamp %+v, %v", s1, err)
	}
	if s2, _ := c.Stamp(ia); s2 != s1 {
		t.Errorf("an untouched file's stamp changed: %+v then %+v", s1, s2)
	}
	sx, _ := c.Stamp(idx["x"])
	sy, _ := c.Stamp(idx["y"])
	if sx != sy || sx.Size == 0 {
		t.Errorf("JSONL lines' stamps %+v and %+v, want the file's", sx, sy)
	}
	os.WriteFile(a, []byte("Second, longer version of the story.\n"), 0o644)
	os.Chtimes(a, time.Now(), s1.ModTime.Add(time.Second))
	if s3, err := c.Stamp(ia); err != nil || s3 == s1 {
		t.Errorf("a changed file's stamp %+v (%v) equals the old %+v", s3, err, s1)
	}
	os.Remove(a)
	if _, err := c.Stamp(ia); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a deleted file: %v, want not exist", err)
	}
	if _, err := c.Stamp(len(c.Items)); err == nil {
		t.Error("no error for an item past the end")
	}
	// Held in memory: nothing on disk to change, a zero stamp.
	sc, err := OpenFS(os.DirFS(dir), "mem")
	if err != nil || len(sc.Items) == 0 {
		t.Fatalf("OpenFS: %d items, %v", len(sc.Items), err)
	}
	if st, err := sc.Stamp(0); err != nil || st != (FileStamp{}) {
		t.Errorf("an fs.FS item: %+v, %v", st, err)
	}
}
