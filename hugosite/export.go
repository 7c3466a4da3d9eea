package hugosite

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strings"

	"gazette/content"
	"gazette/data"
)

// FileWriter receives an export's files one by one: a folder (DirWriter) or a .tar.gz stream
// (TarGzWriter). name is slash-separated, relative to the site root.
type FileWriter interface {
	WriteFile(name string, size int64, r io.Reader) error
}

// ExportReport counts what an export wrote.
type ExportReport struct {
	Articles, BundleFiles, StaticFiles, Uploads int
	ListPages                                   int // _index files: home, sections, taxonomies, terms
}

// exportFile is one file to write: bytes, or a file of the media folder.
type exportFile struct {
	name   string
	text   []byte
	stored string
}

// uploadRef finds desk uploads an article links to ("/media/ab/ab12….jpg").
var uploadRef = regexp.MustCompile(`/media/([0-9a-f]{2}/[0-9a-f]+\.[A-Za-z0-9]+)`)

// deskPrefix is where desk-written articles keep their source path (see handlers).
const deskPrefix = "gazette/"

// Export writes the store as a Hugo site: the configuration (what import read, with what the
// desk's settings changed since), every article at its source path in its source format
// (desk-written ones as Mainroad articles under content/<section>/), bundle files, the static
// folder and the uploads articles link to. Everything is read in one transaction and checked
// before the first byte is written, so an article whose front matter no longer parses stops
// the export with its path and nothing half-written from it.
func Export(ctx context.Context, store *data.Store, media *data.MediaDir, w FileWriter) (ExportReport, error) {
	var rep ExportReport
	snap, err := store.SiteSnapshot(ctx)
	if err != nil {
		return rep, err
	}
	files, rep, err := planExport(snap)
	if err != nil {
		return rep, err
	}
	for _, f := range files {
		if err := writeExportFile(w, media, f); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func writeExportFile(w FileWriter, media *data.MediaDir, f exportFile) error {
	if f.stored == "" {
		if err := w.WriteFile(f.name, int64(len(f.text)), bytes.NewReader(f.text)); err != nil {
			return fmt.Errorf("export %s: %w", f.name, err)
		}
		return nil
	}
	p, err := media.Path(f.stored)
	if err != nil {
		return fmt.Errorf("export %s: %w", f.name, err)
	}
	src, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("export %s: %w", f.name, err)
	}
	defer src.Close()
	info, err := src.Stat()
	if err != nil {
		return fmt.Errorf("export %s: %w", f.name, err)
	}
	if err := w.WriteFile(f.name, info.Size(), src); err != nil {
		return fmt.Errorf("export %s: %w", f.name, err)
	}
	return nil
}

// planExport decides every file of the export and checks every article, writing nothing.
func planExport(snap data.SiteSnapshot) ([]exportFile, ExportReport, error) {
	var rep ExportReport
	cfg, err := content.ConfigFromSettings(snap.Settings)
	if err != nil {
		return nil, rep, fmt.Errorf("export: site configuration: %w", err)
	}
	cfg.Cascades = content.NewCascades(snap.ListPages)
	config, err := exportConfig(snap.Settings)
	if err != nil {
		return nil, rep, err
	}
	files := []exportFile{{name: "config.toml", text: config}}
	taken := map[string]bool{}
	for i := range snap.Articles {
		if a := &snap.Articles[i]; !strings.HasPrefix(a.SourcePath, deskPrefix) {
			taken[a.SourcePath] = true
		}
	}
	uploads := map[string]bool{}
	pl := content.NewPipeline(cfg)
	for i := range snap.Articles {
		a := &snap.Articles[i]
		name, text, err := articleFile(pl, a, taken)
		if err != nil {
			return nil, rep, err
		}
		files = append(files, exportFile{name: name, text: text})
		rep.Articles++
		for _, r := range a.Resources {
			if r.StoredName != "" {
				files = append(files, exportFile{name: path.Join(path.Dir(name), r.Name), stored: r.StoredName})
				rep.BundleFiles++
			}
		}
		for _, m := range uploadRef.FindAllStringSubmatch(string(text)+" "+a.Thumbnail, -1) {
			uploads[m[1]] = true
		}
	}
	for _, lp := range snap.ListPages {
		// Written as read: the front matter block (with whatever preceded it) and the body.
		files = append(files, exportFile{name: lp.SourcePath, text: []byte(lp.FrontMatterText + lp.BodyMarkdown)})
		rep.ListPages++
	}
	staticDir := "static"
	if dirs := snap.Settings.Hugo["staticdir"]; dirs != nil {
		if list, ok := dirs.([]any); ok && len(list) > 0 {
			staticDir = fmt.Sprint(list[0])
		} else if s, ok := dirs.(string); ok && s != "" {
			staticDir = s
		}
	}
	for _, f := range snap.Files {
		files = append(files, exportFile{name: path.Join(staticDir, f.Path), stored: f.StoredName})
		rep.StaticFiles++
	}
	for _, stored := range sortedKeys(uploads) {
		files = append(files, exportFile{name: path.Join(staticDir, "media", stored), stored: stored})
		rep.Uploads++
	}
	return files, rep, nil
}

// articleFile is an article as a file: its front matter as written and its body. An article
// written in the desk gets a path in its section's folder, and whatever Hugo could not tell
// from that path (its URL, its translation group) is added to its front matter.
func articleFile(pl *content.Pipeline, a *data.Article, taken map[string]bool) (string, []byte, error) {
	fmText, err := content.EditFrontMatter(a.FrontMatterText, a.FrontMatterFmt, a.FrontMatter, nil)
	if err != nil {
		return "", nil, fmt.Errorf("export %s: front matter: %w", a.SourcePath, err)
	}
	text := []byte(fmText + a.BodyMarkdown)
	if _, _, err := content.SplitFrontMatter(text); err != nil {
		return "", nil, fmt.Errorf("export %s: the front matter is not valid %s: %w", a.SourcePath, strings.ToUpper(a.FrontMatterFmt), err)
	}
	if !strings.HasPrefix(a.SourcePath, deskPrefix) {
		return a.SourcePath, text, nil
	}
	name := deskArticlePath(pl.Config(), a, taken)
	placed, err := pl.Article(name, text)
	if err != nil {
		return "", nil, fmt.Errorf("export %s: %w", a.SourcePath, err)
	}
	var edits []content.Edit
	if placed.Permalink != a.Permalink {
		edits = append(edits, content.Edit{Keys: []string{"url"}, Value: a.Permalink})
	}
	if placed.TranslationKey != a.TranslationKey {
		edits = append(edits, content.Edit{Keys: []string{"translationKey"}, Value: a.TranslationKey})
	}
	if fmText, err = content.EditFrontMatter(fmText, a.FrontMatterFmt, a.FrontMatter, edits); err != nil {
		return "", nil, fmt.Errorf("export %s: front matter: %w", a.SourcePath, err)
	}
	return name, []byte(fmText + a.BodyMarkdown), nil
}

// deskArticlePath places a desk-written article where Hugo looks for its section's pages:
// content/<section>/<slug>[.<lang>].md, numbered when the name is taken.
func deskArticlePath(cfg content.SiteConfig, a *data.Article, taken map[string]bool) string {
	dir := strings.Trim(cfg.ContentDir, "/")
	if l, ok := cfg.Languages[a.Lang]; ok && l.ContentDir != "" {
		dir = strings.Trim(path.Clean(l.ContentDir), "/")
	}
	dir = path.Join(dir, a.Section)
	name := a.Slug
	if name == "" {
		name = path.Base(strings.TrimSuffix(a.SourcePath, path.Ext(a.SourcePath)))
	}
	suffix := ".md"
	if a.Lang != cfg.DefaultContentLanguage {
		if l, ok := cfg.Languages[a.Lang]; !ok || l.ContentDir == "" {
			suffix = "." + a.Lang + ".md"
		}
	}
	p := path.Join(dir, name+suffix)
	for n := 2; taken[p]; n++ {
		p = path.Join(dir, fmt.Sprintf("%s-%d%s", name, n, suffix))
	}
	taken[p] = true
	return p
}
