package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
)

// routeUnmatched labels requests that matched no route (and unknown static
// files), so that arbitrary paths never become label values.
const routeUnmatched = "unmatched"

// httpMetrics records every request's latency by route, method and status.
type httpMetrics struct {
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
}

// newHTTPMetrics registers the request metrics with reg. Registering on a
// registry that already has them (a second Server) reuses them.
func newHTTPMetrics(reg prometheus.Registerer) (*httpMetrics, error) {
	m := &httpMetrics{
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "accord_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route, method and status code.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method", "code"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "accord_http_requests_in_flight",
			Help: "HTTP requests being answered.",
		}),
	}
	var err error
	if m.duration, err = register(reg, m.duration); err != nil {
		return nil, err
	}
	if m.inFlight, err = register(reg, m.inFlight); err != nil {
		return nil, err
	}
	return m, nil
}

// register registers c, or returns the collector already registered in its place.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) (C, error) {
	err := reg.Register(c)
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing, nil
		}
	}
	if err != nil {
		return c, fmt.Errorf("web: metrics: %w", err)
	}
	return c, nil
}

// middleware observes each request once its response is written. It sits
// outside every other middleware, so it sees the final status, errors
// and panics included.
func (m *httpMetrics) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		m.inFlight.Inc()
		defer m.inFlight.Dec()
		err := next(c)
		if err != nil && !c.Response().Committed {
			c.Error(err)
		}
		route := c.Path()
		if route == "" || errors.Is(err, echo.ErrNotFound) || errors.Is(err, echo.ErrMethodNotAllowed) {
			route = routeUnmatched
		}
		method := c.Request().Method
		if method != http.MethodGet && method != http.MethodHead {
			method = "other" // any token is a valid method: keep labels bounded
		}
		m.duration.WithLabelValues(route, method, strconv.Itoa(c.Response().Status)).
			Observe(time.Since(start).Seconds())
		return err
	}
}
