package fsutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Tests here swap createTemp, so none of them runs in parallel.

func writeTestFile(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // WriteFile's mode goes through the umask
		t.Fatal(err)
	}
}

func wantContent(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s holds %q, want %q", path, got, want)
	}
}

// wantEntries checks that dir holds exactly names: no temporary file is left.
func wantEntries(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}

func swapCreateTemp(t *testing.T, f func(dir, pattern string) (*os.File, error)) {
	t.Helper()
	old := createTemp
	createTemp = f
	t.Cleanup(func() { createTemp = old })
}

func TestWriteFileAtomicReplacesContent(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "reply.md")
	writeTestFile(t, path, "I can't help.\n", 0o644)

	if err := WriteFileAtomic(path, []byte("I cannot help yet.\n"), nil); err != nil {
		t.Fatal(err)
	}
	wantContent(t, path, "I cannot help yet.\n")
	wantEntries(t, dir, "reply.md")

	if err := WriteFileAtomic(path, nil, nil); err != nil {
		t.Fatal(err)
	}
	wantContent(t, path, "")
}

func TestWriteFileAtomicUsesTempInSameFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "reply.md")
	writeTestFile(t, path, "old", 0o644)
	var gotDir, gotPattern string
	swapCreateTemp(t, func(dir, pattern string) (*os.File, error) {
		gotDir, gotPattern = dir, pattern
		return os.CreateTemp(dir, pattern)
	})
	if err := WriteFileAtomic(path, []byte("new"), nil); err != nil {
		t.Fatal(err)
	}
	if gotDir != dir || gotPattern != ".reply.md.replykit-*" {
		t.Errorf("temporary file made with (%q, %q), want (%q, %q)", gotDir, gotPattern, dir, ".reply.md.replykit-*")
	}
}

func TestWriteFileAtomicKeepsMode(t *testing.T) {
	for _, mode := range []fs.FileMode{0o600, 0o755, 0o640, 0o444} {
		t.Run(mode.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "reply.md")
			writeTestFile(t, path, "old", mode)
			if err := WriteFileAtomic(path, []byte("new"), nil); err != nil {
				t.Fatal(err)
			}
			wantContent(t, path, "new")
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Mode().Perm(); got != mode {
				t.Errorf("mode is %v, want %v", got, mode)
			}
		})
	}
}

func TestWriteFileAtomicKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	path := filepath.Join(t.TempDir(), "reply.md")
	writeTestFile(t, path, "old", 0o640)
	if err := os.Chown(path, 4242, 4343); err != nil {
		t.Skipf("cannot change owner here: %v", err)
	}
	if err := WriteFileAtomic(path, []byte("new"), nil); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	uid, gid, ok := fileOwner(info)
	if !ok {
		t.Skip("no owner on this system")
	}
	if uid != 4242 || gid != 4343 {
		t.Errorf("owner is %d:%d, want 4242:4343", uid, gid)
	}
	if got := info.Mode().Perm(); got != 0o640 {
		t.Errorf("mode is %v, want 0640", got)
	}
}

func TestWriteFileAtomicCreatesMissingFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.md")
	if err := WriteFileAtomic(path, []byte("hello"), nil); err != nil {
		t.Fatal(err)
	}
	wantContent(t, path, "hello")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != newFileMode {
		t.Errorf("mode is %v, want %v", info.Mode().Perm(), fs.FileMode(newFileMode))
	}
	wantEntries(t, dir, "new.md")
}

func TestWriteFileAtomicExpect(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "reply.md")
	writeTestFile(t, path, "as read", 0o644)

	if err := WriteFileAtomic(path, []byte("fixed"), []byte("as read")); err != nil {
		t.Fatalf("content matches expect, yet: %v", err)
	}
	wantContent(t, path, "fixed")

	// Someone edits the file between our read and our write.
	writeTestFile(t, path, "edited by hand", 0o644)
	err := WriteFileAtomic(path, []byte("fixed again"), []byte("fixed"))
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("err = %v, want one wrapping ErrChanged", err)
	}
	for _, part := range []string{path, "changed since it was read", "nothing was written"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not say %q", err, part)
		}
	}
	wantContent(t, path, "edited by hand")
	wantEntries(t, dir, "reply.md")

	// An empty but non-nil expect means "the file was empty".
	if err := WriteFileAtomic(path, []byte("x"), []byte{}); !errors.Is(err, ErrChanged) {
		t.Errorf("empty expect against a non-empty file: err = %v, want ErrChanged", err)
	}

	// The file was deleted since it was read.
	gone := filepath.Join(dir, "gone.md")
	if err := WriteFileAtomic(gone, []byte("x"), []byte("as read")); !errors.Is(err, ErrChanged) {
		t.Errorf("deleted file: err = %v, want ErrChanged", err)
	}
	wantEntries(t, dir, "reply.md")
}

func TestWriteFileAtomicReadOnlyFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "reply.md")
	writeTestFile(t, path, "original", 0o644)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("the folder is writable despite its mode (running as root); TestWriteFileAtomicFailures covers this path")
	}

	err := WriteFileAtomic(path, []byte("new"), nil)
	if err == nil {
		t.Fatal("writing into a read-only folder succeeded")
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "writable") {
		t.Errorf("error %q should name %s and say the folder must be writable", err, path)
	}
	wantContent(t, path, "original")
	wantEntries(t, dir, "reply.md")
}

// TestWriteFileAtomicFailures makes each step fail in a way that works even
// for root, and checks that the original survives and no temporary file is
// left behind.
func TestWriteFileAtomicFailures(t *testing.T) {
	tests := []struct {
		name string
		// createTemp replaces os.CreateTemp; path is the file being written.
		createTemp func(t *testing.T, path, dir, pattern string) (*os.File, error)
		wantErr    string
		wantLeft   string // what path holds afterwards; "" means a folder
	}{
		{
			name: "temporary file cannot be created",
			createTemp: func(t *testing.T, path, dir, pattern string) (*os.File, error) {
				return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, pattern), Err: fs.ErrPermission}
			},
			wantErr:  "creating a temporary file",
			wantLeft: "original",
		},
		{
			name: "writing fails part-way",
			createTemp: func(t *testing.T, path, dir, pattern string) (*os.File, error) {
				f, err := os.CreateTemp(dir, pattern)
				if err != nil {
					return nil, err
				}
				f.WriteString("half")
				f.Close() // every later write fails
				return f, nil
			},
			wantErr:  "writing the temporary file",
			wantLeft: "original",
		},
		{
			name: "rename target became a folder",
			createTemp: func(t *testing.T, path, dir, pattern string) (*os.File, error) {
				f, err := os.CreateTemp(dir, pattern)
				if err != nil {
					return nil, err
				}
				// Swap the file for a non-empty folder between the first
				// look and the rename, so the rename itself fails.
				if err := os.Remove(path); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Join(path, "inside"), 0o755); err != nil {
					t.Fatal(err)
				}
				return f, nil
			},
			wantErr: "replacing it with the temporary file",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "reply.md")
			writeTestFile(t, path, "original", 0o600)
			swapCreateTemp(t, func(d, pattern string) (*os.File, error) { return tc.createTemp(t, path, d, pattern) })

			err := WriteFileAtomic(path, []byte("new content"), nil)
			if err == nil {
				t.Fatal("WriteFileAtomic succeeded")
			}
			if !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q should name %s and say %q", err, path, tc.wantErr)
			}
			if tc.wantLeft != "" {
				wantContent(t, path, tc.wantLeft)
				if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
					t.Errorf("original's mode changed: %v %v", info.Mode(), err)
				}
			}
			wantEntries(t, dir, "reply.md")
		})
	}
}

func TestWriteFileAtomicRefusesFolder(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "drafts")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteFileAtomic(sub, []byte("x"), nil)
	if err == nil || !strings.Contains(err.Error(), "is a folder") || !strings.Contains(err.Error(), sub) {
		t.Errorf("err = %v, want one naming %s and saying it is a folder", err, sub)
	}
	wantEntries(t, dir, "drafts")
	wantEntries(t, sub)
}

func TestWriteFileAtomicSymlink(t *testing.T) {
	dir := t.TempDir()
	realDir := filepath.Join(dir, "real")
	if err := os.Mkdir(realDir, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(realDir, "reply.md")
	writeTestFile(t, target, "old", 0o640)
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(filepath.Join("real", "reply.md"), link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}

	if err := WriteFileAtomic(link, []byte("new"), []byte("old")); err != nil {
		t.Fatal(err)
	}
	li, err := os.Lstat(link)
	if err != nil {
		t.Fatal(err)
	}
	if li.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a symbolic link (mode %v)", link, li.Mode())
	}
	if dest, _ := os.Readlink(link); dest != filepath.Join("real", "reply.md") {
		t.Errorf("link points to %q now", dest)
	}
	wantContent(t, target, "new")
	if info, err := os.Stat(target); err != nil || info.Mode().Perm() != 0o640 {
		t.Errorf("target mode = %v (%v), want 0640", info.Mode().Perm(), err)
	}
	wantEntries(t, dir, "link.md", "real")
	wantEntries(t, realDir, "reply.md")

	// A link to a chain of links is followed to the end.
	link2 := filepath.Join(dir, "link2.md")
	if err := os.Symlink("link.md", link2); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(link2, []byte("newer"), nil); err != nil {
		t.Fatal(err)
	}
	wantContent(t, target, "newer")
	wantEntries(t, dir, "link.md", "link2.md", "real")
}

func TestWriteFileAtomicDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("missing.md", link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
	err := WriteFileAtomic(link, []byte("x"), nil)
	if err == nil || !strings.Contains(err.Error(), link) || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("err = %v, want one naming %s and the broken link", err, link)
	}
	wantEntries(t, dir, "link.md")
}
