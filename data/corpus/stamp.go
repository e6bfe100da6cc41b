package corpus

import (
	"fmt"
	"io/fs"
	"os"
	"time"
)

// FileStamp is what an item's file looked like: its size and modification
// time. A later stamp that differs means the file was changed (or
// replaced) since; the reader then loads the item again.
type FileStamp struct {
	Size    int64
	ModTime time.Time
}

// Stamp returns item i's file stamp without reading the file, for the
// reader to notice a file changed or deleted while it is open. Items whose
// bytes are held in memory (stdin, the sample, a decompressed large
// .jsonl.gz) do not change under the reader: their stamp is zero. A file
// that is gone returns an error matching fs.ErrNotExist. Every line of a
// JSONL file shares the file's stamp.
func (c *Corpus) Stamp(i int) (FileStamp, error) {
	if i < 0 || i >= len(c.Items) {
		return FileStamp{}, fmt.Errorf("no item %d (the corpus has %d)", i, len(c.Items))
	}
	src := c.Items[i].ref.src
	if src == nil || src.mem != nil || src.spill != nil || src.inMem {
		return FileStamp{}, nil
	}
	var fi fs.FileInfo
	var err error
	if src.fsys != nil {
		fi, err = fs.Stat(src.fsys, src.name)
	} else {
		fi, err = os.Stat(src.name)
	}
	if err != nil {
		return FileStamp{}, err
	}
	return FileStamp{Size: fi.Size(), ModTime: fi.ModTime()}, nil
}
