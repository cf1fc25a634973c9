package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
)

func TestCutPoint(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       int
	}{
		{"after a blank line in the second half", "aaaa\nbbbb\n\ncc\ndd", len("aaaa\nbbbb\n\n")},
		{"after a blank line with CRLF", "aaaa bbbb\r\n\r\ncc", len("aaaa bbbb\r\n\r\n")},
		{"after the last line break", "aaaaaaa bb\ncc dd", len("aaaaaaa bb\n")},
		{"after the last space", "aaaaaaaa bb cc", len("aaaaaaaa bb ")},
		{"before a character that may be cut short", "aaaaaaaa😀", len("aaaaaaaa")},
		{"never inside CRLF", "aaaaaaaaaa\r", len("aaaaaaaaaa")},
		{"a blank line in the first half is too early", "a\n\nbbbbbbbbbbbbbbbbbb cc", len("a\n\nbbbbbbbbbbbbbbbbbb ")},
	} {
		if got := cutPoint([]byte(c.text)); got != c.want {
			t.Errorf("%s: cut %q at %d, want %d", c.name, c.text, got, c.want)
		}
	}
}

func TestPartReaderKeepsEveryByte(t *testing.T) {
	src := bytes.Repeat([]byte("Hi Anna,\r\nשלום 😀 sorry for the wait.\n\nlong line without breaks "), 5000)
	pr := newPartReader(bytes.NewReader(src), 4096)
	var got []byte
	parts := 0
	// Two buffers in turn, as lintParts uses them: each is filled again
	// while the part after it is still held, and holds junk from before.
	bufs := [2][]byte{bytes.Repeat([]byte{'x'}, 4096), nil}
	for {
		p, err := pr.next(bufs[parts%2])
		if err != nil {
			break
		}
		bufs[parts%2] = p[:cap(p)]
		parts++
		got = append(got, p...)
	}
	if !bytes.Equal(got, src) || parts < len(src)/4096 {
		t.Errorf("%d parts gave back %d of %d bytes (equal: %v)", parts, len(got), len(src), bytes.Equal(got, src))
	}
}

// A file over partsOver is linted in parts; every finding's span, text and
// position must still be those of the whole file.
func TestLintInPartsPositions(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and lints a 9 MB file")
	}
	var sb strings.Builder
	para := []string{
		"Hi Anna,\r\n\r\nI'm sorry you feel that way, but unfortunately you should have read the policy. 😀 Thanks!!!\r\n\r\n",
		"שלום דנה, אנו מצטערים שאתה נתקל בבעיה זו. Calm down, it's your fault. " + strings.Repeat("on one long line ", 300) + "\n\n",
		"Dear [Customer Name], as per my last email, we can't refund it. 我们正在处理 ASAP.\r\n\r\n",
	}
	for i := 0; sb.Len() < partsOver+partsOver/8; i++ {
		sb.WriteString(para[i%len(para)])
	}
	src := []byte(sb.String())
	dir := t.TempDir()
	path := filepath.Join(dir, "big.md")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := Main([]string{"lint", "--format", "json", "--fail-on", "never", path}, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var res struct {
		Files []struct {
			Diagnostics []struct {
				Text  string
				Span  struct{ Start, End int }
				Range struct {
					Start struct{ Line, Column, UTF16Column int }
				}
			}
		}
		Summary struct{ Files, Flagged int }
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(res.Files) != 1 || res.Summary.Files != 1 || res.Summary.Flagged != 1 {
		t.Fatalf("want one file record, got %d (summary %+v)", len(res.Files), res.Summary)
	}
	ds := res.Files[0].Diagnostics
	if len(ds) < 1000 || ds[len(ds)-1].Span.Start < partsOver {
		t.Fatalf("only %d findings, the last at %d: the later parts were not linted", len(ds), ds[len(ds)-1].Span.Start)
	}
	// Standard input over the same size is read in parts as it comes, with
	// the same findings; with --fix it passes through unchanged.
	var stdinOut, stdinErr bytes.Buffer
	code = Main([]string{"lint", "--format", "json", "--fail-on", "never", "--stdin-filename", path, "-"},
		&IOStreams{In: bytes.NewReader(src), Out: &stdinOut, ErrOut: &stdinErr})
	if code != 0 || !bytes.Equal(stdinOut.Bytes(), out.Bytes()) {
		t.Errorf("standard input: exit %d, %s; output equal to the file's: %v", code, stdinErr.String(), bytes.Equal(stdinOut.Bytes(), out.Bytes()))
	}
	stdinOut.Reset()
	stdinErr.Reset()
	code = Main([]string{"lint", "--fix", "--fail-on", "never", "-"}, &IOStreams{In: bytes.NewReader(src), Out: &stdinOut, ErrOut: &stdinErr})
	if code != 0 || !bytes.Equal(stdinOut.Bytes(), src) || !strings.Contains(stdinErr.String(), "not fixed") {
		t.Errorf("--fix on large standard input: exit %d, %d of %d bytes back, stderr %q", code, stdinOut.Len(), len(src), stdinErr.String())
	}
	// Past --max-file-size, standard input stops with an error (exit 2), and
	// what was linted before it is still written, as valid JSON.
	stdinOut.Reset()
	stdinErr.Reset()
	limit := fmt.Sprint(partsOver + partsOver/16) // past the first parts, short of the whole
	code = Main([]string{"lint", "--format", "json", "--max-file-size", limit, "-"},
		&IOStreams{In: bytes.NewReader(src), Out: &stdinOut, ErrOut: &stdinErr})
	var partial struct {
		Files []struct{ Diagnostics []json.RawMessage }
	}
	if err := json.Unmarshal(stdinOut.Bytes(), &partial); code != ExitError || err != nil || len(partial.Files) != 1 ||
		len(partial.Files[0].Diagnostics) == 0 || !strings.Contains(stdinErr.String(), "over the") {
		t.Errorf("standard input over the limit: exit %d, JSON error %v, stderr %q", code, err, stdinErr.String())
	}
	// SARIF counts offsets in UTF-16 units from the start of the file: a
	// part after the first starts past the units of every part before it.
	stdinOut.Reset()
	stdinErr.Reset()
	code = Main([]string{"lint", "--format", "sarif", "--fail-on", "never", path}, &IOStreams{In: strings.NewReader(""), Out: &stdinOut, ErrOut: &stdinErr})
	var sarif struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ CharOffset, CharLength int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(stdinOut.Bytes(), &sarif); code != 0 || err != nil || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != len(ds) {
		t.Fatalf("SARIF: exit %d, JSON error %v, stderr %q", code, err, stdinErr.String())
	}
	for i, r := range sarif.Runs[0].Results {
		d := ds[i]
		got := r.Locations[0].PhysicalLocation.Region
		want := lint.UTF16Len(src[:d.Span.Start])
		if got.CharOffset != want || got.CharLength != lint.UTF16Len(src[d.Span.Start:d.Span.End]) {
			t.Fatalf("SARIF finding %d (%q at byte %d): charOffset %d, length %d; want %d, %d", i, d.Text, d.Span.Start,
				got.CharOffset, got.CharLength, want, lint.UTF16Len(src[d.Span.Start:d.Span.End]))
		}
	}
	index := lint.NewLineIndex(src)
	for _, d := range ds {
		want := index.Position(d.Span.Start)
		got := d.Range.Start
		if d.Text != string(src[d.Span.Start:d.Span.End]) || got.Line != want.Line || got.Column != want.Column || got.UTF16Column != want.UTF16Column {
			t.Fatalf("finding %q at %d: reported %+v, whole-file position %+v", d.Text, d.Span.Start, got, want)
		}
	}
}

// readDraft reads a file whole in a buffer of the size Stat gives, and
// refuses one over the limit (0 means no limit).
func TestReadDraftSizes(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 4096, 70000} {
		p := filepath.Join(dir, "d.md")
		want := bytes.Repeat([]byte("a"), size)
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readDraft(p, 1<<20)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("size %d: read %d bytes, error %v", size, len(got), err)
		}
		if _, err := readDraft(p, int64(size)-1); size > 1 && err == nil {
			t.Fatalf("size %d: read past a limit of %d", size, size-1)
		}
	}
}

// A file that cannot be opened reads as os.Open would report it.
func TestReadDraftErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.md")
	_, err := readDraft(missing, 0)
	_, want := os.Open(missing)
	if err == nil || err.Error() != want.Error() || describe(err) != "no such file or folder" {
		t.Errorf("missing file: %v, want %v", err, want)
	}
	if runtime.GOOS != "windows" && os.Getuid() != 0 {
		locked := filepath.Join(dir, "locked.md")
		if err := os.WriteFile(locked, []byte("hi"), 0o000); err != nil {
			t.Fatal(err)
		}
		if _, err := readDraft(locked, 0); describe(err) != "permission denied" {
			t.Errorf("unreadable file: %v", err)
		}
	}
}
