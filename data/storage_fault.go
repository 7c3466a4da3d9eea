package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// StorageFault says why the store cannot write right now ("the disk is full", "the data
// directory is read-only"), or "" when err is not about the storage under the store. Such an
// error is the machine's, not the request's: readers can go on reading, and a writer should be
// told to try again later, not that something broke.
func StorageFault(err error) string {
	if err == nil {
		return ""
	}
	switch {
	case errors.Is(err, ErrStandby):
		return ErrStandby.Error()
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return "the disk is full"
	case errors.Is(err, syscall.EROFS):
		return "the data directory is read-only"
	case errors.Is(err, syscall.EIO):
		return "the disk reports input/output errors"
	}
	code, ok := sqliteResult(err)
	if !ok {
		return ""
	}
	switch code {
	case sqlite3.SQLITE_FULL:
		return "the disk is full"
	case sqlite3.SQLITE_READONLY:
		return "the database is read-only"
	case sqlite3.SQLITE_IOERR:
		return "the disk reports input/output errors"
	case sqlite3.SQLITE_CANTOPEN:
		return "the database file cannot be opened"
	}
	return ""
}

// CheckWritable commits one tiny write, the only honest test: a full disk or a read-only
// filesystem shows only when SQLite actually writes. The error, if any, names the fault.
func (s *Store) CheckWritable(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO write_probe (id, checked_at) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at`, s.now().Unix())
	if err != nil {
		return describeFault("database", err)
	}
	return nil
}

// CheckWritable writes and removes a small file in the media folder, where uploads go.
func (m *MediaDir) CheckWritable() error {
	f, err := os.CreateTemp(m.root, ".probe-*")
	if err != nil {
		return describeFault("media folder", err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, 4096))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return describeFault("media folder", err)
	}
	return nil
}

// describeFault wraps err with the plain-words reason when it is a storage fault.
func describeFault(what string, err error) error {
	if reason := StorageFault(err); reason != "" {
		return fmt.Errorf("%s cannot be written: %s: %w", what, reason, err)
	}
	return fmt.Errorf("%s cannot be written: %w", what, err)
}

// IsStorageFull reports whether err comes from a write the disk (or the database's size limit)
// had no room for.
func IsStorageFull(err error) bool { return StorageFault(err) == "the disk is full" }

// sqliteResult is the primary SQLite result code an error carries (extended codes keep it in
// the low byte); ok is false when the error did not come from SQLite.
func sqliteResult(err error) (code int, ok bool) {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return 0, false
	}
	return se.Code() & 0xff, true
}
