package pdfdoc

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// Render takes fpdf's document uncompressed, with empty pages, and puts the
// pages' content streams in afterwards (content.go): parseObjects finds
// them, deflateAll compresses them on every core with one reused zlib
// writer per core (fpdf makes a new one, 1.2 MB of zeroed memory, for every
// page), writeObjects writes the document again in the form fpdf writes
// with compression on: the same dictionaries, the same zlib level, so the
// same bytes.

// errLayout reports a document that does not have the shape fpdf writes;
// it means fpdf changed, never bad input.
var errLayout = errors.New("cấu trúc PDF không như dự kiến")

// object is one indirect object of the document, in file order.
type object struct {
	num   int
	start int    // offset of "N 0 obj"
	end   int    // offset just past its "endobj\n"
	data  []byte // a page's content stream, as fpdf wrote it
	out   []byte // the page's content stream to write, compressed
}

// writeObjects writes doc's objects to w, each page's content stream
// replaced by its out when set, with a new cross-reference table. (Other
// streams stay as fpdf wrote them: it leaves the fonts' ToUnicode maps
// uncompressed even with compression on.)
func writeObjects(w io.Writer, doc []byte, objs []*object, trailer []byte) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	pos := 0
	write := func(b []byte) {
		n, _ := bw.Write(b)
		pos += n
	}
	write(doc[:objs[0].start])
	offsets := make([]int, len(objs)+1)
	for _, o := range objs {
		offsets[o.num] = pos
		if o.out == nil {
			write(doc[o.start:o.end])
			continue
		}
		write([]byte(strconv.Itoa(o.num) + " 0 obj\n<</Filter /FlateDecode /Length " + strconv.Itoa(len(o.out)) + ">>\nstream\n"))
		write(o.out)
		write([]byte("\nendstream\nendobj\n"))
	}
	start := pos // the last object ends where the table starts
	write([]byte("xref\n0 " + strconv.Itoa(len(objs)+1) + "\n0000000000 65535 f \n"))
	for _, off := range offsets[1:] {
		write(fmt.Appendf(nil, "%010d 00000 n \n", off))
	}
	write(trailer)
	write([]byte("startxref\n" + strconv.Itoa(start) + "\n%%EOF\n"))
	return bw.Flush()
}

// parseObjects finds the objects of doc through its cross-reference table,
// and the raw content of the pages' streams. It returns them in file order,
// the pages' content streams in page order, and the trailer (from "trailer"
// up to "startxref").
func parseObjects(doc []byte) (objs, pages []*object, trailer []byte, err error) {
	tail := doc[max(0, len(doc)-64):]
	i := bytes.LastIndex(tail, []byte("startxref\n"))
	if i < 0 {
		return nil, nil, nil, fmt.Errorf("%w: không có startxref", errLayout)
	}
	numEnd := bytes.IndexByte(tail[i+10:], '\n')
	if numEnd < 0 {
		return nil, nil, nil, fmt.Errorf("%w: startxref", errLayout)
	}
	xref, err := strconv.Atoi(string(tail[i+10 : i+10+numEnd]))
	if err != nil || xref <= 0 || xref >= len(doc) || !bytes.HasPrefix(doc[xref:], []byte("xref\n0 ")) {
		return nil, nil, nil, fmt.Errorf("%w: bảng xref", errLayout)
	}
	rest := doc[xref+7:]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, nil, nil, fmt.Errorf("%w: bảng xref", errLayout)
	}
	count, err := strconv.Atoi(string(rest[:nl]))
	entries := rest[nl+1:]
	if err != nil || count < 2 || len(entries) < count*20 {
		return nil, nil, nil, fmt.Errorf("%w: bảng xref", errLayout)
	}
	trailerStart := xref + 7 + nl + 1 + count*20
	trailerEnd := len(doc) - len(tail) + i
	if trailerStart > trailerEnd || !bytes.HasPrefix(doc[trailerStart:], []byte("trailer\n")) {
		return nil, nil, nil, fmt.Errorf("%w: trailer", errLayout)
	}
	trailer = doc[trailerStart:trailerEnd]
	for n := 1; n < count; n++ {
		e := entries[n*20 : n*20+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off <= 0 || off >= xref {
			return nil, nil, nil, fmt.Errorf("%w: mục xref %d", errLayout, n)
		}
		objs = append(objs, &object{num: n, start: off})
	}
	slices.SortFunc(objs, func(a, b *object) int { return a.start - b.start })
	// Each object runs to the next; each page names its content stream.
	contents := map[int]bool{}
	var order []int // content objects, in the order of their pages
	for k, o := range objs {
		o.end = xref
		if k+1 < len(objs) {
			o.end = objs[k+1].start
		}
		body := doc[o.start:o.end]
		head := strconv.Itoa(o.num) + " 0 obj\n"
		if !bytes.HasPrefix(body, []byte(head)) || !bytes.HasSuffix(body, []byte("endobj\n")) {
			return nil, nil, nil, fmt.Errorf("%w: đối tượng %d", errLayout, o.num)
		}
		if bytes.HasPrefix(body[len(head):], []byte("<</Type /Page\n")) {
			if m := contentsRef.FindSubmatch(body); m != nil {
				n, _ := strconv.Atoi(string(m[1]))
				contents[n] = true
				order = append(order, n)
			}
		}
	}
	for _, o := range objs {
		if !contents[o.num] {
			continue
		}
		body := doc[o.start:o.end]
		if o.data = streamData(body[len(strconv.Itoa(o.num)+" 0 obj\n"):]); o.data == nil {
			return nil, nil, nil, fmt.Errorf("%w: nội dung trang %d", errLayout, o.num)
		}
	}
	byNum := map[int]*object{}
	for _, o := range objs {
		byNum[o.num] = o
	}
	for _, n := range order {
		if byNum[n] == nil {
			return nil, nil, nil, fmt.Errorf("%w: không có nội dung trang %d", errLayout, n)
		}
		pages = append(pages, byNum[n])
	}
	return objs, pages, trailer, nil
}

// contentsRef is how fpdf's page objects name their content stream.
var contentsRef = regexp.MustCompile(`\n/Contents (\d+) 0 R>>\n`)

// streamData returns the content of body when it is exactly an
// uncompressed stream: "<</Length L>>\nstream\n", L bytes,
// "\nendstream\nendobj\n".
func streamData(body []byte) []byte {
	const open = "<</Length "
	if !bytes.HasPrefix(body, []byte(open)) {
		return nil
	}
	end := bytes.Index(body, []byte(">>\nstream\n"))
	if end < 0 {
		return nil
	}
	n, err := strconv.Atoi(string(body[len(open):end]))
	start := end + len(">>\nstream\n")
	if err != nil || n < 0 || start+n > len(body) || string(body[start+n:]) != "\nendstream\nendobj\n" {
		return nil
	}
	return body[start : start+n]
}

// deflateAll sets each page's out to its content, compressed as fpdf does
// (zlib, best speed), on every core.
func deflateAll(pages []*object, content func(k int, buf []byte) []byte) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(pages))) {
		wg.Go(func() {
			var raw []byte
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed) // the level is valid
			for {
				k := int(next.Add(1)) - 1
				if k >= len(pages) {
					return
				}
				raw = content(k, raw[:0])
				buf.Reset()
				zw.Reset(&buf)
				zw.Write(raw) // writes to a bytes.Buffer do not fail
				zw.Close()
				pages[k].out = bytes.Clone(buf.Bytes())
			}
		})
	}
	wg.Wait()
}
