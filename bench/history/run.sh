#!/usr/bin/env bash
# Benchmarks of the agent's snapshot history (not tests). Prints tables for docs/BENCHMARKS.md.
#   ring:  the ring's memory with 60 snapshots of a service with 10 000 threads and a 1 GB
#          heap, measured inside one JVM (bench/history/HistoryRing.java): the exact retained
#          size of the SnapshotHistory from a heap dump (pprof4j-testkit's RetainedSize), and
#          heap used after full GCs with the ring minus after dropping it; beside them the
#          agent's own estimate (/debug/vars history.Bytes) and the cost of one tick (its
#          wall time, and the CPU of the history thread, the VM Thread and the process). The
#          tick cost needs the bench lock; memory does not. One run takes 2-4 minutes.
# The history's idle cost (on against off) is measured by bench/runtime/agent-threads.sh
# (MODES="port=0,history=0 port=0 port=0,history=1s").
# Usage: flock /work/bench.lock nice -n -5 bench/history/run.sh [ring]
# Env: AGENT (default the built agent jar), JAVA_HOME picks the JDK, RUNS (1), CPU_TICKS (20),
#      THREADS (10000), HEAP_MB (1024) for a quick try.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
AGENT=${AGENT:-"$root/pprof4j-runtime/target/pprof4j-agent.jar"}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
[ -f "$AGENT" ] || { echo "bench: $AGENT missing; run mvn -DskipTests package first" >&2; exit 2; }
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
javac --release 17 -cp "$AGENT" -d "$work" "$root/bench/history/HistoryRing.java" \
  "$root"/pprof4j-testkit/src/main/java/dev/pprof4j/testkit/{HeapDump,LongLongTable,RetainedSize}.java
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b/1048576}'; }

ring_run() { # one JVM, everything measured inside it; prints one table row, keeps the breakdown
  "$JAVA" -Xms3g -Xmx3g -Xss256k -Xlog:safepoint=info:file="$work/safepoint.log" -cp "$work:$AGENT" HistoryRing "${THREADS:-10000}" "${HEAP_MB:-1024}" "history=1s,historysize=60" \
    "${CPU_TICKS:-20}" "$work/ring.hprof" > "$work/ring.log" 2>&1 &
  pids+=($!)
  wait "${pids[-1]}" || { echo "bench: ring run failed: $(tail -5 "$work/ring.log")" >&2; exit 1; }
  unset 'pids[-1]'
  "$JAVA" -Xmx4g -cp "$work" dev.pprof4j.testkit.RetainedSize "$work/ring.hprof" \
    dev.pprof4j.runtime.collect.history.SnapshotHistory 14 > "$work/retained.log"
  rm -f "$work/ring.hprof"
  awk -v run="$1" '
    function kb(b) { return sprintf("%.1f", b / 1024) }
    function ms(n, t) { return sprintf("%.1f", n / t / 1e6) }
    { for (i = 1; i < NF; i += 2) v[$i] = $(i + 1) }
    /^retained_by/ { exact = $8 }
    /\[safepoint\]/ { # [12.345s][info][safepoint] Safepoint "ThreadDump", ..., Total: N ns (JDK 25: then ", Threads: ...")
      at = substr($1, 2) * 1000; total = match($0, /Total: [0-9]+ ns/) ? substr($0, RSTART + 7, RLENGTH - 10) + 0 : 0
      if (at >= w[1] && at <= w[2]) { stopped += total
        if (total > longest) { longest = total; longestOp = match($0, /Safepoint "[^"]*"/) ? substr($0, RSTART + 11, RLENGTH - 12) : "?" }
        if ($0 ~ /"ThreadDump"/ && total > longestDump) longestDump = total
        if ($0 ~ /"ThreadDump"/) { dumps++; dumpStopped += total } }
    }
    /^cpu_ticks/ { for (i = 1; i < NF; i++) if ($i == "window_uptime_ms") split($(i + 1), w, ",") }
    END {
      t = v["cpu_ticks"]
      printf "| %s | %s | %s | %s | %s | %s | %.2f | %.0f | %s | %s | %s | %s | %s | %s (%d) | %.1f (%s); in ThreadDump %.1f |\n", run, v["threads"],
        v["held"], kb(exact), kb(v["ring"]), kb(v["estimate"]), v["estimate"] / exact, v["last_tick_ns_median"] / 1e6,
        ms(v["history_cpu_ns"], t), ms(v["vm_thread_cpu_ns"], t), ms(v["process_cpu_ns"], t), t,
        ms(stopped, t), ms(dumpStopped, t), dumps, longest / 1e6, longestOp, longestDump / 1e6
    }' "$work/ring.log" "$work/retained.log" "$work/safepoint.log"
}

ring() {
  local runs=${RUNS:-1}
  echo "## history ring, JDK $feature: 60 snapshots, 10 000 threads (50 stacks), 1 GB retained, one JVM a run"
  echo
  echo "| run | threads | held | exact retained KiB | used A−B KiB | estimate KiB | estimate/exact | tick ms (median) | history thread CPU ms/tick | VM Thread CPU ms/tick | process CPU ms/tick | ticks | stopped ms/tick (all safepoints) | stopped ms/tick in ThreadDump (count) | longest stop ms (operation) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for r in $(seq 1 "$runs"); do
    ring_run "$r"
  done
  echo
  echo "heap used after 2 full GCs, 3 reads each, with the ring (A) and after dropping it (B), last run:"
  grep used_before "$work/ring.log"
  echo "what the SnapshotHistory retains, last run (bytes, objects, class):"
  cat "$work/retained.log"
  echo
}

case "${1:-ring}" in
  ring) ring ;;
  *) echo "usage: $0 [ring]" >&2; exit 2 ;;
esac
