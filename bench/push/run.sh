#!/usr/bin/env bash
# What pushing to Pyroscope costs the process (docs/BENCHMARKS.md, "How much does a push cost?"):
# the same busy service (PushCost.java: request threads through deep handler chains, hundreds
# of allocation sites, contended locks, idle threads) with the agent not pushing, pushing
# every 15 s and, with CONFIGS="no-push push-15s push-1s", every 1 s (to magnify), to a
# loopback receiver that discards what it gets (Sink.java). With OLD_AGENT=path/to/agent.jar
# the configuration push-15s-old pushes every 15 s with that build, interleaved with the rest,
# for a side-by-side. Runs are interleaved; per configuration it prints the medians of the
# process's CPU, of the pprof4j-push thread's own CPU per window and as a share of the
# process (in the run's second half, after the pusher's code is compiled), of the cores the
# service used, of what that thread allocated, and of the heap in use after a full GC; then
# the push thread's CPU per window by phase (the agent's push.CpuNs.* in /debug/vars).
# Pushing also keeps the CPU engine sampling all the time (10 ms), which the process CPU
# column includes and the thread column does not.
# The service's size: LOAD="threads handlers idle" (default "8 24 40"; fewer request threads
# use fewer cores, more handlers make more distinct stacks), e.g. LOAD="2 24 40" for a small one.
# Usage (build first: mvn -q -DskipTests package):
#   flock /work/bench.lock nice -n -5 bench/push/run.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-60}
LOAD=${LOAD:-"8 24 40"}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
AGENT=pprof4j-runtime/target/pprof4j-agent.jar
[ -f $AGENT ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
WORK=$(mktemp -d)
cp $AGENT "$WORK/agent.jar" # a rebuild during the benchmark must not change what it measures
CONFIGS=${CONFIGS:-"no-push push-15s"}
if [ -n "${OLD_AGENT:-}" ]; then
  cp "$OLD_AGENT" "$WORK/old-agent.jar"
  CONFIGS="$CONFIGS push-15s-old"
fi
${JAVA_HOME:+$JAVA_HOME/bin/}javac -d "$WORK" bench/push/PushCost.java bench/push/Sink.java
PORT=$((20000 + RANDOM % 20000))
$JAVA -cp "$WORK" Sink $PORT & SINK=$!
trap 'kill $SINK; rm -rf "$WORK"' EXIT
HEAP="-Xms256m -Xmx256m -XX:+UseG1GC"
declare -A OPTIONS=(
  [no-push]="port=0"
  [push-15s]="port=0,pyroscope=http://127.0.0.1:$PORT,app=bench,pushinterval=15s"
  [push-15s-old]="port=0,pyroscope=http://127.0.0.1:$PORT,app=bench,pushinterval=15s"
  [push-1s]="port=0,pyroscope=http://127.0.0.1:$PORT,app=bench,pushinterval=1s"
)
declare -A WINDOW_SECONDS=([no-push]=0 [push-15s]=15 [push-15s-old]=15 [push-1s]=1)
for round in $(seq "$ROUNDS"); do
  for c in $CONFIGS; do
    jar=$([ "$c" = push-15s-old ] && echo old-agent.jar || echo agent.jar)
    # shellcheck disable=SC2086 # LOAD is three words on purpose
    $JAVA $HEAP -javaagent:"$WORK/$jar=${OPTIONS[$c]}" -cp "$WORK" PushCost "$SECONDS_PER_RUN" $LOAD 2>/dev/null \
      > "$WORK/out"
    sed -nE 's/^result process_cpu_ms=([0-9]+) push_cpu_ms=([0-9]+) push_alloc_mb=([0-9.]+) heap_after_gc_mb=([0-9.]+) second_half_process_cpu_ms=([0-9]+) second_half_push_cpu_ms=([0-9]+)/\1 \2 \3 \4 \5 \6/p' \
      "$WORK/out" >> "$WORK/$c.txt"
    sed -nE 's/^phases ?//p' "$WORK/out" | tr ' ' '\n' | grep = >> "$WORK/$c.phases" || true
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -v c=$2 '{print $c}' "$WORK/$1.txt" | median; }
base=$([ -s "$WORK/no-push.txt" ] && col no-push 1 || echo 0)
echo "$($JAVA -version 2>&1 | head -1); LOAD=\"$LOAD\"; $ROUNDS interleaved rounds of $SECONDS_PER_RUN s; $(uptime)"
printf "%-12s %14s %10s %16s %19s %11s %13s %16s\n" config process_cpu_ms vs_no_push push_ms_per_window \
  push_share_%_steady cores_used push_alloc_mb heap_after_gc_mb
for c in $CONFIGS; do
  p=$(col $c 1); hp=$(col $c 5); ht=$(col $c 6); w=${WINDOW_SECONDS[$c]}
  per_window=$([ "$w" = 0 ] && echo 0 || echo "$ht / ($SECONDS_PER_RUN / 2 / $w)" | bc -l)
  printf "%-12s %14s %10.3f %16.1f %19.3f %11.2f %13s %16s\n" "$c" "$p" "$([ "$base" = 0 ] && echo 0 || echo "$p / $base" | bc -l)" "$per_window" \
    "$(echo "100 * $ht / $hp" | bc -l)" "$(echo "$hp / ($SECONDS_PER_RUN * 500)" | bc -l)" "$(col $c 3)" "$(col $c 4)"
done
for c in $CONFIGS; do
  [ -s "$WORK/$c.phases" ] || continue
  windows=$(echo "$SECONDS_PER_RUN / 2 / ${WINDOW_SECONDS[$c]}" | bc -l)
  echo "$c: push thread ms per window by phase (medians, run's second half)"
  for phase in $(cut -d= -f1 "$WORK/$c.phases" | awk '!seen[$0]++'); do
    printf "  %-12s %8.2f\n" "$phase" "$(grep "^$phase=" "$WORK/$c.phases" | cut -d= -f2 | median | awk -v w="$windows" '{print $1 / 1000 / w}')"
  done
done
