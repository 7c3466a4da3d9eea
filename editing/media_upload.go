package editing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"

	xdraw "golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // registers the WebP decoder

	"gazette/data"
)

// MaxImageBytes is the largest upload; maxImagePixels guards against small files that
// decode to huge images.
const (
	MaxImageBytes  = 10 << 20
	maxImagePixels = 40_000_000
)

// variantWidths are the resized copies made for srcset; only those narrower than the original.
var variantWidths = []int{320, 640, 1024, 1600}

// Upload errors, each with a sentence for the editor.
var (
	ErrImageTooBig   = errors.New("the image is larger than 10 MB")
	ErrImageType     = errors.New("only JPEG, PNG, GIF and WebP images are accepted (SVG is not)")
	ErrImageBroken   = errors.New("the file is not a readable image")
	ErrImageTooLarge = errors.New("the image has more than 40 million pixels")
)

// IsImageError reports whether err is one of the upload errors above: the editor's file, not
// a fault of the server.
func IsImageError(err error) bool {
	for _, known := range []error{ErrImageTooBig, ErrImageType, ErrImageBroken, ErrImageTooLarge} {
		if errors.Is(err, known) {
			return true
		}
	}
	return false
}

// UploadMessage is what the form says about a failed upload.
func UploadMessage(err error) string {
	for _, known := range []error{ErrImageTooBig, ErrImageType, ErrImageBroken, ErrImageTooLarge} {
		if errors.Is(err, known) {
			s := known.Error()
			return "Not uploaded: " + s + "."
		}
	}
	return "Not uploaded: the image could not be stored. Try again."
}

// imageTypes maps the types sniffed from the bytes to the stored extension. Unexported: it
// decides what an upload may be and what /media/ serves, so no other package may widen it
// (SVG, which can carry script, is left out on purpose).
var imageTypes = map[string]string{"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}

// IsImageType reports whether ctype is one of the image types uploads may be and /media/ serves.
func IsImageType(ctype string) bool {
	_, ok := imageTypes[ctype]
	return ok
}

// StoreImage checks an upload by its bytes (never its name), stores it and its resized
// variants under content-hash names in media, and records it in the media library.
func StoreImage(ctx context.Context, store *data.Store, media *data.MediaDir, src io.Reader, name string, editorID int64) (data.MediaFile, error) {
	b, err := io.ReadAll(io.LimitReader(src, MaxImageBytes+1))
	if err != nil {
		return data.MediaFile{}, fmt.Errorf("read upload: %w", err)
	}
	if len(b) > MaxImageBytes {
		return data.MediaFile{}, ErrImageTooBig
	}
	mediaType := http.DetectContentType(b)
	ext, ok := imageTypes[mediaType]
	if !ok {
		return data.MediaFile{}, ErrImageType
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || imageTypes["image/"+format] == "" && format != "jpeg" {
		return data.MediaFile{}, ErrImageBroken
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxImagePixels {
		return data.MediaFile{}, ErrImageTooLarge
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return data.MediaFile{}, ErrImageBroken
	}
	stored, size, err := media.Save(bytes.NewReader(b), ext)
	if err != nil {
		return data.MediaFile{}, err
	}
	m := data.MediaFile{StoredName: stored, Name: cleanName(name), MediaType: mediaType, Width: cfg.Width, Height: cfg.Height, Size: size}
	for _, w := range variantWidths {
		if w >= cfg.Width {
			break
		}
		v, err := saveVariant(media, img, w, mediaType)
		if err != nil {
			return data.MediaFile{}, err
		}
		m.Variants = append(m.Variants, v)
	}
	return store.AddMedia(ctx, m, editorID)
}

// saveVariant scales img to width w: JPEG for photos, PNG where transparency may matter.
func saveVariant(media *data.MediaDir, img image.Image, w int, mediaType string) (data.MediaVariant, error) {
	b := img.Bounds()
	h := max(1, b.Dy()*w/b.Dx())
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	var buf bytes.Buffer
	ext := "jpg"
	var err error
	if mediaType == "image/png" || mediaType == "image/gif" {
		ext = "png"
		err = png.Encode(&buf, dst)
	} else {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82})
	}
	if err != nil {
		return data.MediaVariant{}, fmt.Errorf("encode variant: %w", err)
	}
	stored, _, err := media.Save(&buf, ext)
	if err != nil {
		return data.MediaVariant{}, err
	}
	return data.MediaVariant{StoredName: stored, Width: w, Height: h}, nil
}

// cleanName keeps a file name as a label only: bounded and without path parts.
func cleanName(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' || name[i] == '\\' {
			name = name[i+1:]
			break
		}
	}
	if len(name) > 200 {
		name = name[:200]
	}
	return name
}

var _ = gif.Decode // registers the GIF decoder
