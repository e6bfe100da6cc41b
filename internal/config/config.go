package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"

	"storydesk/model"
)

// MaxLabels bounds a label set: the first nine are on keys 1–9, the rest
// reached through the label picker.
const MaxLabels = 64

// Config is the user's config file, $XDG_CONFIG_HOME/storydesk/config.toml:
//
//	labels = ["PERSON", "ORG", "GPE"]      # keys 1–9 in this order, all in the picker (0 or p)
//	annotator = "ana"
//	theme = "dark"                          # or "light"; default: ask the terminal
//	suggestions = false                     # entity suggestions in annotate mode (default on)
//	[keys]                                  # rebind any action: KeyMap field names, lower-cased (storydesk -h lists them)
//	quit = ["q", "ctrl+c"]
//	[colors]                                # label colours, hex
//	PERSON = "#ff8800"
//	max_article_mb = 64                     # the size limit on one article (file, JSONL line, .gz, stdin)
type Config struct {
	Labels    []string            `toml:"labels"`
	Annotator string              `toml:"annotator"`
	Theme     string              `toml:"theme"`
	Keys      map[string][]string `toml:"keys"`
	Colors    map[string]string   `toml:"colors"`
	Path      string              `toml:"-"` // the file it came from, if any
	// Suggestions, when false, starts annotate mode without entity
	// suggestions (nil: on).
	Suggestions *bool `toml:"suggestions"`
	// MaxArticleMB is the size limit on one article in MB (0: the default).
	MaxArticleMB int `toml:"max_article_mb"`
}

// SuggestionsOn reports whether annotate mode starts with suggestions.
func (c Config) SuggestionsOn() bool { return c.Suggestions == nil || *c.Suggestions }

// DefaultPath is where Load looks when no path is given:
// $XDG_CONFIG_HOME/storydesk/config.toml, else ~/.config/storydesk/config.toml.
func DefaultPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "storydesk", "config.toml")
}

// Load reads the config file at path; a missing file is no error (the
// defaults apply), a broken one is, with the file and line.
func Load(path string) (Config, error) {
	cfg := Config{Labels: model.DefaultLabels}
	if path == "" {
		return cfg, nil
	}
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	var file Config
	if _, err := toml.Decode(string(raw), &file); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return cfg, fmt.Errorf("config %s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	file.Path = path
	if labels := model.NormalizeLabels(file.Labels); len(labels) > 0 {
		file.Labels = labels
	} else {
		file.Labels = cfg.Labels
	}
	if file.MaxArticleMB < 0 || file.MaxArticleMB > 1<<20 {
		return cfg, fmt.Errorf("config %s: max_article_mb = %d: give a size in MB, 1 or more", path, file.MaxArticleMB)
	}
	if len(file.Labels) > MaxLabels {
		return cfg, fmt.Errorf("config %s: %d labels, at most %d", path, len(file.Labels), MaxLabels)
	}
	return file, nil
}

// DataHome is the XDG data directory: $XDG_DATA_HOME when it is absolute,
// else ~/.local/share, else the temporary directory. Stores that cannot live
// beside their corpus go under DataHome()/storydesk.
func DataHome() string {
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return d
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share")
	}
	return os.TempDir()
}
