package web

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// Typing in a facet's find box on page 2 changes only the facet's list:
// the results 4–6 stay, and so does page=2 in the address, so that the
// address (and Copy link) shows what is on screen.
func TestBrowserFacetFindKeepsPage(t *testing.T) {
	bctx, base := browser(t)
	ctx := tab(t, bctx)
	do(t, ctx, chromedp.Navigate(base+"/search?page=2&per_page=3"), chromedp.WaitVisible(chromedp.ID("fq-official")))
	before := readState(t, ctx)
	if len(before.Hits) != 3 {
		t.Fatalf("page 2 hits: %v", before.Hits)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.ID("fq-official"), "mayork"))
	waitFor(t, ctx, `[...document.querySelectorAll('[data-testid="facet-official"] [data-testid=facet-option]')].map(a => a.dataset.value).join("|") === "Alejandro Mayorkas"`)
	waitFor(t, ctx, `location.search === "?page=2&per_page=3&fq_official=mayork"`)
	after := readState(t, ctx)
	if !slices.Equal(before.Hits, after.Hits) {
		t.Errorf("hits changed while typing in the find box: %v → %v", before.Hits, after.Hits)
	}
	// The address, opened afresh, shows the same results.
	fresh := tab(t, bctx)
	do(t, fresh, chromedp.Navigate(base+after.Path), chromedp.WaitVisible(chromedp.CSS(`[data-testid=total]`)))
	if diff := cmp.Diff(after, readState(t, fresh)); diff != "" {
		t.Errorf("the address in a fresh tab (-on screen +fresh):\n%s", diff)
	}
}

// A reversed date range keeps the search: the results of the search
// without the dates, the message beside the date fields, the typed dates
// kept for correcting, and the answer is still a 400.
func TestReversedDateRangeKeepsSearch(t *testing.T) {
	h := newHandler(t)
	for _, target := range []string{"/search?q=mayorkas&from=2023&to=2020", "/search?q=mayorkas&from=2023-13"} {
		r := get(t, h, target)
		if r.status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", target, r.status)
		}
		d := r.doc(t)
		if got := texts(d, "[data-testid=total]"); !slices.Equal(got, []string{"4 results"}) {
			t.Errorf("%s: total %q, want the search without dates (4 results)", target, got)
		}
		if got := attrs(d, "#q", "value"); !slices.Equal(got, []string{"mayorkas"}) {
			t.Errorf("%s: query box %q", target, got)
		}
		msg := strings.Join(texts(d, "[data-testid=date-error]"), "")
		if !strings.Contains(msg, "parameter is invalid") || !strings.Contains(msg, "without the date range") {
			t.Errorf("%s: date error %q", target, msg)
		}
		if got := attrs(d, "#from", "aria-invalid"); !slices.Equal(got, []string{"true"}) {
			t.Errorf("%s: from aria-invalid %q", target, got)
		}
	}
	if got := attrs(get(t, h, "/search?q=mayorkas&from=2023&to=2020").doc(t), "#to", "value"); !slices.Equal(got, []string{"2020"}) {
		t.Errorf("typed to-date not kept: %q", got)
	}
	// The API and exports still refuse the range.
	for _, target := range []string{"/api/search?from=2023&to=2020", "/search.csv?from=2023&to=2020"} {
		if r := get(t, h, target); r.status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", target, r.status)
		}
	}
}

// In the browser: the message shows in the results, and correcting the
// dates applies them without losing the query.
func TestBrowserReversedDateRange(t *testing.T) {
	bctx, base := browser(t)
	ctx := tab(t, bctx)
	do(t, ctx, chromedp.Navigate(base+"/search?q=mayorkas&from=2023&to=2020"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=date-error-notice]`)))
	if got := readState(t, ctx).Total; got != "4 results" {
		t.Errorf("total with a reversed range: %q", got)
	}
	do(t, ctx, chromedp.SetValue(chromedp.ID("to"), "2023"))
	if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.ID("to"))); err != nil {
		t.Fatalf("submit: %v", err)
	}
	waitFor(t, ctx, `location.search === "?q=mayorkas&from=2023&to=2023" && !document.querySelector('[data-testid=date-error-notice]')`)
	if got := readState(t, ctx).Total; got != "1 result" {
		t.Errorf("total after correcting: %q", got)
	}
}

// A timeline bar narrows the search to its year, in place, and the
// timeline then marks the chosen year; years keep their counts.
func TestBrowserTimelineNarrows(t *testing.T) {
	bctx, base := browser(t)
	ctx := tab(t, bctx)
	do(t, ctx, chromedp.Navigate(base+"/search?q=mayorkas"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=timeline]`)))
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-testid=timeline-bar][data-year="2022"] .timeline__hit`)))
	waitFor(t, ctx, `location.search === "?q=mayorkas&from=2022&to=2022" && document.querySelector('[data-testid=total]').textContent === "1 result"`)
	waitFor(t, ctx, `document.querySelector('[data-testid=timeline-bar][data-year="2022"] .timeline__bar').classList.contains("is-in-range")`)
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=year-option]').length`)); n != 4 {
		t.Errorf("year options after choosing 2022: %d, want all 4", n)
	}
}

// After Next the new page starts at the results' heading, which has the
// focus; the skip link skips the filters; "Show more" reads "Show fewer"
// when open; on phones "Show N results" closes the filter panel.
func TestBrowserPagingAndPhoneFilters(t *testing.T) {
	bctx, base := browser(t)
	ctx := tab(t, bctx)
	do(t, ctx, chromedp.Navigate(base+"/search?per_page=3"), chromedp.WaitVisible(chromedp.CSS(`[data-key="page:next"]`)))
	if got := run(t, ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid=skip-link]').getAttribute('href')`)); got != "#results-heading" {
		t.Errorf("skip link goes to %q", got)
	}
	run(t, ctx, chromedp.Evaluate[bool](`window.scrollTo(0, document.body.scrollHeight); true`))
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-key="page:next"]`)))
	waitFor(t, ctx, `location.search === "?page=2&per_page=3" && document.activeElement && document.activeElement.id === "results-heading"`)
	if top := run(t, ctx, chromedp.Evaluate[float64](`document.querySelector('.content').getBoundingClientRect().top`)); top < -1 || top > 200 {
		t.Errorf("after Next the results start at %.0f px, want at the top", top)
	}
	more := `document.querySelector('[data-testid="facet-country"] [data-testid=facet-more] summary')`
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-testid="facet-country"] [data-testid=facet-more] summary`)))
	if got := run(t, ctx, chromedp.Evaluate[string](more+`.innerText.trim()`)); got != "Show fewer" {
		t.Errorf("open Show more reads %q", got)
	}

	phone := tab(t, bctx)
	do(t, phone, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(base+"/search"), chromedp.WaitVisible(chromedp.CSS(`.filters__toggle`)))
	do(t, phone, chromedp.Click(chromedp.CSS(`.filters__toggle`)))
	waitFor(t, phone, `document.querySelector('[data-filters]').open`)
	do(t, phone, chromedp.Click(chromedp.CSS(optionSelector("country", "Mexico"))))
	waitFor(t, phone, `location.search === "?country=Mexico" && document.querySelector('[data-filters]').open`)
	if got := run(t, phone, chromedp.Evaluate[string](`document.querySelector('[data-testid=filters-done]').innerText.trim()`)); got != "Show 2 results" {
		t.Errorf("phone button reads %q", got)
	}
	do(t, phone, chromedp.Click(chromedp.CSS(`[data-testid=filters-done]`)))
	waitFor(t, phone, `!document.querySelector('[data-filters]').open && document.activeElement.id === "results-heading"`)
}
