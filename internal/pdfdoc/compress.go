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

// fpdf compresses each page's content stream with a new zlib writer, and a
// new writer costs about 1.2 MB of zeroed memory: on a report of 3,000
// pages that was two thirds of the render time. So Render asks fpdf for an
// uncompressed document and compressStreams compresses the page streams
// afterwards, on every core, with one reused writer per core. It writes what
// fpdf would have written with compression on: the same dictionaries, the
// same zlib level, so the same bytes.

// errLayout reports a document that does not have the shape fpdf writes;
// it means fpdf changed, never bad input.
var errLayout = errors.New("cấu trúc PDF không như dự kiến")

// object is one indirect object of the document, in file order.
type object struct {
	num   int
	start int // offset of "N 0 obj"
	end   int // offset just past its "endobj\n"
	data  []byte
	out   []byte // compressed stream, when data is a page stream
}

// compressStreams writes doc, an uncompressed PDF from fpdf, to w with the
// pages' content streams compressed. (Other streams stay as fpdf wrote them:
// it leaves the fonts' ToUnicode maps uncompressed even with compression on.)
func compressStreams(w io.Writer, doc []byte) error {
	objs, trailer, err := parseObjects(doc)
	if err != nil {
		return err
	}
	var jobs []*object
	for _, o := range objs {
		if o.data != nil {
			jobs = append(jobs, o)
		}
	}
	deflateAll(jobs)

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
// and the trailer (from "trailer" up to "startxref").
func parseObjects(doc []byte) (objs []*object, trailer []byte, err error) {
	tail := doc[max(0, len(doc)-64):]
	i := bytes.LastIndex(tail, []byte("startxref\n"))
	if i < 0 {
		return nil, nil, fmt.Errorf("%w: không có startxref", errLayout)
	}
	numEnd := bytes.IndexByte(tail[i+10:], '\n')
	if numEnd < 0 {
		return nil, nil, fmt.Errorf("%w: startxref", errLayout)
	}
	xref, err := strconv.Atoi(string(tail[i+10 : i+10+numEnd]))
	if err != nil || xref <= 0 || xref >= len(doc) || !bytes.HasPrefix(doc[xref:], []byte("xref\n0 ")) {
		return nil, nil, fmt.Errorf("%w: bảng xref", errLayout)
	}
	rest := doc[xref+7:]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, nil, fmt.Errorf("%w: bảng xref", errLayout)
	}
	count, err := strconv.Atoi(string(rest[:nl]))
	entries := rest[nl+1:]
	if err != nil || count < 2 || len(entries) < count*20 {
		return nil, nil, fmt.Errorf("%w: bảng xref", errLayout)
	}
	trailerStart := xref + 7 + nl + 1 + count*20
	trailerEnd := len(doc) - len(tail) + i
	if trailerStart > trailerEnd || !bytes.HasPrefix(doc[trailerStart:], []byte("trailer\n")) {
		return nil, nil, fmt.Errorf("%w: trailer", errLayout)
	}
	trailer = doc[trailerStart:trailerEnd]
	for n := 1; n < count; n++ {
		e := entries[n*20 : n*20+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off <= 0 || off >= xref {
			return nil, nil, fmt.Errorf("%w: mục xref %d", errLayout, n)
		}
		objs = append(objs, &object{num: n, start: off})
	}
	slices.SortFunc(objs, func(a, b *object) int { return a.start - b.start })
	// Each object runs to the next; each page names its content stream.
	contents := map[int]bool{}
	for k, o := range objs {
		o.end = xref
		if k+1 < len(objs) {
			o.end = objs[k+1].start
		}
		body := doc[o.start:o.end]
		head := strconv.Itoa(o.num) + " 0 obj\n"
		if !bytes.HasPrefix(body, []byte(head)) || !bytes.HasSuffix(body, []byte("endobj\n")) {
			return nil, nil, fmt.Errorf("%w: đối tượng %d", errLayout, o.num)
		}
		if bytes.HasPrefix(body[len(head):], []byte("<</Type /Page\n")) {
			if m := contentsRef.FindSubmatch(body); m != nil {
				n, _ := strconv.Atoi(string(m[1]))
				contents[n] = true
			}
		}
	}
	for _, o := range objs {
		if !contents[o.num] {
			continue
		}
		body := doc[o.start:o.end]
		if o.data = streamData(body[len(strconv.Itoa(o.num)+" 0 obj\n"):]); o.data == nil {
			return nil, nil, fmt.Errorf("%w: nội dung trang %d", errLayout, o.num)
		}
	}
	return objs, trailer, nil
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

// deflateAll compresses the objects' data into out, as fpdf does (zlib,
// best speed), on every core.
func deflateAll(objs []*object) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(objs))) {
		wg.Go(func() {
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed) // the level is valid
			for {
				k := int(next.Add(1)) - 1
				if k >= len(objs) {
					return
				}
				buf.Reset()
				zw.Reset(&buf)
				zw.Write(objs[k].data) // writes to a bytes.Buffer do not fail
				zw.Close()
				objs[k].out = bytes.Clone(buf.Bytes())
			}
		})
	}
	wg.Wait()
}
