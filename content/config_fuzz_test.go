package content

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadSiteConfig: any config.toml either loads or gives an error; it never panics, and a
// loaded config always has a default language among its languages.
func FuzzLoadSiteConfig(f *testing.F) {
	for _, s := range []string{
		"baseURL = \"/\"\ntitle = \"x\"\n",
		"defaultContentLanguage = \"es\"\n[languages.es]\ncontentDir = \"content/es\"\n",
		"[permalinks]\nblog = \"/:year/:month/:slug/\"\n",
		"timeZone = \"Mars/Olympus\"\n",
		"ignoreFiles = [\"(\"]\n",
		"[pagination]\npagerSize = -3\n[taxonomies]\ntag = \"\"\n",
		"languages = 3\nparams = \"x\"\nmenu = [1]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cfg string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := LoadSiteConfig(dir)
		if err != nil {
			return
		}
		if _, ok := c.Languages[c.DefaultContentLanguage]; !ok {
			t.Fatalf("default language %q not among %v", c.DefaultContentLanguage, c.Languages)
		}
		_ = c.Settings()
	})
}
