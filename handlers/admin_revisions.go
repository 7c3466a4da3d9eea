package handlers

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"gazette/content"
	"gazette/data"
	"gazette/editing"
	"gazette/views"
)

// handleRevisionList lists an article's saved versions.
func handleRevisionList(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		a, st, err := dk.loadForDesk(r, id)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		revs, err := dk.store.Revisions(r.Context(), id)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		v := views.RevisionsPage{AdminPage: dk.page(r, "Revisions: "+a.Title, "articles"), ArticleID: id, Title: a.Title}
		for _, rev := range revs {
			v.Rows = append(v.Rows, revisionRow(rev, st.Version))
		}
		dk.renderDesk(w, r, http.StatusOK, views.AdminRevisions(v))
	})
}

func revisionRow(rev data.Revision, current int) views.RevisionRow {
	return views.RevisionRow{ID: rev.ID, Version: rev.Version, Editor: rev.Editor, Note: rev.Note, Title: rev.Article.Title,
		When: rev.CreatedAt, Current: rev.Version == current}
}

// handleRevisionShow shows one revision and how the current text differs from it.
func handleRevisionShow(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, st, rev, err := dk.loadRevision(r)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		id := a.ID
		v := views.RevisionPage{AdminPage: dk.page(r, "Revision "+strconv.Itoa(rev.Version), "articles"), ArticleID: id,
			Rev: revisionRow(rev, st.Version), Current: a.Title,
			TitleDiff: editing.LineDiff(rev.Article.Title, a.Title), Diff: editing.LineDiff(rev.Article.BodyMarkdown, a.BodyMarkdown)}
		dk.renderDesk(w, r, http.StatusOK, views.AdminRevision(v))
	})
}

// handleRevisionRestore saves a revision's text as the newest version. The article keeps its
// place in the workflow (a published article stays published) and its URL, so restoring never
// moves or hides it by surprise; the restore is itself a revision and can be undone.
func handleRevisionRestore(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, _ := sessionFrom(r.Context())
		cur, st, rev, err := dk.loadRevision(r)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		id := cur.ID
		// The revision's front matter and body, at the article's current place and with its
		// current publication state.
		src := cur
		src.FrontMatterText, src.FrontMatterFmt, src.FrontMatter = rev.Article.FrontMatterText, rev.Article.FrontMatterFmt, rev.Article.FrontMatter
		edits := editing.PublicationEdits(&cur, &rev.Article)
		if rev.Article.Slug != cur.Slug {
			edits = append(edits, content.Edit{Keys: []string{"slug"}, Value: cur.Slug})
		}
		a, err := editing.AssembleArticle(r.Context(), dk.store, dk.settings(r.Context()), dk.log, &src, &cur, edits, rev.Article.BodyMarkdown)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		if _, err := dk.store.SaveDeskArticle(r.Context(), &a, st.Version, sess.Editor.ID, "reverted"); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "save", articleTarget(&a), "reverted to revision "+strconv.Itoa(rev.Version))
		seeOther(w, r, "/admin/articles/"+strconv.FormatInt(id, 10)+"?done=reverted")
	})
}

// loadRevision reads the article and the revision a /admin/articles/{id}/revisions/{rev} URL
// names.
func (dk *desk) loadRevision(r *http.Request) (data.Article, data.DeskState, data.Revision, error) {
	id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	revID, _ := strconv.ParseInt(mux.Vars(r)["rev"], 10, 64)
	a, st, err := dk.loadForDesk(r, id)
	if err != nil {
		return a, st, data.Revision{}, err
	}
	rev, err := dk.store.Revision(r.Context(), id, revID)
	return a, st, rev, err
}
