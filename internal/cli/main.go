// Package cli holds replykit's commands: one file per verb, each a thin layer
// that parses flags into options and calls a run function with plain values.
package cli

import (
	"errors"
	"fmt"
	"strings"
)

// Exit codes.
const (
	ExitClean    = 0 // nothing at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitError    = 2 // usage, config, rule or template error

	ExitInterrupted = 130 // stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)
)

// exitError carries an exit code up to Main; Main prints its message, if any.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageErrorf is a mistake in how the command was called.
func usageErrorf(format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...)}
}

// failed says that errors were already reported and the run should exit 2.
var errReported = &exitError{code: ExitError}

// errFindings says findings reached --fail-on; nothing more to print.
var errFindings = &exitError{code: ExitFindings}

// Main runs replykit with the process's arguments and streams and returns the exit code.
func Main(args []string, io *IOStreams) int {
	cmd := newRootCmd(io, args)
	cmd.SetArgs(args)
	err := cmd.Execute()
	if err == nil {
		return ExitClean
	}
	var ee *exitError
	code := ExitError
	if errors.As(err, &ee) {
		code = ee.code
		err = ee.err
	}
	if err != nil {
		for _, line := range strings.Split(strings.TrimRight(err.Error(), "\n"), "\n") {
			fmt.Fprintf(io.ErrOut, "replykit: %s\n", line)
		}
	}
	return code
}
