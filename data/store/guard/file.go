package guard

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"modernc.org/sqlite"

	"storydesk/data/store/schema"
	"storydesk/model"
)

// Other people's files: before anything is written, CheckFile makes sure
// the path is a storydesk store, a new file, or an empty database. A store
// is marked by its application_id (the header's bytes 68–71, PRAGMA
// application_id); stores made before that mark existed are recognised by
// their schema, then stamped.

// ApplicationID marks a SQLite file as a storydesk store ("SDsk").
const ApplicationID = 0x5344736b

// ErrNotStore: the path is not a storydesk store (another program's
// database, a folder, a pipe, a device); it was not touched.
var ErrNotStore = errors.New("not a storydesk annotation store")

// knownApps names some registered application ids (SQLite's magic.txt).
var knownApps = map[uint32]string{
	0x0f055111: "a Fossil repository",
	0x0f055112: "a Fossil checkout",
	0x0f055113: "a Fossil configuration",
	0x47504b47: "a GeoPackage",
	0x47503130: "a GeoPackage",
	0x47503131: "a GeoPackage",
	0x4d504258: "an MBTiles tile set",
}

// storeTables are the tables every storydesk schema has (version 1's).
var storeTables = []string{"actions", "articles", "spans", "state"}

// CheckFile refuses, without writing a byte, a path that is not a file
// (a folder, a pipe, a device: opening a pipe would hang, and SQLite would
// put a -journal beside a device), a file that is not SQLite, another
// program's database and a store from a newer storydesk.
func CheckFile(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // a new store
	}
	if err != nil {
		return fmt.Errorf("annotation store %s: %w", path, err)
	}
	if what := notAFile(fi.Mode()); what != "" {
		return fmt.Errorf("annotation store %s: %w: it is %s, not a file; give --db the path of a store file (a new one is created)", path, ErrNotStore, what)
	}
	if fi.Size() == 0 {
		return nil // an empty file: a fresh database
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("annotation store %s: %w", path, err)
	}
	head := make([]byte, 100)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if n < 16 || string(head[:16]) != "SQLite format 3\x00" {
		return &Error{Path: path, Fault: FaultDamaged, AtOpen: true, Err: errors.New("not a SQLite database: damaged, or not a storydesk store")}
	}
	if n < 100 {
		return &Error{Path: path, Fault: FaultDamaged, AtOpen: true, Err: errors.New("cannot read it (its header is cut short)")}
	}
	version := int(binary.BigEndian.Uint32(head[60:64]))
	app := binary.BigEndian.Uint32(head[68:72])
	switch {
	case app == ApplicationID:
		if version > schema.Version {
			return tooNew(path, version)
		}
		return nil
	case app != 0:
		what := knownApps[app]
		if what == "" {
			what = "another program's SQLite database"
		}
		return fmt.Errorf("annotation store %s: %w: it is %s (application_id %#08x); it was left untouched — choose another file with --db", path, ErrNotStore, what, app)
	}
	return checkUnmarked(path, version)
}

// tooNew is the refusal of a store a newer storydesk wrote.
func tooNew(path string, v int) error {
	return fmt.Errorf("%w: %s has schema version %d, this binary knows up to %d; upgrade storydesk (it never downgrades a store); it was left untouched", ErrSchemaTooNew, path, v, schema.Version)
}

// notAFile names what a non-regular file is, or "".
func notAFile(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// checkUnmarked reads the schema of a SQLite file without the storydesk mark,
// read-only (immutable when no -wal holds saves, so not even a -shm is
// made): a storydesk store from before the mark has storydesk's tables and
// a known version; an empty database is taken as new; anything else is
// another program's and is refused.
func checkUnmarked(path string, version int) error {
	q := url.Values{}
	q.Set("mode", "ro")
	if !WALHolds(path) {
		q.Set("immutable", "1")
	}
	conn, err := sqlite.NewConnector(FileURI(path) + "?" + q.Encode())
	if err != nil {
		return fmt.Errorf("annotation store %s: %w", path, err)
	}
	db := sql.OpenDB(conn)
	defer db.Close()
	// The header may be behind the journal: ask SQLite, which reads both.
	var app int64
	if err := db.QueryRowContext(context.Background(), "PRAGMA user_version").Scan(&version); err != nil {
		return &Error{Path: path, Fault: FaultDamaged, AtOpen: true, Err: fmt.Errorf("cannot read it (%v)", err)}
	}
	if err := db.QueryRowContext(context.Background(), "PRAGMA application_id").Scan(&app); err == nil && uint32(app) == ApplicationID {
		if version > schema.Version {
			return tooNew(path, version)
		}
		return nil
	}
	rows, err := db.QueryContext(context.Background(), `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return &Error{Path: path, Fault: FaultDamaged, AtOpen: true, Err: fmt.Errorf("cannot read it (%v)", err)}
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err == nil {
			tables = append(tables, name)
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return &Error{Path: path, Fault: FaultDamaged, AtOpen: true, Err: fmt.Errorf("cannot read it (%v)", err)}
	}
	if len(tables) == 0 && version == 0 {
		return nil // no schema yet: a database nobody has used
	}
	have := map[string]bool{}
	for _, t := range tables {
		have[t] = true
	}
	ours := version >= 1
	for _, t := range storeTables {
		ours = ours && have[t]
	}
	if ours && version > schema.Version {
		return tooNew(path, version)
	}
	if ours {
		return nil // an older storydesk's store: stamped once opened
	}
	sort.Strings(tables)
	list := tables
	if len(list) > 5 {
		list = append(list[:5:5], fmt.Sprintf("and %d more", len(tables)-5))
	}
	what := "an empty SQLite database with a schema version of its own"
	if len(tables) > 0 {
		what = "another program's SQLite database (its tables: " + model.SanitizeLine(strings.Join(list, ", ")) + ")"
	}
	return fmt.Errorf("annotation store %s: %w: it is %s; it was left untouched — choose another file with --db", path, ErrNotStore, what)
}

// FileURI makes path a SQLite file: URI. SQLite decodes %HH in it, and a
// '?' or '#' would end the name: those three are escaped.
func FileURI(path string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(filepath.ToSlash(path))
}

// WALHolds says whether path's -wal journal holds anything.
func WALHolds(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return err == nil && fi.Size() > 0
}
