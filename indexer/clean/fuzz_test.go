package clean

import (
	"testing"
	"unicode/utf8"
)

// FuzzText checks the invariants of Text: any bytes in, no panic, valid
// UTF-8 out, and a date in one of the three documented shapes.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"",
		" date 2021-06-16 Body",
		"Headline Here Today\n\nRelease Date: July 11, 2018\n\nBody.",
		"鈥淗onduras鈥 said 鈥淲e鈥檝e",
		"\xff\xfe\xfd",
		"1. Home\n2. News\nMore News\n • a\n • b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		a := Text(in)
		for _, s := range []string{a.Title, a.Body, a.Date, a.Source, a.URL, a.Lang} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q from %q", s, in)
			}
		}
		if n := len(a.Date); n != 0 && n != 4 && n != 7 && n != 10 {
			t.Fatalf("Date %q has an unknown shape", a.Date)
		}
	})
}

// FuzzHTML checks the same invariants for HTML pages, whatever the markup.
func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"",
		"<html><head><title>T</title><meta property=\"article:published_time\" content=\"2023-03-23T10:00:00Z\"></head><body><article><h1>T</h1><p>Body text.</p></article></body></html>",
		"<p>unclosed <b>tags <script>alert(1)</script>",
		"<html>\xff\xfe</html>",
		"<meta property=og:site_name content=\"DHS\"><link rel=canonical href=\"javascript:alert(1)\">",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		a := HTML(in, "")
		for _, s := range []string{a.Title, a.Body, a.Date, a.Source, a.URL, a.Lang} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q from %q", s, in)
			}
		}
		if n := len(a.Date); n != 0 && n != 4 && n != 7 && n != 10 {
			t.Fatalf("Date %q has an unknown shape", a.Date)
		}
	})
}
