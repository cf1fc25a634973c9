#!/usr/bin/env bash
# Compares replykit with Vale and with grep -F -w -i on the same drafts and the
# same rules, and prints wall time, CPU time, peak memory and throughput side by
# side. bench/README.md says what each row means. Run from anywhere:
#
#   bench/compare.sh            # the full run (Vale on 50 MB takes minutes)
#   bench/compare.sh --quick    # smaller inputs, no slow rows
set -euo pipefail
export LC_ALL=C # grep's fast path, and a dot in every decimal

usage() {
	cat <<'EOF'
Usage: bench/compare.sh [options]

Builds replykit (static, CGO_ENABLED=0, as the README installs it), generates drafts and a Vale style with bench/gen into a
temporary folder, and times replykit, Vale (when installed) and
grep -F -w -i -f PHRASES on the same inputs. Everything it writes is removed
on exit, except the logs of a command that failed (their folder is printed).

Held-out inputs: give your own style and drafts, and they replace the
generated ones in the library, one-file and cold-start rows (the scaling
tables stay on generated English drafts and synthetic styles):
  --style DIR           a Vale style: one style's folder (DIR/*.yml) or a
                        styles folder (DIR/<Style>/*.yml). grep gets the
                        literal tokens of its existence rules and the
                        left-hand sides of its substitutions; the run says
                        how many patterns grep -F could not take
  --library DIR         a folder of drafts for the library rows
  --single FILE         one large file of drafts for the one-file rows
  --paragraph FILE      a short draft for the cold-start rows

Options:
  --quick               smaller inputs, and Vale and grep only where they are
                        quick: --files 2000 --size 10MB --scale-sizes 1MB,10MB
                        --phrase-size 1MB --runs 20 (options given win)
  --files N             drafts in the library (default 10000)
  --size SIZE           the single large file (default 50MB; units in 1024s)
  --scale-sizes LIST    inputs of the size-scaling table (default 1MB,10MB,100MB)
  --phrase-counts LIST  synthetic styles of the phrase-scaling table
                        (default 500,5000,50000)
  --phrase-size SIZE    input of the phrase-scaling table (default 10MB)
  --runs N              runs of each cold start; the median is shown (default 50)
  --repeat N            runs of each row that takes under 5 s; the run of median
                        wall time is shown (default 5; 1 runs each row once)
  --timeout SECONDS     limit on each timed command (default 600)
  --scale-timeout SECONDS
                        limit on Vale and grep in the phrase-scaling table,
                        where they slow down most (default 120)
  --no-vale             leave Vale out even when it is installed
  --keep                keep the generated inputs and logs, and print where
  -h, --help            this help

Needs: Go, GNU time (/usr/bin/time; installed with apt-get when missing and
possible), coreutils timeout. Vale is optional:
  go install github.com/vale-cli/vale/v3/cmd/vale@v3.21.0
EOF
}

die() {
	echo "compare.sh: $*" >&2
	exit 2
}

style_in="" library_in="" single_in="" paragraph_in=""
files="" size="" scale_sizes="" phrase_counts="" phrase_size="" runs="" repeat="" limit="" scale_limit=""
quick=0 use_vale=1 keep=0
needs_value() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value (see --help)"; }
while (($#)); do
	if [[ $1 == --*=* ]]; then
		set -- "${1%%=*}" "${1#*=}" "${@:2}"
	fi
	opt=$1
	case $opt in
	-h | --help) usage; exit 0 ;;
	--quick) quick=1 ;;
	--no-vale) use_vale=0 ;;
	--keep) keep=1 ;;
	--files) needs_value "$@"; files=$2; shift ;;
	--size) needs_value "$@"; size=$2; shift ;;
	--scale-sizes) needs_value "$@"; scale_sizes=$2; shift ;;
	--phrase-counts) needs_value "$@"; phrase_counts=$2; shift ;;
	--phrase-size) needs_value "$@"; phrase_size=$2; shift ;;
	--runs) needs_value "$@"; runs=$2; shift ;;
	--repeat) needs_value "$@"; repeat=$2; shift ;;
	--timeout) needs_value "$@"; limit=$2; shift ;;
	--scale-timeout) needs_value "$@"; scale_limit=$2; shift ;;
	--style) needs_value "$@"; style_in=$2; shift ;;
	--library) needs_value "$@"; library_in=$2; shift ;;
	--single) needs_value "$@"; single_in=$2; shift ;;
	--paragraph) needs_value "$@"; paragraph_in=$2; shift ;;
	*) usage >&2; die "unknown option $opt" ;;
	esac
	shift
done
if ((quick)); then
	: "${files:=2000}" "${size:=10MB}" "${scale_sizes:=1MB,10MB}" "${phrase_size:=1MB}" "${runs:=20}"
fi
: "${files:=10000}" "${size:=50MB}" "${scale_sizes:=1MB,10MB,100MB}" "${phrase_counts:=500,5000,50000}"
: "${phrase_size:=10MB}" "${runs:=50}" "${repeat:=5}" "${limit:=600}" "${scale_limit:=120}"
for n in "$files" "$runs" "$repeat" "$limit" "$scale_limit"; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || die "$n is not a positive whole number"
done
IFS=, read -r -a scale_list <<<"$scale_sizes"
IFS=, read -r -a phrase_list <<<"$phrase_counts"
for n in "${phrase_list[@]}"; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || die "--phrase-counts: $n is not a positive whole number"
done
# Sizes as bench/gen reads them: a number of bytes, or one with KB, MB or GB.
for pair in "size:$size" "phrase-size:$phrase_size" "${scale_list[@]/#/scale-sizes:}"; do
	v=${pair#*:}
	[[ $v =~ ^([1-9][0-9]*|[0-9]*\.[0-9]*[1-9][0-9]*)\ ?([KMG]i?B|B)?$ ]] ||
		die "--${pair%%:*}: $v is not a size such as 50MB or 512KB (above 0)"
done

# Held-out inputs, as absolute paths: the script changes folder.
abs() { (cd "$(dirname "$1")" && printf '%s/%s' "$(pwd)" "$(basename "$1")"); }
for pair in "style:$style_in" "library:$library_in"; do
	v=${pair#*:}
	[[ -z $v || -d $v ]] || die "--${pair%%:*} $v: no such folder"
done
for pair in "single:$single_in" "paragraph:$paragraph_in"; do
	v=${pair#*:}
	[[ -z $v || -f $v ]] || die "--${pair%%:*} $v: no such file"
done
[[ -z $style_in ]] || style_in=$(abs "$style_in")
[[ -z $library_in ]] || library_in=$(abs "$library_in")
[[ -z $single_in ]] || single_in=$(abs "$single_in")
[[ -z $paragraph_in ]] || paragraph_in=$(abs "$paragraph_in")

load_before=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?')
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# --- tools -------------------------------------------------------------------

command -v go >/dev/null || die "go is not installed"
command -v timeout >/dev/null || die "timeout (coreutils) is not installed"
gnu_time() { [[ -x /usr/bin/time ]] && /usr/bin/time -f %e true >/dev/null 2>&1; }
if ! gnu_time; then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		echo "installing GNU time with apt-get…" >&2
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time) >/dev/null 2>&1 || true
	fi
	gnu_time || die "GNU time is needed at /usr/bin/time (Debian and Ubuntu: apt-get install time)"
fi
vale_bin=""
if ((use_vale)); then
	vale_bin=$(command -v vale || true)
fi
vale_missing="not installed: go install github.com/vale-cli/vale/v3/cmd/vale@v3.21.0"
((use_vale)) || vale_missing="left out (--no-vale)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/replykit-bench.XXXXXX")
logs="$tmp/logs"
mkdir -p "$logs"
# Converted Vale styles are kept here, not in the user's cache folder: runs
# after a style's first load it from there (the cold-start table shows both).
export REPLYKIT_CACHE="$tmp/cache"
failed=()
finish() {
	local rc=$?
	if ((keep)); then
		echo "inputs and logs kept in $tmp" >&2
	elif ((rc == 0 && ${#failed[@]})); then
		local kept key
		kept=$(mktemp -d "${TMPDIR:-/tmp}/replykit-bench-logs.XXXXXX")
		for key in "${failed[@]}"; do
			cp "$logs/$key".* "$kept/" 2>/dev/null || true
		done
		rm -rf "$tmp"
		echo "logs of the failed commands kept in $kept" >&2
	else
		rm -rf "$tmp"
	fi
	exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() { printf '%s\n' "$*" >&2; }

step "building replykit, bench/gen and bench/floor…"
mkdir -p "$tmp/build"
CGO_ENABLED=0 go build -o "$tmp/build/replykit" ./cmd/replykit # as the README installs it: static
# The same with the frontendonly tag: it reads, segments and scans every
# word, looks none up and runs no rule (lint/frontend_only.go). Its rows are
# the most any matcher and rules could reach on this front end.
CGO_ENABLED=0 go build -tags frontendonly -o "$tmp/build/replykit-front" ./cmd/replykit
go build -o "$tmp/gen" ./bench/gen
go build -o "$tmp/build/floor" ./bench/floor
go build -o "$tmp/build/valediff" ./bench/valediff
go build -o "$tmp/starts" ./bench/starts
# Every binary is timed as a copy written with write(2), as a download, a
# package or cp leaves it. The Go linker writes its output through a
# memory map, and a file written that way starts 0.4 to 0.9 ms slower than
# the same bytes copied (alternated runs of lint -; a copy written through
# a map from Python is as slow): that is the page cache's state after a
# build, not the program's. Vale, when go install has just built it, too.
cp "$tmp/build/replykit" "$tmp/build/replykit-front" "$tmp/build/floor" "$tmp/build/valediff" "$tmp/"
rm -r "$tmp/build"
if [[ -n $vale_bin ]]; then
	cp "$vale_bin" "$tmp/vale"
	vale_bin=$tmp/vale
fi
rk="$tmp/replykit" rk_front="$tmp/replykit-front"
gen() { "$tmp/gen" "$@" >/dev/null; }

# --- inputs ------------------------------------------------------------------

in="$tmp/in"
mkdir -p "$in"
step "generating inputs in a temporary folder…"
library="$in/library" para="$in/paragraph.md"
if [[ -n $library_in ]]; then
	# The drafts replykit reads in a folder (its default extensions), linked
	# into a folder of their own: Vale, grep and the readers get the same
	# files, not a .tsv or .png replykit leaves alone.
	library="$in/library-held"
	mkdir -p "$library"
	drafts() { (cd "$library_in" && find . -type f \( -name '*.md' -o -name '*.txt' -o -name '*.html' -o -name '*.eml' \) -print0); }
	drafts | (cd "$library_in" && xargs -0 -r cp --parents -l -t "$library" 2>/dev/null) ||
		drafts | (cd "$library_in" && xargs -0 -r cp --parents -t "$library")
	files=$(find "$library" -type f | wc -l)
	other_files=$(($(find "$library_in" -type f | wc -l) - files))
	((files > 0)) || die "--library $library_in: no .md, .txt, .html or .eml drafts in it"
else
	gen -library "$library" -files "$files"
fi
# A tenth of the generated library, for memory against the number of files.
small_files=$((files / 10))
[[ -z $library_in ]] || small_files=0
if ((small_files > 0)); then
	gen -library "$in/library-small" -files "$small_files"
fi
if [[ -n $paragraph_in ]]; then
	para=$paragraph_in
else
	gen -paragraph "$para"
fi
if [[ -n $style_in ]]; then
	# A style's folder, or a styles folder with styles in its subfolders.
	if compgen -G "$style_in/*.yml" >/dev/null; then
		for d in "$style_in"/*/; do
			if compgen -G "$d*.yml" >/dev/null; then
				die "--style $style_in: it holds rules (.yml) and style folders ($(basename "$d")/) both; give one style's folder, or a folder of style folders"
			fi
		done
		tone=$style_in styles_path=$(dirname "$style_in") style_names=$(basename "$style_in")
	else
		tone=$style_in styles_path=$style_in style_names=""
		for d in "$style_in"/*/; do
			if compgen -G "$d*.yml" >/dev/null; then
				style_names+="${style_names:+, }$(basename "$d")"
			fi
		done
	fi
	style_label=${style_names//, /+}
	tone_summary=$("$tmp/gen" -from-style "$style_in" -phrase-list "$in/phrases.txt") || die "--style $style_in: bench/gen could not read it (above)"
	tone_summary="$style_names (held out); grep gets ${tone_summary#*: }"
else
	gen -style "$in/style" -phrase-list "$in/phrases.txt"
	tone="$in/style" styles_path="$in/style" style_names=Tone style_label=Tone
	tone_summary="Tone, $("$tmp/gen" -style "$tmp/summary" | sed 's/^[^:]*: //')"
fi
single_file() { # single_file SIZE: the path of an English file of SIZE, made once
	local path="$in/drafts-$1.md"
	[[ -f $path ]] || gen -single "$path" -size "$1"
	printf '%s' "$path"
}
if [[ -n $single_in ]]; then
	big=$single_in size=$(basename "$single_in")
else
	big=$(single_file "$size")
fi
for s in "${scale_list[@]}"; do single_file "$s" >/dev/null; done
phrase_input=$(single_file "$phrase_size")
for n in "${phrase_list[@]}"; do
	gen -style "$in/style-$n" -phrases "$n" -phrase-list "$in/phrases-$n.txt"
done
vale_ini() { # vale_ini STYLESPATH [STYLES]: a Vale configuration running STYLES (default Tone) from STYLESPATH
	local ini
	ini=$(mktemp "$tmp/vale-XXXXXX.ini")
	printf 'StylesPath = %s\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = %s\n' "$1" "${2:-Tone}" >"$ini"
	printf '%s' "$ini"
}
bytes_of() { if [[ -d $1 ]]; then find "$1" -type f -printf '%s\n' | awk '{n += $1} END {print n}'; else stat -c %s "$1"; fi; }
# Read every input once, so no tool pays for the disk and the next does not.
find "$in" "$library" "$big" "$para" -type f -exec cat {} + >/dev/null
lib_bytes=$(bytes_of "$library")
big_bytes=$(bytes_of "$big")

# --- measuring ---------------------------------------------------------------

declare -A state wall cpu rss lines median
lognum=0
lognotes=()

# measure KEY OK-CODES SECONDS CMD…: runs CMD under GNU time (standard input
# from $stdin, else /dev/null) and records its wall and CPU time, peak RSS and
# output lines under KEY; an exit code not in OK-CODES marks it failed, and
# one over SECONDS marks it timed out. A command done in under 5 s runs
# --repeat times in all, and the run of median wall time is recorded: one
# run of a quick row moves by a tenth with the machine's other work. Never
# stops the run.
stdin=/dev/null
measure() {
	local key=$1 ok=$2 secs=$3
	shift 3
	local base="$logs/$key" rc=0 i
	printf '%q ' "$@" >"$base.cmd"
	/usr/bin/time -f '%e %U %S %M' -o "$base.time" timeout --foreground "$secs" "$@" <"$stdin" >"$base.out" 2>"$base.err" || rc=$?
	if ((rc == 130 || rc == 143)); then # interrupted: the whole run stops
		exit "$rc"
	elif ((rc == 124)); then
		state[$key]="timed out (over $secs s)"
	elif [[ " $ok " != *" $rc "* ]]; then
		failed+=("$key")
		lognum=$((lognum + 1))
		state[$key]="failed (see log $lognum)"
		lognotes+=("log $lognum: $key, exit $rc: $( (grep -m1 . "$base.err" || echo "no message") | cut -c1-160)")
		lognotes+=("       command in $key.cmd, errors in $key.err")
	else
		state[$key]=ok
		local w u s m
		read -r w u s m < <(tail -n 1 "$base.time")
		if ((repeat > 1)) && awk -v w="$w" 'BEGIN {exit !(w < 5)}'; then
			tail -n 1 "$base.time" >"$base.times"
			for ((i = 1; i < repeat; i++)); do
				# To a file, as the first run: GNU grep stops at its first match
				# when its output is /dev/null.
				/usr/bin/time -f '%e %U %S %M' -o "$base.time" timeout --foreground "$secs" "$@" <"$stdin" >"$base.again" 2>&1 || true
				tail -n 1 "$base.time" >>"$base.times"
			done
			read -r w u s m < <(sort -n "$base.times" | awk -v n="$repeat" 'NR == int((n + 1) / 2)')
		fi
		wall[$key]=$w
		cpu[$key]=$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')
		rss[$key]=$m
		lines[$key]=$(wc -l <"$base.out")
	fi
}

# skip KEY WHY: a cell that was not run.
skip() { state[$1]=$2; }

# Three fresh copies of replykit and of Vale for the cold-start rows, which
# take them in turn, written just before those rows run. Copies of the same
# bytes start at different speeds: one copy of a build stayed 0.4 ms slower
# than three others over three sessions of 300 alternated runs (how the
# kernel holds a file's pages, not anything in the file); and where the
# kernel pages out memory it sees unused for a minute (DAMON's reclaim, as
# on the virtual machines this was measured on), a binary older than that
# reads some of its pages back from the disk at every start: about 0.9 ms
# more (bench/README.md, "Start-up"). The rows are of a binary whose pages
# are in memory.
declare -A copies=()
fresh_copies() {
	local b k
	for b in "$rk" ${vale_bin:+"$vale_bin"}; do
		copies[$b]=""
		for k in 1 2 3; do
			cat "$b" >"$b.$k"
			chmod +x "$b.$k"
			copies[$b]+="${copies[$b]:+ }$b.$k"
		done
	done
}

# cold KEY INPUT CMD…: measure CMD once on INPUT for the peak RSS, and
# keep it, with REPLYKIT_CACHE as it stands, for cold_runs.
cold_keys=()
declare -A cold_input=() cold_cmd=() cold_cache=()
cold() {
	local key=$1 input=$2
	shift 2
	stdin=$input measure "$key" "0 1" "$limit" "$@"
	[[ ${state[$key]} == ok ]] || return 0
	# Each copy once, untimed: replykit keeps a converted style apart for
	# each executable, and every timed run of a cached row must find it.
	local c
	for c in ${copies[$1]:-}; do
		"$c" "${@:2}" <"$input" >/dev/null 2>&1 || true
	done
	cold_keys+=("$key")
	cold_input[$key]=$input cold_cmd[$key]=$(printf '%q ' "$@") cold_cache[$key]=$REPLYKIT_CACHE
}

# cold_runs: runs every command cold kept --runs times, one after the other
# in turn, with bench/starts, and keeps each one's median wall time, in
# milliseconds. In turn, not each in a block of its own: the machine's
# speed drifts over seconds (other tenants, clock), and a block would carry
# the drift of its moment into one row alone, where in turn it spreads over
# all of them. A binary with copies runs from each in turn too (see
# copies). bench/starts, not bash, starts them: bash copies its own page
# tables at each fork, which added 0.3 to 0.9 ms to every row (see
# bench/README.md, "Start-up").
cold_runs() {
	local key name ms rc=0
	local -a args=() cmd cs
	for key in "${cold_keys[@]}"; do
		eval "cmd=(${cold_cmd[$key]})"
		args+=(";;" "@name=$key" "@stdin=${cold_input[$key]}" "REPLYKIT_CACHE=${cold_cache[$key]}")
		if [[ -n ${copies[${cmd[0]}]:-} ]]; then
			read -ra cs <<<"${copies[${cmd[0]}]}"
			cmd[0]=${cs[0]}
			args+=("@copies=$(
				IFS=:
				echo "${cs[*]:1}"
			)")
		fi
		args+=("${cmd[@]}")
	done
	"$tmp/starts" -runs "$runs" -log "$logs" "${args[@]:1}" >"$logs/starts.txt" 2>"$logs/starts.err" || rc=$?
	((rc != 130 && rc != 143)) || exit "$rc"
	((rc == 0)) || die "bench/starts failed: $(head -c 300 "$logs/starts.err")"
	while read -r name ms; do
		median[$name]=$ms
	done <"$logs/starts.txt"
}

vale_or_skip() { # vale_or_skip KEY SECONDS ARGS…: Vale with ARGS, or a note that it is missing
	local key=$1 secs=$2
	shift 2
	if [[ -z $vale_bin ]]; then
		skip "$key" "$vale_missing"
	else
		measure "$key" 0 "$secs" "$vale_bin" --output line --no-exit "$@"
	fi
}

tone_ini=$(vale_ini "$styles_path" "$style_names")
rk_vale=("$rk" lint --vale-style "$tone" --disable all --enable vale --fail-on never -q)

step "library of $files files: replykit, Vale, grep…"
measure lib.replykit 0 "$limit" "${rk_vale[@]}" "$library"
vale_or_skip lib.vale "$limit" --config "$tone_ini" "$library"
measure lib.grep "0 1" "$limit" grep -F -w -i -r -f "$in/phrases.txt" "$library"
if [[ -n $vale_bin ]]; then
	# Not timed: whether the two find the same things (bench/valediff).
	step "the same library: do replykit and Vale find the same? (bench/valediff)…"
	"$tmp/valediff" -vale "$vale_bin" "$tone" "$library" >"$logs/valediff.txt" 2>"$logs/valediff.err" || true
fi
measure lib.floor 0 "$limit" "$tmp/floor" "$library"
measure lib.front 0 "$limit" "$rk_front" "${rk_vale[@]:1}" "$library"

step "one $size file: replykit, Vale (slow), grep…"
measure big.replykit 0 "$limit" "${rk_vale[@]}" "$big"
vale_or_skip big.vale "$limit" --config "$tone_ini" "$big"
measure big.grep "0 1" "$limit" grep -F -w -i -f "$in/phrases.txt" "$big"
measure big.floor 0 "$limit" "$tmp/floor" "$big"

step "every shipped pack…"
measure packs.lib 0 "$limit" "$rk" lint --fail-on never -q "$library"
measure packs.en 0 "$limit" "$rk" lint --lang en --fail-on never -q "$big"
measure packs.front 0 "$limit" "$rk_front" lint --lang en --fail-on never -q "$big"
measure packs.words 0 "$limit" "$tmp/floor" -words "$big"
measure packs.auto 0 "$limit" "$rk" lint --lang auto --fail-on never -q "$big"

if ((small_files > 0)); then
	measure packs.small 0 "$limit" "$rk" lint --fail-on never -q "$in/library-small"
fi
step "the matching pass alone (go test -bench BenchmarkMatcher)…"
pass_mbs=$(go test ./lint -run '^$' -bench '^BenchmarkMatcher$' -count 3 2>/dev/null |
	awk '/^BenchmarkMatcher/ {for (i = 1; i < NF; i++) if ($(i + 1) == "MB/s") print $i}' | sort -n | awk '{a[NR] = $1} END {if (NR) print a[int((NR + 1) / 2)]}')

step "cold start, $runs runs of each, in turn…"
fresh_copies
cold start.true "$para" "$(type -P true)"
cold start.replykit "$para" "$rk" lint - --fail-on never -q
cold start.replykit-en "$para" "$rk" lint - --lang en --fail-on never -q
REPLYKIT_CACHE=off cold start.replykit-tone-off "$para" "${rk_vale[@]}" -
cold start.replykit-tone "$para" "${rk_vale[@]}" -
if [[ -n $vale_bin ]]; then
	cold start.vale "$para" "$vale_bin" --config "$tone_ini" --ext .md --output line --no-exit
else
	skip start.vale "$vale_missing"
fi
cold start.grep "$para" grep -F -w -i -f "$in/phrases.txt"
cold_runs

step "scaling with input size…"
for s in "${scale_list[@]}"; do
	measure "size-$s.replykit" 0 "$limit" "$rk" lint --lang en --fail-on never -q "$(single_file "$s")"
	measure "size-$s.tone" 0 "$limit" "${rk_vale[@]}" "$(single_file "$s")"
done

step "scaling with phrases…"
for n in "${phrase_list[@]}"; do
	measure "phrases-$n.replykit" 0 "$limit" "$rk" lint --vale-style "$in/style-$n" --disable all --enable vale --fail-on never -q "$phrase_input"
	if ((quick)); then
		skip "phrases-$n.vale" "skipped (--quick)"
		skip "phrases-$n.grep" "skipped (--quick)"
	else
		vale_or_skip "phrases-$n.vale" "$scale_limit" --config "$(vale_ini "$in/style-$n")" "$phrase_input"
		measure "phrases-$n.grep" "0 1" "$scale_limit" grep -F -w -i -f "$in/phrases-$n.txt" "$phrase_input"
	fi
done

# --- the tables --------------------------------------------------------------

mb() { awk -v b="$1" 'BEGIN {x = b / 1048576; printf(x < 10 ? "%.1f MB" : "%.0f MB", x)}'; }

# row LABEL KEY BYTES: one tool's figures, or why there are none.
row() {
	local label=$1 key=$2 bytes=$3
	if [[ ${state[$key]:-} != ok ]]; then
		printf '  %-28s %s\n' "$label" "${state[$key]:-not run}"
		return
	fi
	awk -v l="$label" -v w="${wall[$key]}" -v c="${cpu[$key]}" -v m="${rss[$key]}" -v b="$bytes" -v n="${lines[$key]}" '
	function secs(x) { return sprintf(x < 10 ? "%.2f s" : "%.1f s", x) }
	BEGIN {
		t = (w > 0) ? w : 0.01
		r = b / 1048576 / t
		printf "  %-28s %9s %9s %9s %10s %12d\n", l, secs(w), secs(c), sprintf("%.0f MB", m / 1024), \
			sprintf(r < 0.1 ? "%.2g" : (r < 10 ? "%.2f" : (r < 100 ? "%.1f" : "%.0f")), r) (w > 0 ? "" : "+"), n
	}'
}

# ratio LABEL A B: A's wall time, CPU time and peak RSS over B's.
ratio() {
	local label=$1 a=$2 b=$3
	if [[ ${state[$a]:-} != ok || ${state[$b]:-} != ok ]]; then
		printf '  %-28s %9s %9s %9s\n' "$label" - - -
		return
	fi
	awk -v l="$label" -v wa="${wall[$a]}" -v wb="${wall[$b]}" -v ca="${cpu[$a]}" -v cb="${cpu[$b]}" \
		-v ma="${rss[$a]}" -v mb="${rss[$b]}" '
	function q(x, y) { if (x == 0) x = 0.005; if (y == 0) y = 0.005; r = x / y; return sprintf(r < 0.01 ? "%.2g" : (r < 0.1 ? "%.3f" : (r < 10 ? "%.2f" : "%.0f")), r) }
	BEGIN { printf "  %-28s %9s %9s %9s\n", l, q(wa, wb), q(ca, cb), q(ma, mb) }'
}

# startrow LABEL KEY: the median wall time and the peak RSS of a cold start.
startrow() {
	local label=$1 key=$2
	if [[ ${state[$key]:-} != ok ]]; then
		printf '  %-28s %s\n' "$label" "${state[$key]:-not run}"
		return
	fi
	awk -v l="$label" -v t="${median[$key]}" -v m="${rss[$key]}" 'BEGIN {printf "  %-28s %9s %9s\n", l, sprintf("%.1f ms", t), sprintf("%.0f MB", m / 1024)}'
}

header() { printf '\n%s\n  %-28s %9s %9s %9s %10s %12s\n' "$1" "" wall CPU "peak RSS" "MB/s" "output lines"; }

cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
vale_version="not installed"
[[ -n $vale_bin ]] && vale_version=$("$vale_bin" --version 2>/dev/null | head -n 1)

echo
echo "replykit vs Vale vs grep -F -w -i, on the same drafts and the same rules"
echo "machine: $(nproc) cores${cpu_model:+, $cpu_model}; $(go env GOVERSION); replykit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); Vale: $vale_version; $(grep --version | head -n 1)"
echo "load average before the run: $load_before (other work on the machine slows every row)"
echo "Style: $tone_summary"
echo "MB are 2^20 bytes; CPU is user + sys; ratios are replykit ÷ the other (below 1: replykit is faster or smaller)."
if ((repeat > 1)); then
	echo "A row under 5 s shows the run of median wall time of $repeat (--repeat); slower rows ran once."
fi

lib_what="60% English" big_what="$size of English drafts"
[[ -z $library_in ]] || lib_what="held out, $library_in${other_files:+ (its .md, .txt, .html and .eml files, which replykit reads; $other_files other files left out for every tool)}"
[[ -z $single_in ]] || big_what="$size (held out), $(mb "$big_bytes")"
header "Library: $files files, $(mb "$lib_bytes"), $lib_what (replykit uses every core)"
row "replykit --vale-style" lib.replykit "$lib_bytes"
row "Vale" lib.vale "$lib_bytes"
row "grep -r" lib.grep "$lib_bytes"
row "reading the files only" lib.floor "$lib_bytes"
row "replykit's front end only" lib.front "$lib_bytes"
ratio "replykit/Vale" lib.replykit lib.vale
ratio "replykit/grep" lib.replykit lib.grep
ratio "reading only/Vale" lib.floor lib.vale
ratio "front end only/Vale" lib.front lib.vale

header "One file: $big_what"
row "replykit --vale-style" big.replykit "$big_bytes"
row "Vale" big.vale "$big_bytes"
row "grep" big.grep "$big_bytes"
row "reading the file only" big.floor "$big_bytes"
ratio "replykit/Vale" big.replykit big.vale
ratio "replykit/grep" big.replykit big.grep

header "replykit with every shipped pack"
row "library, --lang auto" packs.lib "$lib_bytes"
if ((small_files > 0)); then
	row "a tenth of it, $small_files files" packs.small "$(bytes_of "$in/library-small")"
fi
row "$size file, --lang en" packs.en "$big_bytes"
row "  front end only" packs.front "$big_bytes"
row "  simplest word loop" packs.words "$big_bytes"
row "$size file, --lang auto" packs.auto "$big_bytes"

printf '\nCold start: one-paragraph draft on standard input, median of %d runs of each, in turn (replykit and Vale from three fresh copies each)\n  %-28s %9s %9s\n' "$runs" "" wall "peak RSS"
startrow "true (starting a process)" start.true
startrow "replykit lint -" start.replykit
startrow "replykit lint - --lang en" start.replykit-en
startrow "lint --vale-style, converted" start.replykit-tone-off
startrow "lint --vale-style, cached" start.replykit-tone
startrow "vale" start.vale
startrow "grep" start.grep
if [[ ${state[start.replykit-tone]} == ok && ${state[start.vale]} == ok ]]; then
	awk -v a="${median[start.replykit-tone]}" -v b="${median[start.vale]}" -v ma="${rss[start.replykit-tone]}" -v mb="${rss[start.vale]}" \
		'BEGIN {printf "  %-28s %9.3f %9.2f\n", "replykit/Vale", a / b, ma / mb}'
fi

header "Scaling with input size: replykit, English drafts"
for s in "${scale_list[@]}"; do
	b=$(bytes_of "$(single_file "$s")")
	row "$s, --lang en" "size-$s.replykit" "$b"
	row "$s, --vale-style" "size-$s.tone" "$b"
done

phrase_bytes=$(bytes_of "$phrase_input")
header "Scaling with phrases: synthetic styles on $phrase_size of English drafts"
for n in "${phrase_list[@]}"; do
	row "$n phrases: replykit" "phrases-$n.replykit" "$phrase_bytes"
	row "$n phrases: Vale" "phrases-$n.vale" "$phrase_bytes"
	row "$n phrases: grep" "phrases-$n.grep" "$phrase_bytes"
done

# --- the targets of issue 6 ------------------------------------------------

# verdict OK: "met" or "not met".
verdict() { if (($1)); then printf 'met'; else printf 'NOT MET'; fi; }
# fig EXPR: an awk expression, printed.
fig() { awk "BEGIN {print $1}"; }
# is EXPR: 1 when the awk expression holds.
is() { awk "BEGIN {print ($1) ? 1 : 0}"; }
ok() { [[ ${state[$1]:-} == ok ]]; }

echo
echo "Targets (issue 6), from the rows above; per core is bytes over CPU time"
# untimed KEY: true when KEY took too little CPU for GNU time's 10 ms steps.
untimed() { (($(is "${cpu[$1]} == 0"))); }
# per_core_row KEY LABEL WHAT: KEY's MB/s per core on the one file, under the target.
per_core_row() {
	if ok "$1" && untimed "$1"; then
		printf '  %-36s under 0.01 s of CPU: too quick to time\n' "$2"
	elif ok "$1"; then
		printf '  %-36s %.0f MB/s per core (%s)\n' "$2" "$(fig "$big_bytes / 1048576 / ${cpu[$1]}")" "$3"
	fi
}
if ok packs.en && untimed packs.en; then
	printf '  %-36s under 0.01 s of CPU for %s: too quick to time; give a larger --size or --single\n' "every pack, one file, --lang en" "$(mb "$big_bytes")"
elif ok packs.en; then
	per_core=$(fig "$big_bytes / 1048576 / ${cpu[packs.en]}")
	printf '  %-36s %s MB/s per core (%s in %s s of CPU); target 150: %s\n' "every pack, one file, --lang en" \
		"$(printf '%.0f' "$per_core")" "$(mb "$big_bytes")" "${cpu[packs.en]}" "$(verdict "$(is "$per_core >= 150")")"
	[[ -z $pass_mbs ]] || printf '  %-36s %.0f MB/s per core (the scanner and the English phrase matcher, no rule evaluated)\n' \
		"  the matching pass alone" "$pass_mbs"
	per_core_row packs.front "  the front end alone" "read, segmented and scanned; no word looked up, no rule run"
	per_core_row packs.words "  the simplest word loop" "bench/floor -words: read, split into words, hash each, one look-up; no rule"
fi
if ok big.replykit && ok big.grep && [[ ! -s $in/phrases.txt ]]; then
	printf '  %-36s none: the style has no literal phrases, so grep looked for nothing\n' "same phrases as grep -F -w -i"
elif ok big.replykit && ok big.grep; then
	cpu_verdict="$(verdict "$(is "${cpu[big.replykit]} < ${cpu[big.grep]}")") in CPU time"
	if untimed big.replykit || untimed big.grep; then
		cpu_verdict="CPU under 0.01 s, too quick to compare; give a larger --single"
	fi
	printf '  %-36s wall %s s against %s s, CPU %s s against %s s; faster than grep: %s\n' "same phrases as grep -F -w -i" \
		"${wall[big.replykit]}" "${wall[big.grep]}" "${cpu[big.replykit]}" "${cpu[big.grep]}" \
		"$(verdict "$(is "${wall[big.replykit]} < ${wall[big.grep]}")") in wall time, $cpu_verdict"
	if [[ $tone_summary =~ [1-9][0-9]*\ patterns?\ left\ out ]]; then
		printf '  %-36s (grep runs the literal phrases alone: the patterns the Style line names are replykit'"'"'s only)\n' ""
	fi
fi
# over_vale KEY: Vale's wall time on the library over KEY's (a run under
# GNU time's 0.01 s counts as 0.005 s).
over_vale() { awk -v v="${wall[lib.vale]}" -v w="${wall[$1]}" 'BEGIN {if (w == 0) w = 0.005; print v / w}'; }
if ok lib.replykit && ok lib.vale; then
	times=$(over_vale lib.replykit)
	line=$(printf '%.0f× faster than Vale in wall time; target 100×: %s' "$times" "$(verdict "$(is "$times >= 100")")")
	if ok lib.floor; then
		line+=$(printf ' (reading the files alone is %.0f×' "$(over_vale lib.floor)")
		if ok lib.front; then
			line+=$(printf ', the front end alone %.0f×' "$(over_vale lib.front)")
		fi
		line+=')'
	fi
	printf '  %-36s %s\n' "library of $files files" "$line"
fi
if ok start.replykit; then
	printf '  %-36s %.2f ms, %.0f MB; targets 5 ms and 15 MiB: %s (a process that does nothing: %s ms; a binary whose pages are in memory: see bench/README.md, "Start-up")\n' "cold start, lint -" \
		"${median[start.replykit]}" "$(fig "${rss[start.replykit]} / 1024")" \
		"$(verdict "$(is "${median[start.replykit]} <= 5 && ${rss[start.replykit]} <= 15 * 1024")")" \
		"$(ok start.true && printf '%.1f' "${median[start.true]}" || echo '?')"
fi
if ok packs.small && ok packs.lib; then
	printf '  %-36s %.0f MB for %d files, %.0f MB for %d: %s\n' "memory, number of files" \
		"$(fig "${rss[packs.small]} / 1024")" "$small_files" "$(fig "${rss[packs.lib]} / 1024")" "$files" \
		"$(verdict "$(is "${rss[packs.lib]} <= 1.5 * ${rss[packs.small]}")") (flat: within half again)"
fi
sizes="" cpus="" peaks="" all_ok=1
for s in "${scale_list[@]}"; do
	ok "size-$s.replykit" || { all_ok=0; break; }
	b=$(bytes_of "$(single_file "$s")")
	sizes+="${sizes:+, }$s" peaks+="${peaks:+, }$(printf '%.0f' "$(fig "${rss[size-$s.replykit]} / 1024")")"
	cpus+="${cpus:+, }$(printf '%.1f' "$(fig "${cpu[size-$s.replykit]} * 1000 / ($b / 1048576)")")"
done
if ((all_ok)) && [[ -n $sizes ]]; then
	printf '  %-36s peak %s MB at %s (bounded); CPU %s ms a MB (linear when alike)\n' "size, --lang en" "$peaks" "$sizes" "$cpus"
fi
counts="" cpus="" all_ok=1
for n in "${phrase_list[@]}"; do
	ok "phrases-$n.replykit" || { all_ok=0; break; }
	counts+="${counts:+, }$n" cpus+="${cpus:+, }${cpu[phrases-$n.replykit]}"
done
if ((all_ok)) && [[ -n $counts ]]; then
	printf '  %-36s CPU %s s for %s phrases (no worse than linear when it grows slower than the phrases)\n' "phrases" "$cpus" "$counts"
fi

echo
echo "Agreement with Vale on the library, the same style (bench/valediff; places are line, column and rule)"
if [[ -z $vale_bin ]]; then
	printf '  %s\n' "$vale_missing"
elif grep -q '^converted rules:' "$logs/valediff.txt" 2>/dev/null; then
	sed -n 's/^converted rules: /  the rules replykit converts: /p; s/^rules replykit skips: /  the rules replykit skips: /p; s/^left out: /  left out: /p' "$logs/valediff.txt"
	echo "  (go run ./bench/valediff -list RULE STYLE DRAFTS shows the findings apart; the README says why they differ)"
else
	printf '  failed: %s\n' "$( (grep -m1 . "$logs/valediff.err" || echo "no message") | cut -c1-160)"
fi

if ((${#lognotes[@]})); then
	echo
	printf '%s\n' "${lognotes[@]}"
fi
