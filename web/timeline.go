package web

import (
	"context"
	"strconv"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// Timeline geometry, in SVG user units (the SVG scales to its box).
const (
	timelineWidth  = 600
	timelineGap    = 4
	timelineHeight = 90
	timelineLabelH = 16
)

// dateFacets fills the year facet, the timeline and the date note. Years
// select like the other facets: their counts ignore the date range
// (disjunctive), so the list does not shrink to the years chosen, and a
// year extends or narrows the range. With a date range set, that takes
// one more search: the same one without the dates.
func (s *Server) dateFacets(ctx context.Context, st State, res *search.Result, v *components.SearchView) error {
	years, total := res.Years, res.Total
	if st.From != "" || st.To != "" {
		q := st.WithDates("", "").Query()
		q.Page, q.PerPage = 1, 1
		all, err := s.search(ctx, q)
		if err != nil {
			return err
		}
		years, total = all.Years, all.Total
	}
	undated := total
	for _, y := range years {
		undated -= y.Count
	}
	undated = max(undated, 0)
	v.Years = yearsView(st, years, undated)
	v.Timeline = timelineView(st, years)
	if undated > 0 && (st.From != "" || st.To != "") {
		v.Dates.Note = "A date range leaves out undated documents: " + plural(undated, "undated document", "undated documents") + " match the rest of this search."
	} else if undated > 0 {
		v.Dates.Note = "A date range leaves out undated documents (" + commas(undated) + " here)."
	}
	return nil
}

// yearRange reads the state's range as whole years, or ok=false when it
// is not one (a month or a day bound, or no range).
func yearRange(st State) (from, to int, ok bool) {
	if len(st.From) != 4 && st.From != "" || len(st.To) != 4 && st.To != "" || st.From == "" && st.To == "" {
		return 0, 0, false
	}
	from, to = search.MinYear, search.MaxYear
	if st.From != "" {
		from, _ = strconv.Atoi(st.From)
	}
	if st.To != "" {
		to, _ = strconv.Atoi(st.To)
	}
	return from, to, true
}

// yearLink is where choosing year y leads: with no range, to that year;
// outside a year range, to the range widened to include it; at an edge
// of a range, to the range without it; inside, to that year alone.
func yearLink(st State, y int) (State, bool) {
	ys := strconv.Itoa(y)
	from, to, ok := yearRange(st)
	switch {
	case !ok:
		return st.WithDates(ys, ys), false
	case y < from:
		return st.WithDates(ys, rangeEnd(to)), false
	case y > to:
		return st.WithDates(rangeStart(from), ys), false
	case from == to:
		return st.WithDates("", ""), true
	case y == from:
		return st.WithDates(strconv.Itoa(y+1), rangeEnd(to)), true
	case y == to:
		return st.WithDates(rangeStart(from), strconv.Itoa(y-1)), true
	}
	return st.WithDates(ys, ys), true
}

func rangeStart(y int) string {
	if y <= search.MinYear {
		return ""
	}
	return strconv.Itoa(y)
}

func rangeEnd(y int) string {
	if y >= search.MaxYear {
		return ""
	}
	return strconv.Itoa(y)
}

func yearsView(st State, years []search.FacetCount, undated int) components.Years {
	var y components.Years
	top := 0
	for _, fc := range years {
		top = max(top, fc.Count)
	}
	for _, fc := range years {
		n, err := strconv.Atoi(fc.Value)
		if err != nil {
			continue
		}
		link, sel := yearLink(st, n)
		pct := 0
		if top > 0 {
			pct = max(fc.Count*100/top, 2)
		}
		y.Options = append(y.Options, components.YearOption{Year: fc.Value, URL: link.URL("/search"),
			Count: fc.Count, CountText: commas(fc.Count), Selected: sel, Percent: pct})
	}
	if undated > 0 && len(y.Options) > 0 {
		y.Undated = undated
		y.UndatedText = commas(undated)
	}
	return y
}

// timelineView draws the result set per year as bars, oldest first, with
// empty years between as zero bars; nil for fewer than two years.
func timelineView(st State, years []search.FacetCount) *components.Timeline {
	counts := map[int]int{}
	first, last, top := 0, 0, 0
	for _, fc := range years {
		n, err := strconv.Atoi(fc.Value)
		if err != nil {
			continue
		}
		counts[n] = fc.Count
		if first == 0 || n < first {
			first = n
		}
		last = max(last, n)
		top = max(top, fc.Count)
	}
	if first == 0 || last-first < 1 || last-first > 300 {
		return nil
	}
	from, to, ok := yearRange(st)
	// The bars share a fixed width, so the chart keeps its proportions
	// (and its labels their shape) at any size.
	barW := max((timelineWidth+timelineGap)/(last-first+1)-timelineGap, 1)
	tl := &components.Timeline{
		Width:  (last-first+1)*(barW+timelineGap) - timelineGap,
		Height: timelineHeight + timelineLabelH,
		Base:   timelineHeight,
	}
	peak := 0
	every := max(1, (last-first+1)/10)
	for y := first; y <= last; y++ {
		n := counts[y]
		link, _ := yearLink(st, y)
		h := 0
		if top > 0 && n > 0 {
			h = max(n*(timelineHeight-4)/top, 2)
		}
		x := (y - first) * (barW + timelineGap)
		b := components.Bar{
			Label: strconv.Itoa(y), Count: n, CountText: plural(n, "document", "documents"),
			URL: link.URL("/search"), X: x, Y: timelineHeight - h, W: barW, H: h,
			TextX: x + barW/2, ShowLabel: y == first || y == last || (y-first)%every == 0 && last-y >= every,
			InRange: ok && y >= from && y <= to,
		}
		tl.Bars = append(tl.Bars, b)
		if n > counts[peak] || peak == 0 {
			peak = y
		}
	}
	tl.Summary = "Documents per year, " + strconv.Itoa(first) + "–" + strconv.Itoa(last) +
		": most in " + strconv.Itoa(peak) + " (" + commas(counts[peak]) + "). Choose a year to narrow the search to it."
	return tl
}
