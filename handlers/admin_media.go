package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"gazette/data"
	"gazette/editing"
	"gazette/reader"
	"gazette/views"
)

const mediaPageSize = 48

// mediaItem is an upload as the desk shows it, with srcset and the smallest variant.
func mediaItem(m data.MediaFile) views.MediaItem {
	it := views.MediaItem{ID: m.ID, URL: reader.MediaURL(m.StoredName), Name: m.Name, Width: m.Width, Height: m.Height, Alt: m.Alt, Caption: m.Caption, Credit: m.Credit,
		ThumbURL: reader.MediaURL(m.StoredName), ThumbW: m.Width, ThumbH: m.Height}
	if len(m.Variants) > 0 {
		v := m.Variants[0]
		it.ThumbURL, it.ThumbW, it.ThumbH = reader.MediaURL(v.StoredName), v.Width, v.Height
	}
	it.SrcSet = reader.MediaSrcSet(m)
	return it
}

func (dk *desk) recentImages(r *http.Request, n int) ([]views.MediaItem, error) {
	list, _, err := dk.store.MediaFiles(r.Context(), n, 0)
	if err != nil {
		return nil, err
	}
	out := make([]views.MediaItem, len(list))
	for i, m := range list {
		out[i] = mediaItem(m)
	}
	return out, nil
}

// uploadFromForm stores the image posted in field, if any, and returns its URL.
func (dk *desk) uploadFromForm(r *http.Request, field string, editorID int64) (string, error) {
	m, err := dk.uploadMediaFromForm(r, field, editorID)
	if err != nil || m.StoredName == "" {
		return "", err
	}
	return reader.MediaURL(m.StoredName), nil
}

// uploadMediaFromForm stores the image posted in field, if any; a zero MediaFile when none.
func (dk *desk) uploadMediaFromForm(r *http.Request, field string, editorID int64) (data.MediaFile, error) {
	if r.MultipartForm == nil || len(r.MultipartForm.File[field]) == 0 {
		return data.MediaFile{}, nil
	}
	fh := r.MultipartForm.File[field][0]
	if fh.Size == 0 {
		return data.MediaFile{}, nil
	}
	f, err := fh.Open()
	if err != nil {
		return data.MediaFile{}, editing.ErrImageBroken
	}
	defer f.Close()
	return editing.StoreImage(r.Context(), dk.store, dk.media, f, fh.Filename, editorID)
}

// handleMediaList shows the media library and its upload form.
func handleMediaList(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dk.renderMediaList(w, r, http.StatusOK, nil)
	})
}

func (dk *desk) renderMediaList(w http.ResponseWriter, r *http.Request, status int, errs map[string]string) {
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || page < 1 || page > 100000 {
		page = 1
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		q = q[:200]
	}
	list, total, err := dk.store.FindMedia(r.Context(), q, mediaPageSize, (page-1)*mediaPageSize)
	if err != nil {
		dk.deskError(w, r, err)
		return
	}
	v := views.MediaPage{AdminPage: dk.page(r, "Media", "media"), Errors: errs, Query: q, Total: total}
	for _, m := range list {
		v.Items = append(v.Items, mediaItem(m))
	}
	pageURL := func(n int) string {
		u := url.Values{"page": {strconv.Itoa(n)}}
		if q != "" {
			u.Set("q", q)
		}
		return "/admin/media?" + u.Encode()
	}
	if page > 1 {
		v.Prev = pageURL(page - 1)
	}
	if page*mediaPageSize < total {
		v.Next = pageURL(page + 1)
	}
	dk.renderDesk(w, r, status, views.AdminMedia(v))
}

// handleMediaUpload stores one uploaded image.
func handleMediaUpload(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, _ := sessionFrom(r.Context())
		words := &data.ValidationError{}
		text := mediaTextFrom(r.PostForm, "", words)
		if words.Err() != nil {
			dk.renderMediaList(w, r, http.StatusUnprocessableEntity, words.Fields)
			return
		}
		m, err := dk.uploadMediaFromForm(r, "file", sess.Editor.ID)
		if err == nil && m.StoredName == "" {
			err = editing.ErrImageBroken
		}
		if err == nil && text != (data.MediaText{}) {
			err = dk.store.SetMediaText(r.Context(), m.ID, text)
		}
		if err != nil && errorStatus(err) == http.StatusServiceUnavailable {
			dk.deskError(w, r, err) // the disk, not the image: "read-only right now"
			return
		}
		if err != nil {
			if !editing.IsImageError(err) {
				dk.log.Error("upload", "err", err)
			}
			dk.renderMediaList(w, r, http.StatusUnprocessableEntity, map[string]string{"file": editing.UploadMessage(err)})
			return
		}
		seeOther(w, r, "/admin/media?done=uploaded")
	})
}
