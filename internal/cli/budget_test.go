package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/lint/output"
)

// lintAll's window is wide, but the drafts its linted, unwritten results
// hold stay within the byte budget (and a draft a worker holds, and the
// one the writer waits for): a slow writer does not let workers read a
// whole folder of large drafts ahead of it. Every result is still written,
// in order.
func TestLintAllByteBudget(t *testing.T) {
	saved, savedBytes := runtime.GOMAXPROCS(4), windowBytes
	t.Cleanup(func() { runtime.GOMAXPROCS(saved); windowBytes = savedBytes })
	windowBytes = 8 << 10
	const big = 20 << 10
	targets := draftFiles(t, 80, func(i int) string {
		if i%2 == 0 {
			return strings.Repeat("x", big)
		}
		return strings.Repeat("x", 100)
	})
	var inFlight, most atomic.Int64
	var order []string
	done := make(chan error, 1)
	go func() {
		done <- lintAll(context.Background(), targets, strings.NewReader(""), 0, func(t target, src []byte) (*checked, error) {
			n := inFlight.Add(int64(len(src)))
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			return &checked{file: &output.File{Path: t.path, Src: src}}, nil
		}, func(c *checked, err error) error {
			if err != nil {
				return err
			}
			order = append(order, c.file.Path)
			if len(order)%4 == 1 {
				time.Sleep(2 * time.Millisecond) // a writer that falls behind
			}
			inFlight.Add(-int64(len(c.file.Src)))
			return nil
		}, nil)
	}()
	if err := returned(t, done, "its start: a result waits for a budget nobody gives back"); err != nil {
		t.Fatal(err)
	}
	if len(order) != len(targets) {
		t.Fatalf("%d results written, want %d", len(order), len(targets))
	}
	for i, p := range order {
		if p != targets[i].path {
			t.Fatalf("result %d is %s, want %s: out of order", i, p, targets[i].path)
		}
	}
	// The budget, a draft in each worker's hands and the one written next.
	if limit := 4*windowBytes + 5*big; most.Load() > limit {
		t.Errorf("%d bytes of drafts held at once, over the %d the budget allows", most.Load(), limit)
	}
}

// A writer that stops early wakes the workers waiting for the budget:
// lintAll returns its error, and no worker is left waiting.
func TestLintAllByteBudgetStops(t *testing.T) {
	saved, savedBytes := runtime.GOMAXPROCS(4), windowBytes
	t.Cleanup(func() { runtime.GOMAXPROCS(saved); windowBytes = savedBytes })
	windowBytes = 1 << 10
	targets := draftFiles(t, 60, func(int) string { return strings.Repeat("y", 4<<10) })
	before := runtime.NumGoroutine()
	stopped := errors.New("the writer stopped")
	written := 0
	done := make(chan error, 1)
	go func() {
		done <- lintAll(context.Background(), targets, strings.NewReader(""), 0, func(t target, src []byte) (*checked, error) {
			return &checked{file: &output.File{Path: t.path, Src: src}}, nil
		}, func(*checked, error) error {
			if written++; written == 3 {
				return stopped
			}
			time.Sleep(time.Millisecond)
			return nil
		}, nil)
	}()
	if err := returned(t, done, "the writer's error"); !errors.Is(err, stopped) {
		t.Fatalf("lintAll returned %v, want the writer's error", err)
	}
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > before; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left running, %d before: a worker still waits", runtime.NumGoroutine(), before)
		}
	}
}

// The budget lets the result the writer waits for through, and any result
// when nothing is held; others wait until the writer gives bytes back.
func TestByteBudget(t *testing.T) {
	b := newByteBudget(10)
	if !b.take(0, 8) {
		t.Fatal("take failed before close")
	}
	taken := make(chan bool)
	go func() { taken <- b.take(2, 5) }() // 13 bytes: over the limit, and not next
	select {
	case <-taken:
		t.Fatal("result 2 took 5 bytes over the limit while result 0 held 8")
	case <-time.After(50 * time.Millisecond):
	}
	if !b.take(0, 100) { // the next result: never waits
		t.Fatal("the result the writer waits for waited")
	}
	b.give(108, 1)
	if !<-taken {
		t.Fatal("take failed after give")
	}
	go func() { taken <- b.take(3, 20) }()
	select {
	case <-taken:
		t.Fatal("result 3 took 20 bytes while result 2 held 5")
	case <-time.After(50 * time.Millisecond):
	}
	b.close()
	select {
	case ok := <-taken:
		if ok {
			t.Error("take after close reported success")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("close did not wake the result waiting for the budget")
	}
}

// returned waits for lintAll's error on done, and fails the test when it
// takes over ten seconds from what (what should have ended it).
func returned(t *testing.T, done <-chan error, what string) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("lintAll did not return within 10s of %s", what)
		return nil
	}
}

// A result's size counts its text, its findings and what --fix or --diff
// made; a finding's allowance covers at least the Diagnostic itself.
func TestCheckedSize(t *testing.T) {
	c := &checked{diff: "ab", fixed: []byte("xyz"),
		file: &output.File{Src: make([]byte, 100), Diagnostics: make([]lint.Diagnostic, 3)}}
	if got, want := c.size(), 2+3+100+3*findingBytes; got != want {
		t.Errorf("size %d, want %d", got, want)
	}
	if (*checked)(nil).size() != 0 || (&checked{parts: "big.md"}).size() != 0 {
		t.Error("a result without a draft held has a size")
	}
	if s := unsafe.Sizeof(lint.Diagnostic{}); s > findingBytes {
		t.Errorf("a Diagnostic is %d bytes, over findingBytes (%d)", s, findingBytes)
	}
}

// BenchmarkLintAllSmallDrafts is a library's case without the linting: the
// reads, and the hand-offs between the workers and the writer that takes
// their results in order, for 2,000 drafts of 400 bytes.
func BenchmarkLintAllSmallDrafts(b *testing.B) {
	targets := draftFiles(b, 2000, func(int) string { return strings.Repeat("Thanks for writing. ", 20) })
	b.SetBytes(2000 * 400)
	for b.Loop() {
		err := lintAll(context.Background(), targets, strings.NewReader(""), 0, func(t target, src []byte) (*checked, error) {
			return &checked{file: &output.File{Path: t.path, Src: src}}, nil
		}, func(*checked, error) error { return nil }, nil)
		if err != nil {
			b.Fatal(err)
		}
	}
}

// When the next result keeps the writer waiting, lintAll calls idle once
// what came before is emitted; an error from idle ends the run.
func TestLintAllIdle(t *testing.T) {
	targets := draftFiles(t, 10, func(int) string { return "Hello.\n" })
	var (
		mu     sync.Mutex
		events []string
	)
	note := func(s string) []string {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, s)
		return slices.Clone(events)
	}
	run := func(idle func(seen []string) error) (release chan struct{}, done chan error) {
		release, done = make(chan struct{}), make(chan error, 1)
		go func() {
			done <- lintAll(context.Background(), targets, strings.NewReader(""), 0, func(t target, src []byte) (*checked, error) {
				if t.path == targets[5].path {
					<-release // the writer waits for this one
				}
				return &checked{file: &output.File{Path: t.path, Src: src}}, nil
			}, func(c *checked, err error) error {
				note(filepath.Base(c.file.Path))
				return err
			}, func() error { return idle(note("idle")) })
		}()
		return release, done
	}

	waiting := make(chan struct{})
	release, done := run(func(seen []string) error {
		if slices.Contains(seen, "0004.md") && !slices.Contains(seen, "0005.md") && !slices.Contains(seen[:len(seen)-1], "idle") {
			close(waiting) // the first idle call after 0004.md
		}
		return nil
	})
	select {
	case <-waiting:
	case <-time.After(10 * time.Second):
		t.Fatal("no idle call within 10s while the writer waited for 0005.md")
	}
	close(release)
	if err := returned(t, done, "0005.md's release"); err != nil {
		t.Fatal(err)
	}
	// A loaded machine may keep the writer waiting elsewhere too.
	written := slices.DeleteFunc(slices.Clone(events), func(e string) bool { return e == "idle" })
	if got, want := strings.Join(written, " "), "0000.md 0001.md 0002.md 0003.md 0004.md 0005.md 0006.md 0007.md 0008.md 0009.md"; got != want {
		t.Errorf("emitted %q, want %q", got, want)
	}

	events = nil
	stop := errors.New("stdout closed")
	release, done = run(func([]string) error { return stop })
	defer close(release)
	if err := returned(t, done, "idle's error"); !errors.Is(err, stop) {
		t.Errorf("lintAll returned %v, want idle's error", err)
	}
}

// draftFiles writes n drafts, the i-th holding text(i), into a new folder,
// and returns them as targets in order.
func draftFiles(tb testing.TB, n int, text func(i int) string) []target {
	tb.Helper()
	dir := tb.TempDir()
	targets := make([]target, n)
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("%04d.md", i))
		if err := os.WriteFile(p, []byte(text(i)), 0o644); err != nil {
			tb.Fatal(err)
		}
		targets[i] = target{path: p}
	}
	return targets
}
