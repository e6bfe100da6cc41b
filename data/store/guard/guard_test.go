package guard

import (
	"errors"
	"strings"
	"testing"
)

// TestErrorWords checks the sentence for each fault the driver reports.
func TestErrorWords(t *testing.T) {
	cases := []struct {
		code  int
		fault Fault
		is    error
		word  string
	}{
		{codeCorrupt, FaultDamaged, ErrDamaged, "damaged"},
		{codeNotADB, FaultDamaged, ErrDamaged, "damaged"},
		{codeIOErrShortRead, FaultDamaged, ErrDamaged, "damaged"},
		{codeFull, FaultFull, ErrFull, "disk full"},
		{codeIOErrWrite, FaultWrite, nil, "full disk"},
		{codeReadOnly, FaultReadOnly, ErrReadOnly, "read-only"},
		{codeReadOnly | 1<<8, FaultReadOnly, ErrReadOnly, "read-only"}, // READONLY_RECOVERY
		{codeCantOpen, FaultCantOpen, ErrReadOnly, "cannot open"},
		{codeBusy, FaultBusy, ErrBusy, "locked"},
		{codeIOErr | 15<<8, FaultIO, nil, "disk error"}, // IOERR_LOCK
		{codeConstraint, FaultOther, nil, ""},
	}
	for _, c := range cases {
		if got := faultOf(c.code); got != c.fault {
			t.Errorf("code %d: fault %d, want %d", c.code, got, c.fault)
			continue
		}
		if c.fault == FaultOther {
			continue
		}
		e := &Error{Path: "/x/annotations.db", Fault: c.fault, Err: errors.New("driver words")}
		msg := e.Error()
		if !strings.HasPrefix(msg, c.word) && !strings.Contains(msg, c.word) {
			t.Errorf("code %d: %q lacks %q", c.code, msg, c.word)
		}
		if !strings.Contains(msg, "/x/annotations.db") || !strings.HasSuffix(msg, "(driver words)") {
			t.Errorf("code %d: %q should name the file first and end with the driver's words", c.code, msg)
		}
		if c.is != nil && !errors.Is(e, c.is) {
			t.Errorf("code %d: not %v", c.code, c.is)
		}
	}
}
