package indexer

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"

	"github.com/accord-search/accord/indexer/clean"
	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/indexer/source"
	"github.com/accord-search/accord/search"
)

// Version names the cleaning and extraction code; bump it when the code
// changes so that every document is re-sent once. Changes to the
// extraction data files need no bump: their fingerprint is in the hash.
const Version = "accord-indexer-2"

// minArticleWords: a page whose cleaned text is shorter has no article
// (a link list, an empty shell) and is skipped.
const minArticleWords = 25

// ReasonNoArticle counts pages skipped for having no article.
const ReasonNoArticle = "no article"

// Builder turns source items into documents.
type Builder struct {
	Extractor *extract.Extractor
}

var validID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

// ID returns a stable document ID: a record's own id when it is usable
// by every engine, otherwise a hash of the item's path reference.
func ID(it source.Item) string {
	if it.Record != nil && validID.MatchString(it.Record.ID) {
		return it.Record.ID
	}
	sum := sha256.Sum256([]byte(it.Ref()))
	return hex.EncodeToString(sum[:10])
}

// Build cleans an item and extracts its facets. It returns ok=false for
// a page without an article.
func (b *Builder) Build(it source.Item) (search.Document, bool) {
	var d search.Document
	switch it.Format {
	case source.FormatJSONL:
		d = b.fromRecord(it.Record)
	case source.FormatHTML:
		d = b.fromArticle(clean.HTML(it.Raw, ""), nil)
	default:
		d = b.fromArticle(clean.Text(string(it.Raw)), nil)
	}
	d.ID = ID(it)
	d.Path = it.Ref()
	d.Hash = hashOf([]byte(b.Extractor.Version()), it.Raw)
	if len(strings.Fields(d.Body)) < minArticleWords && it.Format != source.FormatJSONL {
		return d, false
	}
	return d, strings.TrimSpace(d.Title+d.Body) != ""
}

func (b *Builder) fromArticle(a clean.Article, given *source.Record) search.Document {
	f := b.Extractor.Extract(a.Title, a.Body)
	return search.Document{
		Title: a.Title, Body: a.Body, URL: a.URL, Source: a.Source, Date: a.Date, Lang: a.Lang,
		Countries: orEmpty(f.Countries), Officials: orEmpty(f.Officials), Topics: orEmpty(f.Topics),
		Organizations: f.Organizations,
	}
}

// fromRecord keeps the fields a record gives and extracts the others.
func (b *Builder) fromRecord(r *source.Record) search.Document {
	d := search.Document{
		Title: r.Title, Body: r.Body, URL: r.URL, Source: r.Source, Lang: r.Lang,
		Countries: r.Countries, Officials: r.Officials, Topics: r.Topics, Organizations: r.Organizations,
	}
	if _, err := search.ParseDate(r.Date); err == nil {
		d.Date = r.Date
	} else if len(r.Date) >= 10 {
		if _, err := search.ParseDate(r.Date[:10]); err == nil {
			d.Date = r.Date[:10] // an RFC 3339 timestamp
		}
	}
	if d.Countries == nil || d.Officials == nil || d.Topics == nil || d.Organizations == nil {
		f := b.Extractor.Extract(d.Title, d.Body)
		d.Countries = keep(d.Countries, f.Countries)
		d.Officials = keep(d.Officials, f.Officials)
		d.Topics = keep(d.Topics, f.Topics)
		if d.Organizations == nil {
			d.Organizations = f.Organizations
		}
	}
	if d.Lang == "" {
		d.Lang = "en"
	}
	return d
}

func keep(given, extracted []string) []string {
	if given != nil {
		return given
	}
	return orEmpty(extracted)
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func hashOf(parts ...[]byte) string {
	h := sha256.New()
	h.Write([]byte(Version))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}
