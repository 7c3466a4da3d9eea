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
	Caption       string
	Credit        string
}

// MediaPage is the media library: upload form, search and the images found.
type MediaPage struct {
	AdminPage
	Items  []MediaItem
	Errors map[string]string
	Query  string // the name searched for; "" = every image
	Total  int
	Prev   string
	Next   string
}

// MediaTextValues are an image's words as typed.
type MediaTextValues struct {
	Alt, Caption, Credit string
}

// MediaEditPage is one image with its words, its uses and deletion.
type MediaEditPage struct {
	AdminPage
	Item    MediaItem
	Values  MediaTextValues
	Errors  map[string]string
	Message string
	Uses    int    // rows that name it; deletion needs 0
	Figure  string // the figure shortcode that places it in a text with its words
}
