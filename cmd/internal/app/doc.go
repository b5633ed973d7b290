// Package app holds what both binaries share: their settings (flags and
// environment variables, in one table) and the wiring of a search engine
// from those settings.
package app
