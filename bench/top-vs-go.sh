#!/usr/bin/env bash
# Side-by-side time and peak memory of `./pprof4j -top F` and `go tool pprof -top F` on the
# same files: a small real Go heap profile (examples/go-heap.pb.gz), a large generated one
# (25.8 MB gzipped, 300 000 samples, 8-56 frames; bench/LargeProfile.java, seeded), and
# profiles of many equal one-frame samples (bench/sample-bomb/SampleBomb.java: "bomb" is 50
# million, 300 MB inflated from 0.4 MB; "bomb5m" is 5 million). The two commands run
# interleaved (ours, go, ours, go, ...), JVM start-up included, and every run's output is
# compared with the other's: a timing of different reports would mean nothing. Prints each
# run, then medians of wall time, CPU (user + sys) time and peak RSS (/usr/bin/time's
# maximum resident set size) and the ratios pprof4j / go.
#
#   bench/top-vs-go.sh [small|large|bomb|all] [ROUNDS]   (defaults: all, 5 rounds on the large
#                                                     profile; SMALL_ROUNDS=10 on the small one)
#
# go tool pprof takes ~160 s and 21 GB for the 50 million samples: "bomb" runs Go on the
# 5 million-sample file instead (and pprof4j on both, so the same-size ratio is there and
# the outputs are compared); GO_BOMB=50m runs Go on the big one (once, with ROUNDS=1).
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
bomb="$out/bomb50m.pb.gz"
bomb5m="$out/bomb5m.pb.gz"
if [[ "${BENCH_BUILD_ONLY:-}" == 1 ]]; then
  "$root/pprof4j" -help >/dev/null   # builds when the sources changed
  if [[ ! -f "$large" ]]; then
    echo "generating $large ..." >&2
    java -cp "$root/pprof4j-cli/target/pprof4j.jar" "$root/bench/LargeProfile.java" "$large"
  fi
  [[ -f "$bomb" ]] || java "$root/bench/sample-bomb/SampleBomb.java" "$bomb" 300000000 1
  [[ -f "$bomb5m" ]] || java "$root/bench/sample-bomb/SampleBomb.java" "$bomb5m" 30000000 1
  exit 0
fi
[[ -f "$large" ]] || { echo "$large is missing: run BENCH_BUILD_ONLY=1 $0 first" >&2; exit 2; }
export PPROF4J_NO_BUILD=1   # never build while timing

case "$which" in
  small) files=("$small") ;;
  large) files=("$large") ;;
  bomb) files=("$bomb5m" "$bomb") ;;
  all) files=("$small" "$large" "$bomb5m" "$bomb") ;;
  *) echo "usage: $0 [small|large|bomb|all] [ROUNDS]" >&2; exit 2 ;;
esac
[[ " ${files[*]} " == *" $bomb "* && ! -f "$bomb" ]] && { echo "$bomb is missing: run BENCH_BUILD_ONLY=1 $0 first" >&2; exit 2; }

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
  # Go on the 50 million-sample file only when asked (GO_BOMB=50m); else on the 5 million one.
  gof=$f
  [[ "$f" == "$bomb" && "${GO_BOMB:-}" != 50m ]] && gof=$bomb5m
  [[ "$f" == "$bomb" && "${GO_BOMB:-}" == 50m ]] && n=1
  for ((r = 1; r <= n; r++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/t" "$root/pprof4j" -top "$f" > "$tmp/ours.txt"
    cat "$tmp/t" >> "$tmp/ours.times"
    if [[ "$gof" == "$f" || $r == 1 ]]; then # Go's run on the smaller file is the same every round
      /usr/bin/time -f "%e %U %S %M" -o "$tmp/t" go tool pprof -top "$gof" > "$tmp/go.txt" 2>/dev/null
      cat "$tmp/t" >> "$tmp/go.times"
    fi
    if [[ "$gof" == "$f" ]] && ! cmp -s "$tmp/ours.txt" "$tmp/go.txt"; then
      echo "outputs differ on $f:" >&2
      diff "$tmp/ours.txt" "$tmp/go.txt" | head -20 >&2
      exit 1
    fi
    same="same output"
    [[ "$gof" == "$f" ]] || same="go on $(basename "$gof")"
    printf '%-16s round %d: pprof4j %s s wall %s KB, go %s s wall %s KB (%s)\n' "$name" "$r" \
      "$(tail -1 "$tmp/ours.times" | cut -d' ' -f1)" "$(tail -1 "$tmp/ours.times" | cut -d' ' -f4)" \
      "$(tail -1 "$tmp/go.times" | cut -d' ' -f1)" "$(tail -1 "$tmp/go.times" | cut -d' ' -f4)" "$same"
  done
  gname=""
  [[ "$gof" == "$f" ]] || gname="(go: $(basename "$gof"))"
  summary+=("$(python3 - "$name" "$(du -h "$f" | cut -f1)" "$tmp/ours.times" "$tmp/go.times" "$gname" <<'PY'
import statistics, sys
name, size, ours, go, gname = sys.argv[1:]
def load(p):
    rows = [list(map(float, l.split())) for l in open(p) if l.strip()]
    return (statistics.median(r[0] for r in rows), statistics.median(r[1] + r[2] for r in rows),
            statistics.median(r[3] for r in rows) / 1024, len(rows))
ow, oc, om, n = load(ours)
gw, gc, gm, _ = load(go)
print(f"{name:<16} {size:>6} {n:>4} {ow:>9.2f} {gw:>9.2f} {ow / gw:>7.3f} {oc:>9.2f} {gc:>9.2f} {oc / gc:>7.3f}"
      f" {om:>8.0f} {gm:>8.0f} {om / gm:>7.3f} {gname}")
PY
)")
done
echo "uptime after: $(uptime)"
echo
printf '%-16s %6s %4s %9s %9s %7s %9s %9s %7s %8s %8s %7s\n' profile size runs "ours s" "go s" "wall" \
  "ours cpu" "go cpu" "cpu" "ours MB" "go MB" "rss"
printf '%s\n' "${summary[@]}"
echo "medians; wall and cpu (user+sys) in seconds, peak RSS in MB; ratio = pprof4j / go (below 1: pprof4j"
echo "is faster or smaller); $(nproc) cores, $(java -version 2>&1 | head -1), $(go version)"
