package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"gazette/hugosite"
)

// runExport writes the store as a Hugo site into a folder.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", stderr)
	dataDir := fs.String("data", defaultDataDir, "data directory")
	force := fs.Bool("force", false, "write into a folder that is not empty (files are written over, none deleted)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `Usage: gazette export [--data DIR] [--force] FOLDER

Writes the site as a Hugo site Hugo builds: config.toml, every article at its source path in
its own front-matter format, bundle files, static files and the uploads articles link to.
The theme is not part of the export: put it back in themes/ as before.`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, getenv); err != nil {
		return err
	}
	if fs.NArg() > 1 { // flags after the folder
		dir := fs.Arg(0)
		if err := parseFlags(fs, fs.Args()[1:], getenv); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			fs.Usage()
			return errors.New("export: name one folder")
		}
		return exportTo(ctx, dir, *dataDir, *force, stdout)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("export: name the folder to write the Hugo site into")
	}
	return exportTo(ctx, fs.Arg(0), *dataDir, *force, stdout)
}

func exportTo(ctx context.Context, dir, dataDir string, force bool, stdout io.Writer) error {
	if err := hugosite.PrepareExportDir(dir, force); err != nil {
		return err
	}
	store, media, err := openStore(ctx, dataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := hugosite.Export(ctx, store, media, hugosite.DirWriter{Root: dir})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "exported %d articles, %d list pages, %d bundle files, %d static files, %d uploads to %s\n",
		rep.Articles, rep.ListPages, rep.BundleFiles, rep.StaticFiles, rep.Uploads, dir)
	return nil
}
