#!/usr/bin/env bash
# `pprof4j rec.jfr` before and after a change to the JFR reader, on one recording: the
# launcher of this tree against the launcher of BEFORE (a copy of the tree before the change,
# built with mvn -q -DskipTests package), each converting all four kinds of events to a
# profile (`pprof4j -proto -output out.pb.gz rec.jfr`), as users run it. Rounds interleaved,
# round 0 not counted (page cache, class-data archives); prints per build the medians of wall
# seconds, CPU seconds (user + sys) and peak RSS (MB), and after/before ratios.
# No RECORDING: one is made on JDK 17 with settings=profile (JfrWorkload, SECONDS s).
#
# usage: flock /work/bench.lock nice -n -5 bench/jfr-read-ab.sh BEFORE [ROUNDS] [RECORDING] [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
before=${1:?usage: bench/jfr-read-ab.sh BEFORE [ROUNDS] [RECORDING] [SECONDS]}
rounds=${2:-11}
recording=${3:-}
seconds=${4:-100}
work="$root/target/bench-jfr-read"
mkdir -p "$work"
if [ -z "$recording" ]; then
  recording="$work/workload-$seconds.jfr"
  [ -f "$recording" ] || /usr/lib/jvm/java-17-openjdk-amd64/bin/java -XX:StartFlightRecording=filename="$recording",settings=profile \
    -Xlog:jfr=warning "$root/pprof4j-cli/src/test/resources/dev/pprof4j/cli/input/JfrWorkload.java" "$seconds"
fi
export PPROF4J_NO_BUILD=1
times="$work/times.txt"
: >"$times"
echo "recording: $recording ($(du -h "$recording" | cut -f1)); $(java -version 2>&1 | head -1)"
echo "uptime before: $(uptime)"
for round in $(seq 0 "$rounds"); do
  for build in before after; do
    dir=$root
    [ "$build" = after ] || dir=$before
    /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "$dir/pprof4j" -proto -output "$work/$build.pb.gz" "$recording" \
      >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
    read -r wall user sys rss <"$work/time.txt"
    [ "$round" = 0 ] || echo "$build $wall $(echo "$user + $sys" | bc) $((rss / 1024))" >>"$times"
  done
done
echo "uptime after: $(uptime)"
cmp -s <(gzip -dc "$work/before.pb.gz") <(gzip -dc "$work/after.pb.gz") && echo "profiles: identical" \
  || echo "profiles: DIFFER"
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
printf '%-8s %10s %10s %10s\n' build wall_s cpu_s rss_mb
for build in before after; do
  for col in 2 3 4; do
    eval "m$col=$(awk -v b=$build -v c=$col '$1==b {print $c}' "$times" | median)"
  done
  printf '%-8s %10s %10s %10s\n' "$build" "$m2" "$m3" "$m4"
  eval "${build}_w=$m2 ${build}_c=$m3 ${build}_r=$m4"
done
printf '%-8s %10.3f %10.3f %10.3f\n' after/before "$(echo "$after_w / $before_w" | bc -l)" \
  "$(echo "$after_c / $before_c" | bc -l)" "$(echo "$after_r / $before_r" | bc -l)"
