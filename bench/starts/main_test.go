package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The test binary doubles as the command timed: with STARTS_HELPER_LOG set
// it notes its executable, its argument, STARTS_HELPER_WORD and its standard
// input in that file, sleeps STARTS_HELPER_SLEEP milliseconds and exits 1.
func TestMain(m *testing.M) {
	if log := os.Getenv("STARTS_HELPER_LOG"); log != "" {
		exe, _ := os.Executable()
		in, _ := os.ReadFile("/dev/stdin")
		f, err := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			os.Exit(3)
		}
		f.WriteString(filepath.Base(exe) + " " + strings.Join(os.Args[1:], " ") + " " + os.Getenv("STARTS_HELPER_WORD") + " " + strings.TrimSpace(string(in)) + "\n")
		f.Close()
		ms, _ := strconv.Atoi(os.Getenv("STARTS_HELPER_SLEEP"))
		time.Sleep(time.Duration(ms) * time.Millisecond)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func copyExe(t *testing.T, dir, name string) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTimeAll(t *testing.T) {
	dir := t.TempDir()
	a, b, c := copyExe(t, dir, "a"), copyExe(t, dir, "b"), copyExe(t, dir, "c")
	input := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(input, []byte("paragraph\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	slowLog, quickLog := filepath.Join(dir, "slow.log"), filepath.Join(dir, "quick.log")
	specs, err := parseSpecs([]string{
		"@name=slow", "@stdin=" + input, "@copies=" + b + ":" + c, "STARTS_HELPER_LOG=" + slowLog, "STARTS_HELPER_SLEEP=30", "STARTS_HELPER_WORD=env", a, "lint", ";;",
		"@name=quick", "STARTS_HELPER_LOG=" + quickLog, "STARTS_HELPER_SLEEP=0", a, "-",
	})
	if err != nil {
		t.Fatal(err)
	}
	const runs = 6
	times, err := timeAll(specs, runs)
	if err != nil {
		t.Fatal(err)
	}
	if len(times) != 2 || len(times[0]) != runs || len(times[1]) != runs {
		t.Fatalf("times %v: want %d runs of each of 2 commands", times, runs)
	}
	if m := median(times[0]); m < 30 {
		t.Errorf("slow: median %.2f ms, but each run sleeps 30 ms", m)
	}
	if slow, quick := median(times[0]), median(times[1]); quick >= slow {
		t.Errorf("quick: median %.2f ms, slow %.2f: the sleep was not timed apart", quick, slow)
	}
	// Each copy in turn, with the settings given, and nothing else.
	data, err := os.ReadFile(slowLog)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	want := []string{"a lint env paragraph", "b lint env paragraph", "c lint env paragraph"}
	if len(lines) != runs {
		t.Fatalf("slow ran %d times, want %d:\n%s", len(lines), runs, data)
	}
	for i, line := range lines {
		if line != want[i%3] {
			t.Errorf("slow's run %d: %q, want %q", i, line, want[i%3])
		}
	}
	data, _ = os.ReadFile(quickLog)
	if lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"); len(lines) != runs || slices.ContainsFunc(lines, func(l string) bool { return l != "a -  " }) {
		t.Errorf("quick's runs: %q, want %d of %q (one copy, no input, no word)", lines, runs, "a -  ")
	}
}

func TestParseSpecs(t *testing.T) {
	specs, err := parseSpecs([]string{"true", ";;", ";;", "@name=en", "X=1", "./rk", "lint", "-", "A=b"})
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) != 2 {
		t.Fatalf("%d specs, want 2: %+v", len(specs), specs)
	}
	if s := specs[0]; s.name != "true" || !slices.Equal(s.argv, []string{"true"}) || !slices.Equal(s.copies, []string{"true"}) || s.env != nil {
		t.Errorf("first spec %+v", s)
	}
	if s := specs[1]; s.name != "en" || !slices.Equal(s.argv, []string{"./rk", "lint", "-", "A=b"}) || !slices.Equal(s.env, []string{"X=1"}) {
		t.Errorf("second spec %+v: an assignment after the command is an argument", s)
	}
	for _, bad := range [][]string{
		nil,
		{"X=1"},
		{"@colour=red", "true"},
		{"true", ";;", "true"}, // two rows named true
	} {
		if _, err := parseSpecs(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
