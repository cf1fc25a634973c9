package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/iotest"
	"time"
)

// A cancelled run stops between files: what was emitted stays, nothing more
// is emitted, and lintAll returns promptly with errInterrupted.
func TestLintAllStopsWhenCancelled(t *testing.T) {
	targets := draftFiles(t, 200, func(int) string { return "Calm down, please.\n" })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	emitted := 0
	done := make(chan error, 1)
	go func() {
		done <- lintAll(ctx, targets, strings.NewReader(""), 0, func(t target, src []byte) (*checked, error) {
			return &checked{}, nil
		}, func(*checked, error) error {
			emitted++
			if emitted == 3 {
				cancel()
			}
			return nil
		}, nil)
	}()
	if err := returned(t, done, "the cancel"); !errors.Is(err, errInterrupted) {
		t.Fatalf("lintAll returned %v, want errInterrupted", err)
	}
	if emitted != 3 {
		t.Errorf("emitted %d files, want 3: nothing after the interrupt", emitted)
	}
}

// The size limit is checked before a byte is read, for files and for standard input.
func TestReadDraftSizeLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.md")
	if err := os.WriteFile(p, bytes.Repeat([]byte("a"), 3<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := readDraft(p, 2<<20)
	if err == nil || err.Error() != "3 MB is over the 2 MB limit (max-file-size)" {
		t.Errorf("readDraft: %v", err)
	}
	if b, err := readDraft(p, 3<<20); err != nil || len(b) != 3<<20 {
		t.Errorf("readDraft at the limit: %d bytes, %v", len(b), err)
	}
	if _, err := readAtMost(strings.NewReader("12345"), 4, 0); err == nil || err.Error() != "the input is over the 4 bytes limit (max-file-size)" {
		t.Errorf("readAtMost: %v", err)
	}
	for in, want := range map[string]int64{"256MB": 256 << 20, "200 mb": 200 << 20, "1.5KiB": 1536, "1048576": 1 << 20, "2G": 2 << 30, "10B": 10} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1", "0", "lots", "1e9", "0x10", "NaN", "1 TB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) gave no error", in)
		}
	}
}

// Run as a helper process by TestLintInterruptedBySignal.
func TestInterruptHelper(t *testing.T) {
	if os.Getenv("REPLYKIT_INTERRUPT_HELPER") != "1" {
		t.Skip("helper process for TestLintInterruptedBySignal")
	}
	os.Exit(Main([]string{"lint", "good.md", "-"}, System()))
}

// SIGINT during a run (here: waiting for standard input that never ends)
// stops it at once with exit code 130, "replykit: interrupted", and whole
// lines on stdout.
func TestLintInterruptedBySignal(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "good.md"), []byte("Calm down, please.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptHelper$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "REPLYKIT_INTERRUPT_HELPER=1", "REPLYKIT_CONFIG=", "NO_COLOR=1")
	stdin, err := cmd.StdinPipe() // kept open: the run waits on it
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	// The first file's finding on stdout shows the run is under way (and the
	// signal handler installed: it is set before anything is linted).
	lines := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	want := "good.md:1:1: warning: “Calm down” dismisses the customer's feelings. [condescension.calm-down]"
	select {
	case line := <-lines:
		if line != want {
			t.Fatalf("first line %q, want %q", line, want)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("no output within 30s; stderr: %s", stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() {
		for range lines {
			t.Error("more output after the interrupt")
		}
		waited <- cmd.Wait()
	}()
	select {
	case err := <-waited:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != ExitInterrupted {
			t.Errorf("exit: %v, want code %d", err, ExitInterrupted)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10s after SIGINT")
	}
	if got := stderr.String(); !strings.HasSuffix(got, "replykit: interrupted\n") {
		t.Errorf("stderr %q, want it to end with replykit: interrupted", got)
	}
}

// Only a run of one small regular file that writes no file goes without a
// signal handler; anything that may wait or write installs one.
func TestShortRun(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.md")
	if err := os.WriteFile(small, []byte("Calm down, please.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdin, err := os.Open(small)
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for _, c := range []struct {
		name  string
		opts  LintOptions
		short bool
	}{
		{"a small file", LintOptions{Paths: []string{small}}, true},
		{"a small file on standard input", LintOptions{Paths: []string{"-"}, IO: &IOStreams{In: stdin}}, true},
		{"--diff", LintOptions{Paths: []string{small}, Diff: true}, true},
		{"--fix writes the file", LintOptions{Paths: []string{small}, Fix: true}, false},
		{"two files", LintOptions{Paths: []string{small, small}}, false},
		{"a folder", LintOptions{Paths: []string{dir}}, false},
		{"a pipe may never end", LintOptions{Paths: []string{"-"}, IO: &IOStreams{In: r}}, false},
		{"a reader that is no file", LintOptions{Paths: []string{"-"}, IO: &IOStreams{In: strings.NewReader("x")}}, false},
		{"a missing file", LintOptions{Paths: []string{filepath.Join(dir, "none.md")}}, false},
	} {
		if got := shortRun(&c.opts); got != c.short {
			t.Errorf("%s: short run %v, want %v", c.name, got, c.short)
		}
	}
}

// readSized takes a file of the size Stat gave in one read, and reads on to
// the end when the file turns out longer or shorter, within the limit.
func TestReadSized(t *testing.T) {
	for _, tc := range []struct {
		r         io.Reader
		max, size int64
		want      string
		err       bool
	}{
		{strings.NewReader("hello"), 0, 5, "hello", false},
		{strings.NewReader("hello world"), 0, 5, "hello world", false}, // it grew
		{strings.NewReader("hello world"), 8, 5, "", true},             // past the limit
		{iotest.HalfReader(strings.NewReader("hello")), 0, 5, "hello", false},
		{strings.NewReader("hel"), 0, 5, "hel", false}, // it shrank
		{strings.NewReader("hello"), 5, 5, "hello", false},
		{iotest.ErrReader(errors.New("disk")), 0, 5, "", true},
	} {
		got, err := readSized(tc.r, tc.max, tc.size)
		if string(got) != tc.want || (err != nil) != tc.err {
			t.Errorf("size %d, max %d: %q, %v; want %q (error %v)", tc.size, tc.max, got, err, tc.want, tc.err)
		}
	}
}
