package web

import "github.com/accord-search/accord/web/components"

// paginate numbers the pages of a result: the first, the last, and two on
// each side of the current one, with gaps ("…") for two or more pages. Pages past
// search.MaxWindow are not offered.
func paginate(st State, total int) components.Pagination {
	last := min((total+st.PerPage-1)/st.PerPage, lastPage(st.PerPage))
	var p components.Pagination
	if last <= 1 && st.Page <= 1 {
		return p
	}
	cur := st.Page
	if cur > 1 {
		p.Prev = st.WithPage(min(cur-1, max(last, 1))).URL("/search")
	}
	if cur < last {
		p.Next = st.WithPage(cur + 1).URL("/search")
	}
	center := min(cur, last)
	prev := 0
	for n := 1; n <= last; n++ {
		if n != 1 && n != last && (n < center-2 || n > center+2) {
			continue
		}
		switch {
		case prev != 0 && n == prev+2: // a gap of one page: show the page
			p.Items = append(p.Items, pageItem(st, prev+1, cur))
		case prev != 0 && n > prev+2:
			p.Items = append(p.Items, components.PageItem{Gap: true})
		}
		p.Items = append(p.Items, pageItem(st, n, cur))
		prev = n
	}
	return p
}

func pageItem(st State, n, cur int) components.PageItem {
	return components.PageItem{Number: n, URL: st.WithPage(n).URL("/search"), Current: n == cur}
}
