package lint

// BenchDrafts is benchDrafts for the benchmarks of package lint_test.
var BenchDrafts = benchDrafts
