package data

import (
	"errors"
	"syscall"

	"modernc.org/sqlite"
)

// sqliteFull is SQLite's result code for "database or disk is full" (SQLITE_FULL).
const sqliteFull = 13

// IsStorageFull reports whether err comes from a write the disk (or the database's size limit)
// had no room for: the request can be answered 503, and the site goes on serving reads.
func IsStorageFull(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqliteFull {
		return true
	}
	return errors.Is(err, syscall.ENOSPC)
}
