//go:build !linux

package fsutil

import (
	"io"
	"os"
)

// OpenRead opens a file to read it whole and tells its size and whether it
// is a regular file.
func OpenRead(path string) (io.ReadCloser, int64, bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, false, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, false, err
	}
	return f, st.Size(), st.Mode().IsRegular(), nil
}
