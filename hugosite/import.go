// Package hugosite moves whole Hugo sites into the store and back out: Import saves what
// content.ScanSite found (articles, bundle files, static files, settings), Export writes a site
// Hugo builds. Files in and out are content's job; SQL is data's; this package only moves.
package hugosite

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"time"

	"gazette/content"
	"gazette/data"
)

// LoadSources scans one Hugo site root, or a list of content files and folders: every page is
// read once for what the whole site needs (URLs, duplicates), and Import reads them again.
func LoadSources(args []string) (*content.Site, error) {
	if len(args) == 1 && IsSiteRoot(args[0]) {
		return content.ScanSite(args[0])
	}
	return content.ScanFiles(args)
}

// IsSiteRoot reports whether dir looks like a Hugo site: a configuration or a content folder.
func IsSiteRoot(dir string) bool {
	for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json", "config"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	if info, err := os.Stat(filepath.Join(dir, "content")); err == nil && info.IsDir() {
		return true
	}
	return false
}

// Report counts what an import did.
type Report struct {
	Imported, Updated, Unchanged, Skipped, Failed int
	StaticFiles                                   int
	ListPages                                     int // home, section, taxonomy and term pages read
	Problems                                      []content.Problem
	// Shortcodes are the shortcodes the imported pages call (pages left unchanged by a
	// re-import are not read, so not counted), with how each was handled.
	Shortcodes []content.ShortcodeUse
	Took       time.Duration
}

// Print writes the report as `gazette import` shows it.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "imported %d, updated %d, unchanged %d, skipped %d, failed %d (%.1fs)\n",
		r.Imported, r.Updated, r.Unchanged, r.Skipped, r.Failed, r.Took.Seconds())
	if r.ListPages > 0 {
		fmt.Fprintf(w, "list pages (home, sections, taxonomies, terms): %d\n", r.ListPages)
	}
	if r.StaticFiles > 0 {
		fmt.Fprintf(w, "static files: %d, served at the same paths as before\n", r.StaticFiles)
	}
	if len(r.Shortcodes) > 0 {
		fmt.Fprintf(w, "shortcodes (name: uses, how handled):\n")
		for _, u := range r.Shortcodes {
			fmt.Fprintf(w, "  %s: %d, %s\n", u.Name, u.Uses, u.Handled)
		}
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "%s: %s\n", [...]string{"failed", "skipped", "note"}[p.Kind], p)
	}
}

// importBatchPages and importBatchBytes bound what one transaction writes: large enough to be
// fast, small enough that a writer beside the import (an editor's save) never waits long, and
// that an import holds a few batches in memory, not the site. Each commit writes every index
// page its articles touched (their order is the files', not the indexes'), so fewer, larger
// batches write each page fewer times: at 100,000 generated articles (7 KB files), 500
// against 200 wrote 12.8 GB instead of 14.1 GB and took 181 CPU-s against 193 and 111 s
// against 117 (two runs each, back to back), with a peak of 384-405 MiB against 355-364. A
// first import's batch then holds the write lock about 0.4 s; a later import's, which indexes
// search in the transaction, about 1 s. 1,000 was faster again (107 s) but peaked at 444 MiB.
// The byte bound keeps a batch of long articles (24 KB files: about 170 to a batch) from
// growing the import's memory past what batches of 200 cost: 4 MiB is 500 files of 8 KB.
const (
	importBatchPages = 500
	importBatchBytes = 4 << 20
)

// Import renders the site's pages through the content pipeline, copies bundle files into the
// media folder and saves everything in batches, streaming: pages are read again, rendered on
// every core and saved a batch at a time, so memory holds the site's URL index and a few
// batches, never every article. A file whose content hash is the stored one is not read again.
// The site's settings are taken on a first import only, so a newsroom's later edits to them
// are never overwritten.
func Import(ctx context.Context, store *data.Store, media *data.MediaDir, site *content.Site) (Report, error) {
	start := time.Now()
	rep := Report{}
	if err := saveSettingsOnce(ctx, store, site.Config); err != nil {
		return rep, err
	}
	if err := importStaticFiles(ctx, store, media, site, &rep); err != nil {
		return rep, err
	}
	site.RenderListPages()
	if err := importListPages(ctx, store, site, &rep); err != nil {
		return rep, err
	}
	// The first import into an empty store builds the search indexes beside it (data's
	// BulkImport); any other import first repairs the indexes of a first import cut off.
	save := store.SaveArticles
	bulk, err := store.BeginBulkImport(ctx)
	if err != nil {
		return rep, err
	}
	if bulk != nil {
		defer bulk.Abort(ctx)
		save = bulk.SaveArticles
	} else if _, err := store.RepairSearchIndex(ctx); err != nil {
		return rep, err
	}
	stored, err := store.ArticleHashes(ctx)
	if err != nil {
		return rep, err
	}
	var changed []content.Source
	for _, src := range site.Sources {
		if stored[src.SourcePath] == src.ContentHash {
			rep.Unchanged++
			continue
		}
		changed = append(changed, src)
	}
	stored = nil
	err = site.RenderBatches(ctx, changed, content.BatchLimit{Pages: importBatchPages, Bytes: importBatchBytes}, func(pages []content.Page) error {
		return saveBatch(ctx, store, save, media, site, pages, &rep)
	})
	if err != nil {
		return rep, err
	}
	if bulk != nil {
		if err := bulk.Finish(ctx); err != nil {
			return rep, err
		}
	}
	sort.SliceStable(site.Problems, func(i, j int) bool { return site.Problems[i].Path < site.Problems[j].Path })
	seenFailed := map[string]bool{}
	for _, p := range site.Problems {
		switch {
		case p.Kind == content.Skipped:
			rep.Skipped++
		case p.Kind == content.Failed && !seenFailed[p.Path]:
			seenFailed[p.Path] = true
			rep.Failed++
		}
	}
	rep.Problems = site.Problems
	rep.Shortcodes = site.Shortcodes()
	rep.Took = time.Since(start)
	return rep, nil
}

// saveFunc saves a batch of articles: Store.SaveArticles, or a bulk import's.
type saveFunc func(ctx context.Context, articles []data.Article) ([]data.SaveOutcome, error)

// saveBatch copies one batch's bundle files and saves its articles in one transaction.
func saveBatch(ctx context.Context, store *data.Store, save saveFunc, media *data.MediaDir, site *content.Site, pages []content.Page, rep *Report) error {
	articles := make([]data.Article, 0, len(pages))
	for i := range pages {
		p := &pages[i]
		if err := copyBundle(media, p); err != nil {
			site.Problems = append(site.Problems, content.Problem{Path: p.Article.SourcePath, Message: err.Error()})
			continue
		}
		articles = append(articles, p.Article)
	}
	// An export of this store imported back: its desk-written articles take their files.
	if err := adoptDeskArticles(ctx, store, articles); err != nil {
		return err
	}
	outcomes, err := save(ctx, articles)
	if err != nil {
		return err
	}
	for k, o := range outcomes {
		switch o {
		case data.Inserted:
			rep.Imported++
		case data.Updated:
			rep.Updated++
		case data.KeptDeskEdit:
			rep.Unchanged++
			site.Problems = append(site.Problems, content.Problem{Path: articles[k].SourcePath, Kind: content.Note,
				Message: "edited in the editor desk since it was imported; the desk's version is kept (trash and delete it there to take the file's)"})
		default:
			rep.Unchanged++
		}
	}
	return nil
}

// copyBundle stores a page bundle's files in the media folder and records their stored names.
func copyBundle(media *data.MediaDir, p *content.Page) error {
	for i, f := range p.Bundle {
		src, err := os.Open(f.SrcPath)
		if err != nil {
			return fmt.Errorf("bundle file %s: %w", f.Name, err)
		}
		stored, size, err := media.Save(src, path.Ext(f.Name))
		src.Close()
		if err != nil {
			return fmt.Errorf("bundle file %s: %w", f.Name, err)
		}
		p.Article.Resources[i].StoredName, p.Article.Resources[i].Size = stored, size
	}
	return nil
}

// saveSettingsOnce fills the site settings from a Hugo configuration when the store has none.
// A store whose settings predate keeping the Hugo configuration gets that part added, so the
// desk renders with the site's options from then on.
func saveSettingsOnce(ctx context.Context, store *data.Store, cfg content.SiteConfig) error {
	has, err := store.HasSiteSettings(ctx)
	if err != nil {
		return err
	}
	if !has {
		return store.SaveSiteSettings(ctx, cfg.Settings())
	}
	set, err := store.SiteSettings(ctx)
	if err != nil || set.Hugo != nil {
		return err
	}
	set.Hugo = cfg.Raw
	return store.SaveSiteSettings(ctx, set)
}

// importStaticFiles copies the site's static folder into the media folder and maps each file's
// URL path to it, so /img/… and /favicon.ico links keep working.
func importStaticFiles(ctx context.Context, store *data.Store, media *data.MediaDir, site *content.Site, rep *Report) error {
	files := make([]data.SiteFile, 0, len(site.StaticFiles))
	for _, f := range site.StaticFiles {
		src, err := os.Open(f.SrcPath)
		if err != nil {
			site.Problems = append(site.Problems, content.Problem{Path: f.Path, Message: fmt.Sprintf("static file: %v", err)})
			continue
		}
		stored, size, err := media.Save(src, path.Ext(f.Path))
		src.Close()
		if err != nil {
			return err
		}
		files = append(files, data.SiteFile{Path: f.Path, StoredName: stored, MediaType: content.MediaType(f.Path), Size: size})
	}
	rep.StaticFiles = len(files)
	return store.SaveSiteFiles(ctx, files)
}
