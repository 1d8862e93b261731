package xlsx_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"baocao/internal/xlsx"
)

// submissions reads the example's 30 filled workbooks.
func submissions(b *testing.B) [][]byte {
	paths, _ := filepath.Glob("../../examples/kontum-2024/submissions/*.xlsx")
	if len(paths) != 30 {
		b.Fatalf("%d submissions", len(paths))
	}
	var out [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// BenchmarkOpen opens each submission of the example and lists its cells,
// as intake does; one op is one file. bench_old_test.go (build tag
// xlsxread_bench) measures the same with the reader this package replaces.
func BenchmarkOpen(b *testing.B) {
	files := submissions(b)
	b.ReportAllocs()
	defer cpuTime(b)()
	i := 0
	for b.Loop() {
		book, err := xlsx.OpenBytes(files[i%len(files)], xlsx.DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range book.Sheets {
			s.Merges()
		}
		if len(book.Inventory()) == 0 {
			b.Fatal("no cells")
		}
		i++
	}
}

// cpuTime reports the process's CPU time per op ("cpu-ns/op") when the
// returned function is called: on a loaded machine, wall time per op
// says more about the other processes than about the code.
func cpuTime(b *testing.B) func() {
	used := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			return 0
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := used()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(used()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}
