// Package fonts embeds Liberation Serif 2.1.5 (Debian fonts-liberation2),
// metric-compatible with Times New Roman and covering every Vietnamese
// letter in all four styles. Licence: SIL Open Font License 1.1, in LICENSE
// beside this file (Copyright (c) 2012 Red Hat, Inc. with Reserved Font Name
// Liberation).
package fonts

import _ "embed"

// The four styles of Liberation Serif.
var (
	//go:embed LiberationSerif-Regular.ttf
	Regular []byte
	//go:embed LiberationSerif-Bold.ttf
	Bold []byte
	//go:embed LiberationSerif-Italic.ttf
	Italic []byte
	//go:embed LiberationSerif-BoldItalic.ttf
	BoldItalic []byte
)
