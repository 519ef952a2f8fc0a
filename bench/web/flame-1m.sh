#!/usr/bin/env bash
# Flame graph of a 1 000 000-sample CPU profile (stacks mostly distinct): time to write the
# HTML with ./pprof4j -flame, the HTML's size, and the time headless Chromium takes to show
# it, as the page reports it (performance.now() at the end of the first draw: since
# navigation start, and the script alone). Median of RUNS page loads.
#
# usage: bench/web/flame-1m.sh [SAMPLES] [RUNS]
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
start=$(date +%s.%N)
PPROF4J_NO_BUILD=1 PPROF4J_JAVA_OPTS=-Xmx6g "$root/pprof4j" -flame -output "$html" "$profile" 2>/dev/null
end=$(date +%s.%N)
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
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '| samples | frames drawn | HTML bytes | pprof4j -flame (s) | page shown, since navigation (ms, median of %d) | script only (ms) | all runs since navigation (ms) |\n' "$runs"
printf '|---|---|---|---|---|---|---|\n'
printf '| %s | %s | %s | %.1f | %s | %s | %s |\n' "$samples" "$frames" "$bytes" "$(echo "$end - $start" | bc)" \
  "$(median "${nav[@]}")" "$(median "${script[@]}")" "${nav[*]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
