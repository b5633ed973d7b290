package web

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axePath is axe-core as .ci/run installs it (npm ci in web/testdata/axe,
// version pinned in its package-lock.json).
const axePath = "testdata/axe/node_modules/axe-core/axe.min.js"

// axeTags are the rule sets checked: WCAG 2.0 and 2.1, levels A and AA.
const axeTags = `["wcag2a","wcag2aa","wcag21a","wcag21aa"]`

// loadAxe reads axe-core; without it the test is skipped, except in CI.
func loadAxe(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(axePath)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core not installed (cd web/testdata/axe && npm ci): %v", err)
		}
		t.Skipf("axe-core not installed (cd web/testdata/axe && npm ci): %v", err)
	}
	return string(src)
}

// runAxe injects axe-core into the page and returns its WCAG A/AA
// violations, one line each.
func runAxe(t *testing.T, ctx context.Context, axe string) []string {
	t.Helper()
	if !run(t, ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`)) {
		run(t, ctx, chromedp.Evaluate[bool](axe+"\n;true"))
	}
	js := `axe.run(document, {runOnly: {type: "tag", values: ` + axeTags + `}, resultTypes: ["violations"]})
		.then(r => r.violations.map(v => v.id + " (" + v.impact + "): " + v.help + " — " +
			v.nodes.slice(0, 4).map(n => n.target.join(" ")).join(", ")))`
	return run(t, ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
}

// a11yPages are the pages checked, each with an optional script that
// puts the page into the state to check.
var a11yPages = []struct {
	name, path, prepare string
}{
	{"home", "/", ""},
	{"search", "/search?q=mayorkas", ""},
	{"search with filters", "/search?q=mayorkas&country=Mexico&from=2020", ""},
	{"all facets expanded", "/search", `document.querySelectorAll("details").forEach(d => d.open = true)`},
	{"facet value search", "/search?fq_official=mayork&fq_country=mex", ""},
	{"no results", "/search?q=zzzzqqqxx", ""},
	{"400 page", "/search?page=abc", ""},
	{"document page", "/doc/s01", ""},
	{"document page from a search", "/doc/s01?q=mayorkas+faeser&country=Germany", ""},
	{"page 2 sorted newest", "/search?sort=newest&page=2&per_page=3", ""},
	{"compare", "/compare?a=q%3Dmayorkas%26to%3D2022&b=q%3Dmayorkas%26from%3D2023", ""},
	{"who met whom", "/connections?q=mayorkas", ""},
	{"reversed date range", "/search?q=mayorkas&from=2023&to=2020", ""},
}

// TestBrowserAccessibility runs axe-core (WCAG 2.0/2.1 A and AA) on every
// kind of page at a desktop and a phone size and wants zero violations.
func TestBrowserAccessibility(t *testing.T) {
	axe := loadAxe(t)
	bctx, base := browser(t, pressRelease)
	for _, size := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}} {
		t.Run(size.name, func(t *testing.T) {
			for _, p := range a11yPages {
				t.Run(strings.ReplaceAll(p.name, " ", "_"), func(t *testing.T) {
					ctx := tab(t, bctx)
					opts := []chromedp.EmulateViewportOption{}
					if size.mobile {
						opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
					}
					do(t, ctx, chromedp.EmulateViewport(size.width, size.height, opts...),
						chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS("main")))
					if p.prepare != "" {
						run(t, ctx, chromedp.Evaluate[any](p.prepare+";null"))
					}
					for _, v := range runAxe(t, ctx, axe) {
						t.Errorf("%s %s: %s", size.name, p.path, v)
					}
				})
			}
		})
	}
}
