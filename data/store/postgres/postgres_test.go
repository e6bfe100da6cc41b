package postgres_test

import (
	"testing"

	"storydesk/data/store/postgres"
)

func TestMaskDSN(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://alice:s3cret@db.example:5433/team?sslmode=require": "postgres://alice:xxxxx@db.example:5433/team?sslmode=require",
		"postgresql://alice@db/team?password=s3cret":                   "postgresql://alice@db/team?password=xxxxx",
		"host=db user=alice password=s3cret dbname=team":               "host=db user=alice password=xxxxx dbname=team",
		"postgres://db/team": "postgres://db/team",
	} {
		if got := postgres.MaskDSN(in); got != want {
			t.Errorf("MaskDSN(%q) = %q, want %q", in, got, want)
		}
	}
	if !postgres.IsServerDSN("PostgreSQL://x/y") || postgres.IsServerDSN("postgres.db") {
		t.Error("IsServerDSN")
	}
}
