//go:build !pprof

package main

// startProfile does nothing in a normal build; see profile_pprof.go.
func startProfile() func() { return func() {} }
