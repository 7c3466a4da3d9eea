package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"

	"gazette/content"
)

// runList prints `gazette list all`: the same CSV as `hugo list all`, for every stored article.
func runList(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("list", stderr)
	dataDir := fs.String("data", defaultDataDir, "data directory")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gazette list all [--data DIR]\n\nPrints every article as CSV, in the columns of `hugo list all`.")
		fs.PrintDefaults()
	}
	if len(args) == 0 || args[0] != "all" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return parseFlags(fs, args, getenv)
		}
		fs.Usage()
		return fmt.Errorf("list: say what to list (only \"all\" is supported)")
	}
	if err := parseFlags(fs, args[1:], getenv); err != nil {
		return err
	}
	store, _, err := openStore(ctx, *dataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	set, err := store.SiteSettings(ctx)
	if err != nil {
		return err
	}
	articles, err := store.AllArticles(ctx)
	if err != nil {
		return err
	}
	w := csv.NewWriter(stdout)
	w.Write(content.HugoListHeader)
	for i := range articles {
		w.Write(content.HugoListRow(&articles[i], set.BaseURL))
	}
	w.Flush()
	return w.Error()
}
