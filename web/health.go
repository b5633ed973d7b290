package web

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
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
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	if err := s.ready(ctx); err != nil {
		// Whatever the cause, not ready is 503, so load balancers wait.
		s.log.Warn("not ready", "err", err, "request_id", requestID(c))
		c.Response().Header().Set(echo.HeaderRetryAfter, "5")
		return c.String(http.StatusServiceUnavailable, "not ready\n")
	}
	return c.String(http.StatusOK, "ready\n")
}
