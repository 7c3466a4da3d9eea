package reader

import (
	"context"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gazette/data"
	"gazette/views"
)

// Limits of a comment, and the rules a posted one passes before it is stored: its fields, the
// spam rules and the site's moderation mode. The HTTP side (tokens, rate limits, the form
// page) is handlers/comments.go.
const (
	MaxCommentRunes  = 5000
	maxCommenterName = 80
	duplicateWindow  = 24 * time.Hour // the same text from the same address within it is spam
)

// CommentInput is a comment form as posted, cleaned: a reader's new comment or edit, or an
// editor's edit on the desk.
type CommentInput struct {
	Name, Email, Website, Body string
	Parent                     int64
	ReplyTo                    string // the parent's author, for the form's heading
	Token, Honeypot            string // the signed form token; the field only robots fill in
}

// Validate checks the fields a reader typed; the messages, in English for the desk, say how to
// fix them.
func (in *CommentInput) Validate() map[string]string { return in.ValidateIn("en") }

// ValidateIn is Validate with the messages in a reader's language.
func (in *CommentInput) ValidateIn(lang string) map[string]string {
	errs := map[string]string{}
	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		errs["name"] = views.T(lang, "err_name_empty")
	case n > maxCommenterName:
		errs["name"] = views.Tf(lang, "err_name_long", "max", views.Tn(lang, "character", maxCommenterName))
	}
	if in.Email != "" {
		if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email || len(in.Email) > 254 {
			errs["email"] = views.T(lang, "err_email")
		}
	}
	if in.Website != "" {
		u, err := url.Parse(in.Website)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(in.Website) > 300 || strings.ContainsAny(in.Website, " \"<>'`") {
			errs["website"] = views.T(lang, "err_website")
		}
	}
	switch n := utf8.RuneCountInString(in.Body); {
	case n == 0:
		errs["body"] = views.T(lang, "err_body_empty")
	case n > MaxCommentRunes:
		errs["body"] = views.Tf(lang, "err_body_long", "max", views.Tn(lang, "character", MaxCommentRunes), "n", strconv.Itoa(n))
	}
	return errs
}

// ModerationStatus is the moderation rule of the site's mode for a comment that passed every check.
func (st *State) ModerationStatus(ctx context.Context, in CommentInput) (data.CommentStatus, error) {
	switch CommentMode(st.Settings) {
	case "open":
		return data.CommentApproved, nil
	case "trusted":
		ok, err := st.model.store.HasApprovedComment(ctx, in.Name, in.Email)
		if ok {
			return data.CommentApproved, err
		}
		return data.CommentPending, err
	}
	return data.CommentPending, nil
}

// SpamReason runs the spam rules, cheapest first, and names the first that trips. (The rate
// limit per address ran before any of them, when the post arrived.)
func (st *State) SpamReason(ctx context.Context, a *data.Article, in CommentInput, ip string, issued time.Time,
	cs data.CommentSettings, now time.Time) (string, error) {
	switch {
	case in.Honeypot != "":
		return "honeypot field filled in", nil
	case now.Sub(issued) < time.Duration(cs.MinSeconds)*time.Second:
		return "sent " + now.Sub(issued).Round(time.Millisecond).String() + " after the form was shown", nil
	}
	if b := cs.BlockedBy(in.Name, in.Email, in.Website, in.Body, ip); b != "" {
		return "blocklist: " + b, nil
	}
	if links := len(data.CommentLinks(in.Body)); links > cs.MaxLinks {
		return strconv.Itoa(links) + " links (at most " + strconv.Itoa(cs.MaxLinks) + ")", nil
	}
	dup, err := st.model.store.DuplicateComment(ctx, a.ID, ip, in.Body, now.Add(-duplicateWindow))
	if dup {
		return "duplicate of an earlier comment", err
	}
	return "", err
}
