package data

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"
	"time"
)

// TestTermCountsFollowChanges saves, reschedules, drafts and deletes articles at random and
// checks after every step that the kept, patched counts equal a full recount: same terms, same
// counts, same order. The clock also moves past scheduled instants, which no write marks.
func TestTermCountsFollowChanges(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	var clock atomic.Int64 // the watcher's poll reads the clock while the test moves it
	clock.Store(now.Unix())
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), func() time.Time { return time.Unix(clock.Load(), 0) })
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"Harbour", "harbour tides", "AC/DC", "Élan", "zebra", "Zeta", "ferry", "Ferry Times"}
	var ids []int64
	for step := 0; step < 120; step++ {
		switch op := rng.IntN(10); {
		case op < 6 || len(ids) == 0: // a new or re-saved article with random tags and status
			n := rng.IntN(40)
			a := article(fmt.Sprintf("content/a%d.md", n), fmt.Sprintf("/a%d/", n), fmt.Sprintf("A%d", n),
				now.Add(time.Duration(rng.IntN(240)-120)*time.Minute))
			a.ContentHash = fmt.Sprint(step)
			a.Draft = rng.IntN(6) == 0
			if rng.IntN(5) == 0 {
				a.ExpiryDate = now.Add(time.Duration(rng.IntN(60)+1) * time.Minute)
			}
			a.Terms = nil
			for _, i := range rng.Perm(len(names))[:rng.IntN(4)] {
				a.Terms = append(a.Terms, Term{Taxonomy: "tags", Key: urlKey(names[i]), Name: names[i]})
			}
			if rng.IntN(3) == 0 {
				a.Terms = append(a.Terms, Term{Taxonomy: "categories", Key: "news", Name: "News"})
			}
			if _, err := s.SaveArticles(ctx, []Article{a}); err != nil {
				t.Fatal(err)
			}
			var id int64
			if err := s.db.QueryRowContext(ctx, "SELECT id FROM articles WHERE source_path = ?", a.SourcePath).Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		case op < 8: // time passes: scheduled articles go live, others expire
			now = now.Add(time.Duration(rng.IntN(50)) * time.Minute)
			clock.Store(now.Unix())
		default:
			i := rng.IntN(len(ids))
			if err := s.DeleteArticle(ctx, ids[i]); err != nil && err != ErrNotFound {
				t.Fatal(err)
			}
			ids = append(ids[:i], ids[i+1:]...)
		}
		for _, tax := range []string{"tags", "categories"} {
			got, err := s.TermCounts(ctx, "en", tax)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.readTermCounts(ctx, "en", tax, nil)
			if err != nil {
				t.Fatal(err)
			}
			if (len(got) != 0 || len(want) != 0) && !reflect.DeepEqual(got, want) {
				t.Fatalf("step %d, %s: kept counts\n%+v\nwant a full recount's\n%+v", step, tax, got, want)
			}
		}
	}
}

func urlKey(name string) string {
	b := []byte{}
	for _, r := range name {
		switch {
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r+'a'-'A'))
		case r == ' ' || r == '/':
			b = append(b, '-')
		default:
			b = append(b, string(r)...)
		}
	}
	return string(b)
}
