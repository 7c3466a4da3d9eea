package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"gazette/data"
)

// deskWriter is an editor saving articles through the desk's forms, as a browser does: the
// writes a backup or a replica must not lose.
type deskWriter struct {
	base   string
	client *http.Client
	csrf   string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// loginWriter logs an editor in at base (a running site) and fails the test unless it worked.
func loginWriter(t testing.TB, base, email, password string) *deskWriter {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	w := &deskWriter{base: base, client: &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	tok, err := w.token("/admin/login")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := w.post("/admin/login", url.Values{"csrf": {tok}, "email": {email}, "password": {password}}, "", nil)
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %v %v", resp, err)
	}
	if w.csrf, err = w.token("/admin/articles/new"); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *deskWriter) token(path string) (string, error) {
	resp, err := w.client.Get(w.base + path)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := csrfField.FindSubmatch(b)
	if m == nil {
		return "", fmt.Errorf("%s: no form token (status %d)", path, resp.StatusCode)
	}
	return string(m[1]), nil
}

// post sends a multipart form, with one file when field is set.
func (w *deskWriter) post(path string, form url.Values, field string, file []byte) (*http.Response, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if field != "" {
		fw, _ := mw.CreateFormFile(field, "photo.png")
		fw.Write(file)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, w.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", w.base)
	resp, err := w.client.Do(req)
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp, nil
}

// publish saves a new published article; nil means the site acknowledged it (303).
func (w *deskWriter) publish(title string) error {
	resp, err := w.post("/admin/articles/new", url.Values{"csrf": {w.csrf}, "title": {title}, "body": {"Text of " + title + "."},
		"lang": {"en"}, "section": {"news"}, "version": {"0"}, "action": {"publish"}}, "", nil)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("publish %q: status %d", title, resp.StatusCode)
	}
	return nil
}

// upload adds an image to the media library; nil means acknowledged.
func (w *deskWriter) upload(png []byte) error {
	resp, err := w.post("/admin/media", url.Values{"csrf": {w.csrf}}, "file", png)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("upload: status %d", resp.StatusCode)
	}
	return nil
}

// storedTitles lists the article titles in a data directory's store.
func storedTitles(t testing.TB, dataDir string) map[string]bool {
	t.Helper()
	ctx := context.Background()
	store, err := data.Open(ctx, filepath.Join(dataDir, "gazette.db"), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := store.IntegrityCheck(ctx); err != nil {
		t.Errorf("%s: %v", dataDir, err)
	}
	list, err := store.AllArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, a := range list {
		out[a.Title] = true
	}
	return out
}
