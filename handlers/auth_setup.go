package handlers

import (
	"errors"
	"net/http"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/views"
)

// handleSetupShow shows the first-admin form behind the one-time link `serve` prints.
func handleSetupShow(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := mux.Vars(r)["token"]
		ok, err := dk.store.SetupTokenValid(r.Context(), token)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		v := views.SetupForm{AdminPage: dk.page(r, "Create the first admin", ""), Token: token, Gone: !ok}
		status := http.StatusOK
		if !ok {
			status = http.StatusNotFound
		}
		dk.renderDesk(w, r, status, views.AdminSetup(v))
	})
}

// handleSetupSubmit creates the first admin, logs them in and burns the link.
func handleSetupSubmit(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := r.PostForm
		token := mux.Vars(r)["token"]
		v := views.SetupForm{AdminPage: dk.page(r, "Create the first admin", ""), Token: token, Email: f.Get("email"), Name: f.Get("name")}
		n := data.NewEditor{Email: f.Get("email"), Name: f.Get("name"), Password: f.Get("password")}
		if f.Get("password") != f.Get("password2") {
			v.Errors = map[string]string{"password2": "The two passwords differ."}
			dk.renderDesk(w, r, http.StatusUnprocessableEntity, views.AdminSetup(v))
			return
		}
		e, err := dk.store.CreateFirstAdmin(r.Context(), token, n)
		var invalid *data.ValidationError
		switch {
		case errors.As(err, &invalid):
			v.Errors = invalid.Fields
			dk.renderDesk(w, r, http.StatusUnprocessableEntity, views.AdminSetup(v))
			return
		case errors.Is(err, data.ErrNotFound):
			v.Gone = true
			dk.renderDesk(w, r, http.StatusNotFound, views.AdminSetup(v))
			return
		case err != nil:
			dk.deskError(w, r, err)
			return
		}
		if _, err := dk.startSession(w, r, e.ID); err != nil {
			dk.deskError(w, r, err)
			return
		}
		seeOther(w, r, "/admin/?done=welcome")
	})
}
