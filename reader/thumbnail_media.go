package reader

import (
	"context"
	"strconv"
	"strings"

	"gazette/data"
	"gazette/views"
)

// MediaURL is the one URL builder for uploaded files.
func MediaURL(stored string) string { return "/media/" + stored }

// thumbFallbackWidth caps the variant a thumbnail's src names: browsers that read srcset pick
// their own; the src is a fair choice for any screen.
const thumbFallbackWidth = 1024

// MediaSrcSet is an upload's srcset: its variants, narrowest first, then the original.
func MediaSrcSet(m data.MediaFile) string {
	set := make([]string, 0, len(m.Variants)+1)
	for _, v := range m.Variants {
		set = append(set, MediaURL(v.StoredName)+" "+strconv.Itoa(v.Width)+"w")
	}
	set = append(set, MediaURL(m.StoredName)+" "+strconv.Itoa(m.Width)+"w")
	return strings.Join(set, ", ")
}

// StoredMediaName is the stored name behind a thumbnail that points into the media library
// ("/media/ab/ab12….jpg" → "ab/ab12….jpg"); ok is false for anything else.
func StoredMediaName(src string) (string, bool) {
	name, ok := strings.CutPrefix(strings.TrimSpace(src), "/media/")
	dir, file, found := strings.Cut(name, "/")
	if !ok || !found || len(dir) != 2 || file == "" || strings.Contains(file, "/") {
		return "", false
	}
	return name, true
}

// ThumbnailUploads loads the media-library files a page's thumbnails name, in one query
// whatever the number of articles.
func ThumbnailUploads(ctx context.Context, store *data.Store, thumbnails ...string) (map[string]data.MediaFile, error) {
	var names []string
	for _, src := range thumbnails {
		if name, ok := StoredMediaName(src); ok {
			names = append(names, name)
		}
	}
	return store.MediaByStoredNames(ctx, names)
}

// SizedThumbnail gives a thumbnail that is an upload its srcset and the intrinsic size of the
// file its src names, so the page does not shift as it loads. Bundle files and external
// images are returned as they are.
func SizedThumbnail(img *views.Image, uploads map[string]data.MediaFile) *views.Image {
	if img == nil {
		return nil
	}
	name, ok := StoredMediaName(img.URL)
	if !ok {
		return img
	}
	m, ok := uploads[name]
	if !ok || m.Width <= 0 || m.Height <= 0 {
		return img
	}
	img.URL, img.Width, img.Height = MediaURL(m.StoredName), m.Width, m.Height
	for _, v := range m.Variants {
		if v.Width <= thumbFallbackWidth {
			img.URL, img.Width, img.Height = MediaURL(v.StoredName), v.Width, v.Height
		}
	}
	img.SrcSet = MediaSrcSet(m)
	if m.Alt != "" { // else the article's title stands in, as before the library had words
		img.Alt = m.Alt
	}
	img.Caption, img.Credit = m.Caption, m.Credit
	return img
}
