package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// orderDrafts writes a folder of drafts that finish linting out of order: big
// files early in the walk, small ones late, in every language, with CRLF,
// emoji, HTML and e-mail, clean and flagged, plus a binary file and (for a
// user other than root) an unreadable one. It returns the paths lint should
// list, in walk order.
func orderDrafts(t *testing.T, dir string) (listed []string, unreadable string) {
	t.Helper()
	texts := []string{
		"Hi Anna,\n\nPlease calm down, you should have read the FAQ. Sorry for the inconvenience.\n",
		"Hi Anna 👩‍💻,\r\n\r\nPlease calm down 😀, the parcel is on its way.\r\nLet me know if anything else comes up.\r\n",
		"Hi Anna,\n\nThanks for writing. I have refunded the order today. Let me know if anything else comes up.\n",
		"Hi Sam,\n\nI don't know why it stopped, we're gonna look at it today. Let me know if anything else comes up.\n",
		"שלום דנה,\r\nאנא תירגע עכשיו. היית צריך לקרוא את ההוראות.\r\n",
		"王先生，您好！\n请您冷静一下。您应该先看说明。\n",
		"Hei Matti,\n\nRauhoitu nyt. Sinun olisi pitänyt lukea ohjeet.\n",
		"Hai Ali,\n\nSila bertenang. Anda sepatutnya membaca arahan.\n",
		"Hi Wei,\n\nPlease calm down. 王先生，您好！请您冷静一下，我们马上处理。\n",
	}
	exts := []string{".md", ".txt", ".md", ".txt", ".md", ".txt", ".md", ".md", ".md"}
	write := func(rel string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 56 {
		sub := []string{"a", "b", "b/c", "d"}[i%4]
		k := i % len(texts)
		text := texts[k]
		if i < 8 {
			// Early and big: a worker is still busy with these when later files are done.
			text = strings.Repeat(text, 100)
		}
		rel := filepath.Join(sub, fmt.Sprintf("r%02d%s", i, exts[k]))
		write(rel, []byte(text))
		listed = append(listed, rel)
	}
	write("a/page.html", []byte("<p>Hi Anna,</p><p>Please calm down, we are on it.</p>\n"))
	write("b/reply.eml", []byte("Subject: Re: order\nFrom: support@example.com\n\nHi Anna,\n\nPlease calm down.\n"))
	write("d/empty.md", nil)
	write("d/notes.json", []byte(`{"not": "a draft"}`)) // not an extension lint walks
	write("b/blob.md", []byte("Hi\x00\x01\x02 Anna, calm down"))
	unreadable = filepath.Join("d", "locked.md")
	write(unreadable, []byte("Hi Anna,\n\nPlease calm down.\n"))
	if err := os.Chmod(filepath.Join(dir, unreadable), 0); err != nil {
		t.Fatal(err)
	}
	listed = append(listed, "a/page.html", "b/reply.eml", "d/empty.md")
	if f, err := os.Open(filepath.Join(dir, unreadable)); err == nil {
		f.Close()
		listed = append(listed, unreadable) // root reads it anyway
		unreadable = ""
	}
	// Walk order is lexical within each folder; no name here sorts
	// differently as a whole path, so a plain sort gives it.
	slices.Sort(listed)
	return listed, unreadable
}

// Output order is the order of the paths, whatever the number of workers
// lintAll runs (it takes runtime.GOMAXPROCS), in every format: the same bytes
// on stdout and stderr with 1, 2 or 8.
func TestOutputOrderWhateverTheWorkers(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, v := range []string{"REPLYKIT_CONFIG", "REPLYKIT_FORMAT", "REPLYKIT_LANG", "REPLYKIT_FAIL_ON", "REPLYKIT_ENABLE",
		"REPLYKIT_DISABLE", "REPLYKIT_RULE_DIRS", "REPLYKIT_EXTENSIONS", "NO_COLOR"} {
		t.Setenv(v, "")
	}
	// A configuration here stops the search for one in the folders above.
	if err := os.WriteFile(".replykit.yaml", []byte("fail-on: warning\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	listed, unreadable := orderDrafts(t, filepath.Join(dir, "drafts"))
	if unreadable == "" {
		t.Log("running as root: the unreadable draft is read like the others")
	}

	saved := runtime.GOMAXPROCS(0)
	t.Cleanup(func() { runtime.GOMAXPROCS(saved) })

	for _, format := range []string{"json", "text"} {
		t.Run(format, func(t *testing.T) {
			var first struct{ out, errOut string }
			for _, procs := range []int{1, 2, 8} {
				runtime.GOMAXPROCS(procs)
				var out, errOut bytes.Buffer
				io := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
				code := Main([]string{"lint", "--format", format, "drafts"}, io)
				runtime.GOMAXPROCS(saved)
				if code != ExitError {
					t.Errorf("GOMAXPROCS %d: exit %d, want %d (a file was skipped)", procs, code, ExitError)
				}
				if first.out == "" {
					first.out, first.errOut = out.String(), errOut.String()
					checkOrderRun(t, format, first.out, first.errOut, listed, unreadable)
					continue
				}
				if out.String() != first.out {
					t.Errorf("GOMAXPROCS %d: stdout differs from GOMAXPROCS 1:\n%s", procs, firstDiff(first.out, out.String()))
				}
				if errOut.String() != first.errOut {
					t.Errorf("GOMAXPROCS %d: stderr differs from GOMAXPROCS 1:\n%s", procs, firstDiff(first.errOut, errOut.String()))
				}
			}
		})
	}
}

// checkOrderRun checks one run against the folder: every draft listed once,
// in walk order, with findings in most, and the skipped files on stderr.
func checkOrderRun(t *testing.T, format, out, errOut string, listed []string, unreadable string) {
	t.Helper()
	want := make([]string, len(listed))
	for i, p := range listed {
		want[i] = filepath.Join("drafts", p)
	}
	var got []string
	switch format {
	case "json":
		var doc struct {
			Files []struct {
				Path        string
				Language    string
				Diagnostics []struct{ Fixes []json.RawMessage }
			}
			Summary struct{ Files, Flagged int }
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("stdout is not JSON: %v\n%s", err, out)
		}
		langs := map[string]bool{}
		fixes := 0
		for _, f := range doc.Files {
			got = append(got, f.Path)
			langs[f.Language] = true
			for _, d := range f.Diagnostics {
				fixes += len(d.Fixes)
			}
		}
		if doc.Summary.Files != len(want) || doc.Summary.Flagged < len(want)/2 || len(langs) < 5 || fixes == 0 {
			t.Errorf("summary %+v, languages %v, %d fixes: the drafts do not exercise what they should", doc.Summary, langs, fixes)
		}
	case "text":
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			path, _, _ := strings.Cut(line, ":")
			if len(got) == 0 || got[len(got)-1] != path {
				got = append(got, path)
			}
		}
		// Clean files print nothing in text: keep the flagged ones, in order.
		want = slices.DeleteFunc(want, func(p string) bool { return !slices.Contains(got, p) })
		if len(got) < len(listed)/2 {
			t.Errorf("only %d files with findings in the text output:\n%s", len(got), out)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("files in the order\n%q\nwant\n%q", got, want)
	}
	if !strings.Contains(errOut, filepath.Join("drafts", "b", "blob.md")+": skipped: this looks like a binary file") {
		t.Errorf("stderr does not report the binary file: %q", errOut)
	}
	if unreadable != "" && !strings.Contains(errOut, filepath.Join("drafts", unreadable)+": permission denied") {
		t.Errorf("stderr does not report the unreadable file: %q", errOut)
	}
}

// firstDiff shows the first line where two outputs part.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  GOMAXPROCS 1: %s\n  this run:     %s", i+1, x, y)
		}
	}
	return "(no line differs)"
}
