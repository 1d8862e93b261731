package catalogue

import (
	"strconv"
	"strings"
)

// positions maps key paths to the line (from 1) where they are written.
// Paths name array-of-tables elements and array items by index from 0:
// "tasks[2]", "tasks[2].lead", "tasks[2].lead[1]", "tasks[2].timeframe.due".
//
// The TOML library keeps positions privately and without array indices, so
// the loader scans the text itself. The scan runs only on text the TOML
// parser has accepted, so it can be simple: it follows table headers, keys,
// strings (all four kinds), arrays and inline tables.
type positions map[string]int

// scanPositions indexes a syntactically valid TOML document.
func scanPositions(src string) positions {
	s := &scanner{src: src, line: 1, pos: positions{}, arrays: map[string]int{}}
	s.document()
	return s.pos
}

type scanner struct {
	src    string
	i      int
	line   int
	pos    positions
	arrays map[string]int // array-of-tables path -> element count
	table  string         // current table path
}

func (s *scanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *scanner) next() byte {
	c := s.src[s.i]
	s.i++
	if c == '\n' {
		s.line++
	}
	return c
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

// skipSpace skips blanks, comments and, when newlines is set, line breaks.
func (s *scanner) skipSpace(newlines bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.next()
		case c == '\n' && newlines:
			s.next()
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.next()
			}
		default:
			return
		}
	}
}

func (s *scanner) document() {
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		start := s.i
		if s.peek() == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
		s.progress(start)
	}
}

// progress consumes one byte when a step consumed none, so that no input,
// however unexpected, can stop the scan from moving on.
func (s *scanner) progress(start int) {
	if s.i == start && !s.eof() {
		s.next()
	}
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	if key == "" {
		return prefix
	}
	return prefix + "." + key
}

// header reads "[a.b]" or "[[a.b]]" and makes it the current table.
func (s *scanner) header() {
	line := s.line
	s.next()
	array := s.peek() == '['
	if array {
		s.next()
	}
	parts := s.keyParts(']')
	for !s.eof() && s.peek() == ']' {
		s.next()
	}
	path := ""
	for i, part := range parts {
		path = join(path, part)
		if i == len(parts)-1 && array {
			n := s.arrays[path]
			s.arrays[path] = n + 1
			path += "[" + strconv.Itoa(n) + "]"
		} else if n, ok := s.arrays[path]; ok {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	s.table = path
	s.pos[path] = line
}

// keyParts reads a dotted key up to stop ('=' or ']'), unquoting parts.
func (s *scanner) keyParts(stop byte) []string {
	var parts []string
	var cur strings.Builder
	for !s.eof() {
		c := s.peek()
		switch {
		case c == stop:
			return append(parts, strings.TrimSpace(cur.String()))
		case c == '.':
			s.next()
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		case c == '"' || c == '\'':
			start := s.i
			s.str()
			q, err := strconv.Unquote(`"` + s.src[start+1:s.i-1] + `"`)
			if c == '\'' || err != nil {
				q = s.src[start+1 : s.i-1]
			}
			cur.WriteString(q)
		case c == ' ' || c == '\t':
			s.next()
		default:
			cur.WriteByte(s.next())
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

// keyValue reads "key = value" inside table prefix.
func (s *scanner) keyValue(prefix string) {
	line := s.line
	parts := s.keyParts('=')
	if !s.eof() {
		s.next() // '='
	}
	path := prefix
	for _, p := range parts {
		path = join(path, p)
	}
	s.pos[path] = line
	s.skipSpace(false)
	s.value(path)
}

// value reads one value; arrays and inline tables record their items.
func (s *scanner) value(path string) {
	switch c := s.peek(); c {
	case '"', '\'':
		s.str()
	case '[':
		s.next()
		for n := 0; ; n++ {
			s.skipSpace(true)
			if s.eof() || s.peek() == ']' {
				break
			}
			start := s.i
			item := path + "[" + strconv.Itoa(n) + "]"
			s.pos[item] = s.line
			s.value(item)
			s.skipSpace(true)
			if s.peek() == ',' {
				s.next()
			}
			s.progress(start)
		}
		if !s.eof() {
			s.next()
		}
	case '{':
		s.next()
		for {
			s.skipSpace(true)
			if s.eof() || s.peek() == '}' {
				break
			}
			start := s.i
			s.keyValue(path)
			s.skipSpace(true)
			if s.peek() == ',' {
				s.next()
			}
			s.progress(start)
		}
		if !s.eof() {
			s.next()
		}
	default: // numbers, dates, booleans: up to a delimiter
		for !s.eof() {
			switch s.peek() {
			case ',', ']', '}', '\n', '#':
				return
			}
			s.next()
		}
	}
}

// str skips one string of any of the four TOML kinds.
func (s *scanner) str() {
	q := s.next()
	if strings.HasPrefix(s.src[s.i:], string([]byte{q, q})) {
		s.next()
		s.next()
		delim := strings.Repeat(string(q), 3)
		for !s.eof() {
			if q == '"' && s.peek() == '\\' {
				s.next()
				if !s.eof() {
					s.next()
				}
				continue
			}
			if strings.HasPrefix(s.src[s.i:], delim) {
				s.next()
				s.next()
				s.next()
				// Up to two more quotes may close the string ("""a"""").
				for !s.eof() && s.peek() == q {
					s.next()
				}
				return
			}
			s.next()
		}
		return
	}
	for !s.eof() {
		c := s.next()
		if q == '"' && c == '\\' && !s.eof() {
			s.next()
			continue
		}
		if c == q || c == '\n' {
			return
		}
	}
}
