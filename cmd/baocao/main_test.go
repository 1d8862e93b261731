package main

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"baocao/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"baocao": func() { os.Exit(cli.Run(os.Args, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scripts of testdata/script. Each runs
// the real binary in an empty folder. Regenerate the expected output after a
// deliberate change with: go test ./cmd/baocao -update
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLES", mustAbs("../../examples"))
			env.Setenv("CLIENTS", mustAbs("../../internal/intake/testdata/clients"))
			return nil
		},
	})
}

func mustAbs(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return wd + "/" + p
}
