package editing

import (
	"context"
	"errors"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// ThumbnailMedia is the media-library upload an article's thumbnail shows; nil for anything
// else (a bundle file, an external image, none).
func ThumbnailMedia(ctx context.Context, store *data.Store, thumbnail string) (*data.MediaFile, error) {
	name, ok := reader.StoredMediaName(thumbnail)
	if !ok {
		return nil, nil
	}
	m, err := store.MediaByStoredName(ctx, name)
	if errors.Is(err, data.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// FillThumbText shows the thumbnail's words in the form, from the upload.
func FillThumbText(v *views.ArticleValues, m *data.MediaFile) {
	v.ThumbTextFor = v.Thumbnail
	if m != nil {
		v.ThumbText = views.MediaTextValues{Alt: m.Alt, Caption: m.Caption, Credit: m.Credit}
	}
}

// SaveThumbText keeps the words typed in the form's image group on the thumbnail's upload.
// Words shown for one image are never copied onto another: when the thumbnail changed, only
// words the editor changed are written (they were typed for the new image).
func SaveThumbText(ctx context.Context, store *data.Store, v views.ArticleValues) error {
	m, err := ThumbnailMedia(ctx, store, v.Thumbnail)
	if err != nil || m == nil {
		return err
	}
	typed := data.MediaText{Alt: v.ThumbText.Alt, Caption: v.ThumbText.Caption, Credit: v.ThumbText.Credit}
	if v.Thumbnail != v.ThumbTextFor {
		var shown data.MediaText
		if old, err := ThumbnailMedia(ctx, store, v.ThumbTextFor); err != nil {
			return err
		} else if old != nil {
			shown = data.MediaText{Alt: old.Alt, Caption: old.Caption, Credit: old.Credit}
		}
		if typed == shown {
			return nil
		}
	}
	if typed == (data.MediaText{Alt: m.Alt, Caption: m.Caption, Credit: m.Credit}) {
		return nil
	}
	return store.SetMediaText(ctx, m.ID, typed)
}
