package browse

import (
	"fmt"
	"strings"
	"sync"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	gstyles "charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"storydesk/model"
	"storydesk/tui/layout"
)

// viewKind is what the detail pane shows of an article.
type viewKind uint8

const (
	kindRead viewKind = iota // cleaned text rendered by glamour
	kindRaw                  // raw text with the removed ranges marked
)

// renderKey identifies one rendered document in the cache.
type renderKey struct {
	idx   int // item index in the corpus
	width int
	kind  viewKind
	style string // glamour style (the raw view ignores it but keys stay uniform)
}

// rendered is a document ready to scroll: a viewport already holding
// glamour's lines (it measures every line once, here, off the update loop,
// so switching back to a cached article costs nothing), or a raw layout.
type rendered struct {
	vp    viewport.Model // scroll state over lines
	lines []string
	raw   *rawDoc
}

// renderedMsg brings a finished render back to the update loop. Results for
// an article or width no longer on screen are cached but not shown.
type renderedMsg struct {
	key renderKey
	gen int
	doc *rendered
	err error
}

// glamourPool keeps one TermRenderer per (width, style): building one sets up
// goldmark and the style tree, so it is reused. A TermRenderer is not safe
// for concurrent use (its ANSI renderer keeps a block stack), hence the lock.
type glamourPool struct {
	mu sync.Mutex
	m  map[poolKey]*pooledRenderer
}

type poolKey struct {
	width int
	style string
}

type pooledRenderer struct {
	mu sync.Mutex
	r  *glamour.TermRenderer
}

func newGlamourPool() *glamourPool { return &glamourPool{m: map[poolKey]*pooledRenderer{}} }

func (p *glamourPool) get(width int, style string) (*pooledRenderer, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	k := poolKey{width, style}
	if r, ok := p.m[k]; ok {
		return r, nil
	}
	cfg, err := articleStyle(style, width)
	if err != nil {
		return nil, err
	}
	r, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(width))
	if err != nil {
		return nil, err
	}
	if len(p.m) >= 8 {
		// Widths come and go while a window is resized; keep the pool small.
		for old := range p.m {
			delete(p.m, old)
		}
	}
	pr := &pooledRenderer{r: r}
	p.m[k] = pr
	return pr, nil
}

// articleStyle is glamour's standard style name with two changes for
// articles at width. The rule between an article's header and its text
// (articleMarkdown) is a thin line across the text, in the style's muted
// rule colour, instead of glamour's short "--------", which reads as a
// stray dashed line. And the title is white on glamour's blue rather than
// yellow, which is 4.4:1 there, under the 4.5:1 text should have.
func articleStyle(name string, width int) (gansi.StyleConfig, error) {
	base, ok := gstyles.DefaultStyles[name]
	if !ok {
		return gansi.StyleConfig{}, fmt.Errorf("no glamour style %q", name)
	}
	cfg := *base // the pointers in it are shared: replace, never write through them
	margin := 0
	if m := cfg.Document.Margin; m != nil {
		margin = int(*m)
	}
	cfg.HorizontalRule.Format = "\n" + strings.Repeat("─", max(3, width-2*margin)) + "\n"
	if cfg.H1.BackgroundColor != nil {
		white := "231"
		cfg.H1.Color = &white
	}
	return cfg, nil
}

func (p *glamourPool) render(width int, style, md string) (string, error) {
	pr, err := p.get(width, style)
	if err != nil {
		return "", err
	}
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.r.Render(md)
}

// renderCmd renders one article off the update loop.
func renderCmd(k renderKey, gen int, a *model.Article, title string, pool *glamourPool, noColor bool) tea.Cmd {
	return func() tea.Msg {
		if k.kind == kindRaw {
			return renderedMsg{key: k, gen: gen, doc: &rendered{raw: layoutRaw(a, k.width)}}
		}
		var lines []string
		if tooLongForGlamour(a) {
			lines = plainLines(a, title, k.width)
		} else {
			out, err := pool.render(k.width, k.style, articleMarkdown(a, title, noColor))
			if err != nil {
				return renderedMsg{key: k, gen: gen, err: err}
			}
			// Glamour wraps by grapheme; the terminal may count code points.
			lines = layout.FitLines(glamourLines(out), k.width)
		}
		vp := viewport.New()
		vp.SetContentLines(lines)
		return renderedMsg{key: k, gen: gen, doc: &rendered{vp: vp, lines: lines}}
	}
}

// glamourLines keeps glamour's styling but nothing else that could drive the
// terminal, and drops the blank lines around the document.
func glamourLines(out string) []string {
	lines := strings.Split(keepSGR(out), "\n")
	blank := func(s string) bool { return strings.TrimSpace(ansi.Strip(s)) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// keepSGR removes every escape sequence except SGR (colours and attributes),
// every C0 control except newline (tabs become spaces) and every C1 control.
// Glamour emits OSC 8 hyperlinks, for example, which we do not want.
func keepSGR(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			n, keep := escapeSpan(s[i:])
			if keep {
				b.WriteString(s[i : i+n])
			}
			i += n
		case c == '\t':
			b.WriteByte(' ')
			i++
		case c == '\n':
			b.WriteByte(c)
			i++
		case c < 0x20 || c == 0x7f:
			i++
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// escapeSpan measures the escape sequence at s[0] == ESC and says whether it
// is an SGR sequence (CSI params 'm') worth keeping.
func escapeSpan(s string) (int, bool) {
	if len(s) < 2 {
		return len(s), false
	}
	switch s[1] {
	case '[':
		j := 2
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
			j++
		}
		if j < len(s) && s[j] == 'm' {
			return j + 1, true
		}
		for j < len(s) && !(s[j] >= 0x40 && s[j] <= 0x7e) {
			if s[j] == '\n' {
				return j, false
			}
			j++
		}
		return min(j+1, len(s)), false
	case ']', 'P', 'X', '^', '_':
		for j := 2; j < len(s); j++ {
			switch {
			case s[j] == 0x07:
				return j + 1, false
			case s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\':
				return j + 2, false
			case s[j] == '\n':
				return j, false
			}
		}
		return len(s), false
	default:
		return 2, false
	}
}
