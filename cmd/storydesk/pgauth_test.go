package main

import (
	"bytes"
	"encoding/binary"
	"io"
	"net"
	"strings"
	"testing"
)

// refusingServer speaks just enough of PostgreSQL's protocol to ask for a
// password and refuse it (28P01), as a server whose pg_hba checks
// passwords does (the test server trusts loopback, so it never refuses).
// It returns its address and, through got, the password it was sent.
func refusingServer(t *testing.T) (addr string, got chan string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	got = make(chan string, 8)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				var n uint32
				if binary.Read(c, binary.BigEndian, &n) != nil || n < 8 {
					return
				}
				if _, err := io.CopyN(io.Discard, c, int64(n-4)); err != nil { // the startup message
					return
				}
				// AuthenticationCleartextPassword.
				c.Write([]byte{'R', 0, 0, 0, 8, 0, 0, 0, 3})
				var kind [1]byte
				if _, err := io.ReadFull(c, kind[:]); err != nil || kind[0] != 'p' {
					return
				}
				if binary.Read(c, binary.BigEndian, &n) != nil || n < 4 {
					return
				}
				pw := make([]byte, n-4)
				io.ReadFull(c, pw)
				got <- strings.TrimRight(string(pw), "\x00")
				var e bytes.Buffer
				for _, f := range []string{"SFATAL", "VFATAL", "C28P01", `Mpassword authentication failed for user "alice"`} {
					e.WriteString(f)
					e.WriteByte(0)
				}
				e.WriteByte(0)
				msg := []byte{'E', 0, 0, 0, 0}
				binary.BigEndian.PutUint32(msg[1:], uint32(4+e.Len()))
				c.Write(append(msg, e.Bytes()...))
			}(c)
		}
	}()
	return ln.Addr().String(), got
}

// A refused password: a clear message naming the server and the user,
// never the password, and the exit status of any other store error.
func TestRefusedPassword(t *testing.T) {
	addr, got := refusingServer(t)
	dsn := "postgres://alice:pa55-secret@" + addr + "/team?sslmode=disable"
	for _, args := range [][]string{
		{"export", "--format", "jsonl", "--db", dsn},
		{"agreement", "--db", dsn},
	} {
		var out, errOut bytes.Buffer
		err := run(args, strings.NewReader(""), &out, &errOut)
		if err == nil {
			t.Fatalf("%v: no error", args[0])
		}
		msg := err.Error() + errOut.String()
		if strings.Contains(msg, "pa55-secret") {
			t.Fatalf("%v: the password is in the message: %s", args[0], msg)
		}
		for _, want := range []string{"postgres://alice@" + addr + "/team", "refused user alice", "PGPASSWORD"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%v: the message lacks %q: %s", args[0], want, msg)
			}
		}
	}
	select {
	case pw := <-got:
		if pw != "pa55-secret" {
			t.Errorf("the server was sent %q", pw)
		}
	default:
		t.Error("the server was never asked")
	}
}
