//go:build !linux

package cli

import "os"

// openDraft opens a file to read it whole.
func openDraft(path string) (*os.File, error) { return os.Open(path) }
