package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
)

// healthz reports that the process serves HTTP; it never touches the engine.
func (s *Server) healthz(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.String(http.StatusOK, "ok\n")
}

// readyz reports whether searches can be served: Options.Ready, or by
// default a one-hit search, bounded to a few seconds.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 3*time.Second)
	defer cancel()
	if err := s.ready(ctx); err != nil {
		return s.fail(c, fmt.Errorf("web: not ready: %w: %w", search.ErrUnavailable, err))
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.String(http.StatusOK, "ready\n")
}
