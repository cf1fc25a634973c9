#!/usr/bin/env bash
# Regenerates cmd/replykit/default.pgo, the CPU profile Go's profile-guided
# optimisation builds replykit with (go build uses it on its own). Run it
# from anywhere after a change to the hot path; it takes about a minute:
#
#   bench/pgo.sh
#
# The profile is of the work replykit mostly does: one large English file
# with every pack, the same with a Vale style alone, a 10,000-draft library,
# and mixed-language drafts, five runs of each, all from bench/gen.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d "${TMPDIR:-/tmp}/replykit-pgo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "building replykit (with profiling) and bench/gen…" >&2
# Without the old profile, so the new one does not depend on it.
CGO_ENABLED=0 go build -pgo=off -tags pprof -o "$tmp/replykit" ./cmd/replykit
go build -o "$tmp/gen" ./bench/gen

echo "generating inputs…" >&2
"$tmp/gen" -single "$tmp/en.md" -size 50MB -lang en >/dev/null
"$tmp/gen" -single "$tmp/mixed.md" -size 5MB -lang mix >/dev/null
"$tmp/gen" -library "$tmp/library" -files 10000 >/dev/null
"$tmp/gen" -style "$tmp/style" -phrase-list "$tmp/phrases.txt" >/dev/null

echo "profiling…" >&2
n=0
profile() {
	n=$((n + 1))
	REPLYKIT_CPUPROFILE="$tmp/cpu-$n.pprof" "$tmp/replykit" lint --fail-on never -q "$@" >/dev/null
}
for _ in 1 2 3 4 5; do
	profile "$tmp/en.md" --lang en
	profile "$tmp/en.md" --vale-style "$tmp/style" --disable all --enable vale
	profile "$tmp/library"
	profile "$tmp/mixed.md"
done
go tool pprof -proto "$tmp"/cpu-*.pprof >cmd/replykit/default.pgo
echo "wrote cmd/replykit/default.pgo ($(wc -c <cmd/replykit/default.pgo) bytes) from $n profiles" >&2
