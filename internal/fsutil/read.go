package fsutil

import "bytes"

// ReadFile reads a whole file, as os.ReadFile does, with the system calls
// of OpenRead: a Vale style is dozens of files read at every start.
func ReadFile(path string) ([]byte, error) {
	f, size, _, err := OpenRead(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// As the drafts' readAtMost: room for the file and the read that finds its end.
	buf := bytes.NewBuffer(make([]byte, 0, max(0, size)+bytes.MinRead))
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
