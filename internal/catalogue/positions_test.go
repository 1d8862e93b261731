package catalogue

import "testing"

func TestScanPositions(t *testing.T) {
	src := `# comment [not a table]
format = 1
title = """
a [[fake]] table
key = "not a key"
"""

[[tasks]]
number = "1"
lead = [
  "A", # first
  "B",
]
timeframe = { kind = "due", due = 2024-06-30 }

[[tasks]]
"number" = '2'
content = '''
x = 1
'''
[tasks.timeframe]
kind = "regular"

[issuer.signer]
name = "N"
`
	want := map[string]int{
		"format":                  2,
		"title":                   3,
		"tasks[0]":                8,
		"tasks[0].number":         9,
		"tasks[0].lead":           10,
		"tasks[0].lead[0]":        11,
		"tasks[0].lead[1]":        12,
		"tasks[0].timeframe":      14,
		"tasks[0].timeframe.due":  14,
		"tasks[1]":                16,
		"tasks[1].number":         17,
		"tasks[1].content":        18,
		"tasks[1].timeframe":      21,
		"tasks[1].timeframe.kind": 22,
		"issuer.signer":           24,
		"issuer.signer.name":      25,
	}
	got := scanPositions(src)
	for k, line := range want {
		if got[k] != line {
			t.Errorf("%s: line %d, want %d", k, got[k], line)
		}
	}
	for _, k := range []string{"fake", "key", "x"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s was read from inside a string", k)
		}
	}
}
