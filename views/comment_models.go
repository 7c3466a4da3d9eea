package views

// Discussion is the comments section under an article. The zero value shows nothing (comments
// off, or the discussion hidden).
type Discussion struct {
	Show      bool
	ArticleID int64
	Lang      string        // the article's language, which the section's own words are in
	Count     int           // approved comments readers see
	Comments  []CommentView // top level, oldest first, each with its replies
	// Open shows the form; otherwise Notice says why there is none ("closed").
	Open    bool
	Notice  string
	Form    CommentForm
	FeedURL string
	// Personal is set when the section was rendered for one reader (their details, their held
	// comments): such a page must not be shared by any cache.
	Personal bool
}

func (d Discussion) t(key string) string { return T(d.Lang, key) }

// CommentView is one comment as readers see it.
type CommentView struct {
	ID       int64
	Anchor   string // "comment-12"
	Name     string
	URL      string // the commenter's website; "" = none
	Editor   bool   // written by the newsroom
	HTML     string // escaped and linkified by the store
	Date     string
	DateISO  string
	Held     bool   // awaiting moderation: only its author sees it
	EditURL  string // set for its author during the edit window
	DelURL   string
	ReplyURL string // the form with this comment as parent ("?reply=12#comment-form")
	Replies  []CommentView
}

// CommentForm is the comment form's fields as typed, with their errors.
type CommentForm struct {
	// WriteURL, when set, stands in for the form on a page caches may share: a link to the
	// uncached page that gives each reader a form (and token) of their own.
	WriteURL string
	Action   string
	Token    string // the signed form token
	ParentID int64
	ReplyTo  string // the name of the commenter replied to
	Name     string
	Website  string
	Body     string
	// EmailRemembered says the reader's session holds an email: the field may stay empty. The
	// address itself is never written into a page.
	EmailRemembered bool
	Errors          map[string]string
	Message         string
	ReaderToken     string // the reader session's token for edit and delete buttons
}

// CommentFormPage shows the comment form alone: a post that needs correcting, a refused one
// with the text kept, or a reader editing their comment.
type CommentFormPage struct {
	Page
	Heading    string
	ArticleURL string
	ArticleTit string
	Form       CommentForm
	Editing    bool // the edit form of an existing comment (body only)
	CanPost    bool // false: the form is shown read-only so the text can be copied
}
