package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams carries the standard streams and what is known about them:
// data goes to Out, status and progress to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY      bool // stdin is a terminal: we may prompt
	OutTTY     bool // stdout is a terminal: pretty output
	ErrTTY     bool
	NoColorEnv bool // NO_COLOR is set
}

// System returns the process's streams.
func System() *IOStreams {
	noColor := os.Getenv("NO_COLOR") != ""
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTTY:      term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY:     term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY:     term.IsTerminal(int(os.Stderr.Fd())),
		NoColorEnv: noColor,
	}
}

// Color reports whether stdout may be coloured.
func (s *IOStreams) Color(noColorFlag bool) bool {
	return s.OutTTY && !s.NoColorEnv && !noColorFlag
}
