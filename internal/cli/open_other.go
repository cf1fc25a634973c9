//go:build !linux

package cli

import (
	"io"
	"os"
)

// openDraft opens a file to read it whole and tells its size and whether it
// is a regular file.
func openDraft(path string) (io.ReadCloser, int64, bool, error) {
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
