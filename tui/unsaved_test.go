package tui

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/tui/session"
)

// pgProxy stands between the store and the test server: Stop is the
// server going away (every connection cut, new ones refused), Start its
// coming back on the same address.
type pgProxy struct {
	t      *testing.T
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newPGProxy(t *testing.T, target string) *pgProxy {
	p := &pgProxy{t: t, target: target}
	p.Start()
	t.Cleanup(p.Stop)
	return p
}

func (p *pgProxy) Start() {
	addr := p.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
}

func (p *pgProxy) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// The server goes away mid-session: the tag typed then is not lost — the
// bar says it is unsaved and names the server without its password; a tag
// typed after it waits behind it; when the server is back both are saved,
// each once.
func TestServerGoneMidSession(t *testing.T) {
	dsn := storetest.PGSchemaDSN(t)
	if dsn == "" {
		t.Skip("STORYDESK_TEST_PG is not set")
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newPGProxy(t, u.Host)
	u.Host = proxy.addr
	u.User = url.UserPassword(u.User.Username(), "pa55-secret") // the test server trusts loopback: never checked, never shown
	st, err := store.OpenPostgres(u.String(), "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	src := entitySource()
	m := NewFromSource(src, Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond})
	m.sess.SetRetryDelay(-1) // the test says when to try again
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(t, m, m.Init())
	enterAnnotate(t, m)
	apress(t, m, "w", "shift+right", "1") // Ilse Varga, saved
	proxy.Stop()
	moveTo(t, m, "Port", 0)
	apress(t, m, "shift+right", "3") // Port Ellis GPE: the server is gone
	p := plain(m)
	if !strings.Contains(p, "UNSAVED") || !strings.Contains(m.bar.message, "Cannot reach postgres://") || !strings.Contains(m.bar.message, "not saved yet") {
		t.Fatalf("the bar does not say the tag is unsaved: %q\n%s", m.bar.message, p)
	}
	// The tag is drawn, marked unsaved: with the cursor elsewhere, Port
	// Ellis is painted (its label's style, faint: the provisional mark
	// without colour), not plain text.
	apress(t, m, "G")
	if got := m.pane().RenderLine(0); !strings.Contains(got, "2;3;4mPort Ellis") && !strings.Contains(got, "mPort Ellis\x1b[m") {
		t.Errorf("the unsaved tag is not drawn: %q", got)
	}
	press(t, m, "!")
	if p := plain(m); strings.Contains(p, "pa55-secret") || strings.Contains(m.bar.message, "pa55-secret") {
		t.Fatalf("the password is on screen:\n%s", p)
	}
	press(t, m, "esc")
	moveTo(t, m, "Harbour", 0)
	apress(t, m, "shift+right", "2") // Harbour Board ORG, typed while waiting
	proxy.Start()
	send(t, m, session.RetryMsg{})
	if p := plain(m); strings.Contains(p, "UNSAVED") || !strings.Contains(p, "Harbour") {
		t.Fatalf("after the server came back: %q\n%s", m.bar.message, p)
	}
	doc, ok, err := st.Layer("tester").Doc(context.Background(), "a.txt")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	var got []string
	for _, sp := range doc.Spans {
		got = append(got, sp.Label+" "+sp.Text)
	}
	if strings.Join(got, "|") != "PERSON Ilse Varga|GPE Port Ellis|ORG Harbour Board" {
		t.Fatalf("stored after reconnecting: %q", got)
	}
}

// lostAnswer is a store whose next Do commits and then loses its answer,
// as a connection cut between the server's commit and its reply does.
type lostAnswer struct {
	*store.SQLite
	lose bool
}

func (l *lostAnswer) Do(ctx context.Context, act store.Action) (store.Action, error) {
	a, err := l.SQLite.Do(ctx, act)
	if err == nil && l.lose {
		l.lose = false
		return store.Action{}, &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	}
	return a, err
}

// A write whose answer was lost after it committed is not saved again
// when it is retried: the retry finds it in the store (both backends).
func TestLostAnswerSavedOnce(t *testing.T) {
	for name, open := range storetest.Backends(t) {
		t.Run(name, func(t *testing.T) {
			st := &lostAnswer{SQLite: open("tester")}
			m := NewFromSource(entitySource(), Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond})
			m.sess.SetRetryDelay(-1)
			send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
			drive(t, m, m.Init())
			enterAnnotate(t, m)
			st.lose = true
			apress(t, m, "w", "shift+right", "1")
			if !strings.Contains(plain(m), "UNSAVED") {
				t.Fatalf("a lost answer is not shown as unsaved: %q", m.bar.message)
			}
			// q while it waits says what would be lost, and waits.
			press(t, m, "q")
			if !strings.Contains(m.bar.message, "is not saved") || !strings.Contains(m.bar.message, "q again quits without it") {
				t.Errorf("q while unsaved: %q", m.bar.message)
			}
			// The server answers: saved, once, and the reader quits.
			_, cmd := m.Update(session.RetryMsg{})
			quits := false
			queue := []tea.Cmd{cmd}
			for len(queue) > 0 {
				c := queue[0]
				queue = queue[1:]
				if c == nil {
					continue
				}
				switch msg := c().(type) {
				case tea.BatchMsg:
					queue = append(queue, msg...)
				case tea.QuitMsg:
					quits = true
				case nil:
				default:
					_, next := m.Update(msg)
					queue = append(queue, next)
				}
			}
			if !quits {
				t.Errorf("the reader did not quit once the write was saved: %q", m.bar.message)
			}
			doc, _, _ := st.Doc(context.Background(), "a.txt")
			if len(doc.Spans) != 1 {
				t.Fatalf("saved %d times: %+v", len(doc.Spans), doc.Spans)
			}
			// One action in the undo log: one undo empties the article.
			if _, ok, err := st.Undo(context.Background()); !ok || err != nil {
				t.Fatalf("undo: %v %v", ok, err)
			}
			if doc, _, _ = st.Doc(context.Background(), "a.txt"); len(doc.Spans) != 0 {
				t.Errorf("after undo: %+v", doc.Spans)
			}
			if _, ok, _ := st.Undo(context.Background()); ok {
				t.Error("a second action was logged for the one tag")
			}
		})
	}
}

// The same with a real server stopped and started again (.ci/pg down/up on
// a cluster of the test's own, so the shared test server is left alone).
// It runs with the PostgreSQL tests (STORYDESK_TEST_PG set), and skips
// where .ci/pg cannot make a cluster here.
func TestRealServerRestart(t *testing.T) {
	if os.Getenv("STORYDESK_TEST_PG") == "" {
		t.Skip("STORYDESK_TEST_PG is not set")
	}
	script, err := filepath.Abs("../.ci/pg")
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "sdpg-restart")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	pg := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(script, args...).Output()
		if err != nil {
			t.Fatalf(".ci/pg %v: %v", args, err)
		}
		return strings.TrimSpace(string(out))
	}
	out, err := exec.Command(script, "start", dir).Output()
	if err != nil {
		os.RemoveAll(dir)
		t.Skipf(".ci/pg cannot start a cluster here: %v", err)
	}
	dsn := strings.TrimSpace(string(out))
	t.Cleanup(func() { exec.Command(script, "stop", dir).Run(); os.RemoveAll(dir) })
	st, err := store.OpenPostgres(dsn, "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m := NewFromSource(entitySource(), Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond})
	m.sess.SetRetryDelay(-1)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(t, m, m.Init())
	enterAnnotate(t, m)
	apress(t, m, "w", "shift+right", "1")
	pg("down", dir)
	moveTo(t, m, "Port", 0)
	apress(t, m, "shift+right", "3")
	if !strings.Contains(plain(m), "UNSAVED") {
		t.Fatalf("the server is down and the bar says nothing: %q", m.bar.message)
	}
	pg("up", dir)
	send(t, m, session.RetryMsg{})
	if strings.Contains(plain(m), "UNSAVED") {
		t.Fatalf("after the restart: %q", m.bar.message)
	}
	doc, _, err := st.Doc(context.Background(), "a.txt")
	if err != nil || len(doc.Spans) != 2 {
		t.Fatalf("stored after the restart: %v %+v", err, doc)
	}
}
