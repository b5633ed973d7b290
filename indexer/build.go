package indexer

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"

	"github.com/accord-search/accord/indexer/clean"
	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/indexer/source"
	"github.com/accord-search/accord/search"
)

// Version names the cleaning and extraction code; bump it when the code
// changes so that every document is re-sent once. Changes to the
// extraction data files need no bump: their fingerprint is in the hash.
const Version = "accord-indexer-3"

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
	d.Hash = hashOf([]byte(b.Extractor.Version()), it.Raw, withMeta(&d, it.Meta))
	if len(strings.Fields(d.Body)) < minArticleWords && it.Format != source.FormatJSONL {
		return d, false
	}
	return d, strings.TrimSpace(d.Title+d.Body) != ""
}

func (b *Builder) fromArticle(a clean.Article, given *source.Record) search.Document {
	f := b.Extractor.Extract(a.Title, a.Body)
	d := search.Document{
		Title: a.Title, Body: a.Body, URL: a.URL, Source: a.Source, Date: a.Date, Lang: a.Lang,
		Countries: orEmpty(f.Countries), Officials: orEmpty(f.Officials), Topics: orEmpty(f.Topics),
		Organizations: f.Organizations, Roles: f.Roles, Evidence: f.Evidence,
		Type: b.Extractor.Type(a.Title, a.Body, a.Source),
	}
	finish(&d)
	return d
}

// finish gives a document without a headline a title derived from its
// text, and adds the evidence of its date and title.
func finish(d *search.Document) {
	if strings.TrimSpace(d.Title) == "" {
		if t := search.DeriveTitle(d.Body); t != "" {
			d.Title, d.TitleDerived = t, true
		}
	}
	if d.Evidence == nil {
		d.Evidence = map[string]map[string][]search.Span{}
	}
	if d.Date != "" {
		if sp, ok := dateEvidence(d.Body, d.Date); ok {
			d.Evidence[search.EvidenceDate] = map[string][]search.Span{d.Date: {sp}}
		}
	}
	if d.Title != "" {
		if sp, ok := titleEvidence(d.Body, d.Title, d.TitleDerived); ok {
			d.Evidence[search.EvidenceTitle] = map[string][]search.Span{d.Title: {sp}}
		}
	}
	if len(d.Evidence) == 0 {
		d.Evidence = nil
	}
}

// dateEvidence finds where the body states date. A date stated only
// outside the body (a date line above the article, which cleaning
// removes) has no span there.
func dateEvidence(body, date string) (search.Span, bool) {
	off := 0
	for _, ln := range strings.SplitAfter(body, "\n") {
		for _, ds := range clean.DatesIn(ln) {
			if ds.Date == date || (ds.Date != "" && strings.HasPrefix(ds.Date, date)) {
				s, e := off+ds.Start, off+ds.End
				return search.Span{Start: s, End: e, Text: body[s:e]}, true
			}
		}
		off += len(ln)
	}
	return search.Span{}, false
}

// titleEvidence is where the title comes from: for a derived title the
// body's words it was made of, for a headline its repetition in the body.
func titleEvidence(body, title string, derived bool) (search.Span, bool) {
	t := strings.TrimSuffix(title, "…")
	if i := strings.Index(body, t); i >= 0 {
		return search.Span{Start: i, End: i + len(t), Text: t}, true
	}
	if derived {
		// Capitalized or with a dateline dropped: find the words.
		words := strings.Fields(t)
		if len(words) > 1 {
			rest := strings.Join(words[1:], " ")
			if i := strings.Index(body, rest); i >= 0 {
				s := max(strings.LastIndexAny(body[:i], " \n")+1, 0)
				if s < i-len(words[0])-1 {
					s = i - len(words[0]) - 1
				}
				return search.Span{Start: s, End: i + len(rest), Text: body[s : i+len(rest)]}, true
			}
		}
	}
	return search.Span{}, false
}

// fromRecord keeps the fields a record gives and extracts the others.
func (b *Builder) fromRecord(r *source.Record) search.Document {
	d := search.Document{
		Title: r.Title, Body: r.Body, URL: r.URL, Source: r.Source, Lang: r.Lang,
		Countries: cleanValues(r.Countries), Officials: cleanValues(r.Officials), Topics: cleanValues(r.Topics),
		Organizations: cleanValues(r.Organizations),
	}
	if d.Date = validDate(r.Date); d.Date == "" && len(r.Date) >= 10 {
		d.Date = validDate(r.Date[:10]) // an RFC 3339 timestamp
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
	if r.Type != "" && slices.Contains(search.DocumentTypes, r.Type) {
		d.Type = r.Type
	} else {
		d.Type = b.Extractor.Type(d.Title, d.Body, d.Source)
	}
	finish(&d)
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
