#!/usr/bin/env bash
# A/B of the decoder's CPU time: this tree's pprof4j-profile against another revision's, on the
# same profile, JVMs alternating (A, B, A, B, ...), each printing the median of its rounds.
#   bench/decode-ab/run.sh <git revision> <profile> [pairs] [rounds]
#   flock /work/bench.lock nice -n -5 bench/decode-ab/run.sh HEAD~1 bench/results/large.pb.gz 5 5
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rev=$1 profile=$2 pairs=${3:-5} rounds=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$root" archive "$rev" pprof4j-profile/src/main/java | tar -x -C "$work"
mkdir -p "$work/a" "$work/b"
javac -q -d "$work/a" $(find "$work/pprof4j-profile/src/main/java" -name '*.java') 2>/dev/null \
  || javac -d "$work/a" $(find "$work/pprof4j-profile/src/main/java" -name '*.java')
javac -d "$work/b" $(find "$root/pprof4j-profile/src/main/java" -name '*.java')
gzip -t "$profile" 2>/dev/null && gzip -dc "$profile" > "$work/profile.pb" || cp "$profile" "$work/profile.pb"
echo "uptime before: $(uptime)"
for ((i = 1; i <= pairs; i++)); do
  for side in a b; do
    java -Xmx2g -XX:+UseSerialGC -cp "$work/$side" "$root/bench/decode-ab/DecodeAb.java" "$work/profile.pb" "$rounds" \
      | sed "s/^/$side /" >> "$work/results"
  done
done
echo "uptime after: $(uptime)"
python3 - "$work/results" "$rev" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for mode in ("decode", "merging"):
    a = [float(r[2]) for r in rows if r[0] == "a" and r[1] == mode]
    b = [float(r[2]) for r in rows if r[0] == "b" and r[1] == mode]
    print(f"{mode:8s} {sys.argv[2]}: {statistics.median(a):8.1f} ms  this tree: {statistics.median(b):8.1f} ms"
          f"  ratio {statistics.median(b) / statistics.median(a):.3f}  (CPU ms, medians of {len(a)} JVMs)")
PY
