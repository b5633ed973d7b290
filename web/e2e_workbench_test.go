package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// The small wordings and links of issue 15: counts that say "1 document",
// a browse link that sorts newest, nothing to share or export when
// nothing was found.
func TestWorkbenchWordings(t *testing.T) {
	h := newHandler(t)
	d := get(t, h, "/search?q=mayorkas").doc(t)
	germany := d.Find(`[data-testid="facet-country"] a[data-value="Germany"] [data-testid=facet-count]`).Text()
	if germany != "1 document" {
		t.Errorf("Germany count reads %q, want %q", germany, "1 document")
	}
	us := d.Find(`[data-testid="facet-country"] a[data-value="United States"] [data-testid=facet-count]`).Text()
	if us != "4 documents" {
		t.Errorf("United States count reads %q, want %q", us, "4 documents")
	}
	if n := d.Find("[data-testid=copy-link], [data-testid=export]").Length(); n != 2 {
		t.Errorf("a search with results: %d of Copy link and Export, want both", n)
	}
	empty := get(t, h, "/search?q=zzzzqqqxx").doc(t)
	if n := empty.Find("[data-testid=copy-link], [data-testid=export]").Length(); n != 0 {
		t.Errorf("no results, yet %d Copy link/Export controls", n)
	}
	home := get(t, h, "/").doc(t)
	browse := attrs(home, ".hero__browse a", "href")
	if !slices.Equal(browse, []string{"/search?sort=newest"}) {
		t.Errorf("Browse everything, newest first links to %q", browse)
	}
}

// A document opened from a search links back to that search and marks
// the query's words.
func TestDocPageFromSearch(t *testing.T) {
	h := newHandler(t)
	d := get(t, h, "/search?q=faeser&country=Germany").doc(t)
	links := attrs(d, "[data-testid=hit-title] a", "href")
	if !slices.Equal(links, []string{"/doc/d01?q=faeser&country=Germany"}) {
		t.Fatalf("hit links: %q", links)
	}
	r := get(t, h, links[0])
	if r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	doc := r.doc(t)
	if got := attrs(doc, "[data-testid=doc-back]", "href"); !slices.Equal(got, []string{"/search?q=faeser&country=Germany"}) {
		t.Errorf("back link: %q", got)
	}
	if got := texts(doc, "[data-testid=doc-back]"); len(got) != 1 || !strings.Contains(got[0], "faeser · Germany") {
		t.Errorf("back link text: %q", got)
	}
	if got := texts(doc, "[data-testid=doc-body] mark"); !slices.Equal(got, []string{"Faeser"}) {
		t.Errorf("marked words: %q", got)
	}
	if got := attrs(doc, `link[rel=canonical]`, "href"); !slices.Equal(got, []string{"http://example.com/doc/d01"}) {
		t.Errorf("canonical: %q", got)
	}
	// Opened directly: no back link, nothing marked.
	plain := get(t, h, "/doc/d01").doc(t)
	if n := plain.Find("[data-testid=doc-back], [data-testid=doc-body] mark").Length(); n != 0 {
		t.Errorf("a directly opened document has %d back links or marks", n)
	}
}

func TestMarkTerms(t *testing.T) {
	for _, c := range []struct{ text, query, want string }{
		{"Cybersecurity & <b>Gómez</b>", "cyber gomez", "<mark>Cybersecurity</mark> &amp; &lt;b&gt;<mark>Gómez</mark>&lt;/b&gt;"},
		{"border and trade", `border -trade`, "<mark>border</mark> and trade"},
		{"border and trade", `-"and trade" border OR x`, "<mark>border</mark> and trade"},
		{"a b", "", "a b"},
	} {
		if got := markTerms(c.text, queryTerms(c.query)); got != c.want {
			t.Errorf("markTerms(%q, %q) = %q, want %q", c.text, c.query, got, c.want)
		}
	}
}

// Undated documents show in the year facet, so the years add up to the
// total; a date range says what it leaves out; undated Atom entries carry
// no invented date.
func TestUndatedDocuments(t *testing.T) {
	h := newHandler(t)
	d := get(t, h, "/search").doc(t)
	sum := 0
	for _, c := range texts(d, `[data-testid=year-option] [data-testid=year-count]`) {
		n := 0
		fmt.Sscanf(c, "%d", &n)
		sum += n
	}
	undated := texts(d, `[data-testid=year-undated] [data-testid=year-count]`)
	if !slices.Equal(undated, []string{"1 document"}) {
		t.Errorf("undated bucket: %q, want 1 document (d08)", undated)
	}
	if sum+1 != 10 {
		t.Errorf("years add up to %d plus 1 undated, want the total 10", sum)
	}
	note := strings.Join(texts(get(t, h, "/search?from=2020").doc(t), "[data-testid=date-note]"), "")
	if !strings.Contains(note, "leaves out undated documents: 1 undated document") {
		t.Errorf("date note with a range: %q", note)
	}
	var feed atomFeed
	if err := xml.Unmarshal([]byte(get(t, h, "/search.atom?q=ukraine").body), &feed); err != nil {
		t.Fatal(err)
	}
	for _, e := range feed.Entries {
		if strings.HasSuffix(e.ID, "/doc/d08") && (e.Updated != "" || e.Published != "") {
			t.Errorf("undated entry got dates: updated %q, published %q", e.Updated, e.Published)
		}
	}
}

// Years select like the other facets: choosing one keeps the others
// listed (their counts ignore the date range), and another year widens
// the range; a year at the edge of a range narrows it.
func TestYearsSelectAsRange(t *testing.T) {
	h := newHandler(t)
	all := texts(get(t, h, "/search").doc(t), "[data-testid=year-option] .option__label")
	d := get(t, h, "/search?from=2021&to=2021").doc(t)
	if got := texts(d, "[data-testid=year-option] .option__label"); !slices.Equal(got, all) {
		t.Errorf("years with 2021 chosen: %q, want all years %q", got, all)
	}
	link := func(d *goquery.Document, year string) string {
		v, _ := d.Find(`[data-testid=year-option][data-key="year:` + year + `"]`).Attr("href")
		return v
	}
	for _, c := range []struct{ page, year, want string }{
		{"/search", "2021", "/search?from=2021&to=2021"},
		{"/search?from=2021&to=2021", "2023", "/search?from=2021&to=2023"},
		{"/search?from=2021&to=2021", "2009", "/search?from=2009&to=2021"},
		{"/search?from=2021&to=2021", "2021", "/search"},
		{"/search?from=2021&to=2023", "2021", "/search?from=2022&to=2023"},
		{"/search?from=2021&to=2023", "2023", "/search?from=2021&to=2022"},
		{"/search?from=2020", "2009", "/search?from=2009"},
	} {
		if got := link(get(t, h, c.page).doc(t), c.year); got != c.want {
			t.Errorf("on %s, year %s links to %q, want %q", c.page, c.year, got, c.want)
		}
	}
	sel := attrs(get(t, h, "/search?from=2021&to=2023").doc(t), "[data-testid=year-option][data-selected]", "data-key")
	if !slices.Equal(sel, []string{"year:2023", "year:2022", "year:2021"}) && !slices.Equal(sel, []string{"year:2023", "year:2021"}) {
		t.Errorf("selected years: %q", sel)
	}
}

// The timeline draws every year of the result set, empty years too, each
// bar a link to its year, with a text alternative.
func TestTimeline(t *testing.T) {
	h := newHandler(t)
	d := get(t, h, "/search?q=mayorkas").doc(t)
	years := attrs(d, "[data-testid=timeline-bar]", "data-year")
	if !slices.Equal(years, []string{"2021", "2022", "2023", "2024"}) {
		t.Errorf("timeline years: %q", years)
	}
	labels := attrs(d, "[data-testid=timeline-bar]", "aria-label")
	if !slices.Equal(labels, []string{"2021: 1 document", "2022: 1 document", "2023: 1 document", "2024: 1 document"}) {
		t.Errorf("bar labels: %q", labels)
	}
	if got := attrs(d, `[data-testid=timeline-bar][data-year="2022"]`, "href"); !slices.Equal(got, []string{"/search?q=mayorkas&from=2022&to=2022"}) {
		t.Errorf("2022 bar links to %q", got)
	}
	if got := texts(d, ".timeline__caption"); len(got) != 1 || !strings.Contains(got[0], "2021–2024") {
		t.Errorf("summary: %q", got)
	}
	gaps := attrs(get(t, h, "/search?country=Mexico").doc(t), "[data-testid=timeline-bar]", "aria-label")
	if len(gaps) != 13 || gaps[1] != "2010: 0 documents" {
		t.Errorf("Mexico timeline (2009–2021 with empty years): %q", gaps)
	}
	if n := get(t, h, "/search?q=faeser").doc(t).Find("[data-testid=timeline]").Length(); n != 0 {
		t.Error("a timeline for a single year")
	}
}

// Compare shows two searches side by side with counts per year and per
// facet value and the difference; its address is canonical and each side
// has its Atom feed and CSV.
func TestComparePage(t *testing.T) {
	h := newHandler(t)
	r := get(t, h, "/compare?a=q%3Dmayorkas%26to%3D2022&b=/search?q=mayorkas&from=2023")
	if r.status != http.StatusMovedPermanently {
		t.Fatalf("a non-canonical comparison: status %d, want 301", r.status)
	}
	loc := r.header.Get("Location")
	if loc != "/compare?a=q%3Dmayorkas%26to%3D2022&b=q%3Dmayorkas" {
		// "&from=2023" was a parameter of the outer address, not of b.
		t.Errorf("redirect to %q", loc)
	}
	r = get(t, h, "/compare?a=q%3Dmayorkas%26to%3D2022&b=q%3Dmayorkas%26from%3D2023")
	if r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	d := r.doc(t)
	if got := texts(d, "[data-testid=compare-total]"); !slices.Equal(got, []string{"2 results", "2 results"}) {
		t.Errorf("totals: %q", got)
	}
	if got := attrs(d, "[data-testid=compare-csv]", "href"); !slices.Equal(got, []string{"/search.csv?q=mayorkas&to=2022", "/search.csv?q=mayorkas&from=2023"}) {
		t.Errorf("CSV links: %q", got)
	}
	if got := attrs(d, "[data-testid=compare-atom]", "href"); !slices.Equal(got, []string{"/search.atom?q=mayorkas&to=2022", "/search.atom?q=mayorkas&from=2023"}) {
		t.Errorf("Atom links: %q", got)
	}
	row := func(value string) []string {
		return texts(d, `[data-testid=compare-row][data-value="`+value+`"] td`)
	}
	if got := row("2024"); !slices.Equal(got, []string{"0", "1", "+1"}) {
		t.Errorf("2024 row: %q", got)
	}
	if got := row("2021"); !slices.Equal(got, []string{"1", "0", "−1"}) {
		t.Errorf("2021 row: %q", got)
	}
	if got := row("Germany"); !slices.Equal(got, []string{"0", "1", "+1"}) {
		t.Errorf("Germany row: %q", got)
	}
	if r := get(t, h, "/compare?a=from%3Dsoon&b="); r.status != http.StatusBadRequest || !strings.Contains(r.body, "a parameter is invalid") && !strings.Contains(r.body, "The a parameter") {
		t.Errorf("a bad side: status %d", r.status)
	}
	// The search page offers to compare itself.
	if got := attrs(get(t, h, "/search?q=mayorkas").doc(t), "[data-testid=compare-link]", "href"); !slices.Equal(got, []string{"/compare?a=q%3Dmayorkas&b="}) {
		t.Errorf("compare link: %q", got)
	}
}

// Who met whom: for a search's result set, official × country and
// official × official pairs by documents in common, each a link to the
// documents they share.
func TestConnectionsPage(t *testing.T) {
	h := newHandler(t)
	r := get(t, h, "/connections?q=mayorkas&page=2")
	if r.status != http.StatusMovedPermanently || r.header.Get("Location") != "/connections?q=mayorkas" {
		t.Fatalf("non-canonical: status %d, Location %q", r.status, r.header.Get("Location"))
	}
	d := get(t, h, "/connections?q=mayorkas").doc(t)
	rows := func(table string) []string {
		var out []string
		d.Find(`[data-testid="connections-` + table + `"] [data-testid=connection]`).Each(func(_ int, s *goquery.Selection) {
			var cells []string
			s.Find("th, td").Each(func(_ int, c *goquery.Selection) { cells = append(cells, c.Text()) })
			out = append(out, strings.Join(strings.Fields(strings.Join(cells, " ")), " "))
		})
		return out
	}
	wc := rows("with-country")
	if len(wc) == 0 || !strings.HasPrefix(wc[0], "Alejandro Mayorkas United States 4 documents") {
		t.Errorf("strongest official × country: %q", wc)
	}
	if !slices.ContainsFunc(wc, func(s string) bool { return strings.HasPrefix(s, "Alejandro Mayorkas Germany 1 document:") }) {
		t.Errorf("Mayorkas × Germany missing: %q", wc)
	}
	tg := rows("together")
	if !slices.ContainsFunc(tg, func(s string) bool { return strings.HasPrefix(s, "Alejandro Mayorkas Nancy Faeser 1 document:") }) {
		t.Errorf("Mayorkas × Faeser missing: %q", tg)
	}
	links := attrs(d, `[data-testid="connections-with-country"] [data-testid=connection-link]`, "href")
	if !slices.Contains(links, "/search?q=mayorkas&country=Germany&official=Alejandro+Mayorkas") {
		t.Errorf("pair links: %q", links)
	}
	// The link shows exactly the documents counted.
	if got := texts(get(t, h, "/search?q=mayorkas&country=Germany&official=Alejandro+Mayorkas").doc(t), "[data-testid=total]"); !slices.Equal(got, []string{"1 result"}) {
		t.Errorf("Mayorkas × Germany search: %q", got)
	}
	// Offered from the search page, for the same search.
	if got := attrs(get(t, h, "/search?q=mayorkas&page=2&per_page=2").doc(t), "[data-testid=connections-link]", "href"); !slices.Equal(got, []string{"/connections?q=mayorkas&per_page=2"}) {
		t.Errorf("connections link: %q", got)
	}
}
