// Command baocao turns a year of units' progress reports into one official
// report. See README.md, or run "baocao --help".
package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"baocao/internal/atomicfile"
	"baocao/internal/cli"
)

func main() {
	// Interrupted (Ctrl-C), remove the temporary file being written: the
	// previous output stays as it was and no half-written file is left.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		atomicfile.Cleanup()
		fmt.Fprintln(os.Stderr, "baocao: đã dừng theo yêu cầu; không tệp kết quả nào bị ghi dở.")
		os.Exit(130)
	}()
	// BAOCAO_CPUPROFILE=FILE writes a CPU profile of the run, for
	// .ci/bench and "go tool pprof".
	if path := os.Getenv("BAOCAO_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				code := cli.Run(os.Args, os.Stdout, os.Stderr)
				pprof.StopCPUProfile()
				f.Close()
				os.Exit(code)
			}
		}
	}
	os.Exit(cli.Run(os.Args, os.Stdout, os.Stderr))
}
