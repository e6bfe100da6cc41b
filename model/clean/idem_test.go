package clean

import (
	"strings"
	"testing"

	"storydesk/model"
)

// TestCleanIdempotentCases: the inputs FuzzCleanIdempotent found (also kept
// under testdata/fuzz/FuzzCleanIdempotent) and a dateline case: what the
// first pass returns, a second pass returns unchanged, and the removed
// ranges still account for every character of raw.
func TestCleanIdempotentCases(t *testing.T) {
	cases := []struct {
		name, raw, text string
		removed         []model.Reason
	}{
		{
			// The second line of a two-line header became the first line of
			// the cleaned text, and a second pass took it for the headline.
			"headline then a short line",
			strings.Repeat("0", 84) + " 00000 000000\n0 00 0\n0 0 0 0 0 0!",
			"0 0 0 0 0 0!",
			[]model.Reason{model.ReasonHeadline, model.ReasonHeadline},
		},
		{
			// A date line under an embedded post was kept inside the body;
			// once the post was gone, a second pass found the body ending
			// above it and removed it as furniture.
			"date line after an embedded post",
			"000000000000000000000000000000000000 000000000 00000000 0000 a0 0000000!\n0000000000000000000000000000000000000000000000000 00000000000000000000\n—A00000 A000000000(@A0000000_A)AAAAAA 00 0000\nMAY 0\n0 0 0 0 00 0!",
			"000000000000000000000000000000000000 000000000 00000000 0000 a0 0000000!\n\n0 0 0 0 00 0!",
			[]model.Reason{model.ReasonEmbed, model.ReasonEmbed, model.ReasonBoiler},
		},
		{
			// Two datelines: the second is cut too, as one removed range.
			"two datelines",
			"LONDON (Reuters) — PARIS, France — The minister said on Tuesday that the ferries would resume after the storm damage to the piers was repaired.\n\nResidents asked who pays for it and when the work would start.",
			"The minister said on Tuesday that the ferries would resume after the storm damage to the piers was repaired.\n\nResidents asked who pays for it and when the work would start.",
			[]model.Reason{model.ReasonDateline},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			once := Clean(tc.raw)
			if once.Text != tc.text {
				t.Errorf("text %q, want %q", once.Text, tc.text)
			}
			var reasons []model.Reason
			for _, r := range once.Removed {
				reasons = append(reasons, r.Reason)
				if model.RuneSlice(tc.raw, r.Start, r.End) != r.Text {
					t.Errorf("removed %q is not its slice of raw", r.Text)
				}
			}
			if strings.Join(reasonStrings(reasons), ",") != strings.Join(reasonStrings(tc.removed), ",") {
				t.Errorf("removed %v, want %v", reasons, tc.removed)
			}
			if twice := Clean(once.Text); twice.Text != once.Text || len(twice.Removed) != 0 {
				t.Errorf("a second pass changed it: %q, removed %v", twice.Text, twice.Removed)
			}
		})
	}
}

func reasonStrings(rs []model.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}
