package web

import "github.com/accord-search/accord/web/components"

// paginate numbers the pages of a result: the first, the last, and two on
// each side of the current one, with gaps between. Pages past
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
	prev := 0
	for n := 1; n <= last; n++ {
		if n != 1 && n != last && (n < cur-2 || n > cur+2) {
			continue
		}
		if prev != 0 && n > prev+1 {
			p.Items = append(p.Items, components.PageItem{Gap: true})
		}
		p.Items = append(p.Items, components.PageItem{Number: n, URL: st.WithPage(n).URL("/search"), Current: n == cur})
		prev = n
	}
	return p
}
