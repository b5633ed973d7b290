package components

// Assets are the content-hashed URLs of the static files.
type Assets struct {
	CSS, JS, Icon string
}

// Meta describes a page for its <head> and header.
type Meta struct {
	// Title is the <title> and the Open Graph title.
	Title       string
	Description string
	// Canonical is the absolute canonical URL ("" to omit).
	Canonical string
	// FeedURL is an Atom feed for the page ("" when none).
	FeedURL string
	// OpenSearchURL is the OpenSearch description document.
	OpenSearchURL string
	// NoIndex asks robots not to index the page.
	NoIndex bool
	// SkipToResults points the skip link past the filters to the results.
	SkipToResults bool
	Assets        Assets
	// Search is the header search box; nil hides it (the home page has
	// its own).
	Search *SearchForm
}

// SearchForm is a GET form for the query text that keeps the rest of the
// state in hidden fields.
type SearchForm struct {
	Action string
	Text   string
	Hidden []Field
}

// Field is a hidden form field.
type Field struct {
	Name, Value string
}

// SearchView is the search page and its results region.
type SearchView struct {
	Meta Meta
	// Title is the page title without the site name; the results region
	// carries it so that a swapped fragment can update document.title.
	Title  string
	Status Status
	Hits   []Hit
	Facets []Facet
	Years  Years
	// Timeline is nil when the results span fewer than two years.
	Timeline *Timeline
	Dates    DateRange
	// Chips are the current filters, each with a link that removes it.
	Chips    []Chip
	ClearAll string
	Sorts    []Choice
	PerPages []Choice
	Pages    Pagination
	// Hints explain the matching of the words and offer the filters
	// they name.
	Hints Hints
	// Empty is set when there are no hits.
	Empty *Empty
	// Notice explains a limit the user reached (paging depth).
	Notice string
	Links  ExportLinks
	// FiltersOpen says whether the filters panel starts open.
	FiltersOpen bool
	// SelectedCount is the number of active filters, for the phone toggle.
	SelectedCount int
}

// Status is the result line: "14 results (3 ms)".
type Status struct {
	Total     int
	TotalText string
	TookText  string
	// Range is "1–10 of 14" or "" when everything fits one page.
	Range string
}

// ExportLinks are the other formats of the same search.
type ExportLinks struct {
	Atom, CSV, JSON string
	// Compare opens this search as side A of a comparison; Connections
	// lists who met whom in it.
	Compare, Connections string
}

// Hit is one result.
type Hit struct {
	ID          string
	DocURL      string
	OriginalURL string
	// TitleHTML and SnippetHTML are safe HTML: escaped text with <mark>.
	TitleHTML   string
	SnippetHTML string
	Date        string
	DateISO     string
	Source      string
	Tags        []Chip
}

// Chip is a facet value shown as a link: a tag on a hit (adds the filter),
// a current filter (removes it) or a date range.
type Chip struct {
	Facet string // the URL parameter: country, official, topic, date
	Label string // "Country"
	Value string
	URL   string
	// Selected marks a tag whose value is already a filter.
	Selected bool
	// Note says more about the value: an official's role ("Federal
	// Minister of the Interior and Community, Germany"), shown as a
	// tooltip.
	Note string
}

// Facet is one facet's list of values.
type Facet struct {
	Name   string // URL parameter
	Label  string // "Countries"
	Single string // "country"
	// Options are shown at once (selected values first), More behind
	// "show more".
	Options   []Option
	More      []Option
	MoreLabel string
	// Cut says that the list stops short of all values ("152 officials —
	// find one above"); "" when every value is listed.
	Cut    string
	Search *FacetSearch
	// NoValues is the text shown when the facet has nothing to list.
	NoValues string
}

// Option is one value of a facet with a link that toggles it.
type Option struct {
	Value     string
	URL       string
	Count     int
	CountText string
	Selected  bool
	// Key identifies the option across swaps (to restore focus).
	Key string
	// Terms are the folded words of the value and its aliases.
	Terms string
	// Note says more about the value (an official's role), as a tooltip.
	Note string
}

// FacetSearch is the "find a value" box of a long facet.
type FacetSearch struct {
	Param       string // fq_official
	Value       string
	Label       string
	Placeholder string
	Action      string
	Hidden      []Field
	// ClearURL closes the value search ("" when none is active).
	ClearURL string
	// Fragment names the fragment the page script asks for while typing.
	Fragment string
}

// Years is the per-year facet.
type Years struct {
	Options []YearOption
	// Undated counts the documents without a date (no date filter
	// selects them; shown so that the years add up).
	Undated     int
	UndatedText string
}

// Timeline is the result set per year as an SVG bar chart.
type Timeline struct {
	Width, Height, Base int
	Bars                []Bar
	// Summary is the chart's text alternative.
	Summary string
}

// Bar is one year of the timeline, a link that narrows the search to it.
type Bar struct {
	Label, CountText string
	Count            int
	URL              string
	X, Y, W, H       int
	TextX            int
	ShowLabel        bool
	// InRange marks the years of the current date range.
	InRange bool
}

// YearOption is one year with its count and a link that selects or
// clears it.
type YearOption struct {
	Year      string
	URL       string
	Count     int
	CountText string
	Selected  bool
	// Percent is the bar length relative to the largest year.
	Percent int
}

// DateRange is the from–to form.
type DateRange struct {
	From, To string
	Action   string
	Hidden   []Field
	// ClearURL removes the range ("" when none is set).
	ClearURL string
	// Error says why the range in the address was not applied.
	Error string
	// Note says what a date filter leaves out (undated documents).
	Note string
}

// Choice is one option of a link-based choice (sort order, page size).
type Choice struct {
	Label    string
	URL      string
	Selected bool
}

// Pagination is the numbered page list.
type Pagination struct {
	Prev, Next string
	Items      []PageItem
}

// PageItem is a page number or a gap ("…").
type PageItem struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// Empty is the no-results state.
type Empty struct {
	Text string
	// DidYouMean is a corrected query that finds something.
	DidYouMean *Suggestion
	// MostWords is the same search matching most of the words, when
	// match=all found nothing and it finds something.
	MostWords *Suggestion
	// Removals are the current filters with what removing each gives.
	Removals []Suggestion
	ClearAll string
	// FirstPage links back to page 1 when the page is past the end.
	FirstPage string
}

// Suggestion is a link to a nearby search and how many results it has.
type Suggestion struct {
	Label     string
	URL       string
	TotalText string
}

// HomeView is the landing page.
type HomeView struct {
	Meta      Meta
	Form      SearchForm
	CountText string
	Facets    []Facet
	Recent    []Hit
	BrowseURL string
}

// DocView is one document's page.
type DocView struct {
	Meta    Meta
	ID      string
	Title   string
	Date    string
	DateISO string
	// DateNote says where a date the page does not state came from
	// ("date from the feed"); empty when the page states it.
	DateNote    string
	Source      string
	OriginalURL string
	Paragraphs  []string
	// Marked are the paragraphs as safe HTML with the query's words
	// marked, when the page was opened from a search ("" otherwise).
	Marked []string
	// Back links to the search the document was opened from.
	Back, BackLabel string
	Tags            []TagGroup
	Also            []Copy
	Related         []Hit
	// RelatedURL searches for everything that shares the document's
	// officials (or countries); RelatedLabel names that search.
	RelatedURL   string
	RelatedLabel string
	// Why explains each extracted value with the text it came from.
	Why []Why
	// TitleDerived marks a title made from the text, not a headline.
	TitleDerived bool
}

// Why is one extracted value and the passages of the text that support it.
type Why struct {
	Field string // "Country", "Official", "Topic", "Date", "Title"
	Value string
	Note  string // an official's role
	// Quotes are short passages: Before and After are context, Match is
	// the evidence itself (marked on the page).
	Quotes []Quote
}

// Quote is a passage of a document around one piece of evidence.
type Quote struct{ Before, Match, After string }

// TagGroup is one facet's values on a document page.
type TagGroup struct {
	Label string
	Chips []Chip
}

// Copy is a reprint of the document elsewhere.
type Copy struct {
	Source string
	URL    string // http(s) only, or ""
	Path   string
}

// ErrorView is an error page.
type ErrorView struct {
	Meta      Meta
	Status    int
	Heading   string
	Message   string
	RequestID string
	// Retry offers to reload (for temporary failures).
	Retry bool
	// Back is a link out of the error ("" for none).
	Back string
}

// CompareView is two searches side by side.
type CompareView struct {
	Meta Meta
	// A and B are the query strings as given, for the form.
	A, B   string
	Sides  []CompareSide
	Tables []CompareTable
}

// CompareSide is one of the two searches.
type CompareSide struct {
	Label, TotalText     string
	SearchURL, Atom, CSV string
	Hits                 []Hit
}

// CompareTable is the counts of one facet (or the years) on both sides.
type CompareTable struct {
	Label, Single string
	Rows          []CompareRow
}

// CompareRow is one value: its count on each side and B minus A.
type CompareRow struct {
	Value, A, B, Diff string
	Up, Down          bool
}

// ConnectionsView is who met whom in a search's result set.
type ConnectionsView struct {
	Meta                  Meta
	Label, TotalText      string
	Back                  string
	WithCountry, Together []Connection
	// Note says how the counts are bounded.
	Note string
}

// Connection is a pair with its documents in common and a link to them.
type Connection struct {
	A, B, CountText, URL string
}
