package store

import "database/sql"

// DB is the store's database, for the package's black-box tests that set
// up what the API cannot (a page limit, a row edited behind its back).
func DB(s *SQLite) *sql.DB { return s.db }
