package fuzzy

import "testing"

// Codes compare as the ISO prefixes do, on every pair of a spread of
// dates, bounds and precisions (including the corner a string prefix
// makes: 2025-09 sorts before 2025-09-00).
func TestDateCodesAgreeWithStrings(t *testing.T) {
	var dates []string
	for _, y := range []string{"0000", "1999", "2025", "2026", "9999"} {
		dates = append(dates, y)
		for _, m := range []string{"00", "01", "09", "10", "12", "99"} {
			dates = append(dates, y+"-"+m)
			for _, d := range []string{"00", "01", "14", "30", "31", "99"} {
				dates = append(dates, y+"-"+m+"-"+d)
			}
		}
	}
	bounds := append([]string{""}, dates...)
	for _, d := range append([]string{""}, dates...) {
		dc := EncodeDate(d)
		if (dc == 0) != (d == "") {
			t.Fatalf("EncodeDate(%q) = %d", d, dc)
		}
		for _, lo := range bounds {
			for _, hi := range []string{"", "2025-09", "2026", "2025-09-30", "9999-99-99", "0000-00"} {
				want := InISODates(d, lo, hi)
				if got := InDateCodes(dc, EncodeDate(lo), EncodeDate(hi)); got != want {
					t.Fatalf("date %q in [%q, %q]: codes say %v, strings %v", d, lo, hi, got, want)
				}
			}
		}
	}
	if EncodeDate("2025-9") != 0 || EncodeDate("14 Sep 2025") != 0 {
		t.Error("a date that is not an ISO prefix has no code")
	}
}
