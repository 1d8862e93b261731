// Package examples exports the worked examples embedded in the binary. The
// Kon Tum catalogue is the default catalogue: the built binary works from any
// folder with nothing beside it.
package examples

import _ "embed"

// KontumCatalogue is examples/kontum-2024/catalogue.toml.
//
//go:embed kontum-2024/catalogue.toml
var KontumCatalogue []byte

// KontumCatalogueName names the embedded catalogue in messages.
const KontumCatalogueName = "(danh mục mặc định) kontum-2024/catalogue.toml"
