#!/usr/bin/env bash
# What reading one push window's CPU slice costs (docs/BENCHMARKS.md, "How much does a push
# cost?"): PushCost.java runs 15 s under async-profiler (the agent's own copy, 10 ms CPU
# samples, JFR output: what one window's slice holds), then JfrReadCost.java reads that
# recording with the JDK's JFR parser and with pprof4j's reader, to a finished profile each,
# and prints the medians of the reading thread's CPU and allocation.
# Usage (build first: mvn -q -DskipTests package):
#   flock /work/bench.lock nice -n -5 bench/push/read-cost.sh [rounds]
# RECORDING=file reads that recording instead of making one, and SAVE=file keeps the one
# made: so two builds (a copy of the tree before a change, and after) read the same slice.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-30}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
CLASSES=pprof4j-runtime/target/classes:pprof4j-profile/target/classes:pprof4j-protocol/target/classes
[ -d pprof4j-runtime/target/classes ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && unzip -q -o "$OLDPWD/pprof4j-runtime/target/classes/dev/pprof4j/runtime/collect/cpu/async-profiler.jar" 'linux-x64/*')
${JAVA_HOME:+$JAVA_HOME/bin/}javac -d "$WORK" bench/push/PushCost.java
${JAVA_HOME:+$JAVA_HOME/bin/}javac -cp "$CLASSES" -d "$WORK" bench/push/JfrReadCost.java
EVENT=${EVENT:-cpu}
if [ -n "${RECORDING:-}" ]; then
  cp "$RECORDING" "$WORK/window.jfr"
else
$JAVA -agentpath:"$WORK/linux-x64/libasyncProfiler.so=start,event=$EVENT,interval=10ms,jfr,file=$WORK/window.jfr" \
  -cp "$WORK" PushCost 15 > /dev/null 2>&1 || true
fi
[ -s "$WORK/window.jfr" ] || { echo "async-profiler wrote no recording (perf_events refused? try EVENT=itimer)" >&2; exit 1; }
[ -z "${SAVE:-}" ] || cp "$WORK/window.jfr" "$SAVE"
echo "$($JAVA -version 2>&1 | head -1); $(uptime)"
$JAVA -cp "$WORK:$CLASSES" dev.pprof4j.runtime.collect.cpu.JfrReadCost "$WORK/window.jfr" "$ROUNDS"
