#!/usr/bin/env bash
# Flame graph of a 1 000 000-sample CPU profile (stacks mostly distinct): time to write the
# HTML with ./pprof4j -flame, the HTML's size, and the time headless Chromium takes to show
# it, as the page reports it (performance.now() at the end of the first draw: since
# navigation start, and the script alone). Median of RUNS page loads.
#
# The write is timed WRITE_RUNS times (median wall and CPU), interleaved with the same
# command run from ANCHOR_JAR when set (e.g. a pprof4j.jar built before a change).
#
# usage: [ANCHOR_JAR=old.jar] [WRITE_RUNS=3] bench/web/flame-1m.sh [SAMPLES] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
samples=${1:-1000000}
runs=${2:-5}
work="$root/target/bench-web"
mkdir -p "$work"
profile="$work/flame-$samples.pb.gz"
html="$work/flame-$samples.html"

[ -f "$root/pprof4j-cli/target/pprof4j.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
if [ ! -f "$profile" ]; then
  java -Xmx6g -cp "$root/pprof4j-profile/target/classes" "$root/bench/web/FlameProfileGen.java" "$profile" "$samples"
fi
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
write_runs=${WRITE_RUNS:-3}
ours_wall=(); ours_cpu=(); anchor_wall=(); anchor_cpu=()
for i in $(seq "$write_runs"); do
  PPROF4J_NO_BUILD=1 PPROF4J_JAVA_OPTS=-Xmx6g /usr/bin/time -o "$work/time.txt" -f "%e %U %S" \
    "$root/pprof4j" -flame -output "$html" "$profile" >/dev/null 2>&1
  read -r w u s < "$work/time.txt"; ours_wall+=("$w"); ours_cpu+=("$(echo "$u + $s" | bc)")
  if [ -n "${ANCHOR_JAR:-}" ]; then
    /usr/bin/time -o "$work/time.txt" -f "%e %U %S" java -Xmx6g -jar "$ANCHOR_JAR" -flame -output "$work/anchor.html" \
      "$profile" >/dev/null 2>&1
    read -r w u s < "$work/time.txt"; anchor_wall+=("$w"); anchor_cpu+=("$(echo "$u + $s" | bc)")
  fi
done
echo "| pprof4j -flame, 1M samples | median wall s | median CPU s (user+sys) | wall runs | CPU runs |"
echo "|---|---|---|---|---|"
echo "| this build | $(median "${ours_wall[@]}") | $(median "${ours_cpu[@]}") | ${ours_wall[*]} | ${ours_cpu[*]} |"
if [ -n "${ANCHOR_JAR:-}" ]; then
  echo "| anchor ($(basename "$ANCHOR_JAR")) | $(median "${anchor_wall[@]}") | $(median "${anchor_cpu[@]}") | ${anchor_wall[*]} | ${anchor_cpu[*]} |"
  cmp -s "$html" "$work/anchor.html" && echo "(both wrote the same HTML)" || echo "(the HTML files differ)"
fi
bytes=$(stat -c %s "$html")
frames=$(grep -o '"up":\[' "$html" >/dev/null && python3 -c "import json,re,sys;t=open('$html').read();d=json.loads(re.search(r'<script type=\"application/json\" id=\"flame-data\">(.*?)</script>',t,re.S).group(1));print(len(d['name']))")

nav=(); script=()
for i in $(seq "$runs"); do
  dir=$(mktemp -d)
  line=$(timeout 120 chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --no-first-run --user-data-dir="$dir" --window-size=1600,1000 \
      --dump-dom "file://$html" 2>/dev/null | grep -o 'data-render-ms="[0-9.]*" data-since-navigation-ms="[0-9.]*"')
  rm -rf "$dir"
  script+=("$(echo "$line" | sed 's/.*data-render-ms="\([0-9.]*\)".*/\1/')")
  nav+=("$(echo "$line" | sed 's/.*data-since-navigation-ms="\([0-9.]*\)".*/\1/')")
done
printf '| samples | frames drawn | HTML bytes | pprof4j -flame wall (s) | page shown, since navigation (ms, median of %d) | script only (ms) | all runs since navigation (ms) |\n' "$runs"
printf '|---|---|---|---|---|---|---|\n'
printf '| %s | %s | %s | %.1f | %s | %s | %s |\n' "$samples" "$frames" "$bytes" "$(median "${ours_wall[@]}")" \
  "$(median "${nav[@]}")" "$(median "${script[@]}")" "${nav[*]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
