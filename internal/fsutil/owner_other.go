//go:build !unix

package fsutil

import "io/fs"

// fileOwner reports no owner: outside Unix, files have none to carry over.
func fileOwner(fs.FileInfo) (uid, gid int, ok bool) { return 0, 0, false }

// syncDir does nothing: outside Unix, os.File cannot sync a folder.
func syncDir(string) error { return nil }
