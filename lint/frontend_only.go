//go:build frontendonly

package lint

// frontEndOnly, set by the frontendonly build tag, makes Lint read a
// document as usual (segmented, its language found, every word scanned and
// hashed) and stop there: no word is looked up and no rule evaluated, so
// nothing is ever found. bench/compare.sh times a binary built so beside the
// real one, as the most any matcher and any rules could reach on top of
// this front end. Never for use: it finds nothing.
const frontEndOnly = true
