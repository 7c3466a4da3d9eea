package reader

import (
	"context"
	"time"

	"gazette/data"
	"gazette/views"
)

// listItem is one article as lists show it; uploads are the media-library files the page's
// thumbnails name.
func (st *State) listItem(a *data.Article, uploads map[string]data.MediaFile) views.ListItem {
	a.SummaryHTML = ExcerptHTML(a.SummaryHTML)
	return views.ListItem{
		Article: a,
		URL:     ArticleURL(a),
		Thumb:   SizedThumbnail(st.Thumbnail(a, "list"), uploads),
		Meta:    st.Meta(a, nil),
		// Every item or none: a link on some items only reads as a fault.
		ReadMore: ParamBool(st.Settings.Params, "readmore"),
	}
}

// listCommentCounts are the published-comment counts of a page of articles, in one query:
// none where the site's comments are off, the article's own flag turns them off, or an editor
// hid its discussion (DiscussionOf's rules that hide a discussion outright). A closed
// discussion keeps its comments, so its count still shows.
func (st *State) listCommentCounts(ctx context.Context, list []data.Article) (map[int64]int, error) {
	if CommentMode(st.Settings) == "off" {
		return nil, nil
	}
	var ids []int64
	for _, a := range list {
		if a.ID != 0 && (a.Comments == nil || *a.Comments) {
			ids = append(ids, a.ID)
		}
	}
	return st.model.store.ShownCommentCounts(ctx, ids)
}

// ListingModified is a list page's (or its feed's) Last-Modified: the newest of its articles'
// changes and appearances (a scheduled article goes live at its publish date, later than its
// last write) and of the list's own last change (an article that left it, an expiry), so that
// it only ever moves forward.
func (st *State) ListingModified(ctx context.Context, l Listing, list []data.Article) (time.Time, error) {
	t, err := st.model.store.KeysChangedAt(ctx, l.Keys()...)
	if err != nil {
		return time.Time{}, err
	}
	for _, a := range list {
		t = latest(t, a.UpdatedAt, a.PublishDate)
	}
	return t, nil
}

// ListPageItems are a list page's articles as its items: thumbnails sized from the media
// library, comment counts where comments show, and under the newsroom layout their labels
// and bylines.
func (st *State) ListPageItems(ctx context.Context, list []data.Article) ([]views.ListItem, error) {
	thumbs := make([]string, len(list))
	for i := range list {
		thumbs[i] = list[i].Thumbnail
	}
	uploads, err := ThumbnailUploads(ctx, st.model.store, thumbs...)
	if err != nil {
		return nil, err
	}
	comments, err := st.listCommentCounts(ctx, list)
	if err != nil {
		return nil, err
	}
	var items []views.ListItem
	for i := range list {
		it := st.listItem(&list[i], uploads)
		if n := comments[list[i].ID]; n > 0 {
			it.Meta.Comments, it.Meta.CommentsURL = n, it.URL+"#comments"
		}
		items = append(items, it)
	}
	if NewsroomLayout(st.Settings.Params) {
		if err := st.labelItems(ctx, items); err != nil {
			return nil, err
		}
	}
	return items, nil
}
