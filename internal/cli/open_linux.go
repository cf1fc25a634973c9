package cli

import (
	"io/fs"
	"os"
	"syscall"
)

// openDraft opens a file to read it whole. os.Open would also offer a
// regular file to the network poller, which refuses it: several system
// calls wasted on each of thousands of drafts.
func openDraft(path string) (*os.File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}
