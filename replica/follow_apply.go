package replica

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"github.com/benbjohnson/litestream"
	"github.com/superfly/ltx"
	"golang.org/x/sys/unix"
)

// SQLite's lock bytes (os_unix.c): a writer takes PENDING, then every SHARED byte; a reader
// takes a read lock on the SHARED range for each read transaction. Taking them as a writer
// does makes a reading SQLite in another process wait for a whole transaction.
const (
	pendingByte = 0x40000000
	sharedFirst = pendingByte + 2
	sharedSize  = 510
)

// bufferedApplyBytes is how much of an LTX file is read and checked before the database is
// locked: every level-0 file of a news site, so a torn or corrupt file is never half applied
// and readers wait only for the writes. A larger one (a snapshot after a long absence) is
// written while it streams.
const bufferedApplyBytes = 64 << 20

type ltxPage struct {
	pgno uint32
	data []byte
}

// applyLTX writes one LTX file's pages into the database at dbPath the way SQLite's own
// rollback-journal commit would look to a reader: under SQLite's locks, then truncated to the
// transaction's size, and with page 1's header saying what changed (see stampHeader).
func applyLTX(ctx context.Context, client litestream.ReplicaClient, info *ltx.FileInfo, dbPath string) error {
	rc, err := client.OpenLTXFile(ctx, info.Level, info.MinTXID, info.MaxTXID, 0, 0)
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	defer rc.Close()
	dec := ltx.NewDecoder(rc)
	if err := dec.DecodeHeader(); err != nil {
		return fmt.Errorf("decode header: %w", err)
	}
	hdr := dec.Header()
	f, err := os.OpenFile(dbPath, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()

	var pending []ltxPage
	locked := false
	lock := func() error {
		if err := lockWriter(f); err != nil {
			return err
		}
		locked = true
		return nil
	}
	defer func() {
		if locked {
			unlockWriter(f)
		}
	}()
	flush := func() error {
		for _, p := range pending {
			if _, err := f.WriteAt(p.data, int64(p.pgno-1)*int64(hdr.PageSize)); err != nil {
				return fmt.Errorf("write page %d: %w", p.pgno, err)
			}
		}
		pending = pending[:0]
		return nil
	}
	for size := 0; ; {
		var ph ltx.PageHeader
		data := make([]byte, hdr.PageSize)
		if err := dec.DecodePage(&ph, data); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("decode page: %w", err)
		}
		pending = append(pending, ltxPage{ph.Pgno, data})
		size += len(data)
		if size > bufferedApplyBytes {
			if !locked {
				if err := lock(); err != nil {
					return err
				}
			}
			if err := flush(); err != nil {
				return err
			}
			size = 0
		}
	}
	if err := dec.Close(); err != nil { // the trailer's checksum
		return fmt.Errorf("verify: %w", err)
	}
	if !locked {
		if err := lock(); err != nil {
			return err
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if hdr.Commit > 0 {
		if err := f.Truncate(int64(hdr.Commit) * int64(hdr.PageSize)); err != nil {
			return fmt.Errorf("truncate: %w", err)
		}
	}
	if err := stampHeader(f, hdr.Commit); err != nil {
		return err
	}
	return f.Sync()
}

// stampHeader makes page 1's header tell readers what happened, as a rollback-journal commit
// does (https://sqlite.org/fileformat2.html#database_header):
//   - bytes 18-19 = 1: rollback journal, not WAL. The primary's pages say WAL; a reader that
//     believed them would hold a lock while it stays open and this follower would wait forever.
//   - bytes 24-27, the file change counter, one up: a reader compares bytes 24-39 with what it
//     saw at its last transaction and keeps its cached pages while they match. A WAL database
//     does not count its commits there, so without this a reader would keep serving pages
//     from before the change (and PRAGMA data_version would not move either).
//   - bytes 92-95 = the counter, and 28-31 = the size in pages: "the in-header size is valid".
func stampHeader(f *os.File, pages uint32) error {
	var h [100]byte
	if _, err := f.ReadAt(h[:], 0); err != nil {
		return fmt.Errorf("read header: %w", err)
	}
	h[18], h[19] = 1, 1
	counter := binary.BigEndian.Uint32(h[24:28]) + 1
	binary.BigEndian.PutUint32(h[24:28], counter)
	binary.BigEndian.PutUint32(h[92:96], counter)
	if pages > 0 {
		binary.BigEndian.PutUint32(h[28:32], pages)
	}
	if _, err := f.WriteAt(h[:], 0); err != nil {
		return fmt.Errorf("write header: %w", err)
	}
	return nil
}

// markRestored stamps a freshly restored copy, before anyone may open it (see stampHeader).
func markRestored(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	var ps [2]byte
	if _, err := f.ReadAt(ps[:], 16); err != nil {
		return fmt.Errorf("read page size: %w", err)
	}
	pageSize := int64(binary.BigEndian.Uint16(ps[:]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if err := stampHeader(f, uint32(st.Size()/pageSize)); err != nil {
		return err
	}
	return f.Sync()
}

// lockWriter takes SQLite's PENDING lock, so no new reader starts, then waits for the readers
// in flight to finish and holds every SHARED byte. fcntl locks belong to the process, which
// is why the follower and the server reading the copy must be two processes.
func lockWriter(f *os.File) error {
	if err := fcntlLock(f, unix.F_WRLCK, pendingByte, 1); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	if err := fcntlLock(f, unix.F_WRLCK, sharedFirst, sharedSize); err != nil {
		fcntlLock(f, unix.F_UNLCK, pendingByte, 1)
		return fmt.Errorf("lock: %w", err)
	}
	return nil
}

func unlockWriter(f *os.File) {
	fcntlLock(f, unix.F_UNLCK, sharedFirst, sharedSize)
	fcntlLock(f, unix.F_UNLCK, pendingByte, 1)
}

func fcntlLock(f *os.File, typ int16, start, length int64) error {
	lk := unix.Flock_t{Type: typ, Whence: io.SeekStart, Start: start, Len: length}
	return unix.FcntlFlock(f.Fd(), unix.F_SETLKW, &lk)
}
