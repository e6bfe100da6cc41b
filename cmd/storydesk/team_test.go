package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// teamPG is a DSN on the test server (STORYDESK_TEST_PG) whose search_path
// is a schema of this test's own, or "" (the PostgreSQL half skips).
func teamPG(t *testing.T) string {
	dsn := os.Getenv("STORYDESK_TEST_PG")
	if dsn == "" {
		return ""
	}
	schema := fmt.Sprintf("cmd_%d_%d", os.Getpid(), pgSeq.Add(1))
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema
}

var pgSeq atomic.Int64

// Two annotators' imports, the agreement computed by hand:
//
//	x.txt "Ilse Varga met Zoë Ng in Kyōto on Monday."
//	  alice: Ilse Varga PERSON, Zoë Ng PERSON, Kyōto GPE
//	  bob:   Varga PERSON,      Zoë Ng ORG,    Monday DATE
//	y.txt "Port Ellis voted on Tuesday."
//	  both:  Port Ellis GPE, Tuesday DATE
//
// Exact matches 2 (y's two) of 5+5 spans: F1 2·2/10 = 0.4. Overlapping,
// same label, one to one: those and Varga in Ilse Varga: 2·3/10 = 0.6.
// Per label: PERSON exact 0 of 2+1 (0), overlap 1 (2/3); GPE 1 of 2+1
// (2/3); DATE 1 of 1+2 (2/3); ORG 0 of 0+1 (0).
// Tokens (16): x's Ilse Varga met Zoë Ng in Kyōto on Monday . and y's Port
// Ellis voted on Tuesday . — alice P P O P P O G O O O | G G O O D O, bob
// O P O R R O O O D O | G G O O D O: 11 agree, po = 11/16; alice P4 O8 G3
// D1, bob P1 R2 O9 G2 D2, pe = (4·1 + 8·9 + 3·2 + 1·2)/256 = 84/256;
// kappa = (11/16 − 84/256)/(1 − 84/256) = 92/172.
// Pairs: (x,y) duplicate/duplicate, (x,z) not/not, (y,z) not/duplicate:
// po 2/3; alice dup 1 not 2, bob dup 2 not 1: pe 4/9; kappa (2/9)/(5/9) = 0.4.
func TestAgreementByHandOnBothStores(t *testing.T) {
	dir := t.TempDir()
	x, y := "Ilse Varga met Zoë Ng in Kyōto on Monday.", "Port Ellis voted on Tuesday."
	span := func(text, word, label string) string {
		b := strings.Index(text, word)
		s := len([]rune(text[:b]))
		return fmt.Sprintf(`{"start":%d,"end":%d,"label":%q}`, s, s+len([]rune(word)), label)
	}
	rec := func(id, text string, dups string, spans ...string) string {
		return fmt.Sprintf(`{"id":%q,"text":%q,"spans":[%s],"duplicates":[%s]}`+"\n", id, text, strings.Join(spans, ","), dups)
	}
	alice := rec("x.txt", x, `{"other":"y.txt","label":"duplicate"},{"other":"z.txt","label":"not-duplicate"}`,
		span(x, "Ilse Varga", "PERSON"), span(x, "Zoë Ng", "PERSON"), span(x, "Kyōto", "GPE")) +
		rec("y.txt", y, `{"other":"z.txt","label":"not-duplicate"}`, span(y, "Port Ellis", "GPE"), span(y, "Tuesday", "DATE"))
	bob := rec("x.txt", x, `{"other":"y.txt","label":"duplicate"},{"other":"z.txt","label":"not-duplicate"}`,
		span(x, "Varga", "PERSON"), span(x, "Zoë Ng", "ORG"), span(x, "Monday", "DATE")) +
		rec("y.txt", y, `{"other":"z.txt","label":"duplicate"}`, span(y, "Port Ellis", "GPE"), span(y, "Tuesday", "DATE"))
	af, bf := filepath.Join(dir, "alice.jsonl"), filepath.Join(dir, "bob.jsonl")
	writeFile(t, af, alice)
	writeFile(t, bf, bob)
	stores := []string{filepath.Join(dir, "team.db")}
	if pg := teamPG(t); pg != "" {
		stores = append(stores, pg)
	} else {
		t.Log("PostgreSQL half skipped: STORYDESK_TEST_PG is not set")
	}
	runOK := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := run(args, strings.NewReader(""), &out, &errOut); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut.String())
		}
		return out.String()
	}
	var reports, exports []string
	for _, db := range stores {
		runOK("import", "--db", db, "--annotator", "alice", af)
		runOK("import", "--db", db, "--annotator", "bob", bf)
		out := runOK("agreement", "--db", db, "--json")
		reports = append(reports, out)
		exports = append(exports, runOK("export", "--format", "jsonl", "--db", db, "--annotator", "alice")+
			runOK("export", "--format", "jsonl", "--db", db, "--annotator", "bob"))
		var r struct {
			Annotators []string `json:"annotators"`
			Articles   int      `json:"articles"`
			Pairs      []struct {
				A, B          string
				Articles      int
				SpanF1Exact   *float64 `json:"span_f1_exact"`
				SpanF1Overlap *float64 `json:"span_f1_overlap"`
				DupKappa      *float64 `json:"dup_kappa"`
				TokenKappa    *float64 `json:"token_kappa"`
				ByLabel       map[string]struct {
					F1Exact   *float64 `json:"f1_exact"`
					F1Overlap *float64 `json:"f1_overlap"`
				} `json:"by_label"`
			} `json:"pairs"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		if strings.Join(r.Annotators, ",") != "alice,bob" || r.Articles != 2 || len(r.Pairs) != 1 {
			t.Fatalf("report: %s", out)
		}
		p := r.Pairs[0]
		near := func(what string, got *float64, want float64) {
			t.Helper()
			if got == nil || math.Abs(*got-want) > 1e-9 {
				t.Errorf("%s: %s = %v, want %v", storeName(db), what, got, want)
			}
		}
		if p.A != "alice" || p.B != "bob" || p.Articles != 2 {
			t.Errorf("pair %+v", p)
		}
		near("span_f1_exact", p.SpanF1Exact, 0.4)
		near("span_f1_overlap", p.SpanF1Overlap, 0.6)
		near("token_kappa", p.TokenKappa, 92.0/172)
		near("dup_kappa", p.DupKappa, 0.4)
		near("PERSON f1_exact", p.ByLabel["PERSON"].F1Exact, 0)
		near("PERSON f1_overlap", p.ByLabel["PERSON"].F1Overlap, 2.0/3)
		near("GPE f1_exact", p.ByLabel["GPE"].F1Exact, 2.0/3)
		near("DATE f1_exact", p.ByLabel["DATE"].F1Exact, 2.0/3)
		near("ORG f1_overlap", p.ByLabel["ORG"].F1Overlap, 0)
		// The table says the same, worst label first.
		table := runOK("agreement", "--db", db)
		if !strings.Contains(table, "alice · bob") || !strings.Contains(table, "0.400") || strings.Index(table, "ORG") > strings.Index(table, "GPE") {
			t.Errorf("table:\n%s", table)
		}
	}
	for i := 1; i < len(stores); i++ {
		if reports[i] != reports[0] {
			t.Errorf("agreement differs between SQLite and PostgreSQL:\n%s\n%s", reports[0], reports[i])
		}
		if exports[i] != exports[0] {
			t.Errorf("exports differ between SQLite and PostgreSQL:\n%s\n%s", exports[0], exports[i])
		}
	}
	if !strings.Contains(exports[0], `"annotator":"alice"`) || !strings.Contains(exports[0], `"annotator":"bob"`) {
		t.Errorf("the exports do not name their layers:\n%s", exports[0])
	}
}
