package celltest

import (
	"image/color"
	"math"
)

// RelLuminance is WCAG 2's relative luminance of c.
func RelLuminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// Contrast is WCAG 2's contrast ratio of two colours, 1 to 21.
func Contrast(a, b color.Color) float64 {
	la, lb := RelLuminance(a), RelLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Drawn is what a cell looks like on a terminal whose default colours are
// fg and bg: reverse swaps them.
func (c Cell) Drawn(fg, bg color.Color) (color.Color, color.Color) {
	f, b := c.FG, c.BG
	if f == nil {
		f = fg
	}
	if b == nil {
		b = bg
	}
	if c.Reverse {
		f, b = b, f
	}
	return f, b
}
