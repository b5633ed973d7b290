// Package components holds Accord's templ templates and the view models
// they display. The web package shapes every value here (links already
// built, numbers already formatted, selected states already decided), so
// templates only display: no reshaping, no I/O.
//
// Exported PascalCase components are pages or fragments that handlers
// render; unexported ones are shared parts. Elements that tests look for
// carry data-testid attributes.
package components
