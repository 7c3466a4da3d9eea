package views

// MediaItem is one uploaded image as the desk shows it.
type MediaItem struct {
	ID            int64
	URL           string // the original
	Name          string // as uploaded
	Width, Height int
	SrcSet        string // "url 320w, url 640w, …" of the resized variants
	ThumbURL      string // the smallest variant, for lists
	ThumbW        int
	ThumbH        int
	Alt           string
}

// MediaPage is the media library: upload form and every image.
type MediaPage struct {
	AdminPage
	Items  []MediaItem
	Errors map[string]string
	Prev   string
	Next   string
}
