// Command starts times how long commands take from start to exit, each
// run on its own, the commands taking turns: the cold-start rows of
// bench/compare.sh.
//
// It starts each command as Go's os/exec does (the child shares the parent's
// memory until it runs the command, as with vfork), so a run costs the
// command's own start, work and exit, and little of the timer's. Timed
// from bash, which copies its own page tables at each fork, `true` took 1.4
// to 1.5 ms against 1.1 from here, and a paragraph's replykit lint - 5.2 to
// 5.8 against 4.6 to 4.9 (rounds of 200 runs each way on a 2-core machine).
//
//	go run ./bench/starts [-runs N] [-log DIR] SPEC [';;' SPEC]…
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const usage = `Usage: go run ./bench/starts [-runs N] [-log DIR] SPEC [';;' SPEC]…

Runs each command N times, the commands taking turns (one run of each, then
the next round), and prints each one's median wall time from start to exit,
in milliseconds: "NAME MEDIAN" a line, in the order given.

A SPEC is a command with its arguments, after settings of its own:
  @name=NAME     the name it is printed and logged under (default: the
                 command's file name)
  @stdin=FILE    its standard input (default: none)
  @copies=A:B    other copies of the command's file, taken in turn with it
                 (run i uses the (i mod n)th)
  VAR=VALUE      set in its environment (the rest is inherited)
Its output is discarded; an exit status other than 0 is not an error (a
linter exits 1 when it finds something), but a command killed by SIGINT or
SIGTERM stops the whole run.

  -runs N   runs of each command (default 50)
  -log DIR  write each command's times, one a line, in run order, to
            DIR/NAME.runs`

// spec is one command to time.
type spec struct {
	name   string
	stdin  string
	argv   []string
	copies []string // argv[0] first, then the other copies
	env    []string // added to the inherited environment
}

func main() {
	fs := flag.NewFlagSet("starts", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runs := fs.Int("runs", 50, "")
	logDir := fs.String("log", "", "")
	if err := fs.Parse(os.Args[1:]); err != nil || *runs < 1 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	specs, err := parseSpecs(fs.Args())
	if err != nil {
		fmt.Fprintf(os.Stderr, "starts: %v\n\n%s\n", err, usage)
		os.Exit(2)
	}
	times, err := timeAll(specs, *runs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "starts:", err)
		os.Exit(1)
	}
	for i, s := range specs {
		if *logDir != "" {
			if err := writeRuns(filepath.Join(*logDir, s.name+".runs"), times[i]); err != nil {
				fmt.Fprintln(os.Stderr, "starts:", err)
				os.Exit(1)
			}
		}
		fmt.Printf("%s %.3f\n", s.name, median(times[i]))
	}
}

// parseSpecs splits args at ";;" and reads each part's settings.
func parseSpecs(args []string) ([]spec, error) {
	var specs []spec
	names := map[string]bool{}
	for _, part := range splitArgs(args) {
		var s spec
		i := 0
		for ; i < len(part); i++ {
			key, value, ok := strings.Cut(part[i], "=")
			if !ok || key == "" || strings.ContainsAny(key, "/ ") {
				break // the command
			}
			switch key {
			case "@name":
				s.name = value
			case "@stdin":
				s.stdin = value
			case "@copies":
				s.copies = strings.Split(value, ":")
			default:
				if strings.HasPrefix(key, "@") {
					return nil, fmt.Errorf("%s: unknown setting (want @name, @stdin or @copies)", key)
				}
				s.env = append(s.env, part[i])
			}
		}
		s.argv = part[i:]
		if len(s.argv) == 0 {
			return nil, fmt.Errorf("a spec without a command: %q", strings.Join(part, " "))
		}
		s.copies = append([]string{s.argv[0]}, slices.DeleteFunc(s.copies, func(c string) bool { return c == "" })...)
		if s.name == "" {
			s.name = filepath.Base(s.argv[0])
		}
		if names[s.name] || strings.ContainsAny(s.name, "/\n") {
			return nil, fmt.Errorf("name %q: give each command a name of its own, without / (@name=…)", s.name)
		}
		names[s.name] = true
		specs = append(specs, s)
	}
	if len(specs) == 0 {
		return nil, errors.New("no command to time")
	}
	return specs, nil
}

// splitArgs returns the runs of args between ";;" separators, empty ones left out.
func splitArgs(args []string) [][]string {
	var parts [][]string
	start := 0
	for i := 0; i <= len(args); i++ {
		if i == len(args) || args[i] == ";;" {
			if i > start {
				parts = append(parts, args[start:i])
			}
			start = i + 1
		}
	}
	return parts
}

// timeAll runs every spec runs times, in turn, and returns each one's
// wall times in milliseconds, in run order.
func timeAll(specs []spec, runs int) ([][]float64, error) {
	times := make([][]float64, len(specs))
	for round := range runs {
		for i := range specs {
			ms, err := timeOne(&specs[i], round)
			if err != nil {
				return nil, err
			}
			times[i] = append(times[i], ms)
		}
	}
	return times, nil
}

// timeOne runs s once, from the copy round picks, and returns its wall time.
func timeOne(s *spec, round int) (float64, error) {
	cmd := exec.Command(s.copies[round%len(s.copies)], s.argv[1:]...)
	cmd.Args[0] = s.argv[0]
	if len(s.env) > 0 {
		cmd.Env = append(os.Environ(), s.env...)
	}
	if s.stdin != "" {
		f, err := os.Open(s.stdin)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", s.name, err)
		}
		defer f.Close()
		cmd.Stdin = f
	}
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		if st, ok := exit.Sys().(syscall.WaitStatus); ok && st.Signaled() && (st.Signal() == syscall.SIGINT || st.Signal() == syscall.SIGTERM) {
			return 0, fmt.Errorf("%s: interrupted (%v)", s.name, st.Signal())
		}
	case err != nil:
		return 0, fmt.Errorf("%s: %w", s.name, err)
	}
	return float64(elapsed.Nanoseconds()) / 1e6, nil
}

// median of ms, the mean of the middle two for an even count.
func median(ms []float64) float64 {
	s := slices.Sorted(slices.Values(ms))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func writeRuns(path string, ms []float64) error {
	var b strings.Builder
	for _, t := range ms {
		b.WriteString(strconv.FormatFloat(t, 'f', 3, 64))
		b.WriteByte('\n')
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
