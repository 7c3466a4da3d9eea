package handlers

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"gazette/data"
)

// menuSite has a main menu written out of weight order and articles that put themselves in
// it: About between the site's entries (menu weight 2), Apple by its page weight (5), Able
// without a weight (after every weighted entry).
var menuSite = map[string]string{
	"config.toml": "baseURL = \"https://news.example/\"\ntitle = \"Test News\"\n" +
		"[[menu.main]]\nname = \"Contact\"\nurl = \"/contact/\"\nweight = 3\n" +
		"[[menu.main]]\nname = \"Home\"\nurl = \"/\"\nweight = 1\n",
	"content/about.md":    "---\ntitle: About us\ndate: 2026-11-01\nmenu:\n  main:\n    weight: 2\n---\nAbout.\n",
	"content/apple.md":    "---\ntitle: Apple page\ndate: 2026-11-01\nweight: 5\nmenu: main\n---\nApple.\n",
	"content/able.md":     "---\ntitle: Able page\ndate: 2026-11-01\nmenu: main\n---\nAble.\n",
	"content/post/one.md": "---\ntitle: First story\ndate: 2026-11-01\n---\nOne.\n",
}

func mainMenu(t *testing.T, ts *testServer) string {
	t.Helper()
	var names []string
	doc(t, ts.get(t, "/")).Find("[data-testid=main-menu] a").Each(func(_ int, s *goquery.Selection) { names = append(names, s.Text()) })
	return strings.Join(names, "|")
}

func TestSettingsMenuKeepsOrderAmongArticleEntries(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, menuSite)
	addEditor(t, ts, "admin@example.com", data.RoleAdmin)
	c := newDeskClient(t, ts)
	c.login("admin@example.com", testPassword)
	if got, want := mainMenu(t, ts), "Home|About us|Contact|Apple page|Able page"; got != want {
		t.Fatalf("imported main menu %s, want %s", got, want)
	}
	// The form shows the menu in the readers' order; saving it with one more line keeps it.
	_, d := c.page("/admin/settings")
	f := readForm(d.Find("[data-testid=settings-form]"))
	if got := f.Get("main_menu"); got != "Home | /\nContact | /contact/" {
		t.Errorf("form menu %q", got)
	}
	f.Set("main_menu", f.Get("main_menu")+"\nMike | /m/")
	if resp, d := c.post("/admin/settings", f); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("settings: %d %s", resp.StatusCode, d.Find(".field-error").Text())
	}
	if got, want := mainMenu(t, ts), "Home|About us|Contact|Apple page|Mike|Able page"; got != want {
		t.Errorf("main menu after saving %s, want %s", got, want)
	}
	// Reordered lines come out in the form's order.
	f.Set("main_menu", "Mike | /m/\nHome | /\nContact | /contact/")
	if resp, _ := c.post("/admin/settings", f); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("settings: %d", resp.StatusCode)
	}
	got := mainMenu(t, ts)
	if i, j, k := strings.Index(got, "Mike"), strings.Index(got, "Home"), strings.Index(got, "Contact"); !(i < j && j < k) {
		t.Errorf("reordered main menu %s", got)
	}
	if !strings.HasSuffix(got, "|Able page") {
		t.Errorf("unweighted article entry not last: %s", got)
	}
}
