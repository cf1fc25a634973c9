package lint

// BenchDrafts is benchDrafts for the benchmarks of package lint_test.
var BenchDrafts = benchDrafts

// MemoPlaceholders switches placeholderMatch's memory on or off, and returns
// what it was, for tests of package lint_test.
func MemoPlaceholders(on bool) bool {
	was := memoPlaceholders
	memoPlaceholders = on
	return was
}
