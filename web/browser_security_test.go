package web

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/accord-search/accord/search"
)

// hostileDocs carry script payloads in every field a page shows. Each
// payload that ran would set window.__pwned or open a dialog.
var hostileDocs = []search.Document{{
	ID:    "h01",
	Title: `Hostile <script>window.__pwned="title"</script> release <img src=x onerror="window.__pwned='title-img';alert(1)">`,
	Body: "Hostile body <script>window.__pwned='body'</script> with <svg onload=\"window.__pwned='svg'\"></svg> and " +
		"<a href=\"javascript:window.__pwned='link'\">a link</a>.\n\n" +
		"Second <iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe> paragraph " +
		"<b onmouseover=\"window.__pwned='hover'\">bold</b> <style>body{display:none}</style> end.",
	URL:       "javascript:window.__pwned='original';alert(2)",
	Source:    `<img src=x onerror="window.__pwned='source'">Evil Source`,
	Date:      "2024-05-01",
	Countries: []string{`<img src=x onerror="window.__pwned='country'">`, "Canada"},
	Officials: []string{`"><script>window.__pwned='official'</script>`},
	Topics:    []string{`javascript:window.__pwned='topic'`},
	Path:      `hostile/<script>alert(3)</script>.html`,
	AlsoPublished: []search.Copy{
		{Source: "<script>window.__pwned='copy'</script>", URL: "data:text/html,<script>alert(4)</script>", Path: "hostile/copy.html"},
		{Source: "Mirror", URL: " JaVaScRiPt:alert(5)", Path: "hostile/mirror.html"},
	},
}}

// probeJS runs before any page script: it records CSP violations, which
// would mean that content became markup that the CSP then stopped.
const probeJS = `window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`

// checkPageJS lists what must never be on a page built from hostile text.
const checkPageJS = `(() => {
  const bad = [];
  if (typeof window.__pwned !== 'undefined') bad.push('a payload ran: ' + window.__pwned);
  for (const s of document.scripts) {
    if (!s.src || new URL(s.src).origin !== location.origin) bad.push('script: ' + (s.src || s.textContent.slice(0, 60)));
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(el.tagName + ' ' + a.name);
      if (/^(href|src|action|formaction|srcdoc|data|xlink:href)$/i.test(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)) {
        bad.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 40));
      }
    }
  }
  for (const sel of ['iframe', 'object', 'embed', 'img[src="x"]', 'body style']) {
    if (document.querySelector(sel)) bad.push('element ' + sel);
  }
  for (const v of window.__violations || []) bad.push('CSP violation: ' + v);
  return bad;
})()`

// TestBrowserDocumentContentNeverRuns loads every page that shows the
// hostile document's fields, and interacts with them (search as you
// type, facet clicks swap fragments in), in headless Chromium: no payload
// runs, no dialog opens, no markup is injected, and the payloads show as
// text. Once with the CSP, once with the CSP bypassed, so that escaping
// alone is shown to hold.
func TestBrowserDocumentContentNeverRuns(t *testing.T) {
	bctx, base := browser(t, hostileDocs...)
	payloadQuery := url.Values{"q": {`<script>window.__pwned='q'</script>`}}.Encode()
	pages := []struct {
		name, path string
		text       string // JS: an expression that must be true (the payload shows as text)
	}{
		{"search hit", "/search?q=hostile", `document.querySelector('[data-testid=hit]').textContent.includes('<script>window.__pwned="title"</script>')`},
		{"browse", "/search", `document.body.textContent.includes('Evil Source')`},
		{"home", "/", `true`},
		{"document", "/doc/h01", `document.querySelector('[data-testid=doc-title]').textContent.includes('<script>') && document.querySelector('[data-testid=doc-body]').textContent.includes('<iframe srcdoc=')`},
		{"hostile filter", "/search?" + url.Values{"country": {hostileDocs[0].Countries[0]}}.Encode(), `document.querySelector('[data-testid=filter-chip]').textContent.includes('onerror')`},
		{"hostile query text", "/search?" + payloadQuery, `document.getElementById('q').value.includes('<script>')`},
		{"facet value search", "/search?fq_country=img", `true`},
		{"error page echoing input", "/search?" + url.Values{"from": {`<img src=x onerror=alert(6)>`}}.Encode(), `document.body.textContent.includes('<img src=x onerror=alert(6)>')`},
	}
	for _, mode := range []struct {
		name   string
		bypass bool
	}{{"with the CSP", false}, {"CSP bypassed", true}} {
		t.Run(mode.name, func(t *testing.T) {
			ctx := tab(t, bctx)
			dialogs := watchDialogs(ctx)
			if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: mode.bypass}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probeJS}); err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				do(t, ctx, chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS("main")))
				waitFor(t, ctx, `document.documentElement.classList.contains("js")`) // the page script ran
				checkPage(t, ctx, p.name)
				if !run(t, ctx, chromedp.Evaluate[bool](p.text)) {
					t.Errorf("%s: the payload is not shown as text (%s)", p.name, p.text)
				}
			}

			// Interact: search as you type, then a facet click, each
			// swapping a fragment built from hostile text into the page.
			do(t, ctx, chromedp.Navigate(base+"/search"), chromedp.WaitVisible(chromedp.ID("q")))
			do(t, ctx, chromedp.SendKeys(chromedp.ID("q"), "hostile"))
			waitFor(t, ctx, `location.search === "?q=hostile" && document.querySelector('[data-testid=total]').textContent === "1 result"`)
			checkPage(t, ctx, "typed search")
			do(t, ctx, chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('[data-testid="facet-country"] a[data-value]')].find(a => a.dataset.value.includes('onerror')).click()`))
			waitFor(t, ctx, `location.search.startsWith("?q=hostile&country=") && !!document.querySelector('[data-testid=filter-chip]')`)
			checkPage(t, ctx, "facet click")
			do(t, ctx, chromedp.SendKeys(chromedp.ID("fq-official"), `"><script>`))
			waitFor(t, ctx, `location.search.includes("fq_official=")`)
			checkPage(t, ctx, "facet value search typed")

			if d := dialogs(); len(d) > 0 {
				t.Errorf("dialogs opened: %q", d)
			}
		})
	}
}

// checkPage fails the test for anything checkPageJS finds.
func checkPage(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, b := range run(t, ctx, chromedp.Evaluate[[]string](checkPageJS)) {
		t.Errorf("%s: %s", name, b)
	}
}

// watchDialogs records and dismisses every JavaScript dialog of the tab,
// and returns a function that lists their messages so far.
func watchDialogs(ctx context.Context) func() []string {
	var mu sync.Mutex
	var msgs []string
	evs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range evs {
			if err != nil {
				return
			}
			mu.Lock()
			msgs = append(msgs, ev.Type.String()+": "+ev.Message)
			mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return strings.Split(strings.Join(msgs, "\x00"), "\x00")[:len(msgs)]
	}
}
