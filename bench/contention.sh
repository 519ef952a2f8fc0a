#!/usr/bin/env bash
# What block/mutex profiling costs per contended acquisition: the CPU time a park pays for the
# hook (bench/contention/ContentionBench.java), with nothing, with pprof4j's contention sampler
# at the agent's defaults (blockprofilerate=10 ms, mutexprofilefraction=100, 20 holders a second),
# with pprof4j sampling every park (rate 1: the price of a stack), and with async-profiler 4.2's
# `lock` engine (lock=10ms, its own Unsafe.park hook). Rounds are interleaved; medians reported.
# `contended` measures the same end to end (bench/contention/ContendedBench.java): 4 threads take
# one lock, yielding the CPU while they hold it, so that nearly every acquisition is contended
# whatever the machine's load (about 80 000 a second on a j.u.c. lock here); throughput and the
# process's CPU per acquisition without a profiler, with the pprof4j agent at its defaults, with
# only pprof4j's contention sampler (defaults) and with async-profiler's lock=10ms.
# `virtual` (JDK 21+): what virtual threads pay per unmount and mount (ContentionBench vyield, vpingpong).
# `attribution`: where the monitor side's cost goes, per contended monitor enter: ContendedBench on a
# monitor with the sampler at its defaults, async-profiler's CPU profile of the measured window alone,
# summed by contention/attribution.py into JVMTI's event posting, our two callbacks (holder lookup and
# sampled stacks apart) and the VM thread (not part of `all`).
# Usage: [JAVA_HOME=...] bench/contention.sh [rounds] [park|virtual|contended|attribution|all]; run it by hand, under the bench lock:
#   flock /work/bench.lock nice -n -5 bench/contention.sh 7 all
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-7}
WHAT=${2:-all}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
CLASSES=pprof4j-runtime/target/classes
[ -f $CLASSES/dev/pprof4j/native/linux-x64/libpprof4j.so ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
ASPROF_JAR=$(ls ~/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
unzip -q -o "$ASPROF_JAR" linux-x64/libasyncProfiler.so -d "$WORK"
${JAVA_HOME:+$JAVA_HOME/bin/}javac -d "$WORK" bench/contention/ContentionBench.java bench/contention/ContendedBench.java
mkdir -p "$WORK/pprof4j" && cp -r $CLASSES/. pprof4j-profile/target/classes/. "$WORK/pprof4j/"
cp pprof4j-runtime/target/pprof4j-agent.jar "$WORK/"
CP="$WORK:$WORK/pprof4j"

run() { # config [mode]
  local mode=${2:-park}
  case $1 in
    none) $JAVA -cp "$CP" ContentionBench $mode ;;
    pprof4j) $JAVA -cp "$CP" ContentionBench $mode pprof4j 10000000 100 20 ;;
    pprof4j-every) $JAVA -cp "$CP" ContentionBench $mode pprof4j 1 0 0 ;;
    async-profiler) $JAVA -agentpath:"$WORK/linux-x64/libasyncProfiler.so=start,event=lock,lock=10ms,file=$WORK/ap.jfr,jfr" \
        -cp "$CP" ContentionBench $mode ;;
  esac 2>/dev/null | awk '/^result/{print $3}'
}

median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

if [ "$WHAT" = park ] || [ "$WHAT" = all ]; then
CONFIGS="none pprof4j pprof4j-every async-profiler"
for round in $(seq "$ROUNDS"); do
  for c in $CONFIGS; do
    run $c >> "$WORK/$c.ns"
  done
done
base=$(median "$WORK/none.ns")
echo "$($JAVA -version 2>&1 | head -1); $ROUNDS interleaved rounds of 2 000 000 parks; $(uptime)"
printf "%-16s %12s %12s  %s\n" config ns_per_park added_ns "runs"
for c in $CONFIGS; do
  m=$(median "$WORK/$c.ns")
  printf "%-16s %12.1f %12.1f  %s\n" "$c" "$m" "$(echo "$m - $base" | bc -l)" "$(xargs printf '%.0f ' < "$WORK/$c.ns")"
done
fi

# Virtual threads (JDK 21+): an unmount and mount that is no park (Thread.yield: what a virtual
# thread that never contends pays), and a park that unmounts (a hand-off between two virtual threads).
FEATURE=$($JAVA -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
if { [ "$WHAT" = virtual ] || [ "$WHAT" = all ]; } && [ "${FEATURE%%.*}" -ge 21 ]; then
CONFIGS="none pprof4j async-profiler"
for round in $(seq "$ROUNDS"); do
  for mode in vyield vpingpong; do
    for c in $CONFIGS; do
      run $c $mode >> "$WORK/$mode-$c.ns"
    done
  done
done
echo "$($JAVA -version 2>&1 | head -1); $ROUNDS interleaved rounds; process CPU per operation; $(uptime)"
printf "%-10s %-16s %12s %12s  %s\n" mode config ns_per_op added_ns "runs"
for mode in vyield vpingpong; do
  base=$(median "$WORK/$mode-none.ns")
  for c in $CONFIGS; do
    m=$(median "$WORK/$mode-$c.ns")
    printf "%-10s %-16s %12.1f %12.1f  %s\n" $mode "$c" "$m" "$(echo "$m - $base" | bc -l)" "$(xargs printf '%.0f ' < "$WORK/$mode-$c.ns")"
  done
done
fi

AGENT=$WORK/pprof4j-agent.jar
contended() { # kind config -> "ops_per_s contended_per_s cpu_ns_per_op"
  local args=("$1" 5 100 100)
  case $2 in
    none) $JAVA -cp "$WORK" ContendedBench "${args[@]}" ;;
    pprof4j-agent) $JAVA -javaagent:$AGENT=port=0 -cp "$WORK" ContendedBench "${args[@]}" ;;
    pprof4j-sampler) $JAVA -cp "$CP" ContendedBench "${args[@]}" pprof4j ;;
    async-profiler) $JAVA -agentpath:"$WORK/linux-x64/libasyncProfiler.so=start,event=lock,lock=10ms,file=$WORK/ap.jfr,jfr" \
        -cp "$WORK" ContendedBench "${args[@]}" ;;
  esac 2>/dev/null | awk '/^result/{print $4, $6, $8}'
}

if [ "$WHAT" = contended ] || [ "$WHAT" = all ]; then
CONFIGS="none pprof4j-agent pprof4j-sampler async-profiler"
for round in $(seq "$ROUNDS"); do
  for kind in juc monitor; do
    for c in $CONFIGS; do
      contended $kind $c >> "$WORK/$kind-$c.e2e"
    done
  done
done
echo "$($JAVA -version 2>&1 | head -1); $ROUNDS interleaved rounds of 5 s windows, 4 threads on one lock; $(uptime)"
printf "%-8s %-16s %12s %14s %12s %10s %10s\n" lock config ops_per_s contended_per_s cpu_ns_per_op throughput cpu_per_op
for kind in juc monitor; do
  for c in $CONFIGS; do
    f="$WORK/$kind-$c.e2e"
    awk '{print $1}' "$f" > "$f.ops"; awk '{print $2}' "$f" > "$f.con"; awk '{print $3}' "$f" > "$f.cpu"
    ops=$(median "$f.ops"); con=$(median "$f.con"); cpu=$(median "$f.cpu")
    bops=$(median "$WORK/$kind-none.e2e.ops"); bcpu=$(median "$WORK/$kind-none.e2e.cpu")
    printf "%-8s %-16s %12.0f %14.0f %12.1f %+9.1f%% %+9.1f%%\n" "$kind" "$c" "$ops" "$con" "$cpu" \
      "$(echo "100 * ($ops / $bops - 1)" | bc -l)" "$(echo "100 * ($cpu / $bcpu - 1)" | bc -l)"
  done
done
fi

if [ "$WHAT" = attribution ]; then
mkdir -p "$WORK/attribution"
for round in $(seq "$ROUNDS"); do
  $JAVA -Dprofile="$WORK/attribution/$round.collapsed" -Dasprof="$WORK/linux-x64/libasyncProfiler.so" \
      -cp "$CP:$ASPROF_JAR" ContendedBench monitor 5 100 100 pprof4j > "$WORK/attribution/$round.out" 2>/dev/null
done
echo "$($JAVA -version 2>&1 | head -1); $ROUNDS rounds of a 5 s window, 4 threads on one monitor, sampler at its defaults; $(uptime)"
python3 bench/contention/attribution.py "$WORK/attribution"
fi
