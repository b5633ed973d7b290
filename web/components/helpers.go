package components

import (
	"strconv"

	"github.com/a-h/templ"
)

// itoa formats a small number for an attribute or a badge.
func itoa(n int) string { return strconv.Itoa(n) }

// dateInputAttrs marks the date inputs invalid and points them at the
// error message when the range in the address could not be used.
func dateInputAttrs(errText string) templ.Attributes {
	if errText != "" {
		return templ.Attributes{"aria-invalid": "true", "aria-describedby": "dates-error dates-hint"}
	}
	return templ.Attributes{"aria-describedby": "dates-hint"}
}

// documentsWord is the hidden word after a count: " document" or " documents".
func documentsWord(n int) string {
	if n == 1 {
		return " document"
	}
	return " documents"
}

// sideName names a side of a comparison: A or B.
func sideName(i int) string {
	if i == 0 {
		return "A"
	}
	return "B"
}
