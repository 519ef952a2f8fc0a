#!/usr/bin/env bash
# Side-by-side time of `./pprof4j -top F` and `go tool pprof -top F` on the same files: a small
# real Go heap profile (examples/go-heap.pb.gz) and a large generated one (25.8 MB gzipped,
# 300 000 samples, 8-56 frames; bench/LargeProfile.java, seeded). The two commands run
# interleaved (ours, go, ours, go, ...), JVM start-up included, and every run's output is
# compared with the other's: a timing of different reports would mean nothing. Prints each
# run, then medians of wall and CPU (user + sys) time and the ratio go / pprof4j.
#
#   bench/top-vs-go.sh [small|large|all] [ROUNDS]     (defaults: all, 5 rounds on the large
#                                                     profile; SMALL_ROUNDS=10 on the small one)
#
# On the shared machine, build and generate first (niced, no lock), then time under the lock:
#   BENCH_BUILD_ONLY=1 nice -n 19 bench/top-vs-go.sh
#   flock /work/bench.lock nice -n 0 bench/top-vs-go.sh large 2
# (go tool pprof 1.19 needs minutes per run on the large profile: keep ROUNDS small there.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
which=${1:-all}
rounds=${2:-5}
out="$root/bench/results"
mkdir -p "$out"
command -v go >/dev/null || { echo "go is not installed (apt-get install golang-go)" >&2; exit 2; }

large="$out/large.pb.gz"
small="$root/examples/go-heap.pb.gz"
if [[ "${BENCH_BUILD_ONLY:-}" == 1 ]]; then
  "$root/pprof4j" -help >/dev/null   # builds when the sources changed
  if [[ ! -f "$large" ]]; then
    echo "generating $large ..." >&2
    java -cp "$root/pprof4j-cli/target/pprof4j.jar" "$root/bench/LargeProfile.java" "$large"
  fi
  exit 0
fi
[[ -f "$large" ]] || { echo "$large is missing: run BENCH_BUILD_ONLY=1 $0 first" >&2; exit 2; }
export PPROF4J_NO_BUILD=1   # never build while timing

case "$which" in
  small) files=("$small") ;;
  large) files=("$large") ;;
  all) files=("$small" "$large") ;;
  *) echo "usage: $0 [small|large|all] [ROUNDS]" >&2; exit 2 ;;
esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "uptime before: $(uptime)"
summary=()
for f in "${files[@]}"; do
  name=$(basename "$f")
  : > "$tmp/ours.times"
  : > "$tmp/go.times"
  n=$rounds
  [[ "$f" == "$small" ]] && n=${SMALL_ROUNDS:-10}
  for ((r = 1; r <= n; r++)); do
    /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$root/pprof4j" -top "$f" > "$tmp/ours.txt"
    cat "$tmp/t" >> "$tmp/ours.times"
    /usr/bin/time -f "%e %U %S" -o "$tmp/t" go tool pprof -top "$f" > "$tmp/go.txt" 2>/dev/null
    cat "$tmp/t" >> "$tmp/go.times"
    if ! cmp -s "$tmp/ours.txt" "$tmp/go.txt"; then
      echo "outputs differ on $f:" >&2
      diff "$tmp/ours.txt" "$tmp/go.txt" | head -20 >&2
      exit 1
    fi
    printf '%-16s round %d: pprof4j %s s wall, go %s s wall (same output)\n' "$name" "$r" \
      "$(tail -1 "$tmp/ours.times" | cut -d' ' -f1)" "$(tail -1 "$tmp/go.times" | cut -d' ' -f1)"
  done
  summary+=("$(python3 - "$name" "$(du -h "$f" | cut -f1)" "$tmp/ours.times" "$tmp/go.times" <<'PY'
import statistics, sys
name, size, ours, go = sys.argv[1:]
def load(p):
    rows = [list(map(float, l.split())) for l in open(p) if l.strip()]
    return statistics.median(r[0] for r in rows), statistics.median(r[1] + r[2] for r in rows), len(rows)
ow, oc, n = load(ours)
gw, gc, _ = load(go)
print(f"{name:<16} {size:>6} {n:>4} {ow:>10.2f} {gw:>10.2f} {gw / ow:>7.2f}x {oc:>10.2f} {gc:>10.2f} {gc / oc:>7.2f}x")
PY
)")
done
echo "uptime after: $(uptime)"
echo
printf '%-16s %6s %4s %10s %10s %8s %10s %10s %8s\n' profile size runs "pprof4j s" "go s" "wall" \
  "pprof4j cpu" "go cpu" "cpu"
printf '%s\n' "${summary[@]}"
echo "medians; wall and cpu (user+sys) in seconds; ratio = go / pprof4j (above 1: pprof4j is faster);"
echo "$(nproc) cores, $(java -version 2>&1 | head -1), $(go version)"
