package clean

import "testing"

func TestRepeatsLede(t *testing.T) {
	body := "The harbour bridge in Port Aldwin reopened to traffic on Tuesday after an 18-month refit, the authority said.\n\n“We have given the city back its front door,” said the chief engineer."
	for _, tc := range []struct {
		summary string
		want    bool
	}{
		{"The harbour bridge in Port Aldwin reopened to traffic on Tuesday after an 18-month refit, the authority said.", true},
		{"  the harbour  bridge in Port Aldwin reopened to traffic on Tuesday after an 18‑month refit…", true},
		{"The harbour bridge in Port Aldwin reopened to traffic on Tues...", true},
		{"The harbour bridge in Port Aldwin reopened to traffic on Tuesday after an 18-month refit, the authority said. “We have given the city back", true},
		{"Port Aldwin's harbour bridge is open again after an 18-month refit.", false},
		{"The harbour", false},
		{"", false},
	} {
		if got := RepeatsLede(tc.summary, body); got != tc.want {
			t.Errorf("RepeatsLede(%q) = %v, want %v", tc.summary, got, tc.want)
		}
	}
	for _, tc := range []struct {
		summary, body string
		want          bool
	}{
		{"Visitors booked their tickets through the app to watch the show", "More reviews from visitors!\n\nVisitors booked their tickets through the app to watch the show on Friday.", true},
		{"A muddled view of trade talks weighs on investors.", "Hong Kong (Business)A muddled view of trade talks weighs on investors, analysts said.", true},
		{"The range of ad units grew. New York – The range of native units powered spending past …", "The range of ad units grew.\n\nThe range of native units powered spending past all other forms.", true},
		{"Trade talks weigh on investors across the region", "Markets fell on Monday as traders waited for news from the capital, with the index down two per cent by noon and the currency weaker.\n\nTrade talks weigh on investors across the region.", false},
	} {
		if got := RepeatsLede(tc.summary, tc.body); got != tc.want {
			t.Errorf("RepeatsLede(%q, %q) = %v, want %v", tc.summary, tc.body, got, tc.want)
		}
	}
	if !RepeatsLede("Don't stop: the “bridge” is open", "Don’t stop — the \"bridge\" is open, officials said.") {
		t.Error("quote styles should not count")
	}
}
