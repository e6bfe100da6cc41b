package corpus

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
)

// The size limit: one bound on what one article may take, applied while
// reading every input (a file, what a .gz expands to, stdin, a pipe or
// device named as a PATH, a JSONL line, an HTML page), before the bytes are
// held, so no input can take the machine's memory or keep it busy for long.

// MaxArticleBytes is the default limit on one article (a file, a JSONL line,
// or what a .gz expands to): nothing that large is one news article. The
// limit in force is Limit (SetLimit changes it).
const MaxArticleBytes = 64 << 20

var limit atomic.Int64

func init() { limit.Store(MaxArticleBytes) }

// Limit is the size limit in force for one article, in bytes.
func Limit() int64 { return limit.Load() }

// SetLimit sets the size limit for one article (the config file's
// max_article_mb); n <= 0 restores the default. It applies to inputs read
// from then on.
func SetLimit(n int64) {
	if n <= 0 {
		n = MaxArticleBytes
	}
	limit.Store(n)
}

// LimitMB is the limit in force in whole megabytes, for messages.
func LimitMB() int64 { return max(1, Limit()>>20) }

// ErrTooLarge is the error of an input over the limit.
var ErrTooLarge = errors.New("too large")

// tooLarge says an input passed the limit, naming the setting that raises it.
func tooLarge() error {
	return fmt.Errorf("%w for one article (over %d MB; max_article_mb in the config file or STORYDESK_MAX_ARTICLE_MB raises the limit)", ErrTooLarge, LimitMB())
}

// readLimited reads r to the end, failing as soon as it passes the limit:
// the buffer grows by doubling but never past limit+1 bytes, so an endless
// input costs at most twice the limit while it is read. sizeHint (when
// known) sizes the buffer in one go.
func readLimited(r io.Reader, sizeHint int64) ([]byte, error) {
	lim := Limit()
	if sizeHint <= 0 || sizeHint > lim {
		sizeHint = 512
	}
	buf := make([]byte, 0, sizeHint+1)
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > lim {
				return nil, tooLarge()
			}
			nb := make([]byte, len(buf), min(int64(2*cap(buf)), lim+1))
			copy(nb, buf)
			buf = nb
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > lim {
			return nil, tooLarge()
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Decompression bombs: text and JSON compress 3 to 20 times; gzip's most is
// about 1,000 (long runs of one byte). Past bombFloor bytes of output, an
// input that has expanded more than bombRatio times is refused at once
// rather than read up to the limit (or, line by line, forever).
const (
	bombRatio = 100
	bombFloor = 64 << 10
)

// errBomb is the error of a gzip stream that expands like a bomb.
var errBomb = fmt.Errorf("%w: it expands over %d times its compressed size (a decompression bomb, not text)", ErrTooLarge, bombRatio)

// countingReader counts the compressed bytes gzip consumes.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// guardedGzip decompresses r, failing with errBomb once the output is both
// past bombFloor and over bombRatio times the input read.
type guardedGzip struct {
	in   *countingReader
	zr   *gzip.Reader
	out  int64
	bomb bool
}

// NewGzipReader opens gzip data for reading with the bomb guard (the
// importer reads .jsonl.gz through it too). Its errors say "not valid gzip
// data" or match ErrTooLarge.
func NewGzipReader(r io.Reader) (io.ReadCloser, error) {
	// A small buffer between gzip and the count keeps the count close to
	// what gzip has consumed (callers read through their own buffers).
	in := &countingReader{r: r}
	zr, err := gzip.NewReader(bufio.NewReaderSize(in, 512))
	if err != nil {
		return nil, fmt.Errorf("not valid gzip data: %v", err)
	}
	return &guardedGzip{in: in, zr: zr}, nil
}

func (g *guardedGzip) Read(p []byte) (int, error) {
	if g.bomb {
		return 0, errBomb // sticky: io.ReadAtLeast drops an error that comes with bytes
	}
	n, err := g.zr.Read(p)
	g.out += int64(n)
	if g.out > bombFloor && g.out > bombRatio*max(g.in.n, 1) {
		g.bomb = true
		return n, errBomb
	}
	if err != nil && err != io.EOF && !errors.Is(err, ErrTooLarge) {
		err = fmt.Errorf("not valid gzip data: %v", err)
	}
	return n, err
}

func (g *guardedGzip) Close() error { return g.zr.Close() }
