package export

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Every quotation in quotes.csv is the slice of its article's text that its
// start and end give, in code points (the fixture's emoji, CJK, astral
// letters and a line break before them), once a formula guard is taken off.
func TestExportCSVOffsetsSliceTheText(t *testing.T) {
	dir := t.TempDir()
	s := exFixture(t, dir)
	out := filepath.Join(dir, "csv")
	exExport(t, s, Options{Format: FormatCSV, Out: out})
	f, err := os.Open(filepath.Join(out, "quotes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("want 3 quotations, got %q", rows)
	}
	for _, r := range rows[1:] {
		doc, ok, err := s.Doc(ctx, r[0])
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", r[0], ok, err)
		}
		start, err1 := strconv.Atoi(r[8])
		end, err2 := strconv.Atoi(r[9])
		if err1 != nil || err2 != nil {
			t.Fatalf("offsets %q %q", r[8], r[9])
		}
		quote := r[3]
		if strings.HasPrefix(quote, "'") && strings.ContainsAny(quote[1:2], "=+-@") {
			quote = quote[1:]
		}
		if got := pySlice(t, doc.Text, start, end); got != quote {
			t.Errorf("%s: %d–%d slices to %q, the row says %q", r[0], start, end, got, quote)
		}
	}
}
