package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"storydesk/data/store"
	"storydesk/data/store/postgres"
	"storydesk/internal/config"
	"storydesk/model"
)

// Opening the annotation store, wherever --db is taken: a file (SQLite,
// the default) or a PostgreSQL server (postgres:// or postgresql://, for a
// team). Both give the same *store.SQLite: one implementation, two
// databases.

// openStore opens db as annotator who.
func openStore(db, who string) (*store.SQLite, error) {
	if postgres.IsServerDSN(db) {
		return store.OpenPostgres(db, who)
	}
	return store.OpenSQLite(db, who)
}

// storeName is db as messages show it: a server's address without its
// password, a file's path without control characters.
func storeName(db string) string {
	if postgres.IsServerDSN(db) {
		return model.SanitizeLine(postgres.MaskDSN(db))
	}
	return model.SanitizeLine(db)
}

// storeExists says whether reading db can go ahead without creating a store
// (a server's database is checked when it is opened).
func storeExists(db string) bool {
	if postgres.IsServerDSN(db) {
		return true
	}
	_, err := os.Stat(db)
	return err == nil
}

// annotatorName is who annotates: the flag, else the config file's name,
// else the OS user.
func annotatorName(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	cfg, err := config.Load(config.DefaultPath())
	if err != nil {
		return "", err
	}
	if cfg.Annotator != "" {
		return cfg.Annotator, nil
	}
	return osUser(), nil
}

// GoldLayer is the curated layer adjudication writes (--layer gold).
const GoldLayer = "gold"

// layerFlag resolves --annotator and --layer for a command that reads one
// layer: --layer gold is the gold layer; a name given is that layer; with
// neither, the store's only layer when it has one, else the user's own.
func readLayer(ann *store.SQLite, annotator, layer string) (string, error) {
	switch {
	case layer != "" && layer != GoldLayer:
		return "", fmt.Errorf("--layer: the only named layer is %s (for an annotator's, give --annotator NAME): %w", GoldLayer, errUsage)
	case layer != "" && annotator != "":
		return "", fmt.Errorf("give --annotator or --layer, not both: %w", errUsage)
	case layer != "":
		return GoldLayer, nil
	case annotator != "":
		return annotator, nil
	}
	names, err := ann.Annotators(context.Background())
	if err != nil {
		return "", err
	}
	if len(names) == 1 {
		return names[0], nil
	}
	who, err := annotatorName("")
	if err != nil {
		return "", err
	}
	for _, n := range names {
		if n == who {
			return who, nil
		}
	}
	if len(names) == 0 {
		return who, nil
	}
	return "", errors.New("the store holds the layers of " + strings.Join(quoteNames(names), ", ") + ": give --annotator NAME (or --layer gold)")
}

func quoteNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = model.SanitizeLine(n)
	}
	return out
}

// flagErr is a flag parsing error as run returns it: help asked for, or a
// bad command line (the flag package has printed why).
func flagErr(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return errUsage
}
