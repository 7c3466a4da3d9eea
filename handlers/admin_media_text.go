package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/editing"
	"gazette/views"
)

// mediaTextFrom reads an image's words from a form (prefix "" on the media pages,
// "thumbnail_" in the article form), checking their length.
func mediaTextFrom(f url.Values, prefix string, errs *data.ValidationError) data.MediaText {
	fr := &editing.FieldReader{}
	t := data.MediaText{
		Alt:     fr.Text(prefix+"alt", f.Get(prefix+"alt"), 500, false),
		Caption: fr.Text(prefix+"caption", f.Get(prefix+"caption"), 1000, false),
		Credit:  fr.Text(prefix+"credit", f.Get(prefix+"credit"), 300, false),
	}
	for k, m := range fr.Errs.Fields {
		errs.Add(k, m)
	}
	return t
}

// handleMediaEdit shows one image with its words, uses and deletion.
func handleMediaEdit(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		dk.renderMediaEdit(w, r, http.StatusOK, id, nil, nil, "")
	})
}

func (dk *desk) renderMediaEdit(w http.ResponseWriter, r *http.Request, status int, id int64, typed *data.MediaText, errs map[string]string, msg string) {
	m, err := dk.store.MediaByID(r.Context(), id)
	if err != nil {
		dk.deskError(w, r, err)
		return
	}
	uses, err := dk.store.MediaUses(r.Context(), m)
	if err != nil {
		dk.deskError(w, r, err)
		return
	}
	v := views.MediaEditPage{AdminPage: dk.page(r, m.Name, "media"), Item: mediaItem(m), Uses: uses, Errors: errs, Message: msg,
		Values: views.MediaTextValues{Alt: m.Alt, Caption: m.Caption, Credit: m.Credit}, Figure: editing.FigureShortcode(m)}
	if typed != nil {
		v.Values = views.MediaTextValues{Alt: typed.Alt, Caption: typed.Caption, Credit: typed.Credit}
	}
	dk.renderDesk(w, r, status, views.AdminMediaEdit(v))
}

// handleMediaSave writes an image's alt text, caption and credit.
func handleMediaSave(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		errs := &data.ValidationError{}
		t := mediaTextFrom(r.PostForm, "", errs)
		if errs.Err() != nil {
			dk.renderMediaEdit(w, r, http.StatusUnprocessableEntity, id, &t, errs.Fields, "Nothing was saved yet: correct the fields marked below.")
			return
		}
		if err := dk.store.SetMediaText(r.Context(), id, t); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "media", "image #"+strconv.FormatInt(id, 10), "alt text, caption and credit")
		seeOther(w, r, "/admin/media/"+strconv.FormatInt(id, 10)+"?done=saved")
	})
}

// handleMediaDelete deletes an image nothing uses; one in use is refused (409) with its count.
func handleMediaDelete(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		err := dk.store.DeleteMedia(r.Context(), dk.media, id)
		if errors.Is(err, data.ErrMediaInUse) {
			dk.renderMediaEdit(w, r, http.StatusConflict, id, nil, nil, "Not deleted: something shows this image. Remove it from there first.")
			return
		}
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "delete", "image #"+strconv.FormatInt(id, 10), "deleted from the media library")
		seeOther(w, r, "/admin/media?done=media-deleted")
	})
}
