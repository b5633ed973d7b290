// Package fetch keeps a corpus folder current from live sources: it reads
// feeds (RSS, Atom, JSON Feed), sitemaps and sitemap indexes, and URL
// lists, downloads the HTML pages they name, and saves each page with a
// .meta.json sidecar (see indexer/source.Meta) that the indexer reads.
//
// It is polite and safe by default: robots.txt and its crawl-delay, one
// request at a time per host at a configured rate, an identifying
// User-Agent with a contact address, conditional GETs, Retry-After on 429
// and 503 with capped exponential backoff, size and time limits, HTML
// only, redirects capped and kept on allowed hosts, and no private or
// loopback addresses unless allowed (checked on the dialed address, so a
// DNS answer cannot bypass it).
//
// A state file records what each URL gave last time; pages, sidecars and
// the state are written atomically, so an interrupted run loses nothing
// and the next one carries on.
package fetch
