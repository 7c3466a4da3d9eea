package handlers

import (
	"io"
	"net/http"

	"gazette/hugosite"
	"gazette/views"
)

// handleExport streams the whole site as a Hugo site in a .tar.gz, the same files `gazette
// export` writes (admins only). It only reads, so it is a GET: a link can start it, and a forged
// one only downloads the site to the admin's own browser.
func handleExport(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := dk.store.Now()
		out := &countingWriter{w: w}
		h := w.Header()
		h.Set("Content-Type", "application/gzip")
		h.Set("Content-Disposition", `attachment; filename="gazette-hugo-export-`+now.Format("2006-01-02")+`.tar.gz"`)
		cacheNone.set(h)
		tgz := hugosite.NewTarGzWriter(out, now)
		_, err := hugosite.Export(r.Context(), dk.store, dk.media, tgz)
		if err == nil {
			err = tgz.Close()
		}
		switch {
		case err == nil:
		case out.n == 0:
			// Nothing sent yet (the export checks every article before writing): say why.
			h.Del("Content-Disposition")
			dk.log.Error("export", "err", err)
			dk.renderDesk(w, r, http.StatusConflict, views.AdminMessage(dk.page(r, "Export failed", ""), "Export failed",
				"Nothing was exported: "+err.Error()))
		default:
			// Halfway through a download: break the connection so the file is not taken for whole.
			dk.log.Error("export stopped", "err", err)
			panic(http.ErrAbortHandler)
		}
	})
}

// countingWriter tells whether anything reached the client yet.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
