#!/usr/bin/env bash
# Benchmarks of the agent's snapshot history (not tests). Prints tables for docs/BENCHMARKS.md.
#   ring:  the ring's memory with 60 snapshots of a service with 10 000 threads and a 1 GB
#          heap: heap used after a full GC with history=1s,historysize=60 minus the same with
#          history=0 (the anchor) and with historysize=2 (what the history costs besides its
#          ring: the MBeans and tables it loads once), interleaved runs, median; beside it the
#          agent's own estimate (/debug/vars history.Bytes) and the cost of one tick. Memory,
#          not time: this part needs no quiet machine.
#   idle:  the agent's idle cost with history on (default 1m, and 1s) against off, on
#          bench/runtime/Throughput.java, interleaved runs, median ops/s.
# Usage: flock /work/bench.lock nice -n 0 bench/history/run.sh [ring|idle|all]
# Env: AGENT (default the built agent jar), JAVA (default java), RUNS (3 ring, 5 idle), SECONDS_PER_RUN (10).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA=${JAVA:-java}
AGENT=${AGENT:-"$root/pprof4j-runtime/target/pprof4j-agent.jar"}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
[ -f "$AGENT" ] || { echo "bench: $AGENT missing; run mvn -DskipTests package first" >&2; exit 2; }
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
javac --release 17 -d "$work" "$root/bench/history/HistoryRing.java" "$root/bench/runtime/Throughput.java"
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b/1048576}'; }

ring_run() { # history options, snapshots to wait for; appends "used estimate tick" to $work/ring-$3
  "$JAVA" -Xms3g -Xmx3g -Xss256k -javaagent:"$AGENT"=port=0,"$1" -cp "$work" HistoryRing 10000 1024 "$2" \
    > "$work/ring.log" 2>&1 &
  pids+=($!)
  wait "${pids[-1]}" || { echo "bench: ring run failed: $(tail -5 "$work/ring.log")" >&2; exit 1; }
  unset 'pids[-1]'
  awk '/used_after_gc/ {print $2, $4, $8, $10}' "$work/ring.log" >> "$work/ring-$3"
}

ring() {
  local runs=${RUNS:-3}
  : > "$work/ring-off"; : > "$work/ring-on"; : > "$work/ring-small"
  for _ in $(seq 1 "$runs"); do
    ring_run "history=0" 0 off
    ring_run "history=1s,historysize=2" 2 small
    ring_run "history=1s,historysize=60" 60 on
  done
  local off small on est tick skipped
  off=$(awk '{print $1}' "$work/ring-off" | median)
  small=$(awk '{print $1}' "$work/ring-small" | median)
  on=$(awk '{print $1}' "$work/ring-on" | median)
  est=$(awk '{print $2}' "$work/ring-on" | median)
  tick=$(awk '{print $3}' "$work/ring-on" | median)
  skipped=$(awk '{print $4}' "$work/ring-on" | median)
  echo "## history ring memory, JDK $feature: 60 snapshots, 10 000 threads (50 stacks), 1 GB retained ($runs interleaved runs, median)"
  echo
  echo "| | heap used after full GC | runs |"
  echo "|---|---|---|"
  echo "| history=0 (anchor) | $(mb "$off") | $(awk '{printf "%.1f ", $1/1048576}' "$work/ring-off")|"
  echo "| history=1s,historysize=2 | $(mb "$small") | $(awk '{printf "%.1f ", $1/1048576}' "$work/ring-small")|"
  echo "| history=1s,historysize=60 | $(mb "$on") | $(awk '{printf "%.1f ", $1/1048576}' "$work/ring-on")|"
  echo "| history on − off | $(mb $(( on - off ))) | ratio on/off $(awk -v a="$on" -v b="$off" 'BEGIN {printf "%.4f", a/b}') |"
  echo "| **ring: 60 − 2 snapshots** | **$(mb $(( on - small )))** | |"
  echo "| agent's estimate (/debug/vars history.Bytes) | $(mb "$est") | $(awk '{printf "%.1f ", $2/1048576}' "$work/ring-on")|"
  echo "| one tick (10 000 threads), last_tick_ns | $(awk -v t="$tick" 'BEGIN {printf "%.0f ms", t/1e6}') | skipped ticks (median): $skipped |"
  echo
}

idle_run() { # agent history option; prints ops/s
  "$JAVA" -javaagent:"$AGENT"=port=0,"$1" -cp "$work" Throughput "$SECONDS_PER_RUN" > "$work/tp.log" 2>&1 &
  pids+=($!)
  wait "${pids[-1]}" || true
  unset 'pids[-1]'
  awk '/ops_per_sec/ {print $2}' "$work/tp.log"
}

idle() {
  local runs=${RUNS:-5}
  : > "$work/off"; : > "$work/1m"; : > "$work/1s"
  for _ in $(seq 1 "$runs"); do
    idle_run "history=0" >> "$work/off"
    idle_run "history=1m" >> "$work/1m"
    idle_run "history=1s" >> "$work/1s"
  done
  local base; base=$(median < "$work/off")
  echo "## agent idle cost with history, JDK $feature ($runs interleaved runs of ${SECONDS_PER_RUN}s, median ops/s)"
  echo
  echo "| agent option | median ops/s | runs | vs history=0 |"
  echo "|---|---|---|---|"
  for mode in off 1m 1s; do
    local m; m=$(median < "$work/$mode")
    local label; label=$([ "$mode" = off ] && echo "history=0 (anchor)" || echo "history=$mode")
    echo "| $label | $m | $(paste -sd' ' "$work/$mode") | $(awk -v a="$m" -v b="$base" 'BEGIN {printf "%.3f (%+.1f %%)", a/b, (a/b-1)*100}') |"
  done
  echo
}

case "${1:-all}" in
  ring) ring ;;
  idle) idle ;;
  all) ring; idle ;;
  *) echo "usage: $0 [ring|idle|all]" >&2; exit 2 ;;
esac
