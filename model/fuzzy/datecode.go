package fuzzy

// A DateCode is an ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD) packed in
// a uint32 — YYYYMMDD with the missing parts 0, and the prefix's length
// (1, 2 or 3 parts) above it — so the filter compares an item's date
// without reading a string. 0 is no date (and an open bound).
type DateCode uint32

const dateValueBits = 27 // 99991231 < 1<<27

// EncodeDate packs what NormDate returns ("" gives 0).
func EncodeDate(iso string) DateCode {
	if !isoPrefix(iso) {
		return 0
	}
	num := func(s string) uint32 {
		v := uint32(0)
		for i := 0; i < len(s); i++ {
			v = v*10 + uint32(s[i]-'0')
		}
		return v
	}
	v, parts := num(iso[:4])*10000, uint32(1)
	if len(iso) >= 7 {
		v, parts = v+num(iso[5:7])*100, 2
	}
	if len(iso) == 10 {
		v, parts = v+num(iso[8:10]), 3
	}
	return DateCode(parts<<dateValueBits | v)
}

func (d DateCode) parts() uint32 { return uint32(d) >> dateValueBits }

func (d DateCode) value() uint32 { return uint32(d) & (1<<dateValueBits - 1) }

// cmpDateCodes is prefixCmp on codes: d cut to bound's length, then a
// shorter d that agrees with bound's start sorts before it (as a string
// prefix does).
func cmpDateCodes(d, bound DateCode) int {
	p := min(d.parts(), bound.parts())
	dv, bv := truncDate(d.value(), p), truncDate(bound.value(), p)
	switch {
	case dv < bv:
		return -1
	case dv > bv:
		return 1
	case d.parts() < bound.parts():
		return -1
	}
	return 0
}

func truncDate(v, parts uint32) uint32 {
	switch parts {
	case 1:
		return v / 10000 * 10000
	case 2:
		return v / 100 * 100
	}
	return v
}

// InDateCodes is InISODates on codes (0 for an open bound or no date).
func InDateCodes(d, lo, hi DateCode) bool {
	if d == 0 {
		return false
	}
	if lo != 0 && cmpDateCodes(d, lo) < 0 {
		return false
	}
	if hi != 0 && cmpDateCodes(d, hi) > 0 {
		return false
	}
	return true
}
