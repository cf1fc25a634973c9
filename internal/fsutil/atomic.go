// Package fsutil owns what replykit does to files: reading thousands of
// them with few system calls (OpenRead, ReadFile), replacing a file's
// content safely (WriteFileAtomic) and showing what would change
// (UnifiedDiff).
package fsutil

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrChanged is wrapped by WriteFileAtomic's error when the file no longer
// holds the content it was expected to hold.
var ErrChanged = errors.New("the file changed since it was read")

// createTemp is os.CreateTemp; tests swap it to fail part-way through.
var createTemp = os.CreateTemp

// newFileMode is the mode of a file WriteFileAtomic creates; an existing
// file keeps its own.
const newFileMode = 0o644

// WriteFileAtomic replaces the content of the file at path with data, so that
// a reader (or a crash) sees either the old content or the new, never a mix.
//
// It writes a temporary file (.name.replykit-*) in the same folder, syncs it,
// gives it the original's mode (and owner and group where it may: a failure
// to change those is an error only when running as root), renames it over
// the original and syncs the folder. A symbolic link is followed: its target
// is replaced and the link stays. A file that does not exist yet is created
// with mode 0644.
//
// When expect is not nil and the file's content differs from it, nothing is
// written and the error wraps ErrChanged. On any error the temporary file is
// removed and the original is left as it was.
func WriteFileAtomic(path string, data []byte, expect []byte) (err error) {
	target, info, err := resolve(path)
	if err != nil {
		return err
	}
	dir, base := filepath.Dir(target), filepath.Base(target)

	tmp, err := createTemp(dir, "."+base+".replykit-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: creating a temporary file in %s failed: %w (check that the folder exists and is writable)", path, dir, err)
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close() // may already be closed; only the first error matters
			os.Remove(tmpName)
		}
	}()

	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: writing the temporary file %s failed: %w (check free disk space); %s is unchanged", path, tmpName, err, path)
	}
	mode := fs.FileMode(newFileMode)
	if info != nil {
		mode = info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
		// Owner first: changing the owner may clear the set-id bits that
		// Chmod then puts back.
		if uid, gid, ok := fileOwner(info); ok {
			if err := tmp.Chown(uid, gid); err != nil && os.Geteuid() == 0 {
				return fmt.Errorf("cannot write %s: giving the new file the owner %d:%d failed: %w; %s is unchanged", path, uid, gid, err, path)
			}
		}
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("cannot write %s: setting mode %v on the temporary file failed: %w; %s is unchanged", path, mode, err, path)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: flushing the temporary file to disk failed: %w (check free disk space); %s is unchanged", path, err, path)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: closing the temporary file failed: %w (check free disk space); %s is unchanged", path, err, path)
	}

	// Compare as late as possible, so that an edit made while we wrote the
	// temporary file is still caught.
	if expect != nil {
		current, err := os.ReadFile(target)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot write %s: reading it to check for changes failed: %w", path, err)
		}
		if err != nil || !bytes.Equal(current, expect) {
			return fmt.Errorf("%s: %w; nothing was written: lint it again and apply the fixes to the new content", path, ErrChanged)
		}
	}

	if err := os.Rename(tmpName, target); err != nil {
		return fmt.Errorf("cannot write %s: replacing it with the temporary file failed: %w (check that the folder is writable); %s is unchanged", path, err, path)
	}
	if err := syncDir(dir); err != nil {
		// The new content is in place; only its durability after a crash is
		// in doubt, so say so rather than claim nothing happened.
		return fmt.Errorf("%s was written, but syncing its folder %s failed: %w; the change may be lost if the machine crashes now", path, dir, err)
	}
	return nil
}

// resolve follows symbolic links from path to the file to replace and
// returns it with its FileInfo, or a nil FileInfo when it does not exist yet.
func resolve(path string) (string, fs.FileInfo, error) {
	target := path
	if li, err := os.Lstat(path); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		t, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "", nil, fmt.Errorf("cannot write %s: it is a symbolic link that cannot be followed: %w (fix or remove the link)", path, err)
		}
		target = t
	}
	info, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return target, nil, nil
	case err != nil:
		return "", nil, fmt.Errorf("cannot write %s: %w", path, err)
	case info.IsDir():
		return "", nil, fmt.Errorf("cannot write %s: it is a folder; give the path of a file", path)
	case !info.Mode().IsRegular():
		return "", nil, fmt.Errorf("cannot write %s: it is not a regular file; give the path of a file", path)
	}
	return target, info, nil
}
