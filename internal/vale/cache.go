package vale

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/replykit/replykit/internal/fsutil"
	"github.com/replykit/replykit/lint"
)

// A style's conversion, compiled, is kept in a cache folder, so that a run
// that reads the same style again does not convert it again: reading and
// converting dozens of YAML files and compiling their expressions is most
// of a cold start with --vale-style (milliseconds, where loading the
// stored rules takes a fraction of one).
//
// An entry is named by a hash of everything its content depends on: the
// replykit executable that wrote it (see executable: any other build
// misses), the folder as given (positions in messages name it), and
// each rule file's path and bytes. A change to any of them is a miss, and
// the style is converted again; nothing is ever invalidated in place.
// Entries are written whole under a temporary name and renamed, so a
// reader sees an entry whole or not at all, and hold a checksum of their
// content; one that does not load (damaged, or from a replykit whose
// stored form differs) is a miss too, and is written again. Only a style
// that converts without errors is kept, so its errors are reported on
// every run. The folder keeps its newest maxCacheEntries entries.

// cacheMagic opens every entry.
const cacheMagic = "replykit vale style\n"

// maxCacheEntries is how many entries a cache folder keeps.
const maxCacheEntries = 32

// cacheMeta is the part of an Import that is not rules: kept as JSON
// before the stored rules.
type cacheMeta struct {
	Styles  []string
	Skipped []Skip
}

// executable identifies the running replykit: its path, size and
// modification time, and the version, commit and Go it was built with
// when it says (a build that sets every file's time to one value, as some
// packagers do, still differs by those). "" when the file cannot be found,
// and then nothing is cached.
var executable = sync.OnceValue(func() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	st, err := os.Stat(path)
	if err != nil {
		return ""
	}
	id := fmt.Sprintf("%s\x00%d\x00%d", path, st.Size(), st.ModTime().UnixNano())
	if bi, ok := debug.ReadBuildInfo(); ok {
		id += "\x00" + bi.GoVersion + "\x00" + bi.Main.Version
		for _, s := range bi.Settings {
			if strings.HasPrefix(s.Key, "vcs.") {
				id += "\x00" + s.Key + "=" + s.Value
			}
		}
	}
	return id
})

// cacheKey names the entry of a style read from dir: jobs are its rule
// files in order, and results their bytes (nil for a file Vale never reads).
func cacheKey(exe, dir string, jobs []job, results []result) string {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	field := func(b []byte) { // length first: no two lists of fields hash alike
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))])
		h.Write(b)
	}
	field([]byte(cacheMagic))
	field([]byte(exe))
	field([]byte(dir))
	for i, j := range jobs {
		field([]byte(j.style))
		field([]byte(j.file))
		field(results[i].data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readCached returns the Import kept under key in cacheDir, or nil.
func readCached(cacheDir, key string) *Import {
	data, err := fsutil.ReadFile(filepath.Join(cacheDir, key))
	if err != nil {
		return nil
	}
	imp, _ := decodeCached(data) // nil when it does not load
	return imp
}

var errEntryDamaged = errors.New("damaged")

// decodeCached restores an Import from an entry's bytes.
func decodeCached(data []byte) (*Import, error) {
	rest, ok := bytes.CutPrefix(data, []byte(cacheMagic))
	if !ok || len(rest) < 4 {
		return nil, errors.New("not a cached style")
	}
	// A checksum of the rest: stored rules are checked as they load, but
	// not every change to them can be told from other rules, and a file
	// on disk may change under replykit. CRC-32 IEEE, whose tables every
	// start has made already (package rules checks its embedded YAML with
	// it): Castagnoli's would be made for this alone, a fifth of a
	// millisecond of each start with a cached style.
	if sum := binary.LittleEndian.Uint32(rest); sum != crc32.ChecksumIEEE(rest[4:]) {
		return nil, errEntryDamaged
	}
	rest = rest[4:]
	n, k := binary.Uvarint(rest)
	if k <= 0 || n > uint64(len(rest)-k) {
		return nil, errEntryDamaged
	}
	var meta cacheMeta
	if err := json.Unmarshal(rest[k:k+int(n)], &meta); err != nil {
		return nil, err
	}
	x, _, err := lint.LoadExtra(string(rest[k+int(n):]))
	if err != nil {
		return nil, err
	}
	return &Import{Styles: meta.Styles, Skipped: meta.Skipped, Rules: x.Rules(), Compiled: x}, nil
}

// encodeCached returns an entry's bytes for imp.
func encodeCached(imp *Import, dir string) ([]byte, error) {
	meta, err := json.Marshal(cacheMeta{imp.Styles, imp.Skipped})
	if err != nil {
		return nil, err
	}
	image, err := imp.Compiled.Store("vale style " + dir)
	if err != nil {
		return nil, err
	}
	out := append([]byte(cacheMagic), 0, 0, 0, 0) // the checksum, set below
	out = binary.AppendUvarint(out, uint64(len(meta)))
	out = append(out, meta...)
	out = append(out, image...)
	binary.LittleEndian.PutUint32(out[len(cacheMagic):], crc32.ChecksumIEEE(out[len(cacheMagic)+4:]))
	return out, nil
}

// writeCached keeps imp under key in cacheDir, as best it can: a cache that
// cannot be written is no reason to fail a lint. Not fsutil.WriteFileAtomic:
// that syncs the file and its folder to disk, milliseconds a cache does not
// need, since an entry cut short fails its checksum and is written again.
func writeCached(cacheDir, key, dir string, imp *Import) error {
	data, err := encodeCached(imp, dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(cacheDir, ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(cacheDir, key))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	pruneCache(cacheDir, maxCacheEntries)
	return nil
}

// pruneCache removes all but the newest keep entries of cacheDir, and
// temporary files a run left behind more than an hour ago.
func pruneCache(cacheDir string, keep int) {
	entries, err := os.ReadDir(cacheDir)
	if err != nil {
		return
	}
	type entry struct {
		name string
		info fs.FileInfo
	}
	var list []entry
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if strings.HasPrefix(e.Name(), ".tmp-") {
			if time.Since(info.ModTime()) > time.Hour {
				os.Remove(filepath.Join(cacheDir, e.Name()))
			}
			continue
		}
		if isKey(e.Name()) {
			list = append(list, entry{e.Name(), info})
		}
	}
	if len(list) <= keep {
		return
	}
	slices.SortFunc(list, func(a, b entry) int { return b.info.ModTime().Compare(a.info.ModTime()) })
	for _, e := range list[keep:] {
		os.Remove(filepath.Join(cacheDir, e.name))
	}
}

// isKey reports whether name is an entry's name: a hash, in hex.
func isKey(name string) bool {
	if len(name) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil
}
