// Package replica keeps a copy of the store off the machine, continuously: Litestream (used as a
// library, in the same process) ships the database's WAL to a folder or an S3-compatible bucket
// about once a second, and new media files are copied beside it. A fresh data directory can be
// filled from the replica before the site starts.
package replica

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/benbjohnson/litestream"
	"github.com/benbjohnson/litestream/file"
	lss3 "github.com/benbjohnson/litestream/s3"
)

// S3Settings reach an S3-compatible store (AWS, MinIO, Garage, R2). cmd fills them from the
// environment; empty keys mean the AWS SDK's own credential chain.
type S3Settings struct {
	Endpoint        string // "http://127.0.0.1:9000"; empty for AWS itself
	Region          string
	AccessKeyID     string
	SecretAccessKey string
}

// Config says where the replica lives: file:///path or s3://bucket/prefix.
type Config struct {
	URL string
	S3  S3Settings
}

// target is an opened replica location: Litestream's client for the database under db/, and a
// blob store for media files under media/.
type target struct {
	ltx   litestream.ReplicaClient
	media blobStore
	name  string // the URL without credentials, for logs and status
}

// blobStore holds media files by stored name ("ab/ab12….jpg").
type blobStore interface {
	List(ctx context.Context) (map[string]bool, error)
	Put(ctx context.Context, name, src string) error
	Fetch(ctx context.Context, name, dst string) error
}

func openTarget(cfg Config) (*target, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("replica URL %q: %w", cfg.URL, err)
	}
	name := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
	switch u.Scheme {
	case "file":
		root := u.Path
		if u.Host != "" || root == "" || !filepath.IsAbs(root) {
			return nil, fmt.Errorf("replica URL %q: a file URL needs an absolute path, as in file:///var/backups/gazette", cfg.URL)
		}
		return &target{ltx: file.NewReplicaClient(filepath.Join(root, "db")), media: dirStore{filepath.Join(root, "media")}, name: name}, nil
	case "s3":
		if u.Host == "" {
			return nil, fmt.Errorf("replica URL %q: name the bucket, as in s3://bucket/gazette", cfg.URL)
		}
		prefix := strings.Trim(u.Path, "/")
		c := lss3.NewReplicaClient()
		c.Bucket, c.Path = u.Host, path.Join(prefix, "db")
		c.Region, c.Endpoint = cfg.S3.Region, cfg.S3.Endpoint
		c.AccessKeyID, c.SecretAccessKey = cfg.S3.AccessKeyID, cfg.S3.SecretAccessKey
		// Self-hosted stores (MinIO, Garage) answer on a path, not a bucket subdomain.
		c.ForcePathStyle = cfg.S3.Endpoint != ""
		if c.Region == "" {
			c.Region = "us-east-1"
		}
		media, err := newS3Store(cfg.S3, c.Region, u.Host, path.Join(prefix, "media"))
		if err != nil {
			return nil, err
		}
		return &target{ltx: c, media: media, name: name}, nil
	}
	return nil, fmt.Errorf("replica URL %q: only file:// and s3:// replicas are supported", cfg.URL)
}

// dirStore keeps media files in a folder with the media folder's own layout.
type dirStore struct{ root string }

func (d dirStore) List(ctx context.Context) (map[string]bool, error) {
	return listFolder(d.root)
}

func (d dirStore) Put(ctx context.Context, name, src string) error {
	return copyAtomically(src, filepath.Join(d.root, filepath.FromSlash(name)))
}

func (d dirStore) Fetch(ctx context.Context, name, dst string) error {
	return copyAtomically(filepath.Join(d.root, filepath.FromSlash(name)), dst)
}

// listFolder lists the files of a media-style folder (two-letter subfolders) by stored name,
// leaving out files being written (their names start with a dot).
func listFolder(root string) (map[string]bool, error) {
	out := map[string]bool{}
	subs, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", root, err)
	}
	for _, sub := range subs {
		if !sub.IsDir() || strings.HasPrefix(sub.Name(), ".") {
			continue
		}
		files, err := os.ReadDir(filepath.Join(root, sub.Name()))
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", root, err)
		}
		for _, f := range files {
			if !f.IsDir() && !strings.HasPrefix(f.Name(), ".") {
				out[sub.Name()+"/"+f.Name()] = true
			}
		}
	}
	return out, nil
}

// copyAtomically copies src to dst through a temporary file, so dst is whole or absent.
func copyAtomically(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeAtomically(in, dst)
}

func writeAtomically(r io.Reader, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".copy-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, r); err != nil {
		tmp.Close()
		return fmt.Errorf("copy to %s: %w", dst, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
