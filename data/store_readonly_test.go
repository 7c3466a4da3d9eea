package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gazette.db")
	s, err := Open(ctx, path, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	t.Run("a WAL file is refused", func(t *testing.T) {
		// A reader of a WAL database holds its lock while open: the follower would wait forever.
		if _, err := OpenReadOnly(ctx, path, nil); err == nil || !strings.Contains(err.Error(), "WAL") {
			t.Fatalf("OpenReadOnly on a WAL file: %v, want a refusal naming WAL", err)
		}
	})
	t.Run("a rollback-journal copy is read, never written", func(t *testing.T) {
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteAt([]byte{1, 1}, 18) // what replica.Follow stamps on its copy
		f.Close()
		ro, err := OpenReadOnly(ctx, path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		if !ro.ReadOnly() {
			t.Error("ReadOnly() is false")
		}
		if _, err := ro.CountArticles(ctx); err != nil {
			t.Errorf("read: %v", err)
		}
		err = ro.CheckWritable(ctx)
		if err == nil || StorageFault(err) == "" {
			t.Errorf("a write on the read-only store: %v, want a storage fault (503, not 500)", err)
		}
	})
	if got := StorageFault(errors.Join(errors.New("save"), ErrStandby)); got != ErrStandby.Error() {
		t.Errorf("StorageFault(ErrStandby) = %q", got)
	}
}
