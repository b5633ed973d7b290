package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/accord-search/accord/search"
)

// chromiumPath is Debian's Chromium (apt-get install chromium).
const chromiumPath = "/usr/bin/chromium"

// screenshotDir receives screenshots when ACCORD_SCREENSHOTS=1.
const screenshotDir = "../docs/screenshots"

// browser starts headless Chromium against a real server over a real
// index and returns a context for a first tab. Without Chromium the test
// is skipped, except in CI, where it fails.
func browser(t *testing.T, extra ...search.Document) (ctx context.Context, base string) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium not found at %s (apt-get install chromium): %v", chromiumPath, err)
		}
		t.Skipf("chromium not found at %s; install it with apt-get install chromium", chromiumPath)
	}
	if testing.Short() && os.Getenv("CI") != "true" {
		t.Skip("browser tests are slow; skipped with -short")
	}
	srv := httptest.NewServer(newHandlerWith(t, extra...))
	t.Cleanup(srv.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	if err := chromedp.Do(bctx); err != nil { // starts the browser, without a deadline
		t.Fatalf("start chromium: %v", err)
	}
	return bctx, srv.URL
}

// tab opens a new tab with a time limit for everything it does.
func tab(t *testing.T, parent context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	tctx, tcancel := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(tcancel)
	return tctx
}

// do runs steps or fails the test.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// run runs one action that returns a value or fails the test.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

// waitFor polls a JavaScript condition for up to ten seconds.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(10*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("waiting for %s (at %s): %v", cond, loc, err)
	}
}

// pageState is what a test compares across pages: the address, the total
// and the hits in order.
type pageState struct {
	Path  string
	Total string
	Hits  []string
}

func readState(t *testing.T, ctx context.Context) pageState {
	t.Helper()
	loc := run(t, ctx, chromedp.Location())
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	return pageState{
		Path:  u.RequestURI(),
		Total: run(t, ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid=total]')?.textContent ?? ''`)),
		Hits:  run(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-testid=hit]')].map(h => h.dataset.id)`)),
	}
}

// facetCount reads the count shown for a value of a facet.
func facetCount(t *testing.T, ctx context.Context, facet, value string) string {
	t.Helper()
	js := `(() => { const a = [...document.querySelectorAll('[data-testid="facet-` + facet + `"] [data-testid=facet-option]')]
		.find(a => a.dataset.value === ` + jsString(value) + `); return a ? a.querySelector('[data-testid=facet-count]').firstChild.textContent : ''; })()`
	return run(t, ctx, chromedp.Evaluate[string](js))
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func optionSelector(facet, value string) string {
	return `[data-testid="facet-` + facet + `"] a[data-value="` + value + `"]`
}

func TestBrowserSearchFacetBackAndShare(t *testing.T) {
	bctx, base := browser(t)
	ctx := tab(t, bctx)

	// Search as you type: the region swaps, the address bar follows.
	do(t, ctx,
		chromedp.Navigate(base+"/search"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "mayorkas"),
	)
	waitFor(t, ctx, `location.search === "?q=mayorkas" && document.querySelector('[data-testid=total]').textContent === "4 results"`)
	if got, want := facetCount(t, ctx, "country", "Germany"), "1"; got != want {
		t.Errorf("Germany count: got %q, want %q", got, want)
	}
	if got, want := facetCount(t, ctx, "country", "United States"), "4"; got != want {
		t.Errorf("United States count: got %q, want %q", got, want)
	}
	if got := run(t, ctx, chromedp.Evaluate[string](`document.title`)); !strings.HasPrefix(got, "4 results for mayorkas") {
		t.Errorf("title after typing: got %q", got)
	}

	// Click a facet: URL and counts change, the other facets narrow, the
	// facet's own counts stay disjunctive.
	do(t, ctx, chromedp.Click(chromedp.CSS(optionSelector("country", "Mexico"))))
	waitFor(t, ctx, `location.search === "?q=mayorkas&country=Mexico" && document.querySelector('[data-testid=total]').textContent === "1 result"`)
	for _, c := range []struct{ facet, value, want string }{
		{"country", "United States", "4"}, // disjunctive: ignores its own selection
		{"country", "Mexico", "1"},
		{"official", "Antony Blinken", "1"},
		{"official", "Nancy Faeser", ""}, // no longer in the results
	} {
		if got := facetCount(t, ctx, c.facet, c.value); got != c.want {
			t.Errorf("%s %s count: got %q, want %q", c.facet, c.value, got, c.want)
		}
	}
	if got := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=filter-chip]').length`)); got != 1 {
		t.Errorf("filter chips: got %d, want 1", got)
	}
	selected := readState(t, ctx)

	// Back returns to the previous state; forward again.
	do(t, ctx, chromedp.NavigateBack())
	waitFor(t, ctx, `location.search === "?q=mayorkas" && document.querySelector('[data-testid=total]').textContent === "4 results"`)
	do(t, ctx, chromedp.NavigateForward())
	waitFor(t, ctx, `location.search === "?q=mayorkas&country=Mexico" && document.querySelector('[data-testid=total]').textContent === "1 result"`)

	// Copy link, then open the copied URL in a fresh tab: same page.
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-testid=copy-link]`)))
	waitFor(t, ctx, `!!document.querySelector('[data-testid=copy-link]').dataset.copiedUrl`)
	copied := run(t, ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid=copy-link]').dataset.copiedUrl`))
	fresh := tab(t, bctx)
	do(t, fresh, chromedp.Navigate(copied), chromedp.WaitVisible(chromedp.CSS(`[data-testid=total]`)))
	if diff := cmp.Diff(selected, readState(t, fresh)); diff != "" {
		t.Errorf("copied URL in a fresh tab (-original +fresh):\n%s", diff)
	}
}

func TestBrowserFacetValueSearchAsYouType(t *testing.T) {
	bctx, base := browser(t)
	ctx := tab(t, bctx)
	do(t, ctx, chromedp.Navigate(base+"/search"), chromedp.WaitVisible(chromedp.ID("fq-official")))
	do(t, ctx, chromedp.SendKeys(chromedp.ID("fq-official"), "mayork"))
	waitFor(t, ctx, `[...document.querySelectorAll('[data-testid="facet-official"] [data-testid=facet-option]')].map(a => a.dataset.value).join("|") === "Alejandro Mayorkas"`)
	waitFor(t, ctx, `location.search === "?fq_official=mayork"`)
	// An alias finds its canonical value: "Mexican" → Mexico.
	do(t, ctx, chromedp.SendKeys(chromedp.ID("fq-country"), "Mexican"))
	waitFor(t, ctx, `[...document.querySelectorAll('[data-testid="facet-country"] [data-testid=facet-option]')].map(a => a.dataset.value).join("|") === "Mexico"`)
	// Selecting the value closes the value search.
	do(t, ctx, chromedp.Click(chromedp.CSS(optionSelector("country", "Mexico"))))
	waitFor(t, ctx, `location.search === "?country=Mexico"`)
}

func TestBrowserKeyboardOnly(t *testing.T) {
	bctx, base := browser(t)
	ctx := tab(t, bctx)
	do(t, ctx, chromedp.Navigate(base+"/search"), chromedp.WaitVisible(chromedp.ID("q")))

	// "/" focuses the search box; typing and Enter search. (A real "/"
	// key press whose keydown is cancelled types nothing; CDP's separate
	// char event would, so send the keydown alone.)
	do(t, ctx, rawKey("/", "Slash", 191))
	waitFor(t, ctx, `document.activeElement && document.activeElement.id === "q"`)
	do(t, ctx, chromedp.KeyEvent("mayorkas\r"))
	waitFor(t, ctx, `location.search === "?q=mayorkas" && document.querySelector('[data-testid=total]').textContent === "4 results"`)

	// Tab to the Germany facet option and press Enter.
	found := false
	for range 80 {
		do(t, ctx, chromedp.KeyEvent("\t"))
		if run(t, ctx, chromedp.Evaluate[string](`document.activeElement?.dataset?.value ?? ""`)) == "Germany" {
			found = true
			break
		}
	}
	if !found {
		t.Fatal("Tab never reached the Germany facet option")
	}
	outline := run(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.activeElement).outlineStyle`))
	if outline == "none" || outline == "" {
		t.Errorf("focused facet option has no visible focus outline (outline-style %q)", outline)
	}
	do(t, ctx, chromedp.KeyEvent("\r"))
	waitFor(t, ctx, `location.search === "?q=mayorkas&country=Germany" && document.querySelector('[data-testid=total]').textContent === "1 result"`)
	// Focus comes back to the same option, now selected, so Enter undoes it.
	waitFor(t, ctx, `document.activeElement?.dataset?.value === "Germany" && document.activeElement.hasAttribute("data-selected")`)
	do(t, ctx, chromedp.KeyEvent("\r"))
	waitFor(t, ctx, `location.search === "?q=mayorkas" && document.querySelector('[data-testid=total]').textContent === "4 results"`)
}

// rawKey presses a key with keydown and keyup events only, no char event.
func rawKey(key, code string, keyCode int64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
			_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, input.DispatchKeyEventParams{
				Type: typ, Key: key, Code: code, WindowsVirtualKeyCode: keyCode, NativeVirtualKeyCode: keyCode,
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func TestBrowserWithoutJavaScript(t *testing.T) {
	bctx, base := browser(t)
	ctx := tab(t, bctx)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disable JavaScript: %v", err)
	}
	do(t, ctx, chromedp.Navigate(base+"/search"), chromedp.WaitVisible(chromedp.ID("q")))
	if js := run(t, ctx, chromedp.Evaluate[bool](`document.documentElement.classList.contains("js")`)); js {
		t.Fatal("the page script ran although JavaScript is disabled")
	}
	// The plain GET form searches.
	if _, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.ID("q"), "mayorkas\n")); err != nil {
		t.Fatalf("submit: %v", err)
	}
	waitFor(t, ctx, `location.search === "?q=mayorkas"`)
	if got := readState(t, ctx).Total; got != "4 results" {
		t.Errorf("total: got %q, want 4 results", got)
	}
	// Facets are links.
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(optionSelector("country", "Mexico")))); err != nil {
		t.Fatalf("click facet: %v", err)
	}
	st := readState(t, ctx)
	if diff := cmp.Diff(pageState{Path: "/search?q=mayorkas&country=Mexico", Total: "1 result", Hits: []string{"d03"}}, st); diff != "" {
		t.Errorf("after the facet link (-want +got):\n%s", diff)
	}
	// The facet value search is a GET form the server answers.
	if _, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.ID("fq-official"), "blink\n")); err != nil {
		t.Fatalf("facet value search: %v", err)
	}
	waitFor(t, ctx, `location.search === "?q=mayorkas&country=Mexico&fq_official=blink"`)
	got := run(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-testid="facet-official"] [data-testid=facet-option]')].map(a => a.dataset.value)`))
	if diff := cmp.Diff([]string{"Antony Blinken"}, got); diff != "" {
		t.Errorf("officials matching blink (-want +got):\n%s", diff)
	}
	// The copy button needs JavaScript, so it stays hidden.
	if vis := run(t, ctx, chromedp.Evaluate[bool](`!!document.querySelector('[data-testid=copy-link]').offsetParent`)); vis {
		t.Error("Copy link is visible without JavaScript")
	}
}

// pressRelease is a fuller document for the document page screenshot.
var pressRelease = search.Document{
	ID: "s01", Date: "2023-03-24", Source: "U.S. Department of Homeland Security",
	Title: "Readout of Secretary Mayorkas's Meeting with German Federal Minister of the Interior Nancy Faeser",
	URL:   "https://www.dhs.gov/news/2023/03/24/readout-secretary-mayorkass-meeting-german-federal-minister-interior-nancy-faeser",
	Body: "Secretary of Homeland Security Alejandro N. Mayorkas met with German Federal Minister of the Interior and Community Nancy Faeser in Washington to reaffirm the close partnership between the United States and Germany.\n\n" +
		"The Secretary and the Minister discussed shared efforts to counter terrorism and violent extremism, to strengthen the cybersecurity of critical infrastructure, and to respond to the humanitarian consequences of Russia's war against Ukraine.\n\n" +
		"They agreed to deepen information sharing between their agencies, including on ransomware and on threats to elections, and to continue working together in multilateral fora.\n\n" +
		"Secretary Mayorkas thanked Minister Faeser for Germany's leadership in welcoming people fleeing the war in Ukraine.",
	Countries: []string{"Germany", "Ukraine", "United States"}, Officials: []string{"Alejandro Mayorkas", "Nancy Faeser"},
	Topics: []string{"Counterterrorism", "Cybersecurity", "Information sharing"}, Path: "dhs/2023-03-24-readout.html",
	AlsoPublished: []search.Copy{
		{Source: "Homeland Security Today", URL: "https://www.hstoday.us/example", Path: "hstoday/2023-03-25.html"},
		{Source: "Homeland Newswire", URL: "https://www.homelandnewswire.com/example", Path: "hn/2023-03-27.html"},
	},
}

func TestBrowserScreenshots(t *testing.T) {
	if os.Getenv("ACCORD_SCREENSHOTS") != "1" {
		t.Skip("set ACCORD_SCREENSHOTS=1 to write docs/screenshots")
	}
	bctx, base := browser(t, pressRelease)
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	shots := []struct {
		name          string
		path          string
		width, height int64
		mobile        bool
	}{
		{"search-desktop.png", "/search?q=mayorkas&country=United+States", 1280, 900, false},
		{"search-phone.png", "/search?q=migration&topic=Migration", 390, 844, true},
		{"doc-desktop.png", "/doc/s01?q=mayorkas+faeser", 1280, 900, false},
		{"compare-desktop.png", "/compare?a=q%3Dmayorkas%26to%3D2022&b=q%3Dmayorkas%26from%3D2023", 1280, 900, false},
		{"compare-phone.png", "/compare?a=q%3Dmayorkas%26to%3D2022&b=q%3Dmayorkas%26from%3D2023", 390, 844, true},
		{"connections-desktop.png", "/connections", 1280, 900, false},
		{"connections-phone.png", "/connections?q=mayorkas", 390, 844, true},
	}
	for _, s := range shots {
		ctx := tab(t, bctx)
		opts := []chromedp.EmulateViewportOption{}
		if s.mobile {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
		}
		do(t, ctx, chromedp.EmulateViewport(s.width, s.height, opts...), chromedp.Navigate(base+s.path),
			chromedp.WaitVisible(chromedp.CSS("main")))
		png := run(t, ctx, chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(screenshotDir, s.name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
