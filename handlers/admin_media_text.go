package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/editing"
	"gazette/reader"
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

// figureShortcode places an upload in a text with its words, as Hugo's figure shortcode
// takes them (attr is Hugo's name for the credit), so an export stays a Hugo site.
func figureShortcode(m data.MediaFile) string {
	q := func(s string) string { return strconv.Quote(strings.ReplaceAll(s, `"`, "'")) }
	return "{{< figure src=" + q(reader.MediaURL(m.StoredName)) + " alt=" + q(m.Alt) + " caption=" + q(m.Caption) + " attr=" + q(m.Credit) + " >}}"
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
		Values: views.MediaTextValues{Alt: m.Alt, Caption: m.Caption, Credit: m.Credit}, Figure: figureShortcode(m)}
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

// imgTag and altAttr find the images of a rendered body and their alt text.
var (
	imgTag  = regexp.MustCompile(`(?is)<img\b[^>]*>`)
	altAttr = regexp.MustCompile(`(?is)\balt\s*=\s*("([^"]*)"|'([^']*)')`)
	srcAttr = regexp.MustCompile(`(?is)\bsrc\s*=\s*("([^"]*)"|'([^']*)')`)
)

// imagesWithoutAlt names the images an article shows with no text alternative: in its body
// (an empty or missing alt) and its thumbnail when the upload has none (readers then hear the
// title, which rarely says what the picture shows).
func imagesWithoutAlt(a *data.Article, thumb *data.MediaFile) []string {
	var out []string
	if thumb != nil && strings.TrimSpace(thumb.Alt) == "" {
		out = append(out, "the thumbnail ("+thumb.Name+")")
	}
	for _, tag := range imgTag.FindAllString(a.BodyHTML, -1) {
		alt := altAttr.FindStringSubmatch(tag)
		if alt != nil && strings.TrimSpace(alt[2]+alt[3]) != "" {
			continue
		}
		src := "an image"
		if s := srcAttr.FindStringSubmatch(tag); s != nil {
			src = s[2] + s[3]
		}
		out = append(out, src)
	}
	return out
}
