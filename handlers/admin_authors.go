package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/editing"
	"gazette/reader"
	"gazette/views"
)

// The desk's author profiles (issue 17): name, address, bio, picture and links of the people
// whose names articles carry in `authors`.

// handleAuthorList lists the profiles with their article counts.
func handleAuthorList(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		profiles, err := dk.store.AuthorProfiles(ctx)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		counts, err := dk.store.AuthorArticleCounts(ctx)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		v := views.AuthorsAdminPage{AdminPage: dk.page(r, "Authors", "authors")}
		for _, p := range profiles {
			v.Rows = append(v.Rows, views.AuthorRow{Name: p.Name, Slug: p.Slug, Avatar: reader.AvatarURL(p.Avatar),
				PublicURL: reader.TermURL("", data.AuthorsTaxonomy, p.Slug), Articles: counts[p.Slug]})
		}
		dk.renderDesk(w, r, http.StatusOK, views.AdminAuthors(v))
	})
}

// handleAuthorShow shows a profile's form, blank for /admin/authors/new.
func handleAuthorShow(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		slug := mux.Vars(r)["slug"]
		if slug == "" {
			dk.renderAuthorForm(w, r, http.StatusOK, "", views.AuthorValues{}, nil)
			return
		}
		p, err := dk.store.AuthorProfileBySlug(r.Context(), slug)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		v := views.AuthorValues{Name: p.Name, Slug: p.Slug, Bio: p.Bio, Avatar: p.Avatar}
		var lines []string
		for _, l := range p.Links {
			lines = append(lines, l.Name+" | "+l.URL)
		}
		v.Links = strings.Join(lines, "\n")
		dk.renderAuthorForm(w, r, http.StatusOK, slug, v, nil)
	})
}

func (dk *desk) renderAuthorForm(w http.ResponseWriter, r *http.Request, status int, oldSlug string, v views.AuthorValues, errs map[string]string) {
	title := "New author"
	if oldSlug != "" {
		title = "Author: " + v.Name
	}
	dk.renderDesk(w, r, status, views.AdminAuthorForm(views.AuthorForm{AdminPage: dk.page(r, title, "authors"), OldSlug: oldSlug, Values: v, Errors: errs}))
}

// handleAuthorSave creates or updates a profile; a picture may be uploaded with it.
func handleAuthorSave(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		oldSlug := mux.Vars(r)["slug"]
		f := r.PostForm
		v := views.AuthorValues{Name: f.Get("name"), Slug: f.Get("slug"), Bio: f.Get("bio"), Avatar: strings.TrimSpace(f.Get("avatar")), Links: f.Get("links")}
		if oldSlug != "" {
			if _, err := dk.store.AuthorProfileBySlug(r.Context(), oldSlug); err != nil {
				dk.deskError(w, r, err)
				return
			}
		}
		sess, _ := sessionFrom(r.Context())
		errs := &data.ValidationError{}
		if u, err := dk.uploadFromForm(r, "avatar_file", sess.Editor.ID); err != nil && errorStatus(err) == http.StatusServiceUnavailable {
			dk.deskError(w, r, err)
			return
		} else if err != nil {
			errs.Add("avatar_file", editing.UploadMessage(err))
		} else if u != "" {
			v.Avatar = u
		}
		p, invalid := editing.AuthorFromForm(v)
		for k, m := range invalid {
			errs.Add(k, m)
		}
		if errs.Err() == nil {
			err := dk.store.SaveAuthorProfile(r.Context(), oldSlug, p)
			var verr *data.ValidationError
			switch {
			case errors.As(err, &verr):
				errs = verr
			case err != nil:
				dk.deskError(w, r, err)
				return
			}
		}
		if errs.Err() != nil {
			dk.renderAuthorForm(w, r, http.StatusUnprocessableEntity, oldSlug, v, errs.Fields)
			return
		}
		dk.audit(r, "author", p.Slug, p.Name)
		seeOther(w, r, "/admin/authors/"+p.Slug+"?done=author")
	})
}

// handleAuthorDelete deletes a profile; articles keep the name and the page.
func handleAuthorDelete(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		slug := mux.Vars(r)["slug"]
		if err := dk.store.DeleteAuthorProfile(r.Context(), slug); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "author-delete", slug, "")
		seeOther(w, r, "/admin/authors?done=saved")
	})
}
