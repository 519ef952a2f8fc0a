#!/usr/bin/env bash
# SUPERSEDED (docs/BENCHMARKS.md, "Heap sampler overhead"): AllocBench's workload makes G1's
# collections, not the sampler, decide each run's CPU; use bench/ab with bench/heap-sampler/AllocChurn.java.
# Overhead of pprof4j's heap sampler at Go's default rate (512 KiB) on an allocation-heavy
# workload, against the same JVM without a sampler and against async-profiler 4.2's `alloc`
# mode at the same interval. Runs are interleaved (none, pprof4j, async-profiler, ...) and
# each configuration's median is reported. Usage: [BYTES=N] [DEPTH=N] bench/heap-sampler-overhead.sh [rounds]
# BYTES allocated per measured run (default 1.5 GB); DEPTH frames below main where the
# allocations happen (default 1; real stacks are deep and the sampler walks them).
# On a shared machine with autogroup scheduling (/proc/sys/kernel/sched_autogroup_enabled = 1),
# `nice` only ranks processes within one session; give the benchmark its own session and
# weight, while holding the bench lock:
#   flock /work/bench.lock setsid bash -c 'echo -15 > /proc/self/autogroup; bench/heap-sampler-overhead.sh 7'

set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-9}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
CLASSES=${CLASSES:-pprof4j-runtime/target/classes}
[ -f $CLASSES/dev/pprof4j/native/linux-x64/libpprof4j.so ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
ASPROF_JAR=$(ls ~/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
unzip -q -o "$ASPROF_JAR" linux-x64/libasyncProfiler.so -d "$WORK"
javac -d "$WORK" bench/heap-sampler/AllocBench.java
# A private copy of the classes: a rebuild during the benchmark must not change what it measures.
mkdir -p "$WORK/pprof4j" && cp -r $CLASSES/. pprof4j-profile/target/classes/. "$WORK/pprof4j/"
# Pre-touched heap: on this VM first-touch page faults cost more system time than the sampler
# does, and how many a run takes varies with what the GC decides.
HEAP="-Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch -Dbench.bytes=${BYTES:-1500000000} -Dbench.depth=${DEPTH:-1}"

run() {
  case $1 in
    none) $JAVA $HEAP -cp "$WORK" AllocBench ;;
    pprof4j) $JAVA $HEAP -cp "$WORK:$WORK/pprof4j" AllocBench sampler ;;
    async-profiler) $JAVA $HEAP -agentpath:"$WORK/linux-x64/libasyncProfiler.so=start,event=alloc,alloc=512k,file=$WORK/ap.jfr,jfr" -cp "$WORK" AllocBench ;;
  esac | tee -a "$WORK/$1.out" | awk '/^ms /{print $2, $4}'
}

CONFIGS="none pprof4j async-profiler"
for round in $(seq "$ROUNDS"); do
  for c in $CONFIGS; do
    read -r wall cpu < <(run $c)
    echo "$wall" >> "$WORK/$c.ms"
    echo "$cpu" >> "$WORK/$c.cpu"
  done
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
base=$(median "$WORK/none.ms")
basecpu=$(median "$WORK/none.cpu")
echo "$($JAVA -version 2>&1 | head -1); $ROUNDS interleaved rounds, ${BYTES:-1500000000} bytes allocated per measured run at depth ${DEPTH:-1}; $(uptime)"
printf "%-16s %10s %7s %10s %7s  %s\n" config wall_ms ratio cpu_ms ratio "cpu runs"
for c in $CONFIGS; do
  m=$(median "$WORK/$c.ms"); u=$(median "$WORK/$c.cpu")
  printf "%-16s %10s %7.3f %10s %7.3f  %s\n" "$c" "$m" "$(echo "$m / $base" | bc -l)" "$u" \
    "$(echo "$u / $basecpu" | bc -l)" "$(tr '\n' ' ' < "$WORK/$c.cpu")"
done
# The sampler's own clock: time inside the SampledObjectAlloc callback per sample (whole run).
grep '^sampler' "$WORK/pprof4j.out" | sed -E 's/.*samples=([0-9]+).*callbackNanos=([0-9]+).*/\1 \2/' \
  | awk '{s+=$1; n+=$2} END {if (s) printf "pprof4j callback: %.2f us per sample (%d samples in %d runs)\n", n/s/1000, s, NR}'
