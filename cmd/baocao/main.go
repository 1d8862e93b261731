// Command baocao turns a year of units' progress reports into one official
// report. See README.md, or run "baocao --help".
package main

import (
	"os"

	"baocao/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args, os.Stdout, os.Stderr))
}
