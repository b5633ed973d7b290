// Package clean turns raw page dumps into articles: it keeps the story,
// drops site furniture (navigation, .gov banners, cookie notices, "More
// News" link lists, copyright footers), and finds the headline, the
// publication date the page itself states, the publisher, the page URL and
// the language.
//
// Text handles plain-text dumps; HTML handles saved HTML pages by running
// go-readability first and reading the page's meta tags. Both are pure
// functions: any input gives valid UTF-8 output and never a panic.
//
// The boilerplate rules live in data/boilerplate.txt, embedded at build time.
package clean
