#!/usr/bin/env bash
# Side-by-side wall time of `./pprof4j -top` and `go tool pprof -top` on the same files: a small
# real Go heap profile (examples/go-heap.pb.gz) and a large generated one (>= 20 MB gzipped,
# 300 000 samples; bench/LargeProfile.java, seeded). Median of RUNS runs each (hyperfine),
# JVM start-up included. Prints a table; JSON details land in bench/results/.
#   bench/top-vs-go.sh [RUNS]        (default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs=${1:-5}
out="$root/bench/results"
mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)" >&2; exit 2; }
command -v go >/dev/null || { echo "go is not installed (apt-get install golang-go)" >&2; exit 2; }

"$root/pprof4j" -help >/dev/null   # builds on first use
large="$out/large.pb.gz"
if [ ! -f "$large" ]; then
  echo "generating $large ..." >&2
  java -cp "$root/pprof4j-cli/target/pprof4j.jar" "$root/bench/LargeProfile.java" "$large"
fi
small="$root/examples/go-heap.pb.gz"

# the outputs must agree before timing means anything
for f in "$small" "$large"; do
  if ! diff -q <("$root/pprof4j" -top "$f") <(go tool pprof -top "$f") >/dev/null; then
    echo "outputs differ on $f; not timing" >&2
    exit 1
  fi
done

printf '%-28s %10s %14s %14s %8s\n' profile size "pprof4j (s)" "go pprof (s)" ratio
for f in "$small" "$large"; do
  name=$(basename "$f")
  json="$out/top-vs-go-$name.json"
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$json" \
    "$root/pprof4j -top $f" "go tool pprof -top $f" >/dev/null 2>&1
  read -r ours theirs < <(python3 - "$json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(r[0]["median"], r[1]["median"])
PY
)
  size=$(du -h "$f" | cut -f1)
  printf '%-28s %10s %14.3f %14.3f %7.2fx\n' "$name" "$size" "$ours" "$theirs" "$(python3 -c "print($theirs/$ours)")"
done
echo "ratio = go time / pprof4j time (above 1: pprof4j is faster); $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
