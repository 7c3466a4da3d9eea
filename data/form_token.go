package data

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// Form tokens: the comment form carries "<article>.<issued unix>.<nonce>.<signature>". The
// signature proves the server issued it for this article; the time lets a post that comes
// sooner than a person could type be caught. Tokens are only ever written into uncached pages
// (the form page, a reader's personal article page), so the time is when this reader got the
// form, and the nonce makes each token one post's (Store.ClaimFormToken).

// FormSigner signs and checks comment form tokens with the store's secret
// (Store.CommentFormSecret).
type FormSigner struct{ Key []byte }

func (f FormSigner) sign(payload string) string {
	m := hmac.New(sha256.New, f.Key)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// Issue makes a token for the article, issued at the given time.
func (f FormSigner) Issue(articleID int64, at time.Time) string {
	payload := strconv.FormatInt(articleID, 10) + "." + strconv.FormatInt(at.Unix(), 10) + "." + RandomToken()[:12]
	return payload + "." + f.sign(payload)
}

// Verify returns the Issue time of a token made for the article; ok is false for anything else.
func (f FormSigner) Verify(token string, articleID int64) (time.Time, bool) {
	if len(token) > 200 {
		return time.Time{}, false
	}
	parts := strings.Split(token, ".")
	if len(parts) != 4 {
		return time.Time{}, false
	}
	payload := strings.Join(parts[:3], ".")
	if !hmac.Equal([]byte(parts[3]), []byte(f.sign(payload))) || parts[0] != strconv.FormatInt(articleID, 10) {
		return time.Time{}, false
	}
	unix, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(unix, 0), true
}

// ReaderToken is the token of a reader session's edit and delete forms; those pages are
// personal, so it can be tied to the session.
func (f FormSigner) ReaderToken(readerID string) string { return f.sign("reader." + readerID) }
