#!/usr/bin/env bash
# What block/mutex profiling costs per contended acquisition: the CPU time a park pays for the
# hook (bench/contention/ContentionBench.java), with nothing, with pprof4j's contention sampler
# at the agent's defaults (blockprofilerate=10 ms, mutexprofilefraction=100, 20 holders a second),
# with pprof4j sampling every park (rate 1: the price of a stack), and with async-profiler 4.2's
# `lock` engine (lock=10ms, its own Unsafe.park hook). Rounds are interleaved; medians reported.
# Usage: [JAVA_HOME=...] bench/contention.sh [rounds]; run it by hand, under the bench lock:
#   flock /work/bench.lock nice -n -5 bench/contention.sh 7
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-7}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
CLASSES=pprof4j-runtime/target/classes
[ -f $CLASSES/dev/pprof4j/native/linux-x64/libpprof4j.so ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
ASPROF_JAR=$(ls ~/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
unzip -q -o "$ASPROF_JAR" linux-x64/libasyncProfiler.so -d "$WORK"
${JAVA_HOME:+$JAVA_HOME/bin/}javac -d "$WORK" bench/contention/ContentionBench.java
mkdir -p "$WORK/pprof4j" && cp -r $CLASSES/. pprof4j-profile/target/classes/. "$WORK/pprof4j/"
CP="$WORK:$WORK/pprof4j"

run() {
  case $1 in
    none) $JAVA -cp "$CP" ContentionBench park ;;
    pprof4j) $JAVA -cp "$CP" ContentionBench park pprof4j 10000000 100 20 ;;
    pprof4j-every) $JAVA -cp "$CP" ContentionBench park pprof4j 1 0 0 ;;
    async-profiler) $JAVA -agentpath:"$WORK/linux-x64/libasyncProfiler.so=start,event=lock,lock=10ms,file=$WORK/ap.jfr,jfr" \
        -cp "$CP" ContentionBench park ;;
  esac | awk '/^result/{print $3}'
}

CONFIGS="none pprof4j pprof4j-every async-profiler"
for round in $(seq "$ROUNDS"); do
  for c in $CONFIGS; do
    run $c >> "$WORK/$c.ns"
  done
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
base=$(median "$WORK/none.ns")
echo "$($JAVA -version 2>&1 | head -1); $ROUNDS interleaved rounds of 2 000 000 parks; $(uptime)"
printf "%-16s %12s %12s  %s\n" config ns_per_park added_ns "runs"
for c in $CONFIGS; do
  m=$(median "$WORK/$c.ns")
  printf "%-16s %12.1f %12.1f  %s\n" "$c" "$m" "$(echo "$m - $base" | bc -l)" "$(xargs printf '%.0f ' < "$WORK/$c.ns")"
done
