package handlers

import (
	"errors"
	"net/http"
	"strings"

	"gazette/data"
	"gazette/views"
)

// handleEditorList lists the accounts (admins only).
func handleEditorList(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dk.renderEditors(w, r, http.StatusOK, views.EditorsPage{})
	})
}

func (dk *desk) renderEditors(w http.ResponseWriter, r *http.Request, status int, v views.EditorsPage) {
	sess, _ := sessionFrom(r.Context())
	list, err := dk.store.Editors(r.Context())
	if err != nil {
		dk.deskError(w, r, err)
		return
	}
	v.AdminPage = dk.page(r, "Editors", "settings")
	for _, e := range list {
		v.Editors = append(v.Editors, views.EditorRow{Email: e.Email, Name: e.Name, Role: string(e.Role), Disabled: e.Disabled, Self: e.ID == sess.Editor.ID})
	}
	dk.renderDesk(w, r, status, views.AdminEditors(v))
}

// handleEditorSave adds an account, or disables or enables one. Disabling ends the editor's
// sessions at once. Admins cannot disable themselves (the site would lose its last way in).
func handleEditorSave(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, _ := sessionFrom(r.Context())
		f := r.PostForm
		switch action := f.Get("action"); action {
		case "add":
			n := data.NewEditor{Email: f.Get("email"), Name: f.Get("name"), Role: data.Role(f.Get("role")), Password: f.Get("password")}
			_, err := dk.store.CreateEditor(r.Context(), n)
			var invalid *data.ValidationError
			if errors.As(err, &invalid) {
				v := views.EditorsPage{Errors: invalid.Fields}
				v.New.Email, v.New.Name, v.New.Role = n.Email, n.Name, string(n.Role)
				dk.renderEditors(w, r, http.StatusUnprocessableEntity, v)
				return
			}
			if err != nil {
				dk.deskError(w, r, err)
				return
			}
			dk.audit(r, "editor", n.Email, "added as "+string(n.Role))
		case "disable", "enable":
			email := f.Get("email")
			if strings.EqualFold(email, sess.Editor.Email) {
				dk.renderEditors(w, r, http.StatusUnprocessableEntity, views.EditorsPage{Errors: map[string]string{"email": "You cannot disable your own account."}})
				return
			}
			if err := dk.store.SetEditorDisabled(r.Context(), email, action == "disable"); err != nil {
				dk.deskError(w, r, err)
				return
			}
			dk.audit(r, "editor", email, action+"d")
		default:
			dk.renderEditors(w, r, http.StatusUnprocessableEntity, views.EditorsPage{Errors: map[string]string{"email": "Unknown action."}})
			return
		}
		seeOther(w, r, "/admin/editors?done=saved")
	})
}
