package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/web/components"
)

// staticFS holds the stylesheet, the page script and the icon: no CDN.
//
//go:embed static
var staticFS embed.FS

// mimeTypes are the content types of the embedded files, fixed here
// rather than read from the host's mime.types, which varies.
var mimeTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
	".png": "image/png",
}

// asset is one embedded file and the hash of its content.
type asset struct {
	body []byte
	hash string
	mime string
}

// assets are the embedded files by name, hashed once at start.
type assets struct {
	files map[string]asset
}

func loadAssets() *assets {
	a := &assets{files: map[string]asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		name := p[len("static/"):]
		typ, ok := mimeTypes[path.Ext(name)]
		if !ok {
			typ = "application/octet-stream"
		}
		a.files[name] = asset{body: body, hash: hex.EncodeToString(sum[:6]), mime: typ}
		return nil
	})
	if err != nil {
		panic("web: embedded static files: " + err.Error())
	}
	return a
}

// url returns the content-hashed URL of a static file: it changes when
// the file does, so browsers may cache it forever.
func (a *assets) url(name string) string {
	return "/static/" + name + "?v=" + a.files[name].hash
}

// urls returns the asset URLs that every page links.
func (a *assets) urls() components.Assets {
	return components.Assets{CSS: a.url("app.css"), JS: a.url("app.js"), Icon: a.url("icon.svg")}
}

// static serves an embedded file; with the current hash it may be cached
// for a year.
func (s *Server) static(c echo.Context) error {
	return s.serveAsset(c, c.Param("*"))
}

// favicon serves the icon where browsers look for it by default.
func (s *Server) favicon(c echo.Context) error {
	return s.serveAsset(c, "icon.svg")
}

func (s *Server) serveAsset(c echo.Context, name string) error {
	f, ok := s.assets.files[name]
	if !ok {
		return echo.ErrNotFound
	}
	h := c.Response().Header()
	if c.QueryParam("v") == f.hash {
		h.Set(echo.HeaderCacheControl, "public, max-age=31536000, immutable")
	} else {
		h.Set(echo.HeaderCacheControl, "public, max-age=300")
	}
	etag := `"` + f.hash + `"`
	h.Set("ETag", etag)
	if c.Request().Header.Get("If-None-Match") == etag {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, f.mime, f.body)
}
