#!/usr/bin/env bash
# Where alumni's build time goes, on the benchmark corpora (run
# `cargo bench --bench compare` first: it writes them under target/bench/).
#   callgrind on the 1,000-page build: exact instruction counts per function
#   perf (cpu-clock sampling) on the 10,000-page build, when perf can sample
#   strace -c on the 10,000-page build: time spent in system calls
# Needs Debian's valgrind, linux-perf and strace. Output: target/bench/profile/.
set -euo pipefail
cd "$(dirname "$0")/.."
alumni=target/release/alumni
work=target/bench
out=$work/profile
mkdir -p "$out"
cargo build --release --quiet
for n in 1000 10000; do
  [ -f "$work/corpus-$n/alumni/alumni.toml" ] || { echo "missing $work/corpus-$n: run cargo bench --bench compare first" >&2; exit 1; }
done

echo "== callgrind, 1,000 pages"
rm -rf "$out/site-1000"
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
  "$alumni" build "$work/corpus-1000/alumni" --output "$out/site-1000" --as-of 2026-06-01 2> "$out/callgrind.log"
callgrind_annotate --inclusive=yes "$out/callgrind.out" 2>/dev/null | head -60 > "$out/callgrind-inclusive.txt"
callgrind_annotate "$out/callgrind.out" 2>/dev/null | head -50 > "$out/callgrind-self.txt"
echo "   $out/callgrind-inclusive.txt, $out/callgrind-self.txt"

if perf record -e cpu-clock -o /dev/null -- true >/dev/null 2>&1; then
  echo "== perf (cpu-clock), 10,000 pages"
  rm -rf "$out/site-10000"
  perf record -e cpu-clock -F 999 -g -o "$out/perf.data" -- \
    "$alumni" build "$work/corpus-10000/alumni" --output "$out/site-10000" --as-of 2026-06-01 > /dev/null 2>&1
  perf report -i "$out/perf.data" --no-children --stdio --percent-limit 0.7 -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -60 > "$out/perf-self.txt"
  perf report -i "$out/perf.data" --children --stdio --percent-limit 3 -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -60 > "$out/perf-children.txt"
  echo "   $out/perf-self.txt, $out/perf-children.txt"
fi

if command -v strace >/dev/null; then
  echo "== strace -c, 10,000 pages"
  rm -rf "$out/site-10000"
  strace -f -c -o "$out/strace.txt" "$alumni" build "$work/corpus-10000/alumni" --output "$out/site-10000" --as-of 2026-06-01 > /dev/null
  echo "   $out/strace.txt"
fi
rm -rf "$out/site-1000" "$out/site-10000"
