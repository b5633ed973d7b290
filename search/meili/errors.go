package meili

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"unicode/utf8"

	"github.com/accord-search/accord/search"
	"github.com/meilisearch/meilisearch-go"
)

// Meilisearch error codes we act on.
const (
	codeIndexNotFound    = "index_not_found"
	codeIndexExists      = "index_already_exists"
	codeDocumentNotFound = "document_not_found"
	codePayloadTooLarge  = "payload_too_large"
)

// wrapErr adds the operation to err and, where one applies, a search
// sentinel, so callers can test errors.Is(err, search.ErrUnavailable) and
// still reach the SDK's *meilisearch.Error with errors.As.
//
// The SDK's *meilisearch.Error has no Unwrap, so the cause is read from its
// ErrCode, API error code, status and OriginError rather than errors.Is.
//
// A missing index maps to search.ErrUnavailable: the index is created by
// Setup, so its absence means the engine is not ready (or misconfigured),
// which an empty result would hide.
//
// The method form also redacts the engine's key from the message and caps
// its length, since Meilisearch's messages (and a proxy's) are logged.
func (e *Engine) wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	return &redacted{err: wrapErr(op, err), key: e.key}
}

func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if sentinel := classify(err); sentinel != nil {
		return fmt.Errorf("meili: %s: %w: %w", op, sentinel, err)
	}
	return fmt.Errorf("meili: %s: %w", op, err)
}

// classify returns the search sentinel (or context.Canceled) for err, or
// nil.
func classify(err error) error {
	var te *taskError
	if errors.As(err, &te) {
		return classifyCode(te.Code)
	}
	var me *meilisearch.Error
	if !errors.As(err, &me) {
		// WaitForTaskWithContext returns ctx.Err() itself, which already
		// matches context.Canceled or context.DeadlineExceeded.
		if errors.Is(err, context.DeadlineExceeded) {
			return search.ErrTimeout
		}
		return nil
	}
	switch me.ErrCode {
	case meilisearch.MeilisearchTimeoutError:
		if errors.Is(me.OriginError, context.Canceled) {
			return context.Canceled // the caller gave up; not the engine's fault
		}
		return search.ErrTimeout
	case meilisearch.MeilisearchCommunicationError:
		return classifyNetwork(me.OriginError)
	case meilisearch.MeilisearchMaxRetriesExceeded:
		return search.ErrUnavailable
	case meilisearch.MeilisearchApiError, meilisearch.MeilisearchApiErrorWithoutMessage:
		if s := classifyCode(me.MeilisearchApiError.Code); s != nil {
			return s
		}
		// 5xx, and a redirect (never Meilisearch's own answer: a proxy or
		// a wrong URL; it is not followed, see httpClient).
		if me.StatusCode >= 500 || me.StatusCode >= 300 && me.StatusCode < 400 {
			return search.ErrUnavailable
		}
	}
	return nil
}

// classifyNetwork maps a transport error: cancellation is the caller's
// (context.Canceled), a timeout is ErrTimeout, anything else (refused,
// reset, DNS) is ErrUnavailable.
func classifyNetwork(origin error) error {
	if errors.Is(origin, context.Canceled) {
		return context.Canceled
	}
	var ne net.Error
	if errors.Is(origin, context.DeadlineExceeded) || (errors.As(origin, &ne) && ne.Timeout()) {
		return search.ErrTimeout
	}
	return search.ErrUnavailable
}

// classifyCode maps a Meilisearch API error code to a sentinel, or nil.
func classifyCode(code string) error {
	switch {
	case code == codeDocumentNotFound:
		return search.ErrNotFound
	case code == codeIndexNotFound,
		code == "missing_authorization_header",
		code == "invalid_api_key",
		code == "no_space_left_on_device":
		return search.ErrUnavailable
	case strings.HasPrefix(code, "invalid_search_"),
		strings.HasPrefix(code, "invalid_multi_search_"):
		return search.ErrBadQuery
	}
	return nil
}

// apiCode returns the Meilisearch API error code carried by err, or "".
func apiCode(err error) string {
	var me *meilisearch.Error
	if errors.As(err, &me) {
		return me.MeilisearchApiError.Code
	}
	return ""
}

// taskError is a Meilisearch task that ended without succeeding.
type taskError struct {
	UID     int64
	Type    string
	Status  string
	Code    string
	Message string
}

func (e *taskError) Error() string {
	if e.Code == "" {
		return fmt.Sprintf("task %d (%s) %s", e.UID, e.Type, e.Status)
	}
	return fmt.Sprintf("task %d (%s) %s: %s: %s", e.UID, e.Type, e.Status, e.Code, e.Message)
}

// maxErrText caps the length of an error message: Meilisearch's messages
// quote the request (a filter, a document) and end up in logs.
const maxErrText = 1000

// redacted is an error whose message never shows key and is at most
// maxErrText bytes; errors.Is and errors.As see the error inside.
type redacted struct {
	err error
	key string
}

func (r *redacted) Error() string {
	s := r.err.Error()
	if r.key != "" {
		s = strings.ReplaceAll(s, r.key, "[redacted key]")
	}
	if len(s) > maxErrText {
		cut := maxErrText
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "… (cut)"
	}
	return s
}

func (r *redacted) Unwrap() error { return r.err }
