#!/usr/bin/env bash
# Which JVM flags make `./pprof4j -top` fastest: runs it on the small and the large profile
# of bench/top-vs-go.sh with each set of flags in turn (interleaved, ROUNDS rounds) and prints
# median wall and CPU (user + sys) seconds per set, and the ratio to the first set (the
# launcher as it is). Run BENCH_BUILD_ONLY=1 bench/top-vs-go.sh first.
#   flock /work/bench.lock nice -n 0 bench/top-jvm-flags.sh [ROUNDS]      (default 3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds=${1:-3}
large="$root/bench/results/large.pb.gz"
small="$root/examples/go-heap.pb.gz"
[[ -f "$large" ]] || { echo "$large is missing: run BENCH_BUILD_ONLY=1 bench/top-vs-go.sh first" >&2; exit 2; }
export PPROF4J_NO_BUILD=1
flag_sets=("" "-XX:+UseParallelGC" "-XX:+UseSerialGC" "-XX:TieredStopAtLevel=1" "-XX:+UseParallelGC -XX:TieredStopAtLevel=1")
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "uptime before: $(uptime)"
for f in "$small" "$large"; do
  for ((r = 1; r <= rounds; r++)); do
    for i in "${!flag_sets[@]}"; do
      PPROF4J_JAVA_OPTS="${flag_sets[$i]}" /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$root/pprof4j" -top "$f" > "$tmp/out"
      echo "$(basename "$f") $i $(cat "$tmp/t")" >> "$tmp/all"
    done
  done
done
echo "uptime after: $(uptime)"
python3 - "$tmp/all" "${flag_sets[@]}" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, i, wall, user, sys_ = line.split()
    rows[(name, int(i))].append((float(wall), float(user) + float(sys_)))
sets = sys.argv[2:]
print(f"{'profile':<16} {'flags':<46} {'wall s':>7} {'cpu s':>7} {'wall/anchor':>11}")
for name in dict.fromkeys(k[0] for k in rows):
    base = statistics.median(w for w, _ in rows[(name, 0)])
    for i, flags in enumerate(sets):
        w = statistics.median(x for x, _ in rows[(name, i)])
        c = statistics.median(x for _, x in rows[(name, i)])
        print(f"{name:<16} {flags or '(launcher default)':<46} {w:>7.2f} {c:>7.2f} {w / base:>10.2f}x")
PY
