// Package templates embeds the wording of the report: text/template files
// that the report command executes with the consolidation. A different
// province or addressee needs only a different file (baocao report
// --templates DIR), no code change.
package templates

import "embed"

// FS holds the embedded templates.
//
//go:embed *.tmpl
var FS embed.FS

// Report is the name of the report template.
const Report = "bao-cao.tmpl"
