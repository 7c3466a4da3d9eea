package views

import (
	"strconv"

	"gazette/data"
)

// CommentQueue is the moderation page: one folder of comments, optionally of one article.
type CommentQueue struct {
	AdminPage
	Status     data.CommentStatus
	Counts     []CommentFolder
	ArticleID  int64
	Article    string // the filtered article's title
	Comments   []data.Comment
	Replying   int64           // the comment whose reply box is open (via ?reply=)
	Discussion *DiscussionForm // the filtered article's switches
	PrevURL    string
	NextURL    string
}

// CommentFolder is one status tab with its count.
type CommentFolder struct {
	Status data.CommentStatus
	Count  int
	URL    string
	Active bool
}

// CommentEditForm is the desk's edit of one comment, and the newsroom's reply to it.
type CommentEditForm struct {
	AdminPage
	Comment    data.Comment
	Name       string
	URL        string
	Body       string
	Reply      string
	Errors     map[string]string
	ArticleURL string
}

// DiscussionForm is an article's discussion switches on the desk.
type DiscussionForm struct {
	ArticleID  int64
	CSRF       string
	Closed     bool
	Hidden     bool
	CloseAfter string // days; "" = the site default
	SiteDays   int    // the site default, for the hint
	State      string // what readers get now, in words
	Next       string // where to come back to
	Error      string
}

// CommentSettingsForm is the spam defences page.
type CommentSettingsForm struct {
	AdminPage
	Words, Domains, IPs          string // one entry per line
	MaxLinks, MinSeconds, Closes string
	// The storage budget: held + spam per address per hour, per article per hour, spam rows in
	// all, days before spam and trash are deleted.
	PerAddress, PerArticle, MaxSpam, PurgeDays string
	Errors                                     map[string]string
}

// commentsNavLabel is the menu entry, with the count of comments awaiting moderation.
func commentsNavLabel(pending int) string {
	if pending == 0 {
		return "Comments"
	}
	return "Comments (" + strconv.Itoa(pending) + ")"
}
