package handlers

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"gazette/data"
)

func TestCommentPostModerated(t *testing.T) {
	ts := commentSite(t, "moderated")
	reader := newDeskClient(t, ts)
	resp := reader.postComment("/post/one/", "Ada", "Hello <script>alert(1)</script>\nsee https://example.org/x. and javascript:alert(1)")
	id := commentID(t, resp)
	if loc := resp.Header.Get("Location"); loc != "/post/one/#comment-"+itoa(id) {
		t.Errorf("location %q", loc)
	}
	c := storedComment(t, ts, id)
	if c.Status != data.CommentPending {
		t.Fatalf("status %s (%s)", c.Status, c.SpamReason)
	}
	// The author sees it held; another reader does not see it at all.
	_, d := reader.page("/post/one/")
	if got := d.Find("#comment-" + itoa(id) + " [data-testid=comment-held]").Length(); got != 1 {
		t.Errorf("author does not see the comment held")
	}
	body, _ := d.Find("#comment-" + itoa(id) + " [data-testid=comment-body]").Html()
	if strings.Contains(body, "<script") || !strings.Contains(body, `<a href="https://example.org/x" rel="nofollow ugc">`) || strings.Contains(body, `href="javascript`) {
		t.Errorf("body HTML %s", body)
	}
	other := newDeskClient(t, ts)
	_, d2 := other.page("/post/one/")
	if d2.Find("[data-testid=comment]").Length() != 0 {
		t.Errorf("a held comment is shown to other readers")
	}
}

func itoa(n int64) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int64) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

var _ = time.Second
var _ = http.StatusOK
