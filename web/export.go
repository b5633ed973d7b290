package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
)

// csvCap is the most rows an export holds: the same depth the engines page to.
const csvCap = search.MaxWindow

// csvHeader names the export's columns.
var csvHeader = []string{"id", "date", "title", "source", "countries", "officials", "topics", "type", "original_url", "accord_url"}

// searchCSV serves /search.csv: every document of the filtered search (up
// to csvCap), in the page's order, with facet values and links. The
// X-Total-Count header says how many matched, so a capped export shows.
func (s *Server) searchCSV(c echo.Context) error {
	st, err := ParseState(c.QueryParams())
	if err != nil {
		return s.fail(c, err)
	}
	st = st.navigate()
	ctx := c.Request().Context()
	base := s.origin(c)
	var buf bytes.Buffer
	// A UTF-8 byte order mark, so that Excel reads the file as UTF-8.
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	_ = w.Write(csvHeader)
	total, rows := 0, 0
	for page := 1; rows < csvCap; page++ {
		q := st.Query()
		q.Page, q.PerPage, q.NoFacets = page, search.MaxPerPage, true
		res, err := s.search(ctx, q)
		if err != nil {
			return s.fail(c, err)
		}
		total = res.Total
		for _, h := range res.Hits {
			_ = w.Write(csvRow(base, h))
			rows++
		}
		if len(res.Hits) < search.MaxPerPage {
			break
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", `attachment; filename="`+exportName(st)+`.csv"`)
	h.Set("X-Total-Count", strconv.Itoa(total))
	h.Set("X-Export-Rows", strconv.Itoa(rows))
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

func csvRow(base string, h search.Hit) []string {
	return []string{
		cell(h.ID), h.Date, cell(h.Title), cell(h.Source),
		cell(strings.Join(h.Countries, "; ")), cell(strings.Join(h.Officials, "; ")), cell(strings.Join(h.Topics, "; ")),
		cell(h.Type), externalURL(h.URL), base + docPath(h.ID),
	}
}

// cell defuses spreadsheet formulas: a cell starting with = + - @ (or a
// tab or carriage return) is prefixed with a quote, as OWASP advises for
// CSV injection.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

var unsafeName = regexp.MustCompile(`[^a-z0-9]+`)

// exportName is a file name for the export: "accord-cyber-germany".
func exportName(st State) string {
	parts := []string{"accord"}
	if st.Text != "" {
		parts = append(parts, st.Text)
	}
	for _, f := range search.Facets {
		parts = append(parts, st.Filters[f]...)
	}
	name := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(strings.Join(parts, "-")), "-"), "-")
	if len(name) > 80 {
		name = strings.TrimRight(name[:80], "-")
	}
	return name
}
