// Command floor reads every file under a folder, or one file, on every core
// and does nothing else: the least any linter has to do with the same
// input. bench/compare.sh times it beside replykit and Vale, so a ratio
// against Vale can be read against the most this machine allows.
//
//	go run ./bench/floor DIR|FILE…
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

func main() {
	if len(os.Args) < 2 || os.Args[1] == "-h" || os.Args[1] == "--help" {
		fmt.Fprintln(os.Stderr, "Usage: go run ./bench/floor DIR|FILE…\n\nReads every file under each folder (and each file) on every core, and prints\nhow many files and bytes it read: the floor of linting the same input.")
		os.Exit(2)
	}
	files, bytes, err := readAll(os.Args[1:], runtime.GOMAXPROCS(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Printf("%d files, %d bytes\n", files, bytes)
}

// readAll reads every regular file under roots with workers goroutines,
// each with a buffer of its own, and returns how many files and bytes.
func readAll(roots []string, workers int) (files, total int64, err error) {
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
			for p := range paths {
				k, err := readFile(p, buf)
				if err != nil {
					fail(err)
					continue
				}
				n, b = n+1, b+k
			}
			mu.Lock()
			files, total = files+n, total+b
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
	return files, total, firstErr
}

// readFile reads the file at p through buf and returns its size.
func readFile(p string, buf []byte) (int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var n int64
	for {
		k, err := f.Read(buf)
		n += int64(k)
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}
