package clean

import (
	"bytes"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// pageMeta is what a page's head says about itself.
type pageMeta struct {
	title, siteName, published, canonical, ogURL, lang, docTitle string
}

// HTML cleans a saved HTML page: go-readability finds the main content,
// the meta tags (og:title, og:site_name, article:published_time, link
// rel=canonical) fill in what they state, and the text rules of Text do the
// rest. pageURL is where the page came from; it may be empty.
func HTML(raw []byte, pageURL string) Article {
	raw = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		// The parser refuses pages nested deeper than 512 elements; the
		// tokenizer has no such limit, so the text is still read without
		// its markup.
		return Text(tokenText(raw))
	}
	meta := readMeta(doc)
	u, _ := url.Parse(pageURL)
	if u != nil && u.Scheme == "" {
		u = nil
	}
	content := ""
	if art, err := readability.FromDocument(doc, u); err == nil && art.Node != nil {
		var b strings.Builder
		if art.RenderText(&b) == nil {
			content = b.String()
		}
		if meta.title == "" {
			meta.title = art.Title()
		}
		if meta.siteName == "" {
			meta.siteName = art.SiteName()
		}
	}
	if strings.TrimSpace(content) == "" {
		content = innerText(doc)
	}
	a := Text(content)
	if t := headline(meta); t != "" {
		a.Title = t
	}
	if d := isoDate(meta.published); d != "" {
		a.Date = d
	}
	if meta.siteName != "" {
		a.Source = clip(meta.siteName)
	}
	a.URL = firstNonEmpty(meta.canonical, meta.ogURL, a.URL, pageURL)
	if l := langCode(meta.lang); l != "" {
		a.Lang = l
	}
	return a
}

// readMeta walks the document head for the tags HTML uses.
func readMeta(n *html.Node) pageMeta {
	var m pageMeta
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				m.lang = attr(n, "lang")
			case "title":
				if n.FirstChild != nil && m.docTitle == "" {
					m.docTitle = n.FirstChild.Data
				}
			case "meta":
				key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				val := attr(n, "content")
				switch key {
				case "og:title", "twitter:title":
					m.title = firstNonEmpty(m.title, val)
				case "og:site_name", "application-name":
					m.siteName = firstNonEmpty(m.siteName, val)
				case "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publish-date", "dc.date", "dcterms.date":
					m.published = firstNonEmpty(m.published, val)
				case "og:url":
					m.ogURL = firstNonEmpty(m.ogURL, val)
				}
			case "link":
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					m.canonical = firstNonEmpty(m.canonical, attr(n, "href"))
				}
			case "body":
				return // the head is enough
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return m
}

// headline is og:title (or the document title) without a " | Site" tail.
func headline(m pageMeta) string {
	t := strings.Join(strings.Fields(firstNonEmpty(m.title, m.docTitle)), " ")
	for _, sep := range []string{" | ", " - ", " – ", " — "} {
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		tail := strings.TrimSpace(t[i+len(sep):])
		if sep == " | " || (m.siteName != "" && strings.EqualFold(tail, m.siteName)) {
			t = strings.TrimSpace(t[:i])
		}
	}
	return clip(t)
}

// isoDate keeps the YYYY-MM-DD of a machine-readable timestamp.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 10 {
		if ds := findDates(s[:10]); len(ds) == 1 && ds[0].start == 0 && ds[0].day != 0 && ds[0].year != 0 {
			return ds[0].String()
		}
	}
	return ""
}

func langCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) >= 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' {
		return s[:2]
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// clip bounds metadata strings taken from a page.
func clip(s string) string {
	s = strings.ToValidUTF8(strings.Join(strings.Fields(s), " "), "")
	if r := []rune(s); len(r) > 300 {
		return string(r[:300])
	}
	return s
}

// innerText renders a document as text with a line break per block, for
// pages where readability finds no article.
func innerText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "svg", "head":
				return
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header", "footer", "blockquote", "figcaption":
				defer b.WriteByte('\n')
				b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// tokenText returns the text of an HTML page read token by token: the
// title first (as Text expects a title line), then the text outside
// script, style and template elements, a line per block element.
func tokenText(raw []byte) string {
	z := html.NewTokenizer(bytes.NewReader(raw))
	var title, body strings.Builder
	skip, inTitle := 0, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if t := strings.TrimSpace(title.String()); t != "" {
				return t + "\n\n" + body.String()
			}
			return body.String()
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			start := tt == html.StartTagToken
			switch tag := string(name); tag {
			case "script", "style", "template", "noscript":
				if start {
					skip++
				} else if skip > 0 {
					skip--
				}
			case "title":
				inTitle = start
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "header", "footer", "blockquote", "pre":
				body.WriteString("\n")
			}
		case html.TextToken:
			switch {
			case inTitle:
				title.Write(z.Text())
			case skip == 0:
				body.Write(z.Text())
			}
		}
	}
}
