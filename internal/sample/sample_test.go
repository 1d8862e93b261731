package sample_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"baocao/examples"
	"baocao/internal/catalogue"
	"baocao/internal/sample"
)

// The submissions committed in examples/kontum-2024/submissions are what
// the generator makes of nguon.toml now.
func TestExampleSubmissionsAreCurrent(t *testing.T) {
	c, probs := catalogue.Parse("kontum", examples.KontumCatalogue)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	src, err := sample.Load("../../examples/kontum-2024/nguon.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	paths, err := sample.Generate(c, src, dir)
	if err != nil {
		t.Fatal(err)
	}
	committed, _ := filepath.Glob("../../examples/kontum-2024/submissions/*.xlsx")
	if len(paths) != 30 || len(committed) != len(paths) {
		t.Fatalf("%d generated, %d committed", len(paths), len(committed))
	}
	for _, p := range paths {
		got, _ := os.ReadFile(p)
		want, err := os.ReadFile(filepath.Join("../../examples/kontum-2024/submissions", filepath.Base(p)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is out of date; regenerate with: go run ./cmd/baocao-gen --from examples/kontum-2024/nguon.toml --out examples/kontum-2024/submissions", filepath.Base(p))
		}
	}
}

func TestUnknownKeysRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.toml")
	os.WriteFile(p, []byte("[[reports]]\nunit = \"SYT\"\ncolour = 1\n"), 0o644)
	if _, err := sample.Load(p); err == nil {
		t.Error("an unknown key was accepted")
	}
}
