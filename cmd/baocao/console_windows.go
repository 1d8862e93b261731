package main

import "golang.org/x/sys/windows"

// On Windows the console shows text in its code page (often 437 or 1258),
// which garbles Vietnamese: switch it to UTF-8 (65001) for this run. An
// error (no console: output redirected to a file) changes nothing.
func init() {
	_ = windows.SetConsoleOutputCP(65001)
	_ = windows.SetConsoleCP(65001)
}
