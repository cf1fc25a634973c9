package vale

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

// cacheEntries lists the entries in a cache folder.
func cacheEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if isKey(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

// lintWith lints every draft of testdata/drafts, and the rules' own bad
// examples, with the English rules and imp's, and returns the findings.
func lintWith(t *testing.T, imp *Import) [][]lint.Diagnostic {
	t.Helper()
	en, err := rules.BuiltinSet("en")
	if err != nil {
		t.Fatal(err)
	}
	rs := en.WithExtra(imp.Compiled)
	drafts, _ := filepath.Glob("testdata/drafts/*")
	var out [][]lint.Diagnostic
	for _, path := range drafts {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rs.Lint(lint.NewDocument(path, src, lint.FormatFor(path)), lint.Context{}))
	}
	return out
}

// A style loaded from the cache is the style converted: the same rules,
// docs and all, the same skips, and the same findings.
func TestCacheSameAsConverted(t *testing.T) {
	for _, dir := range []string{"testdata/styles", "testdata/styles/Tone"} {
		cache := t.TempDir()
		want, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		first, err := LoadCached(dir, cache)
		if err != nil {
			t.Fatal(err)
		}
		entries := cacheEntries(t, cache)
		if len(entries) != 1 {
			t.Fatalf("%s: %d entries after the first run, want 1", dir, len(entries))
		}
		data, err := os.ReadFile(filepath.Join(cache, entries[0]))
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeCached(data)
		if err != nil {
			t.Fatalf("%s: the entry does not load: %v", dir, err)
		}
		for _, imp := range []*Import{first, got} {
			if !reflect.DeepEqual(imp.Styles, want.Styles) || !reflect.DeepEqual(imp.Skipped, want.Skipped) {
				t.Errorf("%s: styles %v and skips %v, want %v and %v", dir, imp.Styles, imp.Skipped, want.Styles, want.Skipped)
			}
			if len(imp.Rules) != len(want.Rules) {
				t.Fatalf("%s: %d rules, want %d", dir, len(imp.Rules), len(want.Rules))
			}
			for i, r := range imp.Rules {
				if !reflect.DeepEqual(r, want.Rules[i]) {
					t.Errorf("%s: rule %d\n got %#v\nwant %#v", dir, i, r, want.Rules[i])
				}
			}
		}
		findings, wantFindings := lintWith(t, got), lintWith(t, want)
		n := 0
		for _, f := range wantFindings {
			n += len(f)
		}
		if n < 10 || !reflect.DeepEqual(findings, wantFindings) {
			t.Errorf("%s: cached rules found\n%v\nconverted ones (%d findings)\n%v", dir, findings, n, wantFindings)
		}
	}
}

// copyStyle copies testdata/styles/Tone into a new folder and returns it.
func copyStyle(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Tone")
	if err := os.CopyFS(dir, os.DirFS("testdata/styles/Tone")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A second run reads the entry; a change to a rule file, or a damaged
// entry, is a miss, and the style is converted again.
func TestCacheHitsAndMisses(t *testing.T) {
	dir, cache := copyStyle(t), t.TempDir()
	if _, err := LoadCached(dir, cache); err != nil {
		t.Fatal(err)
	}
	entries := cacheEntries(t, cache)
	if len(entries) != 1 {
		t.Fatalf("%d entries, want 1", len(entries))
	}
	entry := filepath.Join(cache, entries[0])
	data, err := os.ReadFile(entry)
	if err != nil {
		t.Fatal(err)
	}
	// A hit: mark the entry, and the marked styles come back.
	stored, err := decodeCached(data)
	if err != nil {
		t.Fatal(err)
	}
	stored.Styles = []string{"vale.mark"}
	marked, err := encodeCached(stored, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(entry, marked, 0o644); err != nil {
		t.Fatal(err)
	}
	if imp, err := LoadCached(dir, cache); err != nil || len(imp.Styles) != 1 || imp.Styles[0] != "vale.mark" {
		t.Fatalf("second run: styles %v, error %v; want the cached entry's", imp.Styles, err)
	}
	// A damaged entry: converted again, and the entry written anew.
	if err := os.WriteFile(entry, data[:len(data)-7], 0o644); err != nil {
		t.Fatal(err)
	}
	imp, err := LoadCached(dir, cache)
	if err != nil || len(imp.Styles) != 1 || imp.Styles[0] != "vale.tone" {
		t.Fatalf("damaged entry: styles %v, error %v", imp.Styles, err)
	}
	if again, _ := os.ReadFile(entry); string(again) != string(data) {
		t.Error("the damaged entry was not written again")
	}
	// A rule changed: a new entry, with the new rule.
	rule := filepath.Join(dir, "Blame.yml")
	src, err := os.ReadFile(rule)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(src), "level: error", "level: suggestion", 1)
	if changed == string(src) {
		t.Fatal("Blame.yml does not hold level: error as expected")
	}
	if err := os.WriteFile(rule, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	imp, err = LoadCached(dir, cache)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cacheEntries(t, cache)); n != 2 {
		t.Errorf("%d entries after a rule changed, want 2", n)
	}
	for _, r := range imp.Rules {
		if r.ID == "vale.tone.blame" && r.Severity != lint.Info {
			t.Errorf("the changed rule has severity %v, want info", r.Severity)
		}
	}
}

// A style with errors is never kept, so they are reported on every run;
// a cache that cannot be written changes nothing but speed.
func TestCacheErrorsAndUnwritable(t *testing.T) {
	dir, cache := copyStyle(t), t.TempDir()
	bad := filepath.Join(dir, "Broken.yml")
	if err := os.WriteFile(bad, []byte("extends: existence\nmessage: m\ntokens: ['sorry (']\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for run := range 2 {
		if _, err := LoadCached(dir, cache); err == nil || !strings.Contains(err.Error(), "Broken.yml:3:10") {
			t.Fatalf("run %d: error %v, want the broken rule's", run+1, err)
		}
	}
	if n := len(cacheEntries(t, cache)); n != 0 {
		t.Errorf("%d entries for a style with errors, want none", n)
	}
	if err := os.Remove(bad); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	imp, err := LoadCached(dir, filepath.Join(file, "cache")) // under a file: cannot be made
	if err != nil || len(imp.Rules) == 0 {
		t.Fatalf("unwritable cache: %d rules, error %v", len(imp.Rules), err)
	}
}

// The folder keeps its newest entries, and clears old temporary files.
func TestCachePrune(t *testing.T) {
	cache := t.TempDir()
	now := time.Now()
	var names []string
	for i := range 5 {
		name := strings.Repeat(string(rune('a'+i)), 64)
		names = append(names, name)
		path := filepath.Join(cache, name)
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		at := now.Add(time.Duration(i) * time.Minute)
		if err := os.Chtimes(path, at, at); err != nil {
			t.Fatal(err)
		}
	}
	for _, tmp := range []struct {
		name string
		age  time.Duration
	}{{".tmp-old", 2 * time.Hour}, {".tmp-new", 0}} {
		path := filepath.Join(cache, tmp.name)
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, now.Add(-tmp.age), now.Add(-tmp.age)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(cache, "notes.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	pruneCache(cache, 3)
	entries, _ := os.ReadDir(cache)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{".tmp-new", names[2], names[3], names[4], "notes.txt"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after pruning: %v, want %v", got, want)
	}
}

// Any byte of an entry changed makes it a miss, never rules that differ
// from the style's or that fail later.
func TestCacheEntryDamaged(t *testing.T) {
	imp, err := Load("testdata/styles/Tone")
	if err != nil {
		t.Fatal(err)
	}
	data, err := encodeCached(imp, "testdata/styles/Tone")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decodeCached(data); err != nil {
		t.Fatalf("the entry does not load: %v", err)
	}
	for i := 0; i < len(data); i += 1 + i/16 {
		b := slices.Clone(data)
		b[i] ^= 0x20
		if _, err := decodeCached(b); err == nil {
			t.Fatalf("an entry with byte %d of %d changed loaded", i, len(data))
		}
	}
	for cut := range len(data) {
		if _, err := decodeCached(data[:cut]); err == nil {
			t.Fatalf("an entry cut at %d of %d bytes loaded", cut, len(data))
		}
	}
}

// BenchmarkLoad converts the test style (36 files) at each run, as a
// style's first run does; BenchmarkLoadCached loads it from the cache, as
// every run after it does.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("testdata/styles"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadCached(b *testing.B) {
	cache := b.TempDir()
	if _, err := LoadCached("testdata/styles", cache); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadCached("testdata/styles", cache); err != nil {
			b.Fatal(err)
		}
	}
}

// An entry's key names the running binary: its file, and the Go and
// commit it was built with, so a rebuilt replykit never reads another's.
func TestCacheExecutable(t *testing.T) {
	exe := executable()
	path, err := os.Executable()
	if err != nil {
		t.Skip("no executable path here:", err)
	}
	if !strings.HasPrefix(exe, path+"\x00") || !strings.Contains(exe, "\x00"+runtime.Version()+"\x00") {
		t.Errorf("executable() = %q, want the path %q and Go %s", exe, path, runtime.Version())
	}
	// Every field counts, and fields never run into each other.
	key := func(exe, dir, style, file, data string) string {
		return cacheKey(exe, dir, []job{{style, file}}, []result{{data: []byte(data)}})
	}
	base := key(exe, "styles", "Tone", "styles/Tone/A.yml", "extends: existence\n")
	for _, other := range []string{
		key(exe+"x", "styles", "Tone", "styles/Tone/A.yml", "extends: existence\n"),
		key(exe, "styles/", "Tone", "styles/Tone/A.yml", "extends: existence\n"),
		key(exe, "styles", "Ton", "estyles/Tone/A.yml", "extends: existence\n"),
		key(exe, "styles", "Tone", "styles/Tone/B.yml", "extends: existence\n"),
		key(exe, "styles", "Tone", "styles/Tone/A.yml", "extends: existence\n "),
	} {
		if other == base {
			t.Error("two different styles have the same key")
		}
	}
	if key(exe, "styles", "Tone", "styles/Tone/A.yml", "extends: existence\n") != base {
		t.Error("the same style has two keys")
	}
}
