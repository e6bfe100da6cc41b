package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	cfg, err := Load(filepath.Join(dir, "missing.toml"))
	if err != nil || len(cfg.Labels) != 9 || cfg.Labels[0] != "PERSON" {
		t.Fatalf("defaults: %+v %v", cfg, err)
	}
	p := filepath.Join(dir, "config.toml")
	os.WriteFile(p, []byte("labels = [\"person\", \"ORG\", \"Person\"]\nannotator = \"ana\"\n[keys]\nquit = [\"Q\"]\n[colors]\nORG = \"#00ff00\"\n"), 0o644)
	cfg, err = Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(cfg.Labels, ",") != "PERSON,ORG" || cfg.Annotator != "ana" || cfg.Keys["quit"][0] != "Q" || cfg.Colors["ORG"] != "#00ff00" {
		t.Fatalf("parsed %+v", cfg)
	}
	os.WriteFile(p, []byte("labels = [\"A\"]\nannotator = \n"), 0o644)
	_, err = Load(p)
	if err == nil || !strings.Contains(err.Error(), p+":2") {
		t.Fatalf("want an error naming file and line, got %v", err)
	}
}

func TestSuggestionsKey(t *testing.T) {
	dir := t.TempDir()
	cfg, _ := Load(filepath.Join(dir, "missing.toml"))
	if !cfg.SuggestionsOn() {
		t.Fatal("suggestions are off by default")
	}
	p := filepath.Join(dir, "config.toml")
	os.WriteFile(p, []byte("suggestions = false\n"), 0o644)
	if cfg, err := Load(p); err != nil || cfg.SuggestionsOn() {
		t.Fatalf("suggestions = false: on %v, err %v", cfg.SuggestionsOn(), err)
	}
	os.WriteFile(p, []byte("suggestions = true\n"), 0o644)
	if cfg, err := Load(p); err != nil || !cfg.SuggestionsOn() {
		t.Fatalf("suggestions = true: on %v, err %v", cfg.SuggestionsOn(), err)
	}
}
