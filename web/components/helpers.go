package components

import "strconv"

// itoa formats a small number for an attribute or a badge.
func itoa(n int) string { return strconv.Itoa(n) }
