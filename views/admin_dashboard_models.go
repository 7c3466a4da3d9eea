package views

// ReadsNote says what the reading figures count, wherever they are shown.
const ReadsNote = "Counted by this server without cookies: page views of each article per day (cached pages included; robots, editors and views answered by a CDN in front are not), and referring sites with at least 5 views; nothing about any one reader is kept."

// DashboardPage is the desk's overview.
type DashboardPage struct {
	AdminPage
	TimeZone                   string
	Drafts, Scheduled          []DashArticle
	DraftCount, ScheduledCount int
	Pending                    []DashComment
	PendingCount               int
	MostRead                   []DashReads
	MaxViews                   int64
	WeekViews                  int64
}

// DashArticle is an article waiting on the desk.
type DashArticle struct {
	Title   string
	EditURL string
	When    string // updated (drafts) or publish time (scheduled), in the site's zone
}

// DashComment is a comment waiting for moderation.
type DashComment struct {
	Name, Article, URL, Excerpt string
}

// DashReads is an article and its views this week.
type DashReads struct {
	Title   string
	EditURL string
	Views   int64
}

// ArticleReadsView is one article's reading figures.
type ArticleReadsView struct {
	Days      int
	Total     int64
	ByDay     []DayViews
	Referrers []ReferrerViews
}

// DayViews is one day's views.
type DayViews struct {
	Day   string
	Views int64
}

// ReferrerViews is the views from one referring site, named for people.
type ReferrerViews struct {
	Name  string
	Views int64
}
