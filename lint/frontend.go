//go:build !frontendonly

package lint

// frontEndOnly is false in every build but the benchmark's (see
// frontend_only.go); the checks on it compile to nothing.
const frontEndOnly = false
