// Package celltest exists for tests: it reads a rendered line (text and SGR
// sequences, as the views build them) back as terminal cells, each with the
// attributes and colours it is drawn with. Tests that check "this cell is a
// span's code point", "the selected row is readable" or "no colour reaches
// the terminal" go through Of instead of parsing SGR themselves.
//
// It imports only tui/layout (for grapheme widths), never the reader's
// root or features, so the root's tests and every feature's black-box
// tests may use it.
package celltest
