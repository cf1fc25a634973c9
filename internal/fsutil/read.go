package fsutil

import (
	"errors"
	"io"
)

// ReadFile reads a whole file, as os.ReadFile does, with the system calls
// of OpenRead: a Vale style is dozens of files read at every start.
func ReadFile(path string) ([]byte, error) {
	f, size, _, err := OpenRead(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 0, max(size+1, 512)) // one more byte: the read that finds the end needs room
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // more room
		}
	}
}
