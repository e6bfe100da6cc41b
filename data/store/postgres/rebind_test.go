package postgres

import "testing"

// ? outside quotes becomes $1, $2, … in order; inside quotes it stays.
func TestRebind(t *testing.T) {
	for in, want := range map[string]string{
		`SELECT 1`:                              `SELECT 1`,
		`SELECT a FROM t WHERE b = ? AND c = ?`: `SELECT a FROM t WHERE b = $1 AND c = $2`,
		`SELECT '?', "col?", ? FROM t WHERE s = 'it''s ?'`: `SELECT '?', "col?", $1 FROM t WHERE s = 'it''s ?'`,
	} {
		if got := rebind(in); got != want {
			t.Errorf("rebind(%q) = %q, want %q", in, got, want)
		}
	}
}
