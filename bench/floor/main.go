// Command floor reads every file under a folder, or one file, on every core
// and does nothing else: the least any linter has to do with the same
// input. bench/compare.sh times it beside replykit and Vale, so a ratio
// against Vale can be read against the most this machine allows.
//
// With -words it also does the least a linter that looks words up does: it
// splits the text into words, hashes each (folded to lower case) and looks
// it up once in a small table. That is the plainest Go loop over every
// word, before sentences, Markdown, apostrophes, scripts or any rule:
// bench/compare.sh prints it beside the per-core target.
//
//	go run ./bench/floor [-words] DIR|FILE…
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

const usage = `Usage: go run ./bench/floor [-words] DIR|FILE…

Reads every file under each folder (and each file) on every core, and prints
how many files and bytes it read: the floor of linting the same input.

  -words   also split the text into words (runs of ASCII letters and digits
           and of bytes beyond ASCII), hash each folded to lower case and
           look it up once in a table, and print how many words: the
           plainest loop over every word, with no rule`

func main() {
	args, words := os.Args[1:], false
	if len(args) > 0 && args[0] == "-words" {
		args, words = args[1:], true
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	c, err := readAll(args, runtime.GOMAXPROCS(0), words)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	if words {
		fmt.Printf("%d files, %d bytes, %d words\n", c.files, c.bytes, c.words)
		return
	}
	fmt.Printf("%d files, %d bytes\n", c.files, c.bytes)
}

// counts is what readAll read.
type counts struct{ files, bytes, words int64 }

// wordLoop splits text into words, hashes each with FNV-1a folded to lower
// case (as replykit's scanner does) and looks it up in a table of
// tableSize slots. It keeps its state between calls of feed, so a word
// cut by the end of a buffer is one word.
type wordLoop struct {
	table  *[tableSize]uint64
	h      uint64
	inWord bool
	words  int64
	hits   int64 // found in the table: kept so the look-up is not left out
}

const tableSize = 4096

// wordByte holds the bytes of a word: ASCII letters and digits, and every
// byte beyond ASCII (letters of other scripts, without telling them apart).
var wordByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
	}
	return t
}()

// newTable fills a table with keys no word hashes to in practice, so
// every look-up reads it and most miss, as most words of a draft do.
func newTable() *[tableSize]uint64 {
	var t [tableSize]uint64
	for i := range t {
		t[i] = uint64(i)*0x9E3779B97F4A7C15 | 1
	}
	return &t
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func (l *wordLoop) feed(b []byte) {
	h, in, i := l.h, l.inWord, 0
	for i < len(b) {
		if !in {
			// Between words: to the next word byte.
			for i < len(b) && !wordByte[b[i]] {
				i++
			}
			if i == len(b) {
				break
			}
			h, in = fnvOffset, true
		}
		// In a word: to its end.
		for i < len(b) && wordByte[b[i]] {
			h = (h ^ uint64(b[i]|0x20)) * fnvPrime
			i++
		}
		if i < len(b) {
			l.end(h)
			in = false
		}
	}
	l.h, l.inWord = h, in
}

func (l *wordLoop) end(h uint64) {
	l.words++
	if l.table[h>>52] == h {
		l.hits++
	}
}

// flush ends the word a file ends in.
func (l *wordLoop) flush() {
	if l.inWord {
		l.end(l.h)
		l.inWord = false
	}
}

// readAll reads every regular file under roots with workers goroutines,
// each with a buffer of its own, and returns how many files and bytes, and
// with words, how many words.
func readAll(roots []string, workers int, words bool) (c counts, err error) {
	paths := make(chan string, 256)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	for range workers {
		wg.Go(func() {
			buf := make([]byte, 64<<10)
			var n, b int64
			var loop *wordLoop
			if words {
				loop = &wordLoop{table: newTable()}
			}
			for p := range paths {
				k, err := readFile(p, buf, loop)
				if err != nil {
					fail(err)
					continue
				}
				n, b = n+1, b+k
			}
			mu.Lock()
			c.files, c.bytes = c.files+n, c.bytes+b
			if loop != nil {
				c.words += loop.words
			}
			mu.Unlock()
		})
	}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() {
				paths <- p
			}
			return nil
		})
		if err != nil {
			fail(err)
		}
	}
	close(paths)
	wg.Wait()
	return c, firstErr
}

// readFile reads the file at p through buf and returns its size; loop, when
// not nil, reads its words.
func readFile(p string, buf []byte, loop *wordLoop) (int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var n int64
	for {
		k, err := f.Read(buf)
		n += int64(k)
		if loop != nil {
			loop.feed(buf[:k])
		}
		if err == nil {
			continue
		}
		if loop != nil {
			loop.flush() // the file's last word ends with it, read whole or not
		}
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		return n, err
	}
}
