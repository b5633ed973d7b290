// Package web is Accord's HTTP front end: a server-rendered faceted search
// over a search.Engine, built with Echo and templ.
//
// Every route sits in one table (routes.go). Handlers are thin: they parse
// the URL into a State (state.go, the one pure URL ⇄ Query function), run
// the engine, shape a view model (package web/components holds the view
// types and templates) and render it through one buffering helper
// (render.go) that maps engine errors to status codes with errors.Is.
//
// The pages work without JavaScript: facets, sorting and pagination are
// plain links and the forms are GET forms, so every state lives in the URL.
// A small script (static/app.js) enhances them: search as you type, swapping
// only the results region (the server returns just that fragment when the
// request carries the Accord-Fragment or HX-Request header), pushing each
// state to the address bar, and filtering long facet lists as you type.
//
// Echo stays inside this package: callers build a Server with New and mount
// Handler.
package web
