// Package ui is what every screen of the reader shares: the Context (the
// terminal's size, the styles built from one palette for a light or dark
// background or for no colour at all, the one KeyMap, the label set), the
// component contract the screens implement, and the text helpers that
// measure and cut what is drawn (grapheme-aware widths, fitting, boxes).
//
// It imports nothing of the reader's features, so any of them may use it.
package ui
