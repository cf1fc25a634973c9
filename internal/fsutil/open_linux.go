package fsutil

import (
	"io"
	"io/fs"
	"syscall"
)

// OpenRead opens a file to read it whole and tells its size and whether it
// is a regular file. It works on the descriptor itself: os.Open would also
// offer a regular file to the network poller, which refuses it, and
// os.NewFile asks for the descriptor's flags; several system calls wasted
// on each of thousands of drafts.
func OpenRead(path string) (io.ReadCloser, int64, bool, error) {
	var fd int
	var err error
	for {
		if fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0); err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, 0, false, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	var st syscall.Stat_t
	for {
		if err = syscall.Fstat(fd, &st); err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		syscall.Close(fd)
		return nil, 0, false, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	return &fdFile{fd: fd, path: path}, st.Size, st.Mode&syscall.S_IFMT == syscall.S_IFREG, nil
}

// fdFile reads an open descriptor as os.File would, errors included.
type fdFile struct {
	fd   int
	path string
}

func (f *fdFile) Read(p []byte) (int, error) {
	for {
		n, err := syscall.Read(f.fd, p)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, &fs.PathError{Op: "read", Path: f.path, Err: err}
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *fdFile) Close() error {
	if err := syscall.Close(f.fd); err != nil {
		return &fs.PathError{Op: "close", Path: f.path, Err: err}
	}
	return nil
}
