package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// Streams of the PRNG, one per output, so each output depends only on the
// seed and its own flags.
const (
	streamLibrary = iota + 1
	streamSingle
	streamParagraph
	streamStyle
)

// filesPerFolder keeps library folders at a size people keep them.
const filesPerFolder = 500

// mixShare is how often a library draft is English with -lang mix; the rest
// are spread evenly over the other languages.
const mixShare = 0.6

// pickLanguage returns the language of the next draft: the one asked for, or
// for "mix", English most of the time.
func (d *drafter) pickLanguage(code string) *language {
	if code != "mix" {
		return languageByCode(code)
	}
	if d.chance(mixShare) {
		return english
	}
	return languages[1+d.r.IntN(len(languages)-1)]
}

// writeLibrary writes n drafts as files dir/<lang>/<folder>/reply-<i>.md (a
// fifth of them .txt), and returns the bytes written.
func writeLibrary(dir string, n int, lang string, seed uint64) (int64, error) {
	d := newDrafter(seed, streamLibrary)
	var total int64
	var buf bytes.Buffer
	made := map[string]bool{}
	for i := 0; i < n; i++ {
		buf.Reset()
		l := d.pickLanguage(lang)
		d.draft(&buf, l, true)
		ext := ".md"
		if d.r.IntN(5) == 0 {
			ext = ".txt"
		}
		folder := filepath.Join(dir, l.code, fmt.Sprintf("%03d", i/filesPerFolder))
		if !made[folder] {
			if err := os.MkdirAll(folder, 0o755); err != nil {
				return total, err
			}
			made[folder] = true
		}
		name := filepath.Join(folder, fmt.Sprintf("reply-%05d%s", i, ext))
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			return total, err
		}
		total += int64(buf.Len())
	}
	return total, nil
}

// writeSingle writes drafts separated by blank lines into one file of exactly
// size bytes. The drafts have no signature: a "-- " line would turn the rest
// of the file into a signature, which is never checked. What is left after
// the last whole draft is filled with a paragraph of clean sentences, then
// line breaks.
func writeSingle(path string, size int64, lang string, seed uint64) error {
	d := newDrafter(seed, streamSingle)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var written int64
	var buf bytes.Buffer
	for {
		buf.Reset()
		if written > 0 {
			buf.WriteByte('\n')
		}
		d.draft(&buf, d.pickLanguage(lang), false)
		if written+int64(buf.Len()) > size {
			break
		}
		w.Write(buf.Bytes())
		written += int64(buf.Len())
	}
	buf.Reset()
	if written > 0 {
		buf.WriteByte('\n')
	}
	l := d.pickLanguage(lang)
	for sep := ""; ; sep = l.sep {
		s := d.fill(l, d.pick(l.body))
		if written+int64(buf.Len()+len(sep)+len(s))+1 > size {
			break
		}
		buf.WriteString(sep)
		buf.WriteString(s)
	}
	for written+int64(buf.Len()) < size {
		buf.WriteByte('\n')
	}
	w.Write(buf.Bytes())
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeParagraph writes a one-paragraph draft, the input of the cold-start row.
func writeParagraph(path, lang string, seed uint64) error {
	d := newDrafter(seed, streamParagraph)
	var buf bytes.Buffer
	d.paragraph(&buf, d.pickLanguage(lang))
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
