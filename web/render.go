package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// Fragment requests. The page script sends headerFragment with the name of
// the region it wants; htmx sends HX-Request (but HX-History-Restore-Request
// on a history restore, which needs the full page).
const (
	headerFragment       = "Accord-Fragment"
	headerHXRequest      = "HX-Request"
	headerHXRestore      = "HX-History-Restore-Request"
	fragmentResults      = "results"
	fragmentFacetPrefix  = "facet-"
	varyOnFragmentHeader = headerFragment + ", " + headerHXRequest + ", " + headerHXRestore
)

// fragment returns the region a request asks for, or "" for a full page.
func fragment(r *http.Request) string {
	if f := r.Header.Get(headerFragment); f != "" {
		return f
	}
	if r.Header.Get(headerHXRequest) == "true" && r.Header.Get(headerHXRestore) == "" {
		return fragmentResults
	}
	return ""
}

// render buffers the component, then writes the status and the HTML, so
// that a failing template can never leave half a page behind a 200.
func (s *Server) render(c echo.Context, status int, comp templ.Component) error {
	buf := templ.GetBuffer()
	defer templ.ReleaseBuffer(buf)
	// Rendering is in memory; it must finish even when the request's
	// deadline has passed, as it has when an error page is rendered after
	// the ContextTimeout middleware returned.
	if err := comp.Render(context.WithoutCancel(c.Request().Context()), buf); err != nil {
		return fmt.Errorf("web: render: %w", err)
	}
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().WriteHeader(status)
	_, err := buf.WriteTo(c.Response())
	return err
}

// StatusClientClosedRequest is the status logged and counted for a
// request whose client went away before the answer (nginx's 499): not a
// server error, so it trips no 5xx alert. The client sees nothing.
const StatusClientClosedRequest = 499

// statusOf maps an error to an HTTP status with errors.Is.
func statusOf(err error) int {
	var he *echo.HTTPError
	switch {
	case errors.Is(err, context.Canceled):
		return StatusClientClosedRequest
	case errors.Is(err, search.ErrBadQuery):
		return http.StatusBadRequest
	case errors.Is(err, search.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, search.ErrUnavailable):
		return http.StatusServiceUnavailable
	case errors.Is(err, search.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout
	case errors.As(err, &he):
		return he.Code
	}
	return http.StatusInternalServerError
}

// handleError is Echo's error handler: unknown routes, panics and any error
// a handler returns end here.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if ferr := s.fail(c, err); ferr != nil {
		s.log.Error("writing an error response", "err", ferr, "request_id", requestID(c))
	}
}

// fail answers a request with err, in the request's format: an HTML page,
// the results fragment, JSON for the API or plain text for exports. It
// never shows internals; the log gets the full error.
func (s *Server) fail(c echo.Context, err error) error {
	status := statusOf(err)
	switch {
	case errors.Is(err, context.Canceled):
		s.log.Debug("request canceled", "err", err, "request_id", requestID(c))
	case status >= 500:
		s.log.Error("request failed", "status", status, "err", err, "uri", c.Request().RequestURI, "request_id", requestID(c))
	default:
		s.log.Info("request rejected", "status", status, "err", err, "uri", c.Request().RequestURI, "request_id", requestID(c))
	}
	h := c.Response().Header()
	h.Set(echo.HeaderCacheControl, "no-store")
	if status == http.StatusServiceUnavailable {
		h.Set(echo.HeaderRetryAfter, "30")
	}
	v := errorView(status, err, requestID(c))
	path := c.Request().URL.Path
	switch {
	case strings.HasPrefix(path, "/api/"):
		return c.JSON(status, map[string]any{"error": v.Message, "status": status})
	case strings.HasSuffix(path, ".atom"), strings.HasSuffix(path, ".csv"), strings.HasSuffix(path, ".xml"),
		strings.HasPrefix(path, "/static/"), path == "/healthz", path == "/readyz":
		return c.String(status, v.Heading+": "+v.Message+"\n")
	case fragment(c.Request()) != "":
		h.Set(echo.HeaderVary, varyOnFragmentHeader)
		return s.render(c, status, components.ErrorFragment(v))
	}
	v.Meta = s.meta(v.Heading+" · Accord", "", nil)
	v.Meta.NoIndex = true
	if err := s.render(c, status, components.ErrorPage(v)); err != nil {
		return c.String(status, v.Heading+"\n")
	}
	return nil
}

// errorView explains a status in plain words.
func errorView(status int, err error, reqID string) components.ErrorView {
	v := components.ErrorView{Status: status, RequestID: reqID, Back: "/search"}
	var pe *ParamError
	switch status {
	case http.StatusBadRequest:
		v.Heading = "This search cannot be run"
		v.Message = "The address asks for something the search does not understand. Check the search text and filters."
		if errors.As(err, &pe) {
			v.Message = "The " + pe.Param + " parameter is invalid: " + pe.Reason + "."
		}
	case http.StatusNotFound:
		v.Heading = "Not found"
		v.Message = "There is no page at this address."
		if errors.Is(err, search.ErrNotFound) {
			v.Message = "No document has this ID. It may have been removed from the index."
		}
	case http.StatusServiceUnavailable:
		v.Heading = "Search is temporarily unavailable"
		v.Message = "The search engine is not responding right now. Your search is kept in the address bar: try again in a minute."
		v.Retry = true
	case http.StatusGatewayTimeout:
		v.Heading = "The search took too long"
		v.Message = "The search engine did not answer in time. Try again, or narrow the search with fewer words or more filters."
		v.Retry = true
	case http.StatusMethodNotAllowed:
		v.Heading = "Method not allowed"
		v.Message = "This address only answers GET requests."
	case http.StatusRequestEntityTooLarge:
		v.Heading = "Request too large"
		v.Message = "The request body is larger than this server accepts."
	default:
		v.Heading = "Something went wrong"
		v.Message = "An unexpected error occurred on our side. It has been logged; the request ID below helps to find it."
		v.Retry = true
	}
	return v
}
