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
		for _, words := range []bool{false, true} {
			c, err := readAll([]string{dir, filepath.Join(dir, "a.md")}, workers, words)
			// Each file is one word of x's, the empty one none.
			want := counts{files: 4, bytes: 200_020}
			if words {
				want.words = 3
			}
			if err != nil || c != want {
				t.Errorf("%d workers, words %v: %+v, error %v; want %+v", workers, words, c, err, want)
			}
		}
	}
	if _, err := readAll([]string{filepath.Join(dir, "missing")}, 2, false); err == nil {
		t.Error("a missing folder gave no error")
	}
}

func TestWordLoop(t *testing.T) {
	text := []byte("Hi Anna,\n\nthe parcel's late — שלום 你好! v1.2 THE end")
	// Hi, Anna, the, parcel, s, late, שלום, 你好, v1, 2, THE, end (the dash
	// is bytes beyond ASCII, so a word of its own: 13)
	const want = 13
	hash := func(w string) uint64 {
		h := uint64(fnvOffset)
		for _, c := range []byte(w) {
			h = (h ^ uint64(c|0x20)) * fnvPrime
		}
		return h
	}
	for _, size := range []int{1, 2, 3, 7, len(text)} {
		table := newTable()
		table[hash("the")>>52] = hash("the")
		l := &wordLoop{table: table}
		for b := text; len(b) > 0; {
			k := min(size, len(b))
			l.feed(b[:k])
			b = b[k:]
		}
		l.flush()
		if l.words != want {
			t.Errorf("fed %d bytes at a time: %d words, want %d", size, l.words, want)
		}
		if l.hits != 2 {
			t.Errorf("fed %d bytes at a time: %d words found, want 2 (the, THE)", size, l.hits)
		}
	}
}
