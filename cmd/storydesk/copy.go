package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"storydesk/data/store"
	"storydesk/data/store/postgres"
)

// runCopy copies a whole annotation store into a new one: a SQLite file
// into a team's PostgreSQL database, or back.
func runCopy(args []string, stderr io.Writer) error {
	fs := subcommandFlags("copy", "copy --from STORE --to STORE  (STORE: a .db file or postgres://…)", stderr)
	from := fs.String("from", "", "the store to copy: a `PATH` or postgres://…")
	to := fs.String("to", "", "the new store: a `PATH` that does not exist yet, or an empty postgres://… database")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if *from == "" || *to == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	if !storeExists(*from) {
		return fmt.Errorf("no annotation store at %s", storeName(*from))
	}
	if !postgres.IsServerDSN(*to) {
		if _, err := os.Stat(*to); err == nil {
			return fmt.Errorf("%s exists: copy into a new file (or an empty database)", storeName(*to))
		}
	}
	src, err := openStore(*from, "")
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := openStore(*to, "")
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, err := store.CopyStore(ctx, src, dst)
	dst.Close()
	if err != nil {
		if !postgres.IsServerDSN(*to) {
			os.Remove(*to) // nothing was committed: leave no empty store behind
			os.Remove(*to + "-wal")
			os.Remove(*to + "-shm")
		}
		return err
	}
	fmt.Fprintf(stderr, "storydesk: copied %s from %s to %s\n", st, storeName(*from), storeName(*to))
	return nil
}
