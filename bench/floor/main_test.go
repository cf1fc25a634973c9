package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadAll(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("x", size)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", 10)
	write("en/001/b.md", 200_000) // larger than a worker's buffer
	write("en/002/c.txt", 0)
	for _, workers := range []int{1, 3} {
		files, bytes, err := readAll([]string{dir, filepath.Join(dir, "a.md")}, workers)
		if err != nil || files != 4 || bytes != 200_020 {
			t.Errorf("%d workers: %d files, %d bytes, error %v; want 4 files, 200020 bytes", workers, files, bytes, err)
		}
	}
	if _, _, err := readAll([]string{filepath.Join(dir, "missing")}, 2); err == nil {
		t.Error("a missing folder gave no error")
	}
}
