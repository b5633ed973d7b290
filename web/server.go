package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/accord-search/accord/search"
)

// Options configures a Server.
type Options struct {
	// Engine answers searches. If it also implements search.Getter the
	// document pages work; search.Counter adds the count on the home page.
	Engine search.Engine
	// Logger receives request and error logs (slog.Default() when nil).
	Logger *slog.Logger
	// Ready reports whether the server can serve (/readyz); nil pings
	// the engine with a tiny search.
	Ready func(context.Context) error
	// Aliases maps alternative names to canonical facet values
	// ("Mayorkas" → "Alejandro Mayorkas", "Mexican" → "Mexico"); the facet
	// value search matches them.
	Aliases map[string]string
	// EntityNames are the names of facet values (Words as written:
	// "Mexican" → country Mexico, "Napolitano" → official Janet
	// Napolitano). Query words that spell one fill search.Query.Entities,
	// and the results page offers the value as a filter.
	EntityNames []search.Entity
	// Synonyms are groups of names of one body ("CBP", "Customs and
	// Border Protection"); a query word or phrase that spells one also
	// matches the others.
	Synonyms [][]string
	// BaseURL is the public origin ("https://accord.example.org") for
	// canonical, Open Graph, feed and OpenSearch URLs; empty derives it
	// from each request's Host header, if Hosts allows it.
	BaseURL string
	// Hosts lists the Host header values absolute URLs may be built
	// from when BaseURL is empty (the listen address and its loopback
	// names); any other Host gets the first. Empty allows any Host: only
	// for servers behind a proxy that sets Host itself.
	Hosts []string
	// Timeout bounds each request (10s when zero).
	Timeout time.Duration
	// Metrics, when set, receives the request latency histograms
	// (accord_http_request_duration_seconds by route, method and code).
	// The server does not serve them: /metrics belongs on a private
	// listener (see cmd/server).
	Metrics prometheus.Registerer
}

// Server serves Accord's web interface and JSON API.
type Server struct {
	engine  search.Engine
	getter  search.Getter  // nil when the engine cannot fetch documents
	counter search.Counter // nil when the engine cannot count
	speller search.Speller // nil when the engine cannot spell
	log     *slog.Logger
	ready   func(context.Context) error
	aliases *aliasIndex
	names   *entityNames
	baseURL string
	hosts   []string
	timeout time.Duration
	assets  *assets
	vocab   *vocabulary
	metrics *httpMetrics // nil without Options.Metrics
	e       *echo.Echo
}

// New builds a Server and its router.
func New(opts Options) *Server {
	s := &Server{
		engine:  opts.Engine,
		log:     opts.Logger,
		ready:   opts.Ready,
		aliases: newAliasIndex(opts.Aliases),
		names:   newEntityNames(opts.EntityNames, opts.Synonyms),
		baseURL: strings.TrimRight(opts.BaseURL, "/"),
		hosts:   opts.Hosts,
		timeout: opts.Timeout,
		assets:  loadAssets(),
		vocab:   newVocabulary(10 * time.Minute),
	}
	s.getter, _ = opts.Engine.(search.Getter)
	s.counter, _ = opts.Engine.(search.Counter)
	// A wrapper (metrics) is a Speller even when its engine is not; a
	// zero-limit probe tells.
	if sp, ok := opts.Engine.(search.Speller); ok {
		if _, err := sp.Spell(context.Background(), "", 0, 0); !errors.Is(err, errors.ErrUnsupported) {
			s.speller = sp
		}
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.timeout <= 0 {
		s.timeout = 10 * time.Second
	}
	if s.ready == nil {
		s.ready = s.pingEngine
	}
	if opts.Metrics != nil {
		m, err := newHTTPMetrics(opts.Metrics)
		if err != nil {
			s.log.Error("serving without request metrics", "err", err)
		}
		s.metrics = m
	}
	s.e = s.newEcho()
	return s
}

// Handler returns the HTTP handler with every route and middleware.
func (s *Server) Handler() http.Handler { return s.e }

// bodyLimit is the largest request body accepted (64 KiB: in gommon's
// units "64K" would be 64,000 bytes).
const bodyLimit = "64KiB"

// bodyLimitBytes is bodyLimit in bytes.
const bodyLimitBytes = 64 << 10

// limitChunkedBody answers 413 to a body of unknown length (chunked)
// over the limit too: Echo's BodyLimit checks Content-Length, and for
// other bodies only limits what a handler reads, which no GET handler
// does. What was read is handed on.
func limitChunkedBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.ContentLength >= 0 || r.Body == nil || r.Body == http.NoBody {
			return next(c)
		}
		b, err := io.ReadAll(io.LimitReader(r.Body, bodyLimitBytes+1))
		if err != nil {
			return echo.NewHTTPError(http.StatusBadRequest, "the request body could not be read")
		}
		if len(b) > bodyLimitBytes {
			return echo.ErrStatusRequestEntityTooLarge
		}
		r.Body = io.NopCloser(bytes.NewReader(b))
		return next(c)
	}
}

// contentSecurityPolicy allows scripts, styles and images from this
// origin only: no inline script, no CDN, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; manifest-src 'self'"

func (s *Server) newEcho() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// Trust the connection's address, not X-Forwarded-For, which any
	// client can set (echo v4.16.0 trusts it by default).
	e.IPExtractor = echo.ExtractIPDirect()
	e.HTTPErrorHandler = s.handleError
	if s.metrics != nil {
		e.Use(s.metrics.middleware)
	}
	e.Use(
		dropBadRequestID,
		middleware.RequestID(),
		s.requestLogger(),
		middleware.RecoverWithConfig(middleware.RecoverConfig{
			LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
				s.log.Error("panic", "err", err, "request_id", requestID(c), "stack", string(stack))
				return fmt.Errorf("web: panic: %w", err)
			},
		}),
		middleware.SecureWithConfig(middleware.SecureConfig{
			ContentTypeNosniff:    "nosniff",
			XFrameOptions:         "DENY",
			ContentSecurityPolicy: contentSecurityPolicy,
			ReferrerPolicy:        "same-origin",
			HSTSMaxAge:            31536000,
		}),
		// GET and HEAD carry no body worth reading; anything larger is 413.
		limitChunkedBody,
		middleware.BodyLimit(bodyLimit),
		// Level 1: pages compress almost as well, at a fraction of the
		// CPU of the default level, which was half a page's render time.
		middleware.GzipWithConfig(middleware.GzipConfig{MinLength: 1024, Level: 1}),
		middleware.ContextTimeout(s.timeout),
	)
	for _, r := range s.routes() {
		e.Add(http.MethodGet, r.path, r.handler).Name = r.name
		e.Add(http.MethodHead, r.path, r.handler)
	}
	return e
}

// requestLogger logs one line per request through the server's logger.
func (s *Server) requestLogger() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogMethod: true, LogURI: true, LogStatus: true, LogLatency: true,
		LogRequestID: true, LogRemoteIP: true, LogResponseSize: true, LogError: true,
		HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			attrs := []slog.Attr{
				slog.String("method", v.Method), slog.String("uri", v.URI), slog.String("route", c.Path()), slog.Int("status", v.Status),
				slog.Duration("latency", v.Latency), slog.Int64("bytes_out", v.ResponseSize),
				slog.String("remote_ip", v.RemoteIP), slog.String("request_id", v.RequestID),
			}
			if v.Status >= 500 {
				level = slog.LevelWarn // fail has logged the cause at ERROR
			}
			if v.Error != nil && v.Status != StatusClientClosedRequest {
				level = slog.LevelWarn
				attrs = append(attrs, slog.String("err", v.Error.Error()))
			}
			s.log.LogAttrs(c.Request().Context(), level, "request", attrs...)
			return nil
		},
	})
}

// validRequestID is what a client-supplied X-Request-Id must look like to
// be kept (behind a proxy that sets one, logs then join up).
var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// dropBadRequestID removes a client's X-Request-Id unless it is short and
// plain, so that the RequestID middleware makes a fresh one: the ID is
// echoed in a header, logged and shown on error pages.
func dropBadRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header
		if id := h.Get(echo.HeaderXRequestID); id != "" && !validRequestID.MatchString(id) {
			h.Del(echo.HeaderXRequestID)
		}
		return next(c)
	}
}

// requestID returns the ID the RequestID middleware gave this request.
func requestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}

// pingEngine is the default readiness check: a one-hit search.
func (s *Server) pingEngine(ctx context.Context) error {
	q := search.Query{PerPage: 1, NoFacets: true}
	if err := q.Normalize(); err != nil {
		return err
	}
	_, err := s.engine.Search(ctx, q)
	return err
}

// origin returns the public origin for absolute URLs: BaseURL, or the
// request's Host when it is one of Hosts (an unvalidated Host header
// would let anyone put their own site into cached feeds and OpenSearch
// descriptions). The page then varies with Host.
func (s *Server) origin(c echo.Context) string {
	if s.baseURL != "" {
		return s.baseURL
	}
	c.Response().Header().Add(echo.HeaderVary, "Host")
	host := c.Request().Host
	if len(s.hosts) > 0 && !slices.Contains(s.hosts, strings.ToLower(host)) {
		host = s.hosts[0]
	}
	return c.Scheme() + "://" + host
}
