package data

import (
	"context"
	"testing"
	"time"
)

// A story's translations are kept between pages, and every write of one of its articles (a new
// language, a retitled one, a scheduled one going live) shows on the others' next read.
func TestTranslationsFollowTheirStory(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	en := article("content/story.en.md", "/story/", "Storm", now.Add(-time.Hour))
	en.TranslationKey = "story"
	if _, err := s.SaveArticles(ctx, []Article{en}); err != nil {
		t.Fatal(err)
	}
	tgt, err := s.ResolvePath(ctx, "/story/")
	if err != nil {
		t.Fatal(err)
	}
	en.ID = tgt.ArticleID
	titles := func() []string {
		t.Helper()
		list, err := s.Translations(ctx, &en)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range list {
			out = append(out, a.Lang+":"+a.Title)
		}
		return out
	}
	if got := titles(); len(got) != 0 {
		t.Fatalf("before any translation: %v", got)
	}
	de := article("content/story.de.md", "/de/story/", "Sturm", now.Add(-time.Hour))
	de.Lang, de.TranslationKey = "de", "story"
	fr := article("content/story.fr.md", "/fr/story/", "Tempête", now.Add(-time.Hour))
	fr.Lang, fr.TranslationKey = "fr", "story"
	fr.PublishDate = now.Add(time.Minute) // scheduled
	if _, err := s.SaveArticles(ctx, []Article{de, fr}); err != nil {
		t.Fatal(err)
	}
	if got := titles(); len(got) != 1 || got[0] != "de:Sturm" {
		t.Fatalf("after the German one: %v", got)
	}
	de.Title, de.ContentHash = "Sturmflut", "Sturmflut"
	if _, err := s.SaveArticles(ctx, []Article{de}); err != nil {
		t.Fatal(err)
	}
	if got := titles(); len(got) != 1 || got[0] != "de:Sturmflut" {
		t.Fatalf("after retitling the German one: %v", got)
	}
	setNow(&now, now.Add(2*time.Minute))
	if got := titles(); len(got) != 2 || got[1] != "fr:Tempête" {
		t.Fatalf("after the French one went live: %v", got)
	}
}
