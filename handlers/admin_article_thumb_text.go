package handlers

import (
	"context"
	"errors"

	"gazette/data"
	"gazette/views"
)

// thumbnailMedia is the media-library upload an article's thumbnail shows; nil for anything
// else (a bundle file, an external image, none).
func (dk *desk) thumbnailMedia(ctx context.Context, thumbnail string) (*data.MediaFile, error) {
	name, ok := storedMediaName(thumbnail)
	if !ok {
		return nil, nil
	}
	m, err := dk.store.MediaByStoredName(ctx, name)
	if errors.Is(err, data.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// fillThumbText shows the thumbnail's words in the form, from the upload.
func fillThumbText(v *views.ArticleValues, m *data.MediaFile) {
	v.ThumbTextFor = v.Thumbnail
	if m != nil {
		v.ThumbText = views.MediaTextValues{Alt: m.Alt, Caption: m.Caption, Credit: m.Credit}
	}
}

// saveThumbText keeps the words typed in the form's image group on the thumbnail's upload.
// Words shown for one image are never copied onto another: when the thumbnail changed, only
// words the editor changed are written (they were typed for the new image).
func (dk *desk) saveThumbText(ctx context.Context, v views.ArticleValues) error {
	m, err := dk.thumbnailMedia(ctx, v.Thumbnail)
	if err != nil || m == nil {
		return err
	}
	typed := data.MediaText{Alt: v.ThumbText.Alt, Caption: v.ThumbText.Caption, Credit: v.ThumbText.Credit}
	if v.Thumbnail != v.ThumbTextFor {
		var shown data.MediaText
		if old, err := dk.thumbnailMedia(ctx, v.ThumbTextFor); err != nil {
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
	return dk.store.SetMediaText(ctx, m.ID, typed)
}
