package handlers

import (
	"net/http"
	"strings"
	"testing"
)

// russianSite is a one-language Russian site with one published article.
var russianSite = map[string]string{
	"config.toml":         "baseURL = \"https://news.example/\"\ntitle = \"Новости\"\ndefaultContentLanguage = \"ru\"\n",
	"content/post/one.md": "---\ntitle: Первая новость\ndate: 2026-11-01\n---\nТекст новости.\n",
}

// TestCommentsSpeakTheArticlesLanguage: a Russian article's comment section and form, and the
// page a refused post brings, are in Russian.
func TestCommentsSpeakTheArticlesLanguage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, russianSite)
	c := newDeskClient(t, ts)
	resp, d := c.page("/post/one/")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	text := func(sel string) string { return strings.TrimSpace(d.Find(sel).First().Text()) }
	for _, tt := range []struct{ sel, want string }{
		{"[data-testid=comment-count]", "Комментариев пока нет"},
		{"[data-testid=comment-write]", "Написать комментарий"},
		{"[data-testid=comments-feed]", "Лента комментариев"},
	} {
		if got := text(tt.sel); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.sel, got, tt.want)
		}
	}
	_, d = c.page(d.Find("[data-testid=comment-write]").AttrOr("href", ""))
	for _, tt := range []struct{ sel, want string }{
		{".comment-form__title", "Оставить комментарий"},
		{"label[for=comment-name]", "Имя"},
		{"label[for=comment-email]", "Эл. почта (необязательно, не публикуется)"},
		{"label[for=comment-website]", "Сайт (необязательно)"},
		{"label[for=comment-body]", "Комментарий"},
		{"[data-testid=comment-submit]", "Отправить"},
	} {
		if got := text(tt.sel); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.sel, got, tt.want)
		}
	}

	t.Run("refused post", func(t *testing.T) {
		action, form := c.commentForm("/post/one/")
		form.Set("name", "")
		form.Set("body", "Спасибо за новость")
		resp, d := c.post(action, form)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", resp.StatusCode)
		}
		if got, want := d.Find("[data-testid=comment-message]").Text(), "Комментарий пока не опубликован: исправьте отмеченные поля."; got != want {
			t.Errorf("message %q, want %q", got, want)
		}
		if got, want := d.Find("[data-testid=comment-error-name]").Text(), "Укажите имя."; got != want {
			t.Errorf("name error %q, want %q", got, want)
		}
		if got, want := d.Find("h1.comments__title").Text(), "Ваш комментарий"; got != want {
			t.Errorf("heading %q, want %q", got, want)
		}
	})
}
