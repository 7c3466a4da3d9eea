package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gazette/data"
	"gazette/handlers"
	"gazette/static"
)

// servedDataDir serves a demo site from a data directory of its own, as `gazette serve` does,
// with one editor; it returns the directory, the store and the site's URL.
func servedDataDir(t *testing.T) (string, *data.Store, string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	store, media, err := openStore(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := importDemo(ctx, store, media, "127.0.0.1:8080"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateEditor(ctx, data.NewEditor{Email: "ed@example.com", Name: "Ed", Role: data.RoleEditor, Password: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(handlers.New(handlers.Deps{Store: store, Media: media, Assets: assets, Logger: slog.New(slog.DiscardHandler)}))
	t.Cleanup(srv.Close)
	return dir, store, srv.URL
}

func pngOf(t testing.TB, seed int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 48, 32))
	for i := range img.Pix {
		img.Pix[i] = uint8(i*seed + seed)
	}
	img.Set(0, 0, color.RGBA{uint8(seed), 1, 2, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBackupDuringLoad takes a backup while an editor saves articles and uploads images and
// readers' comments arrive, restores it into a fresh directory, and checks that every write
// acknowledged before the backup began is there, with every media file the store refers to.
func TestBackupDuringLoad(t *testing.T) {
	ctx := context.Background()
	dataDir, store, base := servedDataDir(t)
	w := loginWriter(t, base, "ed@example.com", "correct horse battery")
	demo, err := store.AllArticles(ctx)
	if err != nil || len(demo) == 0 {
		t.Fatalf("demo articles: %d %v", len(demo), err)
	}

	var mu sync.Mutex
	var acked []string // article titles and comment bodies, in acknowledgement order
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // the editor
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			title := fmt.Sprintf("Load article %d", i)
			if err := w.publish(title); err != nil {
				t.Error(err)
				return
			}
			if i%5 == 0 {
				if err := w.upload(pngOf(t, i+1)); err != nil {
					t.Error(err)
					return
				}
			}
			mu.Lock()
			acked = append(acked, title)
			mu.Unlock()
		}
	}()
	go func() { // the readers, fewer than one article's comment page holds (2000)
		defer wg.Done()
		for i := 0; i < 1500; i++ {
			select {
			case <-stop:
				return
			default:
			}
			body := fmt.Sprintf("Load comment %d", i)
			if _, err := store.AddComments(ctx, []data.NewComment{{ArticleID: demo[0].ID, Status: data.CommentApproved,
				Name: "Reader", Body: body, IP: "127.0.0.1"}}); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			acked = append(acked, body)
			mu.Unlock()
			time.Sleep(2 * time.Millisecond)
		}
	}()
	waitFor := func(n int) {
		t.Helper()
		deadline := time.Now().Add(time.Minute)
		for {
			mu.Lock()
			got := len(acked)
			mu.Unlock()
			if got >= n {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("the writers stopped after %d writes", got)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	waitFor(30)
	mu.Lock()
	before := append([]string(nil), acked...)
	mu.Unlock()
	dest := filepath.Join(t.TempDir(), "backup-1")
	out, err := runCLI(t, "", "backup", dest, "--data", dataDir)
	if err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Backed up to "+dest) {
		t.Errorf("no summary line: %q", out)
	}
	waitFor(len(before) + 10) // the writers carried on while the backup ran
	close(stop)
	wg.Wait()

	fresh := filepath.Join(t.TempDir(), "restored")
	if out, err := runCLI(t, "", "restore", dest, "--data", fresh); err != nil || !strings.Contains(out, "Restored into") {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	titles := storedTitles(t, fresh)
	comments := commentBodies(t, fresh, demo[0].ID)
	for _, w := range before {
		if !titles[w] && !comments[w] {
			t.Errorf("acknowledged before the backup, missing from it: %q", w)
		}
	}
	info, err := data.InspectSnapshot(ctx, filepath.Join(fresh, "gazette.db"))
	if err != nil {
		t.Fatal(err) // includes integrity_check
	}
	if info.Counts["media"] == 0 {
		t.Error("no uploads in the backup")
	}
	for _, name := range info.Files {
		if _, err := os.Stat(filepath.Join(fresh, "media", filepath.FromSlash(name))); err != nil {
			t.Errorf("media file the store refers to is missing: %v", err)
		}
	}
	if out, err := runCLI(t, "", "restore", dest, "--data", fresh); err == nil || !strings.Contains(out+err.Error(), "not empty") {
		t.Errorf("restore into a used directory: %v %s", err, out)
	}
}

// commentBodies lists the bodies of an article's comments in a data directory's store.
func commentBodies(t testing.TB, dataDir string, articleID int64) map[string]bool {
	t.Helper()
	store, err := data.Open(context.Background(), filepath.Join(dataDir, "gazette.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	list, err := store.ArticleComments(context.Background(), articleID, "")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, c := range list {
		out[c.Body] = true
	}
	return out
}
